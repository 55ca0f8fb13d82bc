"""The command line end to end: the journey a new user takes in the README."""

from __future__ import annotations

import json


def _status(cli, path):
    result = cli("status", path, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_new_project_with_the_west_yorkshire_partners(cli, tmp_path):
    path = tmp_path / "r.wyproj"
    result = cli("new", path, "--title", "Our response", "--subtitle", "Sub", "--preset", "west-yorkshire",
                 "--by", "H. Dawson")
    assert result.code == 0, result.err
    status = _status(cli, path)
    assert [o["short_name"] for o in status["organisations"]][:3] == ["Bradford", "Calderdale", "Kirklees"]
    assert len(status["organisations"]) == 10
    assert status["sections"][0]["title"] == "Background information (Partnership Members)"
    assert status["ready"] is False


def test_add_edit_sign_off_stale_and_verify(cli, tmp_path):
    path = tmp_path / "r.wyproj"
    cli("new", path, "--title", "Our response", "--preset", "west-yorkshire", "--by", "H. Dawson")
    text = tmp_path / "shared.md"
    text.write_text("We welcome **shared services**.\n\n- Legislation\n  - Identity\n- Timetable\n", encoding="utf-8")
    added = cli("add-section", path, "--title", "Shared services", "--owner", "calderdale",
                "--contributors", "WY Police,fire", "--from", text, "--as", "Joint Services", "--by", "H. Dawson")
    assert added.code == 0, added.err
    assert "section 2" in added.out

    shown = cli("show", path, "2")
    assert shown.code == 0
    assert shown.out.startswith("# Shared services\n")
    assert "**shared services**" in shown.out and "  - Identity" in shown.out

    signed = cli("sign-off", path, "2", "--as", "calderdale", "--by", "J. Smith")
    assert signed.code == 0, signed.err
    row = _status(cli, path)["sections"][1]
    assert row["signoffs"] == {"calderdale": "approved", "police": "pending", "fire": "pending"}
    assert row["owner"] == "calderdale" and row["number"] == "2" and row["conflicts"] == 0

    text.write_text("We welcome **shared services** warmly.\n", encoding="utf-8")
    edited = cli("edit-section", path, "2", "--from", text, "--as", "police", "--by", "P. Clarke")
    assert edited.code == 0, edited.err
    assert "approval by Calderdale is now stale" in edited.out
    assert _status(cli, path)["sections"][1]["signoffs"]["calderdale"] == "stale"

    verified = cli("verify", path)
    assert verified.code == 0 and "sound" in verified.out


def test_add_section_takes_its_heading_from_the_file_or_says_which_it_used(cli, sample, tmp_path):
    """The --from file's '# Heading' was dropped without a word when adding a section (edit-section takes it)."""
    text = tmp_path / "costs.md"
    text.write_text("# Costs and funding\n\nThe savings are nearer 9%.\n", encoding="utf-8")
    coordinator = ("--as", "Joint Services", "--by", "H. Dawson")
    added = cli("add-section", sample, "--owner", "Kirklees", "--from", text, *coordinator)
    assert added.code == 0, added.err
    assert "\u201cCosts and funding\u201d" in added.out
    both = cli("add-section", sample, "--title", "Funding", "--owner", "Kirklees", "--from", text, *coordinator)
    assert both.code == 0 and "\u201cFunding\u201d" in both.out
    assert both.err == (f"wyassembler: warning: {text}'s heading \u201cCosts and funding\u201d is not used: "
                        "--title names the section \u201cFunding\u201d\n")
    plain = tmp_path / "plain.md"
    plain.write_text("No heading here.\n", encoding="utf-8")
    before = sample.read_bytes()
    neither = cli("add-section", sample, "--owner", "Kirklees", "--from", plain, *coordinator)
    assert neither.code != 0 and neither.err.count("\n") == 1 and "--title" in neither.err
    assert sample.read_bytes() == before


def test_readable_status_names_what_blocks_a_final_export(cli, sample, tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("First paragraph\nstill first.\n\nSecond paragraph.\n", encoding="utf-8")
    assert cli("edit-section", sample, "5", "--from", text, "--as", "leeds", "--by", "M. Walsh").code == 0
    # A line broken inside a plain-text paragraph stays a line break (a backslash break in Markdown).
    assert cli("show", sample, "5").out.endswith("First paragraph\\\nstill first.\n\nSecond paragraph.\n")
    status = cli("status", sample)
    assert status.code == 0
    assert "not ready" in status.out
    assert "Leeds: section 5" in status.out and "approval is stale" in status.out
    assert "Kirklees: endorsement is stale" in status.out


def test_the_sample_is_final_and_matches_the_reference_structure(cli, sample):
    status = _status(cli, sample)
    assert status["ready"] is True
    assert [s["number"] for s in status["sections"]] == ["1", "2", "3", "4", "5", "6"]
    assert status["sections"][2]["title"] == "Moving to a Shared Services Culture"
    assert all(o["endorsement"] == "endorsed" for o in status["organisations"])
    assert cli("verify", sample).code == 0


def test_endorse_and_request_changes(cli, sample):
    result = cli("sign-off", sample, "--endorse", "--request-changes", "--note", "Add a summary",
                 "--as", "kirklees", "--by", "S. Patel")
    assert result.code == 0, result.err
    status = _status(cli, sample)
    assert status["ready"] is False
    assert {o["id"]: o["endorsement"] for o in status["organisations"]}["kirklees"] == "changes-requested"


def test_set_properties_and_add_an_organisation(cli, sample):
    assert cli("set", sample, "--deadline", "2006-02-10", "--as", "joint-services", "--by", "H. Dawson").code == 0
    added = cli("add-organisation", sample, "--name", "Yorkshire Ambulance Service", "--short-name", "YAS",
                "--as", "joint-services", "--by", "H. Dawson")
    assert added.code == 0, added.err
    status = _status(cli, sample)
    assert status["organisations"][-1] == {"id": "yas", "name": "Yorkshire Ambulance Service",
                                           "short_name": "YAS", "endorsement": "pending",
                                           "endorsement_signature": None, "keys": [], "reservations": [],
                                           "decline_note": None, "named": False, "authority": None}
    # A new partner joins the member list, so every endorsement went stale.
    assert {o["endorsement"] for o in status["organisations"][:-1]} == {"stale"}
    shown = cli("set", sample)
    assert "Deadline:     2006-02-10" in shown.out
