"""Several versions of one project read at once, as git's merge driver reads base, ours and theirs: with a
:class:`KnownRecords`, a record the versions share (same element bytes) is read once and is the very same
object in each; one that differs, or whose content was changed outside wyassembler, is read from its own
bytes; each version reads back exactly as it would alone. The base's structure read alone is the structure
of the whole project."""

from __future__ import annotations

import re
import threading
from datetime import date
from pathlib import Path

import pytest

from tests.factories import CALDERDALE, KIRKLEES, T0
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.signoff import sign_off_section
from wyassembler.core.merge_structure import structure_of
from wyassembler.projectfile.codec import LoadReport, ProjectFileError, from_bytes, schema, to_bytes, valid_tree
from wyassembler.projectfile.versions import KnownRecords, structure_from_tree
from wyassembler.resource_files import QUESTIONS_SAMPLE, SAMPLE, resource_bytes


def _three_versions(project) -> tuple[bytes, bytes, bytes]:
    """The project as it is (the base), then two versions of it editing different sections."""
    sign_off_section(project, CALDERDALE, project.find_section("2"), now=T0)
    base = to_bytes(project)
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=(Paragraph(plain("Ours.")),), now=T0)
    ours = to_bytes(project)
    theirs_project = from_bytes(base)
    edit_section(theirs_project, KIRKLEES, theirs_project.find_section("3"), blocks=(Paragraph(plain("Theirs.")),),
                 now=T0)
    sign_off_section(theirs_project, KIRKLEES, theirs_project.find_section("3"), now=T0)
    return base, ours, to_bytes(theirs_project)


def test_what_the_versions_share_is_one_object_and_each_reads_as_it_would_alone(project):
    base, ours, theirs = _three_versions(project)
    known = KnownRecords()
    read = {name: from_bytes(data, known=known) for name, data in (("ours", ours), ("theirs", theirs),
                                                                     ("base", base))}
    assert read == {name: from_bytes(data) for name, data in (("ours", ours), ("theirs", theirs), ("base", base))}
    untouched = [read[name].find_section("1") for name in ("ours", "theirs", "base")]
    assert untouched[0].revisions[0] is untouched[1].revisions[0] is untouched[2].revisions[0]
    approved = [read[name].find_section("2").signoffs[-1] for name in ("theirs", "base")]
    assert approved[0] is approved[1]
    ours_two, theirs_two = read["ours"].find_section("2"), read["theirs"].find_section("2")
    assert ours_two.current is not theirs_two.current and ours_two.current.blocks == (Paragraph(plain("Ours.")),)
    assert ours_two.revisions[0] is theirs_two.current  # the edit's parent: the base's text, in both


def test_a_revision_changed_outside_wyassembler_in_one_version_is_read_from_its_own_bytes(project):
    base, ours, theirs = _three_versions(project)
    known = KnownRecords()
    from_bytes(ours, known=known)
    assert theirs.count(b"<b>welcome</b>") == 1  # section 2, as in ours
    tampered = theirs.replace(b"<b>welcome</b>", b"<b>tampered</b>")
    report = LoadReport()
    read = from_bytes(tampered, report, known=known)
    alone = LoadReport()
    assert read == from_bytes(tampered, alone) and report.problems == alone.problems != []
    assert b"<b>tampered</b>" in to_bytes(read)  # never swapped for the text ours vouches for
    again = LoadReport()
    from_bytes(tampered, again, known=known)  # a revision that failed its hash is not kept: said again
    assert again.problems == alone.problems


def test_each_thread_validates_with_its_own_schema_whose_error_log_is_its_own():
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(schema()))
    worker.start()
    worker.join()
    assert schema() is schema() and found[0] is not schema()


FORMATS = sorted((Path(__file__).parent.parent / "data" / "formats").glob("*.wyproj"))


@pytest.mark.parametrize("data", [resource_bytes(*SAMPLE), resource_bytes(*QUESTIONS_SAMPLE),
                                  *(path.read_bytes() for path in FORMATS)],
                         ids=["sample", "questions sample", *(path.stem for path in FORMATS)])
def test_the_structure_read_alone_is_the_structure_of_the_whole_project(data):
    whole = from_bytes(data)
    alone = structure_from_tree(valid_tree(data))
    assert (alone.id, alone.history, alone.structure) == (whole.id, whole.history, structure_of(whole))


@pytest.mark.parametrize("was, now, said", [
    (b'created="2026-01-05T', b'created="2026-13-05T', 'has created="2026-13-05T09:00:00Z", which is not a time'),
    (b"<deadline>2026-03-31</deadline>", b"<deadline>2026-02-30</deadline>", "what <properties> holds is not valid"),
])
def test_a_date_no_calendar_has_in_a_structure_read_alone_is_one_line_as_for_the_whole(project, was, now, said):
    project.deadline = date(2026, 3, 31)
    data = to_bytes(project)
    assert data.count(was) == 1
    with pytest.raises(ProjectFileError, match=re.escape(said)) as alone:
        structure_from_tree(valid_tree(data.replace(was, now)))
    with pytest.raises(ProjectFileError) as whole:
        from_bytes(data.replace(was, now))
    assert str(alone.value) == str(whole.value)


@pytest.mark.parametrize("was, now", [
    (b'owner="calderdale"', b'owner="evil"'),
    (b'<coordinator org="joint-services"/>', b'<coordinator org="evil"/>'),
    (b'<contributor org="police"/>', b'<contributor org="evil"/>'),
])
def test_a_structure_that_does_not_hold_together_is_refused_as_the_whole_project_is(project, was, now):
    data = to_bytes(project)
    assert data.count(was) >= 1
    damaged = data.replace(was, now, 1)
    with pytest.raises(ProjectFileError) as whole:
        from_bytes(damaged)
    with pytest.raises(ProjectFileError) as alone:
        structure_from_tree(valid_tree(damaged))
    assert str(alone.value) == str(whole.value) and "names organisation 'evil'" in str(alone.value)


def test_two_sections_with_one_id_are_refused_in_a_structure_read_alone(project):
    data = to_bytes(project)
    first, second = (section.id.encode() for section in project.all_sections()[1:3])
    with pytest.raises(ProjectFileError, match=f"two sections share the id {first.decode()}"):
        structure_from_tree(valid_tree(data.replace(b'<section id="' + second, b'<section id="' + first, 1)))
