"""``sign-off --endorse --reservation``, ``--decline``, ``authority``, ``mark`` and ``set``'s dissent settings
from the command line, and what ``status`` and ``status --json`` show of them (issue 18)."""

from __future__ import annotations

import json
from functools import partial

import pytest

from tests.signing import key_home

from wyassembler.projectfile import storage

COORDINATOR = ("--as", "Joint Services", "--by", "H. Dawson")
KIRKLEES = ("--as", "Kirklees", "--by", "S. Patel")
LEEDS = ("--as", "Leeds", "--by", "L. Brown")
PROFESSIONALISM = "Professionalism in terms of the planning delivery, management, skills and governance of IT " \
                  "enabled change."


def _status(cli, project) -> dict:
    result = cli("status", project, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _org(status: dict, org_id: str) -> dict:
    return next(entry for entry in status["organisations"] if entry["id"] == org_id)


def _ok(result) -> None:
    assert result.code == 0, result.err


@pytest.fixture
def every_state(cli, sample, tmp_path):
    """The sample with one organisation in each endorsement state: the response changed (so every earlier
    endorsement is stale: a new partner, which is pending, and an edit), then Bradford endorsed, Kirklees endorsed
    with two reservations, Leeds declined asking to be named, WY Police declined unnamed, Wakefield asked for
    changes."""
    text = tmp_path / "last.md"
    text.write_text("We look forward to working together.\n", encoding="utf-8")
    _ok(cli("add-organisation", sample, "--name", "Yorkshire Ambulance Service", "--short-name", "YAS",
            *COORDINATOR))
    _ok(cli("edit-section", sample, "6", "--from", text, "--as", "Wakefield", "--by", "W. Jones"))
    _ok(cli("sign-off", sample, "--endorse", "--as", "Bradford", "--by", "B. Khan"))
    _ok(cli("sign-off", sample, "--endorse", "--reservation", "The costs are not yet agreed", "--section", "4",
            "--reservation", "We would rather wait a year", *KIRKLEES))
    _ok(cli("sign-off", sample, "--decline", "--note", "We cannot support section 3", "--named", *LEEDS))
    _ok(cli("sign-off", sample, "--decline", "--as", "WY Police", "--by", "P. Grey"))
    _ok(cli("sign-off", sample, "--endorse", "--request-changes", "--note", "Shorter, please",
            "--as", "Wakefield", "--by", "W. Jones"))
    return sample


def test_status_json_gives_each_endorsement_state_with_reservations_and_declines(cli, every_state):
    status = _status(cli, every_state)
    states = {org["id"]: org["endorsement"] for org in status["organisations"]}
    assert states["bradford"] == "endorsed"
    assert states["kirklees"] == "endorsed-with-reservations"
    assert states["leeds"] == "declined"
    assert states["police"] == "declined"
    assert states["wakefield"] == "changes-requested"
    assert states["yas"] == "pending"
    assert states["calderdale"] == "stale"
    kirklees = _org(status, "kirklees")
    assert kirklees["reservations"] == [
        {"text": "The costs are not yet agreed", "section": "professionalism", "section_number": "4"},
        {"text": "We would rather wait a year", "section": None, "section_number": None}]
    assert (kirklees["decline_note"], kirklees["named"]) == (None, False)
    leeds = _org(status, "leeds")
    assert (leeds["decline_note"], leeds["named"], leeds["reservations"]) == \
        ("We cannot support section 3", True, [])
    police = _org(status, "police")
    assert (police["decline_note"], police["named"]) == ("", False)
    for org in ("bradford", "wakefield", "yas", "calderdale"):
        entry = _org(status, org)
        assert (entry["reservations"], entry["decline_note"], entry["named"], entry["authority"]) == \
            ([], None, False, None)
    # the keys there before are still there
    assert {"id", "name", "short_name", "endorsement", "endorsement_signature", "keys"} <= set(kirklees)


def test_status_text_says_each_organisations_endorsement_in_words(cli, every_state):
    result = cli("status", every_state)
    _ok(result)
    lines = result.out.splitlines()
    # The count says how many declined: "2 of 11 endorsed" alone read as nine still to decide.
    assert lines[1].startswith("2 of 11 organisations endorsed, 2 declined \u00b7 ")
    kirklees = next(line for line in lines if line.strip().startswith("Kirklees "))
    assert kirklees.split(None, 1)[1] == (
        f"endorsed with reservations: on section 4 \u201c{PROFESSIONALISM}\u201d: The costs are not yet "
        f"agreed; on the whole response: We would rather wait a year")
    leeds = next(line for line in lines if line.strip().startswith("Leeds "))
    assert leeds.split(None, 1)[1] == "declined, and asks to be named: We cannot support section 3"
    police = next(line for line in lines if line.strip().startswith("WY Police "))
    assert police.split(None, 2)[2] == "declined (not to be named in the export)"
    assert any(line.split() == ["Bradford", "endorsed"] for line in lines)
    assert any(line.split() == ["Calderdale", "stale"] for line in lines)


def test_sign_off_says_what_was_recorded(cli, sample):
    endorsed = cli("sign-off", sample, "--endorse", "--reservation", "Costs", "--section", "professionalism",
                   *KIRKLEES)
    _ok(endorsed)
    assert endorsed.out.splitlines() == ["Kirklees endorsed the whole response with reservations:",
                                         f"  on section 4 \u201c{PROFESSIONALISM}\u201d: Costs"]
    declined = cli("sign-off", sample, "--decline", "--named", *LEEDS)
    _ok(declined)
    assert declined.out == ("Leeds declined to endorse the whole response, and asks to be named in the export "
                            "as not endorsing it.\n")
    approved = cli("sign-off", sample, "3", "--as", "Calderdale", "--by", "J. Smith")
    _ok(approved)
    assert approved.out.startswith("Calderdale approved section 3")


def test_a_decline_is_replaced_by_a_later_endorsement(cli, sample):
    _ok(cli("sign-off", sample, "--decline", "--note", "Not yet", *LEEDS))
    _ok(cli("sign-off", sample, "--endorse", *LEEDS))
    leeds = _org(_status(cli, sample), "leeds")
    assert (leeds["endorsement"], leeds["decline_note"]) == ("endorsed", None)


def test_authority_is_recorded_and_shown_per_organisation(cli, sample):
    result = cli("authority", sample, "--kind", "cabinet-member", "--reference", "Cabinet, minute 45",
                 "--date", "12/1/2006", "--as", "Calderdale", "--by", "J. Smith")
    _ok(result)
    assert result.out == ("Recorded how Calderdale approved the response: Cabinet member decision: Cabinet, "
                          "minute 45 (12 January 2006).\n")
    authority = _org(_status(cli, sample), "calderdale")["authority"]
    assert {key: authority[key] for key in ("kind", "reference", "date", "person")} == \
        {"kind": "cabinet-member", "reference": "Cabinet, minute 45", "date": "2006-01-12", "person": "J. Smith"}
    assert authority["time"].startswith("20")
    assert _org(_status(cli, sample), "leeds")["authority"] is None
    text = cli("status", sample).out
    assert "Authority (not required):" in text
    calderdale = next(line for line in text.splitlines() if line.strip().startswith("Calderdale ") and "minute" in line)
    assert "Cabinet member decision: Cabinet, minute 45 (12 January 2006); recorded by J. Smith" in calderdale
    assert any(line.split() == ["Leeds", "none", "recorded"] for line in text.splitlines())


def test_the_sign_off_record_names_the_role_of_who_recorded_the_authority(cli, sample):
    """The appendix's authority row said "J. Smith" where the endorsement row above it said "J. Smith,
    partner lead": authority had no --role, so the record's role was empty."""
    from wyassembler.word.writer import AUTHORITY_ITEM, appendix_rows

    _ok(cli("authority", sample, "--kind", "committee", "--reference", "Cabinet, minute 45",
            "--as", "Calderdale", "--by", "J. Smith"))
    _ok(cli("authority", sample, "--kind", "delegated-officer", "--reference", "Director's decision 7",
            "--role", "Director of Resources", *KIRKLEES))
    rows = appendix_rows(storage.load(sample).project)
    signed_by = {row[1]: row[2] for row in rows if row[0] == AUTHORITY_ITEM}
    assert signed_by == {"Calderdale": "J. Smith, partner lead", "Kirklees": "S. Patel, Director of Resources"}
    # mark records a role the same way (its sibling).
    _ok(cli("mark", sample, "4", "--confidential", "commercially sensitive", "--role", "Head of ICT", *KIRKLEES))
    assert storage.load(sample).project.find_section("4").marks[-1].role == "Head of ICT"


def test_an_authority_dated_in_the_future_is_recorded_with_a_warning(cli, sample):
    """A decision already taken dated next year is most likely a slip of the year (12/1/2027 for 2026)."""
    from datetime import date

    later = date.today().replace(year=date.today().year + 1, day=1)
    result = cli("authority", sample, "--kind", "committee", "--reference", "Cabinet, minute 45",
                 "--date", later.isoformat(), "--as", "Calderdale", "--by", "J. Smith")
    _ok(result)
    assert result.err == (f"wyassembler: warning: the decision's date, 1 {later:%B %Y}, is in the future: if it "
                          "is wrong, record the authority again with the right --date\n")
    assert _org(_status(cli, sample), "calderdale")["authority"]["date"] == later.isoformat()
    today = cli("authority", sample, "--kind", "committee", "--reference", "Cabinet, minute 45",
                "--date", date.today().isoformat(), "--as", "Calderdale", "--by", "J. Smith")
    assert today.code == 0 and today.err == ""


def test_authority_without_a_date_and_for_ones_own_organisation_named(cli, sample):
    _ok(cli("authority", sample, "--kind", "delegated-officer", "--reference", "Director's decision 7",
            "--for", "calderdale", "--as", "Calderdale", "--by", "J. Smith"))
    assert _org(_status(cli, sample), "calderdale")["authority"]["date"] is None


def test_status_text_has_no_authority_or_confidential_block_when_there_is_none(cli, sample):
    text = cli("status", sample).out
    assert "Authority" not in text and "Confidential" not in text


def test_mark_confidential_and_public_again_with_sub_sections_withheld(cli, sample, tmp_path):
    _ok(cli("add-section", sample, "--title", "Costs in detail", "--owner", "Kirklees", "--parent", "4",
            *KIRKLEES))
    marked = cli("mark", sample, "4", "--confidential", "commercially sensitive", *KIRKLEES)
    _ok(marked)
    assert marked.out.splitlines()[0] == f"Marked section 4 \u201c{PROFESSIONALISM}\u201d confidential: " \
                                         f"commercially sensitive."
    assert "Its 1 sub-section(s) are withheld from the public copy with it." in marked.out
    status = _status(cli, sample)
    sections = {section["number"]: section for section in status["sections"]}
    assert (sections["4"]["confidential"], sections["4"]["confidential_marked_on"]) == \
        ("commercially sensitive", "4")
    assert (sections["4.1"]["confidential"], sections["4.1"]["confidential_marked_on"]) == \
        ("commercially sensitive", "4")
    assert (sections["5"]["confidential"], sections["5"]["confidential_marked_on"]) == (None, None)
    text = cli("status", sample).out.splitlines()
    start = text.index("Confidential sections (withheld from the public copy):")
    assert text[start + 1].startswith("  4    \u201cProfessionalism in terms")
    assert text[start + 1].endswith("\u201d: commercially sensitive")
    assert text[start + 2].split(None, 1) == [
        "4.1", "\u201cCosts in detail\u201d: withheld as part of section 4 (commercially sensitive)"]
    public = cli("mark", sample, "4", "--public", "--as", "Joint Services", "--by", "H. Dawson")
    _ok(public)
    assert public.out.startswith(f"Marked section 4 \u201c{PROFESSIONALISM}\u201d public.")
    assert all(section["confidential"] is None for section in _status(cli, sample)["sections"])


def test_marking_a_section_confidential_makes_the_endorsements_stale_and_says_so(cli, sample):
    marked = cli("mark", sample, "4", "--confidential", "commercially sensitive", *KIRKLEES)
    _ok(marked)
    assert marked.out.splitlines()[1].startswith("The endorsement by Bradford, Calderdale, Kirklees,")
    assert marked.out.splitlines()[1].endswith(" is now stale: what is withheld from publication changed.")
    assert {org["endorsement"] for org in _status(cli, sample)["organisations"]} == {"stale"}


def test_marking_a_sub_section_public_under_a_confidential_parent_warns_it_stays_withheld(cli, sample):
    _ok(cli("add-section", sample, "--title", "Costs in detail", "--owner", "Kirklees", "--parent", "4",
            *KIRKLEES))
    _ok(cli("mark", sample, "4.1", "--confidential", "prices", *KIRKLEES))
    _ok(cli("mark", sample, "4", "--confidential", "commercially sensitive", *KIRKLEES))
    result = cli("mark", sample, "4.1", "--public", *KIRKLEES)
    _ok(result)
    assert "stays withheld from the public copy: it is part of section 4" in result.err
    assert _status(cli, sample)["sections"][4]["confidential_marked_on"] == "4"


def test_marking_what_is_already_marked_changes_nothing(cli, sample):
    before = sample.read_bytes()
    result = cli("mark", sample, "4", "--public", *KIRKLEES)
    _ok(result)
    assert result.out.startswith("No change:")
    assert sample.read_bytes() == before


def test_set_changes_the_dissent_settings_and_shows_them(cli, sample):
    assert _status(cli, sample)["settings"] == {"declines_block": False, "require_authority": False,
                                                "behalf_at": "members", "member_list": "all"}
    result = cli("set", sample, "--declines-block", "yes", "--require-authority", "yes", "--behalf-at", "title",
                 "--member-list", "endorsers", *COORDINATOR)
    _ok(result)
    assert "Declines:     stop the final export" in result.out
    assert "Authority:    required of each endorser" in result.out
    assert "On behalf of: stated after the title block" in result.out
    assert "Member list:  only the endorsers" in result.out
    status = _status(cli, sample)
    assert status["settings"] == {"declines_block": True, "require_authority": True, "behalf_at": "title",
                                  "member_list": "endorsers"}
    assert status["ready"] is False  # no endorser has recorded its authority
    shown = cli("set", sample).out
    assert "Declines:     stop the final export" in shown
    _ok(cli("set", sample, "--declines-block", "no", "--member-list", "all", *COORDINATOR))
    assert _status(cli, sample)["settings"]["declines_block"] is False


def test_a_decline_blocks_the_final_export_only_when_the_coordinator_says_so(cli, sample):
    _ok(cli("sign-off", sample, "--decline", *LEEDS))
    assert _status(cli, sample)["ready"] is True  # the response goes out on behalf of the others
    _ok(cli("set", sample, "--declines-block", "yes", *COORDINATOR))
    assert _status(cli, sample)["ready"] is False
    assert "declined to endorse the response" in cli("status", sample).out


def test_reservations_declines_authority_and_marks_are_signed_with_a_confirmed_key(cli, sample, tmp_path,
                                                                                  monkeypatch):
    """Signing works as for endorsements: each record is signed with the user's confirmed key of the
    organisation acted for, and ``verify`` checks them all."""
    monkeypatch.delenv("WYASSEMBLER_PASSPHRASE", raising=False)

    become = partial(key_home, monkeypatch, tmp_path)
    coordinator = become("coordinator")
    _ok(cli("key", "new", "--name", "H. Dawson", *coordinator))
    _ok(cli("key", "register", sample, *COORDINATOR, *coordinator))
    partner = become("kirklees")
    _ok(cli("key", "new", "--name", "S. Patel", *partner))
    fingerprint = json.loads(cli("key", "show", "--json").out)["fingerprint"]
    _ok(cli("key", "register", sample, *KIRKLEES, *partner))
    become("coordinator")
    _ok(cli("key", "confirm", sample, fingerprint.replace(" ", ""), *COORDINATOR, *coordinator))
    become("kirklees")
    _ok(cli("mark", sample, "4", "--confidential", "commercially sensitive", *KIRKLEES, *partner))
    _ok(cli("authority", sample, "--kind", "committee", "--reference", "Minute 45", *KIRKLEES, *partner))
    _ok(cli("sign-off", sample, "--endorse", "--reservation", "Costs", "--section", "4", *KIRKLEES, *partner))
    assert _org(_status(cli, sample), "kirklees")["endorsement_signature"] == "valid"
    _ok(cli("sign-off", sample, "--decline", "--named", *KIRKLEES, *partner))
    status = _status(cli, sample)
    assert _org(status, "kirklees")["endorsement_signature"] == "valid"
    assert _org(status, "kirklees")["endorsement"] == "declined"
    project = storage.load(sample).project
    assert project.authorities[-1].signature.fingerprint == fingerprint
    assert project.section("professionalism").marks[-1].signature.fingerprint == fingerprint
    verified = cli("verify", sample)
    assert verified.code == 0, verified.out + verified.err
    assert "sound" in verified.out
