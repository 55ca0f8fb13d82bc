"""The section editor's banner says, in words, that the section shown is confidential (and why) or withheld
with the section above it, and follows the mark as it is made, taken back and undone."""

from __future__ import annotations

from tests.ui.conftest import COORDINATOR
from tests.ui.test_confidential import REASON, add_subsections, reason_given  # noqa: F401 (a fixture)


def banner_lines(window) -> list[str]:
    return window.editor.banner.text().splitlines()


def test_the_banner_says_a_section_is_confidential_and_why_and_follows_the_mark(sample_window, reason_given):  # noqa: F811
    window = sample_window(COORDINATOR)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    assert not any("onfidential" in line for line in banner_lines(window))
    window.app_actions.mark_confidential.trigger()
    assert f"Confidential: {REASON}. The public copy of the response withholds it." in banner_lines(window)
    window.app_actions.mark_public.trigger()
    assert not any("onfidential" in line for line in banner_lines(window))
    window.editing.undo()
    assert f"Confidential: {REASON}. The public copy of the response withholds it." in banner_lines(window)


def test_the_banner_of_a_sub_section_says_it_is_withheld_with_its_section(sample_window, reason_given):  # noqa: F811
    window = sample_window(COORDINATOR)
    first, = add_subsections(window, "4", 1)
    section = window.document.project.find_section("4")
    window.select_section(section.id)
    window.app_actions.mark_confidential.trigger()
    window.select_section(first)
    assert (f"Withheld with section 4 (confidential: {REASON}). The public copy of the response withholds it."
            in banner_lines(window))
    window.select_section(section.id)
    window.app_actions.mark_public.trigger()
    window.select_section(first)
    assert not any("ithheld" in line for line in banner_lines(window))
