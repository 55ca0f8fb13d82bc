"""``wyassembler check``: every problem that would stop or mar a final export, by where it is, with what to
do; exit 0 (none stops it), 1 (an error: the export refuses), 2 (nothing could be checked). The final
export refuses on the same accessibility errors, and its warnings are check's."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from tests.word.signed_sample import signed_sample
from wyassembler.core.accessibility import content_findings
from wyassembler.core.checklist import check_project, finding_line
from wyassembler.core.content import Paragraph, Span, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
from wyassembler.projectfile import storage
from wyassembler.word.export_checks import NotAccessible
from wyassembler.word.template_check import template_findings
from wyassembler.word.writer import build_docx

TEMPLATES = Path(__file__).parents[1] / "data" / "templates"
FINDING_KEYS = ["rule", "severity", "section_id", "section_number", "heading", "place", "message", "advice"]
EMPTY_HEADER_CELL = Table((plain("Partner"), ()), ((plain("Leeds"), plain("1")),))
VAGUE_LINK = Paragraph((Span("For the plan, "), Span("click here", href="https://example.org/plan"), Span(".")))


def _one_line(result) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    return lines[0]


def _saved(tmp_path, project, name="checked.wyproj"):
    path = tmp_path / name
    storage.save_project(project, path, keep_backup=False)
    return path


def _with_blocks(*blocks):
    """The signed sample with its second section's text replaced by ``blocks`` before everyone signs."""
    def change(project) -> None:
        section = project.sections[1]
        edit_section(project, Actor(section.owner, "Someone", "partner lead"), section, blocks=blocks)
    return change


def test_a_signed_off_response_with_nothing_wrong_exits_0(cli, sample):
    result = cli("check", sample)
    assert result.code == 0, result.err
    assert result.out == "No problems found: a final export would go ahead.\n"
    data = json.loads(cli("check", sample, "--json").out)
    assert data == {"ready": True, "errors": 0, "warnings": 0, "findings": []}


def test_a_section_not_signed_off_is_an_error_under_its_section_with_what_to_do(cli, sample, tmp_path):
    source = tmp_path / "text.md"
    source.write_text("New words.\n", encoding="utf-8")
    assert cli("edit-section", sample, "6", "--from", source, "--as", "Wakefield", "--by", "D. Hughes").code == 0
    result = cli("check", sample)
    assert result.code == 1 and result.err == ""
    lines = result.out.splitlines()
    assert lines[0] == "The whole response"
    assert lines[1].startswith("  error    signoff  Bradford: endorsement is stale")
    group = lines.index("6 And finally ...")
    assert lines[group + 1] == ("  error    signoff  Wakefield: approval is stale (the text changed after D. Hughes "
                                "approved it on 16 Jan 2006) \u2014 Ask Wakefield's partner lead to sign off "
                                "(Sign-off \u203a Sign Off Section, or 'wyassembler sign-off PROJECT 6').")
    assert lines[-1] == "11 errors: a final export would be refused"


def test_an_unanswered_question_is_a_questions_error(cli, tmp_path):
    def asked(project) -> None:
        coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
        import_questions(project, coordinator, [NewQuestion("1", "What do you think?"),
                                                NewQuestion("2", "Anything else?")])
        map_section(project, coordinator, project.sections[0], ["1"])

    path = _saved(tmp_path, signed_sample(asked)[0])
    result = cli("check", path, "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["ready"] is False and data["errors"] == 1 and data["warnings"] == 0
    assert data["findings"] == [{
        "rule": "questions", "severity": "error", "section_id": None, "section_number": None, "heading": None,
        "place": "response", "message": "question 2 \u201cAnything else?\u201d: not answered and not marked no comment",
        "advice": data["findings"][0]["advice"]}]
    assert "--no-comment" in data["findings"][0]["advice"]


def test_a_forged_signature_is_an_error_on_its_section(cli, tmp_path):
    project, _ = signed_sample()
    third = project.find_section("3")
    third.signoffs[-1] = replace(third.signoffs[-1], note="Slipped in later.")  # the signature no longer covers it
    path = _saved(tmp_path, project)
    data = json.loads(cli("check", path, "--json").out)
    signatures = [finding for finding in data["findings"] if finding["rule"] == "signatures"]
    assert signatures and all(finding["section_number"] == "3" and finding["heading"] == third.heading
                              and finding["section_id"] == third.id and finding["place"] == "section"
                              for finding in signatures)
    assert cli("check", path).code == 1


def test_json_findings_have_one_shape_and_come_in_order_response_sections_template(cli, tmp_path):
    project, _ = signed_sample(_with_blocks(Paragraph(plain("Words.")), EMPTY_HEADER_CELL))
    project.title = ""  # the title rule: the whole response's
    path = _saved(tmp_path, project)
    result = cli("check", path, "--json", "--template", TEMPLATES / "first-page-logo.docx")
    data = json.loads(result.out)
    assert result.code == 1
    assert all(list(finding) == FINDING_KEYS for finding in data["findings"])
    places = [finding["place"] for finding in data["findings"]]
    assert places[0] == "response" and "section" in places
    first_template = next(index for index, place in enumerate(places) if place not in ("response", "section"))
    assert places.index("section") < first_template
    assert all(place not in ("response", "section") for place in places[first_template:])
    assert data["errors"] == sum(finding["severity"] == "error" for finding in data["findings"])
    assert data["warnings"] == len(data["findings"]) - data["errors"]
    cell = next(finding for finding in data["findings"] if finding["rule"] == "table-header-cell")
    assert cell["section_number"] == "2" and cell["heading"] == project.sections[1].heading
    text = cli("check", path, "--template", TEMPLATES / "first-page-logo.docx").out.splitlines()
    assert text[0] == "The whole response"
    assert "The template's first-page header (first-page-logo.docx)" in text


def test_only_warnings_exit_0_and_say_the_export_would_go_ahead(cli, tmp_path):
    path = _saved(tmp_path, signed_sample(_with_blocks(VAGUE_LINK))[0])
    result = cli("check", path)
    assert result.code == 0
    assert result.out.splitlines()[-1] == "1 warning: a final export would go ahead"


@pytest.mark.parametrize("case", ["missing", "folder", "garbage", "template-missing", "template-text",
                                  "template-folder", "template-zip-of-nothing"])
def test_what_cannot_be_checked_is_one_line_and_exit_2(cli, sample, tmp_path, case):
    project, template = sample, None
    if case == "missing":
        project = tmp_path / "nothere.wyproj"
    elif case == "folder":
        project = tmp_path
    elif case == "garbage":
        project = tmp_path / "garbage.wyproj"
        project.write_bytes(b"\x00\xffnot a project<")
    elif case == "template-missing":
        template = tmp_path / "nothere.docx"
    elif case == "template-text":
        template = tmp_path / "words.docx"
        template.write_text("just words", encoding="utf-8")
    elif case == "template-folder":
        template = tmp_path
    else:
        template = tmp_path / "empty.docx"
        with zipfile.ZipFile(template, "w") as archive:
            archive.writestr("nothing.txt", "")
    args = ["check", project, *(["--template", template] if template is not None else [])]
    result = cli(*args)
    assert result.code == 2 and result.out == ""
    assert _one_line(result).startswith("wyassembler: error: ")


def test_a_usage_error_exits_2(cli):
    assert cli("check").code == 2


def test_check_runs_as_a_process_with_the_documented_exit_codes(wy, sample, tmp_path):
    assert wy("check", sample).code == 0
    unsigned = tmp_path / "unsigned.wyproj"
    assert wy("new", unsigned, "--title", "Fresh", "--preset", "west-yorkshire", "--by", "H. Dawson").code == 0
    assert wy("check", unsigned).code == 1
    broken = wy("check", tmp_path / "nothere.wyproj")
    assert broken.code == 2 and "Traceback" not in broken.err


# -- the final export refuses what check calls an error, and warns of what it calls a warning ------------------

def test_the_final_export_refuses_an_accessibility_error_and_the_draft_is_written(cli, tmp_path):
    project, _ = signed_sample(_with_blocks(Paragraph(plain("Words.")), EMPTY_HEADER_CELL))
    with pytest.raises(NotAccessible) as refused:
        build_docx(project)
    message = str(refused.value)
    heading = project.sections[1].heading
    assert message.startswith("the response has 1 accessibility error ('wyassembler check' lists them), so it "
                              "cannot be exported as final (export a marked draft with --draft). To fix:\n")
    assert message.splitlines()[1].startswith(f"  - section 2 \u201c{heading}\u201d: the table headed "
                                              "\u201cPartner\u201d has an empty header cell (column 2)")
    draft = build_docx(project, draft=True)
    assert any("empty header cell" in warning and warning.endswith("A final export refuses until this is fixed.")
               for warning in draft.warnings)
    path = _saved(tmp_path, project)
    out = tmp_path / "response.docx"
    final = cli("export", path, "-o", out)
    assert final.code == 1 and not out.exists()
    assert "1 accessibility error" in final.err
    assert cli("export", path, "-o", out, "--draft").code == 0 and out.exists()


def test_the_exports_warnings_are_checks_warnings(cli, tmp_path):
    typed = Paragraph(plain("\u2022 Leeds\n\u2022 Kirklees"))
    spaced = Table((plain("Partner"), plain("Note")), ((plain("Leeds"), plain("one\n\ntwo")),))
    project, _ = signed_sample(_with_blocks(VAGUE_LINK, typed, spaced))
    result = build_docx(project)
    found = check_project(project, template_findings(None))
    assert [finding.rule for finding in found] == ["link-text", "typed-bullets", "blank-lines"]
    assert result.warnings == [finding_line(project, finding) for finding in found]
    assert content_findings(project) == found
    path = _saved(tmp_path, project)
    out = tmp_path / "response.docx"
    exported = cli("export", path, "-o", out)
    assert exported.code == 0
    warned = [line.removeprefix("wyassembler: warning: ") for line in exported.err.splitlines()]
    checked = json.loads(cli("check", path, "--json").out)["findings"]
    assert len(warned) == len(checked) == 3
    assert all(finding["message"] in line for finding, line in zip(checked, warned, strict=True))


def test_a_public_copy_leaves_out_and_never_names_a_withheld_sections_findings():
    from wyassembler.core.confidentiality import mark_section
    project, _ = signed_sample(_with_blocks(VAGUE_LINK))
    withheld = project.sections[1]
    mark_section(project, Actor(project.coordinator or "", "H. Dawson", "coordinator"), withheld, True, "names staff")
    public = build_docx(project, draft=True, public=True)
    assert not [warning for warning in public.warnings if "click here" in warning or withheld.heading in warning]
    full = build_docx(project, draft=True)
    assert any("click here" in warning for warning in full.warnings)


def test_an_error_in_a_withheld_section_refuses_the_full_copy_not_the_public_one():
    from wyassembler.core.confidentiality import mark_section

    def marked(project) -> None:
        _with_blocks(Paragraph(plain("Words.")), EMPTY_HEADER_CELL)(project)
        mark_section(project, Actor(project.coordinator or "", "H. Dawson", "coordinator"), project.sections[1],
                     True, "names staff")

    project, _ = signed_sample(marked)
    with pytest.raises(NotAccessible):
        build_docx(project)
    public = build_docx(project, public=True)
    assert not [warning for warning in public.warnings if "header cell" in warning]


def test_check_prints_on_a_console_that_cannot_show_every_character(wy, tmp_path):
    # Windows gives a redirected stdout the ANSI code page (cp1252): no Chinese, no emoji, no combining marks.
    from wyassembler.core.outline import add_section
    from wyassembler.core.presets import new_project
    from tests.factories import COORDINATOR, T0

    project = new_project("A response", preset="west-yorkshire", person="H. Dawson", now=T0)
    heading = "\u7ed3\u8bba \U0001F600 e\u0301 \u202eLeeds"
    added = add_section(project, COORDINATOR, heading, "leeds", (Paragraph(plain("Text.")),), now=T0)
    path = _saved(tmp_path, project)
    heading = added.heading  # as the model keeps it (composed: "\u00e9")
    env = {"PYTHONIOENCODING": "cp1252"}
    as_json = wy("check", path, "--json", env=env)
    assert as_json.code == 1, as_json.err
    assert heading in [finding["heading"] for finding in json.loads(as_json.out)["findings"]]
    as_text = wy("check", path, env=env)
    assert as_text.code == 1 and as_text.err == "", as_text.err
    assert "a final export would be refused" in as_text.out


def test_status_json_keeps_every_character_on_a_console_that_cannot_show_it(wy, tmp_path):
    # The other --json outputs, like check's: ASCII with escapes, not "?" for what cp1252 lacks.
    from wyassembler.core.outline import add_section
    from wyassembler.core.presets import new_project
    from tests.factories import COORDINATOR, T0

    project = new_project("\u7ed3\u8bba \U0001F600", preset="west-yorkshire", person="H. Dawson", now=T0)
    added = add_section(project, COORDINATOR, "\u7ed3\u8bba \U0001F600", "leeds", (Paragraph(plain("Text.")),),
                        now=T0)
    status = wy("status", _saved(tmp_path, project), "--json", env={"PYTHONIOENCODING": "cp1252"})
    assert status.code == 0, status.err
    assert added.heading in json.dumps(json.loads(status.out), ensure_ascii=False)
