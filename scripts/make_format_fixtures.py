"""Write one project file of each format version into tests/data/formats/, as that version holds it.

The files are frozen: once committed they are never made again, so a later wyassembler must keep
opening and round-tripping exactly what an earlier one wrote (as novelWriter keeps its old project
files). This script is how they were first made (with the code of the version they name), and how
the fixture of a new format version is added: give it a maker below and run

    .venv/bin/python scripts/make_format_fixtures.py VERSION

Each fixture holds what its version added: 1.1 a conflict copy, its resolution and a tombstone's
earlier revisions; 1.2 the sequence of sign-offs and endorsements and a restore record; 1.3 line
breaks, tabs, a list start number, a table without a header row and list level formats; 1.4 keys
registered, confirmed (the coordinator's trusted on first use) and revoked, signed sign-offs and
endorsements linked to the decision before them, the requirement of signatures, and a history of saves
with a merge entry of two parents; 1.5 the consultation's questions (a limit in words, in characters
with and without spaces, options and a choice, no comment with a reason), a section answering two of
them and one answering a question since withdrawn; 1.6 a signed endorsement with reservations (on the
whole response and on a section), a decline asking to be named and one not, authority records (signed
with a date, unsigned without), confidentiality marks (a section confidential, one made public again)
and every dissent setting changed from its default; 1.7 comments (a quoted one with a reply, a thread
resolved, reopened and resolved again, one read from Word), a proposal with tracked changes (one without a
date) accepted by its owner and one still open.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wyassembler.core.conflicts import take_copy  # noqa: E402
from wyassembler.core.content import ListItem, Paragraph, Span, Table, plain  # noqa: E402
from wyassembler.core.editing import edit_section  # noqa: E402
from wyassembler.core.history import record_save  # noqa: E402
from wyassembler.core.merge import merge_projects, structure_of  # noqa: E402
from wyassembler.core.model import Actor, Project  # noqa: E402
from wyassembler.core.outline import add_section, delete_section  # noqa: E402
from wyassembler.core.presets import new_project  # noqa: E402
from wyassembler.core.signoff import endorse_response, sign_off_section  # noqa: E402
from wyassembler.projectfile.codec import from_bytes, to_bytes  # noqa: E402

OUT = ROOT / "tests" / "data" / "formats"
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
COORDINATOR = Actor("joint-services", "H. Dawson", "coordinator")
CALDERDALE = Actor("calderdale", "J. Smith", "partner lead")
KIRKLEES = Actor("kirklees", "S. Patel", "partner lead")


def _base() -> Project:
    project = new_project("Frozen format", "A project file kept as written", preset="west-yorkshire",
                          person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Shared services", "calderdale",
                (Paragraph((Span("We "), Span("welcome", bold=True), Span(" this."))),), now=T0)
    add_section(project, COORDINATOR, "Standards", "kirklees", (Paragraph(plain("Standards matter.")),), now=T0)
    return project


def _copy(project: Project) -> Project:
    return from_bytes(to_bytes(project))


def format_1_1() -> Project:
    """A conflict copy from two edits of one section, taken, and a section deleted after an edit."""
    ours = _base()
    theirs = _copy(ours)
    shared = ours.find_section("2")
    edit_section(ours, CALDERDALE, shared, blocks=(Paragraph(plain("Ours.")),), now=T0 + timedelta(hours=1))
    edit_section(theirs, CALDERDALE, theirs.find_section("2"), blocks=(Paragraph(plain("Theirs.")),),
                 now=T0 + timedelta(hours=2))
    project = merge_projects(ours, theirs, _base()).project
    section = project.find_section("2")
    take_copy(project, CALDERDALE, section, 1, now=T0 + timedelta(hours=3))
    gone = add_section(project, COORDINATOR, "Withdrawn", "leeds", (Paragraph(plain("First.")),), now=T0)
    edit_section(project, Actor("leeds", "A. Lee", "partner lead"), gone, blocks=(Paragraph(plain("Second.")),),
                 now=T0 + timedelta(hours=4))
    delete_section(project, COORDINATOR, gone, now=T0 + timedelta(hours=5))
    return project


def format_1_2() -> Project:
    """Sign-offs and an endorsement with their sequence, and a restore record."""
    from wyassembler.core.restore import restore_over  # made with the code of 1.2, which has it
    project = _base()
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, "changes-requested", "Cite the standard", now=T0)
    sign_off_section(project, KIRKLEES, section, now=T0 + timedelta(minutes=5))
    endorse_response(project, COORDINATOR, now=T0 + timedelta(hours=1))
    earlier = _copy(project)
    edit_section(project, KIRKLEES, section, blocks=(Paragraph(plain("Changed after approval.")),),
                 now=T0 + timedelta(hours=2))
    return restore_over(project, earlier, COORDINATOR, "backup of 09:00", "0" * 64, "1" * 64,
                        now=T0 + timedelta(hours=3))


def format_1_3() -> Project:
    """Line breaks, tabs, a list from 5, lists that restart, a table without a header row, level formats."""
    project = _base()
    project.list_formats = ("decimal", "upperLetter", "lowerRoman")
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=(
        Paragraph((Span("Address:\nWellington House\tLeeds"), Span("\nTel:\t0113", italic=True))),
        ListItem(plain("First"), "number"), ListItem(plain("Nested"), "number", 2),
        ListItem(plain("A note"), "bullet"), ListItem(plain("From five"), "number", 1, 5),
        Table((), ((plain("Telephone"), plain("0113 000 0000")), (plain("E-mail"), plain("ict@example.org")))),
    ), now=T0 + timedelta(hours=1))
    return project


class _FixedSigner:
    """A key made from a fixed seed, so the fixture's signatures can be made again to compare."""

    def __init__(self, seed: int) -> None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        from wyassembler.core.signatures import fingerprint
        self._private = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
        self.public_key = self._private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.fingerprint = fingerprint(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


def format_1_4() -> Project:
    """Keys registered, confirmed and revoked; signed, linked decisions; signatures required; a history
    of saves with a merge of two."""
    from wyassembler.core.keys import confirm_key, register_key, revoke_key  # made with the code of 1.4
    from wyassembler.core.partners import set_properties
    project = _base()
    coordinator, kirklees, lost = _FixedSigner(1), _FixedSigner(2), _FixedSigner(3)
    register_key(project, COORDINATOR, coordinator.public_key, coordinator, now=T0)
    # The coordinator turns signatures on with its key, signing who owns each section as it stands.
    set_properties(project, COORDINATOR, signer=coordinator, now=T0, require_signatures=True)
    for key in (kirklees, lost):
        register_key(project, KIRKLEES, key.public_key, key, now=T0 + timedelta(minutes=1))
        confirm_key(project, COORDINATOR, key.fingerprint, coordinator, now=T0 + timedelta(minutes=2))
    revoke_key(project, KIRKLEES, lost.fingerprint, kirklees, "laptop lost", now=T0 + timedelta(minutes=3))
    record_save(project, "joint-services", "H. Dawson", now=T0 + timedelta(minutes=3))
    # Saved at once by two people: the coordinator changes the subtitle while Kirklees signs off.
    other = _copy(project)
    set_properties(other, COORDINATOR, now=T0 + timedelta(minutes=4), subtitle="Kept with its history")
    record_save(other, "joint-services", "H. Dawson", now=T0 + timedelta(minutes=4))
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, "changes-requested", "Cite the standard",
                     now=T0 + timedelta(minutes=4), signer=kirklees)
    sign_off_section(project, KIRKLEES, section, now=T0 + timedelta(minutes=5), signer=kirklees)
    endorse_response(project, KIRKLEES, now=T0 + timedelta(hours=1), signer=kirklees)
    endorse_response(project, COORDINATOR, now=T0 + timedelta(hours=1), signer=coordinator)
    record_save(project, "kirklees", "S. Patel", now=T0 + timedelta(hours=1))
    merged = merge_projects(project, other, structure_of(_copy(project))).project
    record_save(merged, "kirklees", "S. Patel", now=T0 + timedelta(hours=1))  # two parents: a merge
    return merged


def format_1_5() -> Project:
    """The consultation's questions with each kind of limit, options and a choice, no comment with a
    reason; a section answering two questions, and one answering a question the list no longer has."""
    from wyassembler.core.question_edits import (NewQuestion, import_questions, map_section, set_choice,
                                                 set_no_comment)  # made with the code of 1.5
    from wyassembler.core.questions import Limit
    project = _base()
    asked = [
        NewQuestion("1", "Do you agree with the proposed shared infrastructure?", None, ("Yes", "No", "Don't know")),
        NewQuestion("2", "What barriers do local bodies face in sharing services?", Limit("words", 250)),
        NewQuestion("3a", "How should professional standards be set?", Limit("characters", 1500)),
        NewQuestion("3b", "Who should enforce them?", Limit("characters", 500, spaces=False)),
        NewQuestion("4", "Do you have any comments on the impact assessment?"),
        NewQuestion("5", "Should the pilot run for two years?"),
    ]
    import_questions(project, COORDINATOR, asked)
    map_section(project, CALDERDALE, project.find_section("2"), ["2", "3a"])
    map_section(project, KIRKLEES, project.find_section("3"), ["5"])
    import_questions(project, COORDINATOR, asked[:5])  # question 5 withdrawn: section 3 keeps its id
    set_choice(project, COORDINATOR, "1", "Yes")
    set_no_comment(project, COORDINATOR, "4", True, "Outside the partnership's remit")
    return project


def format_1_6() -> Project:
    """Reservations, declines, authority records, confidentiality marks and the dissent settings, the
    endorsement, an authority and a mark signed, the whole vouched for by a save."""
    from datetime import date

    from wyassembler.core.authority import record_authority  # made with the code of 1.6
    from wyassembler.core.confidentiality import mark_section
    from wyassembler.core.keys import confirm_key, register_key
    from wyassembler.core.partners import set_properties
    from wyassembler.core.signoff import decline_response, reservation
    project = _base()
    coordinator, kirklees = _FixedSigner(1), _FixedSigner(2)
    register_key(project, COORDINATOR, coordinator.public_key, coordinator, now=T0)
    register_key(project, KIRKLEES, kirklees.public_key, kirklees, now=T0 + timedelta(minutes=1))
    confirm_key(project, COORDINATOR, kirklees.fingerprint, coordinator, now=T0 + timedelta(minutes=2))
    set_properties(project, COORDINATOR, now=T0 + timedelta(minutes=3), declines_block=True,
                   require_authority=True, behalf_at="title", member_list="endorsers")
    mark_section(project, KIRKLEES, project.find_section("3"), True, "Commercially sensitive: supplier prices",
                 now=T0 + timedelta(minutes=4), signer=kirklees)
    shared = project.find_section("2")
    mark_section(project, COORDINATOR, shared, True, "Draft figures", now=T0 + timedelta(minutes=5))
    mark_section(project, COORDINATOR, shared, False, now=T0 + timedelta(minutes=6))
    reservations = [reservation(project, "We do not support the charging model."),
                    reservation(project, "Standards should be set nationally,\nnot locally.", "3")]
    endorse_response(project, KIRKLEES, note="Agreed by cabinet.", now=T0 + timedelta(hours=1), signer=kirklees,
                     reservations=reservations)
    decline_response(project, CALDERDALE, "Our cabinet has not agreed the response.", named=True,
                     now=T0 + timedelta(hours=1, minutes=1))
    decline_response(project, Actor("leeds", "A. Lee", "partner lead"), now=T0 + timedelta(hours=1, minutes=2))
    record_authority(project, KIRKLEES, "cabinet-member", "Cabinet, 12 January 2006, minute 45",
                     date(2006, 1, 12), now=T0 + timedelta(hours=2), signer=kirklees)
    record_authority(project, COORDINATOR, "officer-response", "Officer response under the partnership's terms",
                     now=T0 + timedelta(hours=2, minutes=1))
    record_save(project, "kirklees", "S. Patel", now=T0 + timedelta(hours=2, minutes=1))
    return project


def format_1_7() -> Project:
    """Comments (one on a quoted passage with a reply, a thread resolved then reopened then resolved, one
    read from Word), a proposal with tracked changes (one without a date) decided by its owner, one still
    open, the whole vouched for by a save."""
    from wyassembler.core.comments import add_comment, set_resolved  # made with the code of 1.7
    from wyassembler.core.proposals import decide, propose
    from wyassembler.core.review_records import TrackedChange
    project = _base()
    shared, standards = project.find_section("2"), project.find_section("3")
    asked = add_comment(project, KIRKLEES, shared, "Do we welcome all of it?\nSay which parts.", quote="welcome",
                        now=T0 + timedelta(minutes=1))
    add_comment(project, CALDERDALE, shared, "All of it.", reply_to=asked.id, now=T0 + timedelta(minutes=2))
    set_resolved(project, KIRKLEES, asked.id, True, now=T0 + timedelta(minutes=3))
    set_resolved(project, CALDERDALE, asked.id, False, now=T0 + timedelta(minutes=4))
    set_resolved(project, KIRKLEES, asked.id, True, now=T0 + timedelta(minutes=5))
    add_comment(project, Actor("kirklees", "Sam Reviewer", "partner lead"), standards, "Which standards?",
                quote="Standards", now=T0 + timedelta(minutes=6), source="word")
    tracked = (TrackedChange("insertion", "Sam Reviewer", T0 + timedelta(minutes=7), " warmly"),
               TrackedChange("deletion", "Sam Reviewer", None, "this"))
    accepted = propose(project, KIRKLEES, shared, shared.current.id, "Shared services",
                       (Paragraph((Span("We "), Span("welcome", bold=True), Span(" it warmly."))),),
                       tracked=tracked, source="Shared services - Kirklees.docx", now=T0 + timedelta(minutes=8))
    propose(project, CALDERDALE, standards, standards.current.id, "Standards",
            (Paragraph(plain("Standards matter a great deal.")),), tracked=(tracked[0],),
            source="Standards - Calderdale.docx", now=T0 + timedelta(minutes=9))
    decide(project, CALDERDALE, accepted.id, True, now=T0 + timedelta(minutes=10))
    record_save(project, "calderdale", "J. Smith", now=T0 + timedelta(minutes=11))
    return project


MAKERS = {"1.1": format_1_1, "1.2": format_1_2, "1.3": format_1_3, "1.4": format_1_4, "1.5": format_1_5,
          "1.6": format_1_6, "1.7": format_1_7}


def main(versions: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for version in versions:
        target = OUT / f"format-{version}.wyproj"
        if target.exists():
            sys.exit(f"{target} exists: a frozen fixture is never made again")
        data = to_bytes(MAKERS[version]())
        if f' format="{version}" '.encode() not in data:
            sys.exit(f"the project made for {version} is written as another version")
        target.write_bytes(data)
        print(target)


if __name__ == "__main__":
    main(sys.argv[1:] or sorted(MAKERS))
