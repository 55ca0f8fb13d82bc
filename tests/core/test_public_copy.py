"""core.public_copy: the withheld notice's wording, and the warning that a confidential section's text is
quoted in a section the public copy prints."""

from __future__ import annotations

from tests.factories import COORDINATOR, T0
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.content import ListItem, Paragraph, Table, plain
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.public_copy import (public_copy_warnings, quoted_elsewhere, withheld_label,
                                          withheld_notice)

SECRET = "The depot lease runs for five years at a rent we agreed in confidence with the landlord."


def _project(*texts):
    """A project with a section per text (a paragraph each; or a heading and blocks), the first confidential."""
    project = new_project("A response", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.sections.clear()
    sections = []
    for index, text in enumerate(texts, 1):
        heading, blocks = text if isinstance(text, tuple) else (f"Part {index}", (Paragraph(plain(text)),))
        sections.append(add_section(project, COORDINATOR, heading, "kirklees", blocks, now=T0))
    mark_section(project, COORDINATOR, sections[0], True, "commercially sensitive", now=T0)
    return project, sections


def test_the_notice_says_which_section_is_withheld_and_why():
    assert withheld_notice("4", "commercially sensitive") == "Section 4 is withheld: commercially sensitive."
    # The reason as typed: a full stop of its own is not doubled, lines run together.
    assert withheld_notice("4.2", "Commercially\n sensitive.") == "Section 4.2 is withheld: Commercially sensitive."
    assert withheld_label("4") == "4 withheld"


def test_eight_words_quoted_whatever_the_case_spacing_and_punctuation_are_warned_of():
    project, _ = _project(SECRET, "As we said, AT A RENT we   agreed in confidence with the landlord; so.")
    assert quoted_elsewhere(project) == ["the text of confidential section 1 appears in section 2"]


def test_seven_words_in_a_row_are_not_a_quotation():
    project, _ = _project(SECRET, "at a rent we agreed in confidence, and then some")
    assert quoted_elsewhere(project) == []


def test_a_whole_short_paragraph_quoted_is_warned_of_but_not_a_word_or_two():
    project, sections = _project("Closure of Halifax depot.", "We propose the closure of Halifax depot soon.")
    assert quoted_elsewhere(project) == ["the text of confidential section 1 appears in section 2"]
    project, _ = _project("Agreed.", "This is agreed.")
    assert quoted_elsewhere(project) == []


def test_quotations_in_list_items_table_cells_and_headings_are_found():
    project, _ = _project(SECRET, ("A list", (ListItem(plain(SECRET.upper()), "bullet", 1),)),
                          ("A table", (Table((plain("Note"),), ((plain(f"Quoted: {SECRET}"),),)),)),
                          ("Depot lease runs for five years at a rent", ()))  # 9 words of it as a heading
    assert quoted_elsewhere(project) == [f"the text of confidential section 1 appears in section {number}"
                                         for number in (2, 3, 4)]


def test_text_quoted_only_in_withheld_sections_is_not_warned_of():
    project, sections = _project(SECRET, "Something else entirely.")
    add_section(project, COORDINATOR, "Detail", "kirklees", (Paragraph(plain(SECRET)),), parent=sections[0], now=T0)
    assert quoted_elsewhere(project) == []  # 1.1 is withheld with 1


def test_a_withheld_sub_section_quoted_elsewhere_is_named_by_its_own_number():
    project, sections = _project("Introduction to the lease.", "Later: " + SECRET)
    add_section(project, COORDINATOR, "Detail", "kirklees", (Paragraph(plain(SECRET)),), parent=sections[0], now=T0)
    assert quoted_elsewhere(project) == ["the text of confidential section 1.1 appears in section 2"]


def test_nothing_confidential_nothing_quoted_and_the_export_is_told():
    project, sections = _project(SECRET, SECRET)
    mark_section(project, COORDINATOR, sections[0], False, now=T0.replace(hour=10))
    assert quoted_elsewhere(project) == []
    assert public_copy_warnings(project) == ["no section is marked confidential, so the public copy is the whole "
                                             "response"]


def test_a_thousand_sections_each_warned_of_once():
    """Every other of 1,000 sections confidential, each quoted by the section after it (the time it takes:
    benchmarks/bench_quoted_elsewhere.py)."""
    count = 1_000
    texts = [f"Paragraph {index} says the lease on depot number {index} is secret and must not leak."
             for index in range(count // 2)]
    project, _ = _project(texts[0])
    project.sections.clear()
    for index, text in enumerate(texts):
        secret = add_section(project, COORDINATOR, f"Secret {index}", "kirklees", (Paragraph(plain(text)),), now=T0)
        mark_section(project, COORDINATOR, secret, True, "commercially sensitive", now=T0)
        add_section(project, COORDINATOR, f"Public {index}", "kirklees", (Paragraph(plain("Quoting: " + text)),),
                    now=T0)
    warnings = quoted_elsewhere(project)
    assert len(warnings) == count // 2
    assert warnings[-1] == f"the text of confidential section {count - 1} appears in section {count}"


def test_a_reservation_on_a_withheld_section_is_warned_of_as_printed_in_the_public_copy():
    """The public copy withholds section 1 but prints Calderdale's reservation on it in full (only the
    section's heading is left out): whoever writes the copy is asked to check it gives nothing away."""
    from tests.factories import CALDERDALE
    from wyassembler.core.signoff import endorse_response, reservation

    project, sections = _project(SECRET, "Something else entirely.")
    later = T0.replace(hour=11)
    endorse_response(project, CALDERDALE, now=later, reservations=[
        reservation(project, "The rent is too high for us", sections[0].id),
        reservation(project, "Too long overall"), reservation(project, "Part 2 is thin", sections[1].id)])
    assert public_copy_warnings(project) == [
        "the reservation of Calderdale on withheld section 1 is printed in the public copy (only the section's "
        "heading and text are withheld): check that it gives nothing confidential away"]
    mark_section(project, COORDINATOR, sections[0], False, now=later.replace(hour=12))
    mark_section(project, COORDINATOR, sections[1], True, "personal data", now=later.replace(hour=12))
    # Marking section 2 made the endorsement stale: a stale one's reservations are not printed.
    assert public_copy_warnings(project) == []
