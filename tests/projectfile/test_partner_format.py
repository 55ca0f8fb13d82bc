"""Format 1.6 in the project file (issue 18): reservations, declines, authority records, confidentiality marks
and the settings for dissent are written and read back whole, signed ones still verifying; a project without
them writes what it wrote before; damage is refused in one line; the history's digest covers every record;
a 1.5 reader keeps what it can set aside and refuses what it cannot read."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from lxml import etree

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from tests.signing import TestSigner
from wyassembler.cli import main
from wyassembler.core.authority import record_authority
from wyassembler.core.confidentiality import mark_section
from wyassembler.core.history import history_problems, record_save
from wyassembler.core.keys import confirm_key, register_key
from wyassembler.core.model import Actor
from wyassembler.core.partner_records import Reservation
from wyassembler.core.signoff import decline_response, endorse_response, reservation, sign_off_section
from wyassembler.core.verification import signature_problems
from wyassembler.projectfile import codec, foreign
from wyassembler.projectfile.codec import (NewerFormatError, ProjectFileError, format_version, from_bytes,
                                           to_bytes)
from wyassembler.projectfile.write_gate import WriteRefused, checked_bytes

FROZEN = Path(__file__).resolve().parents[1] / "data" / "formats" / "format-1.6.wyproj"
LEEDS = Actor("leeds", "A. Lee", "partner lead")
RNG = "{http://relaxng.org/ns/structure/1.0}"
NEW_NAMES = {"reservation", "authorities", "authority", "mark", "declines-block", "require-authority",
             "behalf-statement", "member-list", "named"}


@pytest.fixture
def dissent(project):
    """Every 1.6 record, the signed ones by keys the coordinator confirmed, the whole saved once."""
    coordinator, kirklees = TestSigner(), TestSigner()
    register_key(project, COORDINATOR, coordinator.public_key, coordinator, now=T0)
    register_key(project, KIRKLEES, kirklees.public_key, kirklees, now=T0)
    confirm_key(project, COORDINATOR, kirklees.fingerprint, coordinator, now=T0)
    project.declines_block, project.behalf_at, project.member_list = True, "title", "endorsers"
    mark_section(project, KIRKLEES, project.find_section("3"), True, "Commercially sensitive",
                 now=T0 + timedelta(minutes=1), signer=kirklees)
    mark_section(project, COORDINATOR, project.find_section("2"), True, "Draft", now=T0 + timedelta(minutes=2))
    mark_section(project, COORDINATOR, project.find_section("2"), False, now=T0 + timedelta(minutes=3))
    endorse_response(project, KIRKLEES, note="With thanks.", now=T0 + timedelta(hours=1), signer=kirklees,
                     reservations=[reservation(project, "Not the charging model."),
                                   reservation(project, "Set nationally,\nnot locally.", "3")])
    endorse_response(project, COORDINATOR, now=T0 + timedelta(hours=1),  # unsigned: only the history vouches
                     reservations=[reservation(project, "Only as drafted.", "2")])
    decline_response(project, CALDERDALE, "Cabinet has not met.", named=True, now=T0 + timedelta(hours=2))
    decline_response(project, LEEDS, now=T0 + timedelta(hours=2))
    record_authority(project, KIRKLEES, "cabinet-member", "Cabinet, 12 January 2006, minute 45", date(2006, 1, 12),
                     now=T0 + timedelta(hours=3), signer=kirklees)
    record_authority(project, COORDINATOR, "officer-response", "Officer response", now=T0 + timedelta(hours=3))
    record_authority(project, KIRKLEES, "committee", "Committee, 20 January 2006", now=T0 + timedelta(hours=4),
                     signer=kirklees)  # linked to Kirklees' record before it
    record_save(project, "kirklees", "S. Patel", now=T0 + timedelta(hours=3))
    return project


def _records(project) -> tuple:
    return (project.endorsements, project.authorities, [s.marks for s in project.all_sections()],
            project.declines_block, project.require_authority, project.behalf_at, project.member_list)


def test_the_frozen_1_6_file_holds_every_new_field():
    project = from_bytes(FROZEN.read_bytes())
    assert (project.declines_block, project.require_authority, project.behalf_at, project.member_list) == (
        True, True, "title", "endorsers")
    kirklees, calderdale, leeds = project.endorsements
    shared, standards = project.find_section("2"), project.find_section("3")
    assert kirklees.decision == "approved" and kirklees.note == "Agreed by cabinet." and not kirklees.named
    assert kirklees.reservations == (Reservation("We do not support the charging model."),
                                     Reservation("Standards should be set nationally,\nnot locally.", standards.id))
    assert kirklees.signature is not None
    assert (calderdale.decision, calderdale.named, calderdale.note) == (
        "declined", True, "Our cabinet has not agreed the response.")
    assert (leeds.decision, leeds.named, leeds.note, leeds.reservations) == ("declined", False, "", ())
    signed, unsigned = project.authorities
    assert (signed.org, signed.kind, signed.reference, signed.decided, signed.person, signed.role) == (
        "kirklees", "cabinet-member", "Cabinet, 12 January 2006, minute 45", date(2006, 1, 12), "S. Patel",
        "partner lead")
    assert signed.signature is not None and not signed.previous
    assert (unsigned.org, unsigned.kind, unsigned.decided, unsigned.signature) == (
        "joint-services", "officer-response", None, None)
    assert [(m.confidential, m.reason, m.org, bool(m.previous), m.signature is None) for m in shared.marks] == [
        (True, "Draft figures", "joint-services", False, True), (False, "", "joint-services", True, True)]
    [mark] = standards.marks
    assert (mark.confidential, mark.reason, mark.org, mark.role) == (
        True, "Commercially sensitive: supplier prices", "kirklees", "partner lead")
    assert mark.signature is not None
    assert signature_problems(project) == [] and history_problems(project) == []


def test_every_record_round_trips_equal_and_signed_ones_still_verify(dissent):
    data = to_bytes(dissent)
    assert b' format="1.6" ' in data
    again = from_bytes(data)
    assert _records(again) == _records(dissent) and again.authorities[-1].previous
    assert signature_problems(dissent) == [] and signature_problems(again) == []
    assert history_problems(again) == []
    assert to_bytes(again) == data


def test_an_endorsements_note_keeps_its_whitespace_beside_its_reservations(project):
    endorse_response(project, KIRKLEES, note="Two lines,\n\tthe second indented.", now=T0,
                     reservations=[reservation(project, "One.")])
    again = from_bytes(to_bytes(project))
    assert again.endorsements == project.endorsements


@pytest.mark.parametrize("change", [
    lambda p: setattr(p, "declines_block", True),
    lambda p: setattr(p, "require_authority", True),
    lambda p: setattr(p, "behalf_at", "title"),
    lambda p: setattr(p, "member_list", "endorsers"),
    lambda p: endorse_response(p, KIRKLEES, now=T0, reservations=[reservation(p, "One.")]),
    lambda p: decline_response(p, KIRKLEES, now=T0),
    lambda p: record_authority(p, KIRKLEES, "committee", "Minute 4", now=T0),
    lambda p: mark_section(p, KIRKLEES, p.find_section("3"), False, now=T0),
])
def test_any_one_record_makes_the_file_1_6_and_without_them_it_stays_what_it_was(project, change):
    endorse_response(project, CALDERDALE, now=T0)
    sign_off_section(project, KIRKLEES, project.find_section("3"), now=T0)
    before = to_bytes(project)
    assert format_version(project) == "1.2"  # the sequence of decisions; nothing newer
    change(project)
    assert format_version(project) == "1.6" and b' format="1.6" ' in to_bytes(project)
    again = from_bytes(to_bytes(project))
    assert _records(again) == _records(project)
    assert to_bytes(from_bytes(before)) == before


def _frozen_with(old: bytes, new: bytes, count: int = 1) -> bytes:
    data = FROZEN.read_bytes()
    assert old in data, old
    return data.replace(old, new, count)


HOSTILE = [
    (b'decision="declined"', b'decision="withdrawn"', "<endorsement>"),
    (b'kind="cabinet-member"', b'kind="mayor"', "kind"),
    (b'at="title"', b'at="footer"', 'line 12: <behalf-statement> has at="footer", not one of members, title'),
    (b'names="endorsers"', b'names="friends"', 'line 13: <member-list> has names="friends", not one of all'),
    (b'confidential="yes"', b'confidential="maybe"', "<mark>"),
    (b'decided="2006-01-12"', b'decided="12/01/2006"', "decided"),
    (b'decided="2006-01-12"', b'decided="2006-02-30"', "decided"),
    (b'<reservation>We do not support the charging model.</reservation>', b'<reservation></reservation>',
     "<reservation>"),
    (b'We do not support the charging model.', b"x" * 4001, "<reservation>"),
    (b"Cabinet, 12 January 2006, minute 45<", b"y" * 200_000 + b"<", "<authority>"),
    (b"Commercially sensitive: supplier prices", b"z" * 4001, "<mark>"),
    (b'named="yes"', b'named="please"', "named"),
    (b"not locally.</reservation>", b"not locally.</reservation>and more", "<reservation> in <endorsement>"),
    (b">Draft figures</mark>", b"/>", "confidential without a reason"),
    (b'<reservation section="sec-', b'<reservation section="not an id ', "<reservation>"),
    (b'org="calderdale" decision="declined"', b'org="calderdale" decision="approved"',
     "asks to be named as not endorsing"),
]


@pytest.mark.parametrize("old, new, named", HOSTILE, ids=[f"{n}:{new[:20]!r}" for _, new, n in HOSTILE])
def test_a_hostile_value_is_refused_in_one_line(old, new, named):
    with pytest.raises(ProjectFileError) as caught:
        from_bytes(_frozen_with(old, new))
    message = str(caught.value)
    assert "\n" not in message and named in message and not isinstance(caught.value, NewerFormatError)


def test_a_decline_or_reservation_on_a_sections_sign_off_is_refused(project):
    sign_off_section(project, KIRKLEES, project.find_section("3"), now=T0)
    data = to_bytes(project).replace(b'<signoff org="kirklees" decision="approved"',
                                     b'<signoff org="kirklees" decision="declined"')
    with pytest.raises(ProjectFileError, match="line [0-9]+"):
        from_bytes(data)


@pytest.mark.parametrize("damage, message", [
    (lambda p: setattr(p, "behalf_at", "footer"), "statement's place 'footer'"),
    (lambda p: setattr(p, "member_list", "some"), "member list 'some'"),
    (lambda p: p.endorsements.append(replace(p.endorsements[0], reservations=(Reservation("x", "sec gone"),))),
     "the section id 'sec gone', which a project file cannot hold"),
    (lambda p: p.endorsements.append(replace(p.endorsements[0], reservations=(Reservation("x" * 4001),))),
     "4,001 characters"),
    (lambda p: p.endorsements.append(replace(p.endorsements[0], decision="changes-requested")),
     "changes-requested and has reservations"),
    (lambda p: p.authorities.append(replace(p.authorities[0], kind="mayor")), "kind 'mayor'"),
    (lambda p: p.find_section("2").marks.append(replace(p.find_section("2").marks[0], reason=" ")),
     "without a reason"),
    (lambda p: p.find_section("3").signoffs.append(p.endorsements[2]), "only an endorsement"),
])
def test_the_write_gate_refuses_records_that_would_not_read_back(dissent, damage, message, tmp_path):
    damage(dissent)
    with pytest.raises(WriteRefused, match=re.escape(message)):
        checked_bytes(dissent, tmp_path / "r.wyproj")


def test_a_reservation_on_a_deleted_section_reads_back(dissent):
    from wyassembler.core.outline import delete_section
    delete_section(dissent, COORDINATOR, dissent.find_section("3"), now=T0 + timedelta(hours=4))
    again = from_bytes(checked_bytes(dissent))
    assert again.endorsements[0].reservations == dissent.endorsements[0].reservations


# -- the history of saves vouches for every record ------------------------------------------------------

def _without(data: bytes, pattern: bytes) -> bytes:
    changed, count = re.subn(pattern, b"", data, count=1, flags=re.DOTALL)
    assert count == 1, pattern
    return changed


@pytest.mark.parametrize("pattern", [
    rb'\s*<authority org="joint-services"[^>]*>Officer response</authority>',  # unsigned: no signature to fail
    rb'\s*<mark confidential="yes" org="joint-services"[^>]*>Draft</mark>',
    rb'<reservation section="[^"]*">Only as drafted.</reservation>',
    rb' named="yes"',
    rb'\s*<behalf-statement at="title"/>',
], ids=["authority", "mark", "reservation", "named", "setting"])
def test_a_record_removed_from_a_saved_file_fails_verify(dissent, pattern, tmp_path, capsys):
    path = tmp_path / "tampered.wyproj"
    data = to_bytes(dissent)
    path.write_bytes(data)
    assert main(["verify", str(path)]) == 0
    capsys.readouterr()
    path.write_bytes(_without(data, pattern))
    assert main(["verify", str(path)]) == 1
    assert "changed outside wyassembler after its last recorded save" in capsys.readouterr().out


# -- a 1.5 reader ------------------------------------------------------------------------------------------

def _schema_1_5() -> etree.RelaxNG:
    """The shipped schema without what 1.6 added: its elements, attributes and the decision "declined"."""
    grammar = etree.fromstring(Path(codec.__file__).resolve().parents[2].joinpath(
        "resources", "schema", "wyproj.rng").read_bytes())
    for pattern in list(grammar.iter(f"{RNG}element", f"{RNG}attribute")):
        if pattern.get("name") in NEW_NAMES:
            above = pattern.getparent()
            wrapper = above if above.tag in (f"{RNG}optional", f"{RNG}zeroOrMore") and len(above) == 1 else pattern
            wrapper.getparent().remove(wrapper)
    for value in list(grammar.iter(f"{RNG}value")):
        if value.text == "declined":
            value.getparent().remove(value)
    return etree.RelaxNG(grammar)


def _reading_as_1_5(monkeypatch) -> None:
    """This reader told it is 1.5: FORMAT_VERSION, the schema and the names it knows as they were."""
    schema = _schema_1_5()
    known = foreign._known_names() - NEW_NAMES
    monkeypatch.setattr(codec, "FORMAT_VERSION", "1.5")
    monkeypatch.setattr(codec, "schema", lambda: schema)
    monkeypatch.setattr(foreign, "_known_names", lambda: known)


def test_a_1_5_reader_keeps_authorities_marks_and_settings_it_cannot_read(dissent, monkeypatch):
    dissent.endorsements.clear()
    data = to_bytes(dissent)
    _reading_as_1_5(monkeypatch)
    old = from_bytes(data)
    assert old.authorities == [] and all(not s.marks for s in old.all_sections())
    assert (old.declines_block, old.behalf_at, old.member_list) == (False, "members", "all")
    assert to_bytes(old) == data
    old.subtitle = "Changed by 1.5"
    written = to_bytes(old)
    assert b' format="1.6" ' in written
    monkeypatch.undo()
    again = from_bytes(written)
    assert again.subtitle == "Changed by 1.5"
    assert _records(again) == _records(dissent)


@pytest.mark.parametrize("keep", ["reservations", "declines"])
def test_a_1_5_reader_refuses_reservations_and_declines_it_would_misread(dissent, monkeypatch, keep):
    """Set aside, a reservation would leave its endorsement read as a plain one (and its signature failing),
    a decline as nothing: the schema of 1.5 refuses both, and the file says which version it needs."""
    wanted = (lambda e: e.reservations) if keep == "reservations" else (lambda e: e.decision == "declined")
    dissent.endorsements[:] = [e for e in dissent.endorsements if wanted(e)]
    data = to_bytes(dissent)
    _reading_as_1_5(monkeypatch)
    with pytest.raises(NewerFormatError, match=r"saved in format 1\.6 by a newer wyassembler .* please update"):
        from_bytes(data)
