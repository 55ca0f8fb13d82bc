"""Returned packs edited with hostile intent or by broken tools: what Word's XML may claim is kept within what
the project can hold, and never crashes the import (packs written as in test_pack_review)."""

from __future__ import annotations

import pytest

from tests.factories import CALDERDALE
from tests.hang_guard import fails_if_still_running
from tests.word.test_pack_review import IMPORTED, WordEdit, runs, shared
from wyassembler.core.comments import threads
from wyassembler.core.integrity import write_problems
from wyassembler.core.proposals import open_proposals
from wyassembler.projectfile.review_xml import review_problems
from wyassembler.word.packs import export_pack, import_pack


@pytest.fixture
def pack(project, tmp_path):
    path = tmp_path / "calderdale-returned.docx"
    export_pack(project, "calderdale", path, project_path=None)
    return path


@pytest.mark.parametrize("date", ["9999-12-31T23:59:59-05:00", "0500-01-01T00:00:00Z", "0001-01-01T00:00:00+05:00"])
def test_word_dates_no_project_file_can_hold_are_taken_as_missing(project, pack, date):
    """A date past 9999 once in UTC overflowed (a traceback); one before year 1000 came in and then made
    every save of the project refused."""
    section = shared(project)
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    welcome = runs(first)[1]
    edit.comment(welcome, welcome, "Dated oddly.", date=date)
    edit.insert(welcome, " really", date=date)
    edit.save(audit=False)

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    [thread] = threads(section)
    assert thread.root.time == IMPORTED
    [proposal] = open_proposals(section)
    assert all(change.time is None for change in proposal.tracked)
    assert result.comments and not review_problems(project) and not write_problems(project)


def test_a_box_renamed_to_another_organisations_section_brings_no_proposal_there(project, pack):
    """Calderdale's pack with its box's tag changed to Kirklees's section and revision, holding that
    section's text with a tracked insertion: the untracked text is the same, so it was never checked, and
    the insertion became a proposal by Calderdale on a section it may not edit."""
    from docx.oxml.ns import qn

    theirs = project.find_section("3")
    edit = WordEdit(pack)
    tag = next(e for e in edit.document.element.body.iter(qn("w:tag"))
               if e.get(qn("w:val")).startswith("wyassembler:section:"))
    tag.set(qn("w:val"), f"wyassembler:section:{theirs.id}:{theirs.current.id}")
    heading, first, bullet = edit.section()
    for paragraph, text in ((heading, theirs.heading), (first, "Standards matter.")):
        texts = list(paragraph.iter(qn("w:t")))
        texts[0].text = text
        for rest in texts[1:]:
            rest.text = ""
    bullet.getparent().remove(bullet)
    edit.insert(runs(first)[-1], " Really.")
    edit.save(audit=False)
    before = theirs.current

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert not open_proposals(theirs) and theirs.current is before and not result.proposals
    assert any(line.startswith("section 3 was not imported") and "may not edit" in line
               for line in result.report_lines(project))


def test_thousands_of_comment_ranges_without_ends_over_empty_runs_are_quoted_in_one_pass():
    """Each open range took a step for every run after it (and empty runs never closed it): 4,000 such
    ranges took 19 s, 20,000 hours. A range without its end runs to the end of the section's text; one
    ended is its words. Guarded by an alarm far beyond the time it takes (not a speed check)."""
    from lxml import etree

    from tests.word.test_pack_review import W_NS
    from wyassembler.word.pack_review import comment_quotes

    count = 20_000
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:commentRangeStart w:id="a"/><w:r><w:t>Quoted words</w:t></w:r>'
        f'<w:commentRangeEnd w:id="a"/>' + "".join(f'<w:commentRangeStart w:id="{n}"/>' for n in range(count))
        + "<w:r>" + "<w:t/>" * count + "<w:t>tail</w:t></w:r></w:p>")
    with fails_if_still_running(120, "the quotes took a step per range per run"):
        quotes = comment_quotes([paragraph])
    assert quotes["a"] == "Quoted words"
    assert len(quotes) == count + 1 and quotes["0"] == quotes[str(count - 1)] == "tail"


def test_three_thousand_word_comments_marked_done_come_in_once_with_the_records_read_once(project, pack,
                                                                                         monkeypatch):
    """Each Word comment looked through every comment of its section, and each done thread was resolved by
    set_resolved reading the whole project's comments and the section's records again (10,000 took about two
    minutes). Now the threads are resolved together (never one by one) and a second import adds nothing."""
    from wyassembler.core import comments
    from wyassembler.core.comments import is_resolved

    section = shared(project)
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    welcome = runs(first)[1]
    for n in range(3_000):
        edit.comment(welcome, welcome, f"Point {n}", author=f"Reviewer {n % 7}",
                     date=f"2026-03-02T10:{n % 60:02d}:00Z", done=True)
    edit.save(audit=False)

    def one_by_one(*args, **kwargs):
        raise AssertionError("a done thread was resolved on its own")
    monkeypatch.setattr(comments, "find_comment", one_by_one)
    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert len(result.comments) == 3_000 and result.threads_resolved == 3_000
    assert all(is_resolved(section, thread.root.id) for thread in threads(section))
    again = import_pack(project, pack, CALDERDALE, now=IMPORTED)
    assert not again.comments and len(section.comments) == 3_000 and not again.threads_resolved


@pytest.mark.parametrize("kind", ["ins", "del"])
def test_a_tracked_change_wrapped_round_a_whole_section_box_is_reported_not_applied(project, pack, kind):
    """Word never wraps w:ins or w:del round a content control; one that did hid the box, the section was read
    by its bookmarks, and rejecting the "inserted" box emptied the section (a proposal then putting it back)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    section = shared(project)
    before = section.current
    edit = WordEdit(pack)
    box = next(sdt for sdt in edit.document.element.body.iter(qn("w:sdt"))
               if sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")).startswith("wyassembler:section:"))
    outer, inner = parse_xml(f"{edit.tracked(kind)}</w:{kind}>"), parse_xml(f"{edit.tracked('ins')}</w:ins>")
    box.addprevious(outer)
    outer.append(inner)
    inner.append(box)
    edit.save(audit=False)

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert section.current is before and not open_proposals(section) and not result.updated
    assert any(line.startswith("2 tracked change(s) around whole paragraphs, tables or section boxes")
               for line in result.report_lines(project))
