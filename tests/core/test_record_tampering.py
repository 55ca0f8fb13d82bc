"""Attacks on issue 18's signed records in a project file (reservations, declines, authority records,
confidentiality marks): each edit made to the saved XML is named by verification and stops a final export;
a merge does not launder it into a copy that verifies."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest

from tests.word.public_sample import signed_confidential
from tests.word.signed_sample import SIGNED
from wyassembler.core.authority import record_authority
from wyassembler.core.confidentiality import mark_problems, mark_section
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.history import record_save
from wyassembler.core.keys import key_ledger
from wyassembler.core.merge import merge_projects
from wyassembler.core.model import Actor, Signature
from wyassembler.core.outline import set_ownership
from wyassembler.core.partner_records import ConfidentialityMark
from wyassembler.core.signatures import encode
from wyassembler.core.signoff import decline_response, endorse_response, reservation, sign_off_section
from wyassembler.core.statements import mark_statement
from wyassembler.core.verification import signature_problems
from wyassembler.projectfile import storage
from wyassembler.word.writer import build_docx

MARKED = SIGNED + timedelta(hours=1)
DECIDED = MARKED + timedelta(minutes=10)


def _lead(org_id: str) -> Actor:
    return Actor(org_id, f"Lead of {org_id}", "partner lead")


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The confidential sample, ready for a final export: section 4 marked public and then confidential by its
    owner (signed), every section approved again and the response endorsed after that (Kirklees with a
    reservation, Leeds declining without asking to be named, Police declining and asking to be), Bradford's
    and Calderdale's authority recorded; all signed, saved with its history. Returns the file's text."""
    project, signers = signed_confidential()
    fourth = project.find_section("4")
    mark_section(project, _lead("kirklees"), fourth, False, "", now=MARKED, signer=signers["kirklees"])
    mark_section(project, _lead("kirklees"), fourth, True, "names staff", now=MARKED + timedelta(minutes=5),
                 signer=signers["kirklees"])
    for section in project.all_sections():
        for org_id in section.editors():
            sign_off_section(project, _lead(org_id), section, now=DECIDED, signer=signers[org_id])
    for org in project.organisations:
        if org.id not in ("kirklees", "leeds", "police"):
            endorse_response(project, _lead(org.id), now=DECIDED, signer=signers[org.id])
    endorse_response(project, _lead("kirklees"), now=DECIDED, signer=signers["kirklees"],
                     reservations=[reservation(project, "Tender the lease.", "5")])
    decline_response(project, _lead("leeds"), "Not us.", now=DECIDED, signer=signers["leeds"])
    decline_response(project, _lead("police"), "Not us either.", named=True, now=DECIDED, signer=signers["police"])
    record_authority(project, _lead("bradford"), "committee", "Cabinet minute 45", now=DECIDED,
                     signer=signers["bradford"])
    record_authority(project, _lead("calderdale"), "delegated-officer", "Officer decision 7", now=DECIDED,
                     signer=signers["calderdale"])
    assert signature_problems(project) == []
    build_docx(project)  # final: nothing stands in its way
    record_save(project, "joint-services", "H. Dawson")
    path = tmp_path_factory.mktemp("saved") / "response.wyproj"
    storage.save_project(project, path, keep_backup=False)
    return path.read_text(encoding="utf-8")


def _edit(text: str, pattern: str, replacement, flags: int = re.S) -> str:
    edited, count = re.subn(pattern, replacement, text, count=1, flags=flags)
    assert count == 1, pattern
    return edited


def _signature_of(text: str, start: str) -> str:
    return re.search(re.escape(start) + r'[^>]*?(signed-by="[^"]*" signature="[^"]*")', text).group(1)


ATTACKS = {
    "reservation stripped": lambda t: _edit(t, r'(<endorsement org="kirklees".*?)<reservation[^>]*>[^<]*'
                                                r'</reservation>', r"\1"),
    "reservation added": lambda t: _edit(t, r'(<reservation section="[^"]*">)Tender the lease\.(</reservation>)',
                                         r"\1Tender the lease.\2\1Also this.\2"),
    "named added": lambda t: _edit(t, r'(<endorsement org="leeds" decision="declined")', r'\1 named="yes"'),
    "named dropped": lambda t: _edit(t, r'(<endorsement org="police" decision="declined"[^>]*?) named="yes"', r"\1"),
    "decline made an endorsement": lambda t: _edit(t, r'<endorsement org="leeds" decision="declined"',
                                                   '<endorsement org="leeds" decision="approved"'),
    "authority moved to another organisation": lambda t: _edit(t, r'<authority org="bradford"',
                                                               '<authority org="wakefield"'),
    "old public mark replayed after the newer one": lambda t: _edit(
        t, r'(<mark confidential="no" org="kirklees"[^>]*time=")[^"]*"', r'\g<1>2026-01-06T15:36:00Z"'),
    "authority with another record's signature": lambda t: t.replace(
        _signature_of(t, '<authority org="bradford"'), _signature_of(t, '<authority org="calderdale"')),
    "authority with its organisation's endorsement's signature": lambda t: t.replace(
        _signature_of(t, '<authority org="bradford"'), _signature_of(t, '<endorsement org="bradford"')),
    "authority record duplicated": lambda t: _edit(t, r'(<authority org="bradford".*?</authority>)', r"\1\1"),
    "mark duplicated": lambda t: _edit(t, r'(<mark confidential="yes" org="kirklees".*?</mark>)', r"\1\1"),
    "decline duplicated": lambda t: _edit(t, r'(<endorsement org="leeds"[^>]*/>)', r"\1\1"),
}


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_an_edited_record_is_named_and_stops_a_final_export(saved, tmp_path, attack):
    path = tmp_path / "attacked.wyproj"
    path.write_text(ATTACKS[attack](saved), encoding="utf-8")
    project = storage.load(path).project
    problems = signature_problems(project)
    assert problems, attack
    with pytest.raises(WyassemblerError, match="a signed record does not verify"):
        build_docx(project)
    verify = subprocess.run([sys.executable, "-m", "wyassembler", "verify", str(path)], capture_output=True,
                            text=True)
    assert verify.returncode == 1 and problems[0] in verify.stdout


def test_the_newest_mark_deleted_is_named_and_the_endorsements_it_was_under_go_stale(saved, tmp_path):
    """A deleted last record breaks no link; the history's digest names the change, and the endorsements, which
    sign the response hash covering what is confidential, no longer count: no final export."""
    path = tmp_path / "attacked.wyproj"
    path.write_text(_edit(saved, r'<mark confidential="yes" org="kirklees".*?</mark>', ""), encoding="utf-8")
    project = storage.load(path).project
    with pytest.raises(WyassemblerError, match="stale"):
        build_docx(project)
    verify = subprocess.run([sys.executable, "-m", "wyassembler", "verify", str(path)], capture_output=True,
                            text=True)
    assert verify.returncode == 1 and "the file was changed outside wyassembler" in verify.stdout


@pytest.mark.parametrize("attack", ["reservation stripped", "named added", "authority moved to another organisation",
                                    "old public mark replayed after the newer one",
                                    "authority with another record's signature"])
def test_a_merge_does_not_launder_an_edited_record(saved, tmp_path, attack):
    ours_path, theirs_path = tmp_path / "ours.wyproj", tmp_path / "theirs.wyproj"
    ours_path.write_text(saved, encoding="utf-8")
    theirs_path.write_text(ATTACKS[attack](saved), encoding="utf-8")
    clean, attacked = storage.load(ours_path).project, storage.load(theirs_path).project
    for ours, theirs in ((clean, attacked), (attacked, clean)):  # the edited copy on disk, or arriving
        result = merge_projects(ours, theirs)
        if signature_problems(result.project):
            with pytest.raises(WyassemblerError):
                build_docx(result.project)
        else:  # an arrival its author could not have made is refused, and the merge says so
            assert ours is attacked and any(note.startswith("Not taken from your copy") for note in result.notes), \
                (attack, result.notes)


@pytest.mark.parametrize("attack", ["authority record duplicated", "mark duplicated", "decline duplicated"])
def test_a_duplicated_record_is_named_as_a_copy_and_a_merge_keeps_it_once(saved, tmp_path, attack):
    path = tmp_path / "attacked.wyproj"
    path.write_text(ATTACKS[attack](saved), encoding="utf-8")
    attacked = storage.load(path).project
    (problem,) = signature_problems(attacked)
    assert problem.endswith(": it appears twice in the file (a copy of the record made outside wyassembler)")
    path.write_text(saved, encoding="utf-8")
    merged = merge_projects(attacked, storage.load(path).project).project
    assert signature_problems(merged) == []  # nothing false stands: the merge keeps each record once


# -- a mark is judged by who owned the section when it was made ------------------------------------------

def _signed_mark(project, signers, section, org_id: str, confidential: bool, reason: str, when):
    """A mark by ``org_id`` signed with its key, put in the file as a hand edit would (the app refuses it)."""
    mark = ConfidentialityMark(confidential, reason, org_id, f"Lead of {org_id}", "partner lead", when)
    mark = replace(mark, signature=Signature(signers[org_id].fingerprint, encode(signers[org_id].sign(
        mark_statement(project.id, section.id, mark, signers[org_id].fingerprint)))))
    section.marks.append(mark)


@pytest.fixture
def reassigned():
    """Section 4 assigned to Kirklees (signed) at SIGNED; Kirklees marks it confidential an hour later; the
    coordinator gives it to Calderdale two hours later (signed)."""
    project, signers = signed_confidential()
    coordinator = Actor("joint-services", "H. Dawson", "coordinator")
    fourth = project.find_section("4")
    set_ownership(project, coordinator, fourth, "kirklees", list(fourth.contributors), signer=signers["joint-services"],
                  now=SIGNED)
    mark_section(project, _lead("kirklees"), fourth, True, "names staff", now=MARKED, signer=signers["kirklees"])
    set_ownership(project, coordinator, fourth, "calderdale", list(fourth.contributors),
                  signer=signers["joint-services"], now=MARKED + timedelta(hours=1))
    return project, signers, fourth


def test_a_mark_made_by_the_owner_then_still_counts_after_the_section_is_given_to_another(reassigned):
    project, _, _ = reassigned
    assert mark_problems(project, key_ledger(project)) == []


def test_a_mark_by_a_past_owner_made_after_it_gave_the_section_up_is_named(reassigned):
    project, signers, fourth = reassigned
    _signed_mark(project, signers, fourth, "kirklees", False, "", MARKED + timedelta(hours=2))
    (problem,) = mark_problems(project, key_ledger(project))
    assert "the mark as public by Lead of kirklees (Kirklees)" in problem
    assert problem.endswith("Kirklees was neither the section's owner nor the coordinator then")


def test_a_mark_by_the_new_owner_dated_back_to_before_it_owned_the_section_is_named(reassigned):
    project, signers, fourth = reassigned
    _signed_mark(project, signers, fourth, "calderdale", False, "", MARKED + timedelta(minutes=30))
    (problem,) = mark_problems(project, key_ledger(project))
    assert "the mark as public by Lead of calderdale (Calderdale)" in problem
    assert problem.endswith("Calderdale was neither the section's owner nor the coordinator then")
