"""Control characters in any text given on the command line: cleaned and saved, or refused in one line;
either way the file always opens again."""

from __future__ import annotations

import json

import pytest

from wyassembler.projectfile.storage import load

# A vertical tab (the example), a C0 control, a tab and an undecodable byte as Python passes
# it on (a lone surrogate): one-line fields keep "A B C" and U+FFFD.
DIRTY = "A\x0bB\x01\tC\udcff"
CLEAN = "A B C\ufffd"


def _reopens(cli, path):
    result = cli("verify", path)
    assert result.code == 0, result.err
    return load(path).project


@pytest.mark.parametrize("option, attribute", [
    ("--title", "title"), ("--subtitle", "subtitle"), ("--partnership", "partnership"),
    ("--responds-to", "responds_to"), ("--closing-line", "closing_line_template"),
])
def test_set_cleans_each_property(cli, sample, option, attribute):
    result = cli("set", sample, option, DIRTY, "--as", "joint-services", "--by", "H. Dawson")
    assert result.code == 0, result.err
    assert getattr(_reopens(cli, sample), attribute) == CLEAN


@pytest.mark.parametrize("option, attribute", [
    ("--name", "name"), ("--short-name", "short_name"), ("--lead", "lead_name"), ("--email", "lead_email"),
])
def test_add_organisation_cleans_each_field(cli, sample, option, attribute):
    fields = {"--name": "Yorkshire Ambulance Service", "--short-name": "YAS", option: DIRTY}
    args = [arg for pair in fields.items() for arg in pair]
    result = cli("add-organisation", sample, *args, "--id", "yas", "--as", "joint-services", "--by", "H. Dawson")
    assert result.code == 0, result.err
    assert getattr(_reopens(cli, sample).organisation("yas"), attribute) == CLEAN


def test_new_cleans_title_subtitle_partnership_and_the_author(cli, tmp_path):
    path = tmp_path / "new.wyproj"
    result = cli("new", path, "--title", DIRTY, "--subtitle", DIRTY, "--partnership", DIRTY, "--by", DIRTY,
                 "--preset", "west-yorkshire")
    assert result.code == 0, result.err
    project = _reopens(cli, path)
    assert (project.title, project.subtitle, project.partnership) == (CLEAN, CLEAN, CLEAN)
    assert project.sections[0].current.person == CLEAN


def test_add_section_cleans_the_heading_and_the_author(cli, sample):
    result = cli("add-section", sample, "--title", DIRTY, "--owner", "kirklees", "--as", "joint-services",
                 "--by", DIRTY)
    assert result.code == 0, result.err
    section = _reopens(cli, sample).sections[-1]
    assert (section.heading, section.current.person) == (CLEAN, CLEAN)


def test_sign_off_cleans_name_and_role_and_keeps_the_notes_lines(cli, sample):
    result = cli("sign-off", sample, "3", "--request-changes", "--note", "Say more\x01.\r\nCite\x0bit.",
                 "--as", "calderdale", "--by", DIRTY, "--role", DIRTY)
    assert result.code == 0, result.err
    signoff = _reopens(cli, sample).find_section("3").signoffs[-1]
    assert (signoff.person, signoff.role, signoff.note) == (CLEAN, CLEAN, "Say more.\nCite\nit.")


def test_the_saved_identity_is_cleaned_before_it_names_anyone(cli, sample, user_folders):
    folder = user_folders / "config"
    folder.mkdir(parents=True, exist_ok=True)
    identity = {"name": "S.\u0002 Patel\n", "organisation": "joint-services", "role": "coordinator\u000b"}
    (folder / "identity.json").write_text(json.dumps(identity), encoding="utf-8")
    result = cli("add-section", sample, "--title", "From the identity", "--owner", "kirklees")
    assert result.code == 0, result.err
    assert _reopens(cli, sample).sections[-1].current.person == "S. Patel"


@pytest.mark.parametrize("args, message", [
    (("set", "--title", "\x01\x0b"), "the response needs a title"),
    (("add-organisation", "--name", "\x01\x02"), "an organisation needs a name"),
    (("add-section", "--title", "\x0b\x01", "--owner", "kirklees"), "a section heading cannot be empty"),
])
def test_a_required_field_of_only_control_characters_is_refused_in_one_line(cli, sample, args, message):
    before = sample.read_bytes()
    command, *rest = args
    result = cli(command, sample, *rest, "--as", "joint-services", "--by", "H. Dawson")
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "internal error" not in lines[0]
    assert sample.read_bytes() == before
