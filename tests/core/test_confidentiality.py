"""Confidential sections (issue 18): who may mark a section, what the public copy withholds, what the
response hash says of it, and signed marks verifying with tampering reported."""

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from tests.signing import confirmed_keys
from wyassembler.core.confidentiality import (confidential_canonical, confidential_reason, current_mark,
                                              mark_problems, mark_section, withheld_sections)
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.errors import ContentError, NotFoundError, PermissionDenied
from wyassembler.core.keys import key_ledger
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.partners import set_properties
from wyassembler.core.signoff import endorse_response, endorsement_states, response_hash
from wyassembler.core.statements import mark_hash
from wyassembler.core.verification import signature_problems

LATER = T0 + timedelta(hours=1)


@pytest.fixture
def keys(project):
    """The coordinator's key (trusted on first use) and Kirklees's, confirmed by the coordinator."""
    return confirmed_keys(project, COORDINATOR, KIRKLEES, now=T0)


def _with_subsections(project):
    """Section 3 (Kirklees's) with 3.1 and, below it, 3.1.1."""
    parent = project.find_section("3")
    child = add_section(project, KIRKLEES, "Detail", "kirklees", (Paragraph(plain("Costs.")),), parent=parent, now=T0)
    add_section(project, KIRKLEES, "Figures", "kirklees", (Paragraph(plain("12 pounds.")),), parent=child, now=T0)
    return parent


# -- who marks, and what a mark says -----------------------------------------------------------------

def test_the_owner_marks_a_section_confidential_with_a_reason(project):
    section = project.find_section("3")
    mark = mark_section(project, KIRKLEES, section, True, "  commercially sensitive ", now=T0)
    assert (mark.confidential, mark.reason, mark.org, mark.person) == (True, "commercially sensitive", "kirklees",
                                                                       "S. Patel")
    assert current_mark(section) is mark
    assert confidential_reason(section) == "commercially sensitive"


def test_the_coordinator_may_mark_any_section(project):
    section = project.find_section("3")
    mark_section(project, COORDINATOR, section, True, "personal data", now=T0)
    assert confidential_reason(section) == "personal data"


def test_a_non_owner_non_coordinator_may_not_mark_a_section(project):
    section = project.find_section("3")
    with pytest.raises(PermissionDenied, match="only its owner, Kirklees, or the coordinator may"):
        mark_section(project, CALDERDALE, section, True, "personal data", now=T0)
    shared = project.find_section("2")  # a contributor is not its owner either
    with pytest.raises(PermissionDenied):
        mark_section(project, POLICE, shared, True, "operational", now=T0)
    assert section.marks == [] and shared.marks == []


def test_a_mark_by_an_organisation_that_is_not_a_partner_is_refused(project):
    with pytest.raises(NotFoundError, match="'nowhere'"):
        mark_section(project, Actor("nowhere", "A. Body"), project.find_section("3"), True, "secret", now=T0)


@pytest.mark.parametrize("reason, message", [("", "say why"), ("  \n ", "say why"), ("x" * 4001, "too long")])
def test_a_confidential_mark_needs_a_reason_of_sensible_length(project, reason, message):
    section = project.find_section("3")
    with pytest.raises(ContentError, match=message):
        mark_section(project, KIRKLEES, section, True, reason, now=T0)
    assert section.marks == []


def test_marking_public_again_ends_confidentiality_and_drops_any_reason(project):
    section = project.find_section("3")
    first = mark_section(project, KIRKLEES, section, True, "personal data", now=T0)
    public = mark_section(project, KIRKLEES, section, False, "ignored", now=LATER)
    assert public.reason == "" and confidential_reason(section) is None
    assert public.previous == mark_hash(project.id, section.id, first)
    assert withheld_sections(project) == {}


def test_the_latest_mark_by_time_stands_whatever_the_order_recorded(project):
    section = project.find_section("3")
    mark_section(project, KIRKLEES, section, True, "personal data", now=LATER)
    mark_section(project, KIRKLEES, section, False, now=T0)  # an earlier clock: recorded later, dated earlier
    assert confidential_reason(section) == "personal data"


# -- what the public copy withholds ---------------------------------------------------------------

def test_withheld_sections_include_every_sub_section_with_the_marked_sections_reason(project):
    parent = _with_subsections(project)
    mark_section(project, KIRKLEES, parent, True, "commercially sensitive", now=T0)
    withheld = withheld_sections(project)
    assert [(item.number, item.marked_number, item.reason) for item in withheld.values()] == [
        ("3", "3", "commercially sensitive"), ("3.1", "3", "commercially sensitive"),
        ("3.1.1", "3", "commercially sensitive")]
    assert list(withheld) == [parent.id, parent.children[0].id, parent.children[0].children[0].id]


def test_a_marked_sub_section_withholds_only_itself_and_below(project):
    parent = _with_subsections(project)
    mark_section(project, KIRKLEES, parent.children[0], True, "personal data", now=T0)
    assert [(item.number, item.marked_number) for item in withheld_sections(project).values()] == [
        ("3.1", "3.1"), ("3.1.1", "3.1")]


def test_nothing_is_withheld_without_confidential_marks(project):
    assert withheld_sections(project) == {}


# -- the response hash --------------------------------------------------------------------------------

def test_the_response_hash_is_unchanged_for_a_project_with_no_marks(project):
    from wyassembler.core.content import canonical_json, sha256_hex
    from wyassembler.core.signoff import RESPONSE_CANONICAL_VERSION
    expected = sha256_hex(canonical_json(
        [RESPONSE_CANONICAL_VERSION, project.title, project.subtitle, project.partnership, project.responds_to,
         project.closing_line, [org.name for org in project.organisations],
         [[number, section.hash] for number, _, section in project.numbered()]]))
    assert response_hash(project) == expected


def test_the_response_hash_changes_when_a_section_is_marked_or_its_reason_changes(project):
    section = project.find_section("3")
    before = response_hash(project)
    endorse_response(project, CALDERDALE, now=T0)
    mark_section(project, KIRKLEES, section, True, "personal data", now=T0)
    marked = response_hash(project)
    assert marked != before
    assert endorsement_states(project)["calderdale"] == "stale"  # partners agree to what is withheld, and why
    mark_section(project, KIRKLEES, section, True, "commercially sensitive", now=LATER)
    assert response_hash(project) not in (before, marked)


def test_a_section_marked_public_again_gives_back_the_hash_it_had(project):
    section = project.find_section("3")
    before = response_hash(project)
    mark_section(project, KIRKLEES, section, True, "personal data", now=T0)
    mark_section(project, KIRKLEES, section, False, now=LATER)
    assert response_hash(project) == before


def test_a_sub_sections_place_under_a_marked_section_does_not_count_twice(project):
    parent = _with_subsections(project)
    mark_section(project, KIRKLEES, parent, True, "personal data", now=T0)
    marked = response_hash(project)
    mark_section(project, KIRKLEES, parent.children[0], True, "personal data", now=LATER)
    assert response_hash(project) == marked  # 3.1 was withheld already, for the same reason


# -- signed marks -------------------------------------------------------------------------------------

def test_a_signed_mark_verifies(project, keys):
    mark_section(project, KIRKLEES, project.find_section("3"), True, "personal data", now=LATER,
                 signer=keys["kirklees"])
    mark_section(project, COORDINATOR, project.find_section("2"), True, "operational", now=LATER,
                 signer=keys["joint-services"])
    assert mark_problems(project, key_ledger(project)) == []
    assert signature_problems(project) == []


@pytest.mark.parametrize("change", [{"confidential": False}, {"reason": "operational"}, {"org": "calderdale"},
                                    {"time": LATER + timedelta(minutes=1)}])
def test_tampering_with_a_signed_mark_is_reported(project, keys, change):
    section = project.find_section("3")
    mark = mark_section(project, KIRKLEES, section, True, "personal data", now=LATER, signer=keys["kirklees"])
    section.marks[0] = replace(mark, **change)
    problems = signature_problems(project)
    assert len(problems) == 1 and problems[0].startswith("section 3 \u201cProfessionalism\u201d: the mark as")


def test_a_signed_mark_moved_to_another_section_is_reported(project, keys):
    mark = mark_section(project, KIRKLEES, project.find_section("3"), True, "personal data", now=LATER,
                        signer=keys["kirklees"])
    project.find_section("3").marks.clear()
    project.find_section("2").marks.append(mark)
    assert any(line.startswith("section 2 ") for line in signature_problems(project))


def test_a_signed_mark_by_an_organisation_that_did_not_own_the_section_is_reported(project, keys):
    section = project.find_section("2")  # Calderdale's
    mark = mark_section(project, COORDINATOR, section, True, "operational", now=LATER,
                        signer=keys["joint-services"])
    signer = keys["kirklees"]
    from wyassembler.core.signatures import encode
    from wyassembler.core.statements import mark_statement
    from wyassembler.core.model import Signature
    forged = replace(mark, org="kirklees", person="S. Patel", signature=None)
    value = signer.sign(mark_statement(project.id, section.id, forged, signer.fingerprint))
    section.marks[0] = replace(forged, signature=Signature(signer.fingerprint, encode(value)))
    assert any("neither the section's owner nor the coordinator" in line for line in signature_problems(project))


def test_an_unsigned_standing_mark_is_reported_once_signatures_are_required(project, keys):
    mark_section(project, KIRKLEES, project.find_section("3"), True, "personal data", now=LATER)
    assert signature_problems(project) == []
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=LATER, require_signatures=True)
    assert any("the mark as confidential" in line and "requires signatures" in line
               for line in signature_problems(project))


# -- the hash's part for confidential sections, found from the marked sections alone ----------------------

def _hash_with(project, confidential: list) -> str:
    """The response hash as its canonical form spells it, with ``confidential`` ([number, reason], ...)."""
    from wyassembler.core.content import canonical_json, sha256_hex
    from wyassembler.core.signoff import RESPONSE_CANONICAL_VERSION
    return sha256_hex(canonical_json(
        [RESPONSE_CANONICAL_VERSION, project.title, project.subtitle, project.partnership, project.responds_to,
         project.closing_line, [org.name for org in project.organisations], [["confidential"], *confidential],
         [[number, section.hash] for number, _, section in project.numbered()]]))


def _outermost_marked(project) -> list:
    """The definition: each withheld section that is marked itself, in document order."""
    return [[item.number, item.reason] for item in withheld_sections(project).values()
            if item.number == item.marked_number]


def test_the_hash_names_each_outermost_confidential_section_once_in_document_order(project):
    parent = _with_subsections(project)
    later = add_section(project, COORDINATOR, "Funding", "police", (Paragraph(plain("Costs.")),), now=T0)
    mark_section(project, COORDINATOR, later, True, "personal data", now=T0)
    mark_section(project, KIRKLEES, parent.children[0].children[0], True, "prices", now=T0)  # 3.1.1 alone
    mark_section(project, COORDINATOR, project.find_section("2"), True, "draft policy", now=T0)
    mark_section(project, COORDINATOR, project.find_section("2"), False, now=LATER)  # public again
    assert response_hash(project) == _hash_with(project, [["3.1.1", "prices"], ["4", "personal data"]])
    mark_section(project, KIRKLEES, parent, True, "commercially sensitive", now=LATER)  # 3.1.1 now withheld with 3
    mark_section(project, KIRKLEES, parent.children[0], True, "personal data", now=LATER)
    expected = [["3", "commercially sensitive"], ["4", "personal data"]]
    assert confidential_canonical(project)[1:] == _outermost_marked(project) == expected
    assert response_hash(project) == _hash_with(project, expected)


def test_the_hash_follows_a_marked_sections_number_as_the_outline_changes(project):
    section = project.find_section("3")
    mark_section(project, KIRKLEES, section, True, "personal data", now=T0)
    assert confidential_canonical(project)[1:] == [["3", "personal data"]]
    add_section(project, COORDINATOR, "Foreword", "joint-services", (Paragraph(plain("Hello.")),), index=0,
                now=T0)
    assert project.number_of(section) == "4"
    assert confidential_canonical(project)[1:] == _outermost_marked(project) == [["4", "personal data"]]
    assert response_hash(project) == _hash_with(project, [["4", "personal data"]])


def test_marks_all_public_leave_the_hash_as_a_project_without_marks(project):
    before = response_hash(project)
    for number in ("1", "3"):
        mark_section(project, COORDINATOR, project.find_section(number), False, now=T0)
    assert confidential_canonical(project) == [["confidential"]]
    assert withheld_sections(project) == {}
    assert response_hash(project) == before


def test_the_hash_sees_a_mark_taken_off_put_back_or_set_anew_as_undo_and_merge_do(project):
    """The sections with marks are kept by the outline's index: every change to a section's marks is seen."""
    section = project.find_section("3")
    before = response_hash(project)
    mark = mark_section(project, KIRKLEES, section, True, "personal data", now=T0)
    marked = response_hash(project)
    section.marks.remove(mark)  # as the app's undo takes it off
    assert (response_hash(project), withheld_sections(project)) == (before, {})
    section.marks.append(mark)  # and redo puts it back
    assert response_hash(project) == marked
    section.marks = []
    assert response_hash(project) == before
    section.marks = [mark]
    assert (response_hash(project), list(withheld_sections(project))) == (marked, [section.id])
    section.marks.clear()
    assert confidential_canonical(project) == [["confidential"]]


def test_a_snapshots_marks_are_its_own(project):
    from wyassembler.core.snapshot import snapshot
    before = response_hash(project)
    copy = snapshot(project)
    mark_section(copy, KIRKLEES, copy.find_section("3"), True, "personal data", now=T0)
    assert response_hash(copy) != before
    assert (response_hash(project), withheld_sections(project)) == (before, {})
