"""Hostile and odd inputs to ``wyassembler merge-driver`` since it shares records between the versions it
reads, reads the base for its structure only and reads on two threads: a frozen format as the base still
tells each side's change from the other's; a signed approval copied into another section (the very same
record object once read) is refused or said not validly signed, the original untouched; drivers running at
once in one process say what each says alone."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from wyassembler.cli import main
from wyassembler.cli.git_commands import CannotMerge, merge_branch_versions
from wyassembler.projectfile import storage

FORMATS = sorted((Path(__file__).parents[1] / "data" / "formats").glob("format-*.wyproj"))
SIGNED = Path(__file__).parents[1] / "data" / "formats" / "format-1.4.wyproj"


def _with(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def _element_text(text: str, tag: str, value: str) -> str:
    return re.sub(rf"<{tag}>[^<]*</{tag}>", f"<{tag}>{value}</{tag}>", text, count=1)


@pytest.mark.parametrize("fixture", FORMATS, ids=lambda path: path.stem)
def test_every_frozen_format_as_the_base_tells_one_side_s_change_from_the_other_s(cli, tmp_path, fixture):
    base = fixture.read_text(encoding="utf-8")
    paths = {name: tmp_path / f"{name}.wyproj" for name in ("base", "ours", "theirs")}
    paths["base"].write_text(base, encoding="utf-8")
    paths["ours"].write_text(_element_text(base, "title", "Ours changed the title"), encoding="utf-8")
    paths["theirs"].write_text(_element_text(base, "subtitle", "Theirs changed the subtitle"), encoding="utf-8")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "ours-alone.wyproj").write_bytes(paths["ours"].read_bytes())
    without_base = cli("merge-driver", tmp_path / "empty", tmp_path / "ours-alone.wyproj", paths["theirs"])
    assert without_base.code == 0 and "differs" in without_base.err  # without a base, each change is a clash
    result = cli("merge-driver", paths["base"], paths["ours"], paths["theirs"])
    assert result.code == 0, result.err
    assert "Traceback" not in result.err and "differs" not in result.err  # no clash: the base told them apart
    merged = storage.load(paths["ours"]).project
    assert (merged.title, merged.subtitle) == ("Ours changed the title", "Theirs changed the subtitle")


def _signed_approval_copied_into_the_first_section(contributor: bool) -> str:
    text = SIGNED.read_text(encoding="utf-8")
    approval = re.search(r'\n *<signoff org="kirklees" decision="approved"[^\n]*', text).group(0)
    first = text.index('<section id="sec-02f9c866c5e8"')
    opened = text.index(">", first) + 1
    after_revision = text.index("</revision>", first) + len("</revision>")
    text = text[:after_revision] + approval + text[after_revision:]
    if contributor:  # so that Kirklees may sign the section off, and only the signature stands in the way
        text = text[:opened] + '<contributor org="kirklees"/>' + text[opened:]
    return text


@pytest.mark.parametrize("contributor", [False, True], ids=["not-an-editor", "a-contributor"])
def test_a_signed_approval_copied_into_another_section_is_refused_or_said_not_validly_signed(cli, tmp_path,
                                                                                            contributor):
    paths = {name: tmp_path / f"{name}.wyproj" for name in ("base", "ours", "theirs")}
    for name in ("base", "ours"):
        paths[name].write_bytes(SIGNED.read_bytes())
    paths["theirs"].write_text(_signed_approval_copied_into_the_first_section(contributor), encoding="utf-8")
    result = cli("merge-driver", paths["base"], paths["ours"], paths["theirs"])
    assert result.code == 0, result.err
    if contributor:
        assert "not validly signed: section 1" in result.err and "copied from another record" in result.err
        assert cli("verify", paths["ours"]).code != 0
    else:
        assert "Not taken from the branch being merged: the approved decision on" in result.err
    merged = storage.load(paths["ours"]).project
    first = merged.sections[0]
    assert [s.org for s in first.signoffs] == (["kirklees"] if contributor else [])
    signed = next(s for s in merged.all_sections() if any(d.org == "kirklees" for d in s.signoffs)
                  and s is not first)
    assert [d.decision for d in signed.signoffs] == ["changes-requested", "approved"]  # the original stays


def _outcome(base: Path, ours: Path, theirs: Path) -> tuple:
    try:
        merged = merge_branch_versions(base, ours, theirs)
    except CannotMerge as error:
        return ("not merged", str(error))
    return ("merged", tuple(merged.notes), len(merged.new_conflicts),
            tuple((s.id, s.owner, s.current.hash) for s in merged.project.all_sections()))


def test_drivers_running_at_once_in_one_process_each_say_what_it_says_alone(cli, tmp_path):
    sample = tmp_path / "base.wyproj"
    assert cli("sample", sample).code == 0
    text = sample.read_text(encoding="utf-8")
    files = {"base": text,
             "ours": _element_text(text, "title", "Ours"),
             "theirs": _element_text(text, "subtitle", "Theirs"),
             "renamed-element": _with(text, "<partnership>", "<partner>").replace("</partnership>", "</partner>", 1),
             "lost-attribute": _with(text, '<organisation id="bradford"', '<organisation ident="bradford"'),
             "stray-element": _with(text, "<outline>", "<outline><stray/>"),
             "cut-short": text[:len(text) // 2],
             "no-owner": _with(text, 'owner="bradford"', 'owner="nobody"')}
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / f"{name}.wyproj"
        paths[name].write_text(content, encoding="utf-8")
    cases = [(paths[b], paths[o], t) for b in ("base", "stray-element", "cut-short")
             for o in ("ours", "lost-attribute", "no-owner") for t in paths.values()]
    alone = {case: _outcome(*case) for case in cases}
    assert {outcome[0] for outcome in alone.values()} == {"merged", "not merged"}
    assert len({outcome[1] for outcome in alone.values() if outcome[0] == "not merged"}) >= 5
    together: dict = {}

    def run(share: list) -> None:
        for case in share:
            together[case] = _outcome(*case)

    threads = [threading.Thread(target=run, args=(cases[start::4],)) for start in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert together == alone


# -- versions that cannot be read --------------------------------------------------

@pytest.fixture
def driver(capsys):
    def run(base: Path, ours: Path, theirs: Path) -> tuple[int, str]:
        code = main(["merge-driver", str(base), str(ours), str(theirs), "response.wyproj"])
        return code, capsys.readouterr().err

    return run


@pytest.fixture
def versions(tmp_path, capsys) -> dict[str, Path]:
    base = tmp_path / "base.wyproj"
    assert main(["sample", str(base)]) == 0
    text = base.read_text(encoding="utf-8")
    files = {
        "base": text,
        "ours": text.replace("<title>", "<title>Ours: ", 1),
        "theirs": text.replace("<subtitle>", "<subtitle>Theirs: ", 1),
        "empty": "",
        "garbage": "<<<<<<< HEAD\nnot a project",
        # bases that are not sound in the very structure a merge takes of them
        "owner-not-a-partner": text.replace('owner="calderdale"', 'owner="evil"', 1),
        "coordinator-not-a-partner": text.replace('<coordinator org="joint-services"/>',
                                                  '<coordinator org="evil"/>', 1),
        "two-sections-one-id": text.replace('<section id="and-finally"', '<section id="background"', 1),
    }
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / f"{name}.wyproj"
        paths[name].write_text(content, encoding="utf-8")
    capsys.readouterr()
    return paths


# The base is read for its structure only, and that structure is checked as a whole project's is: its
# coordinator, owners and contributors decide what the other branch may bring in.
@pytest.mark.parametrize("base", ["owner-not-a-partner", "coordinator-not-a-partner", "two-sections-one-id"])
def test_a_base_whose_structure_does_not_hold_together_is_refused_ours_untouched(driver, versions, base):
    before = versions["ours"].read_bytes()
    code, err = driver(versions[base], versions["ours"], versions["theirs"])
    assert code == 2, err
    assert "the common ancestor's version cannot be read: not a sound project file" in err
    assert versions["ours"].read_bytes() == before


# Of several versions that cannot be read, the first is named, in the order ours, theirs, base: an empty one
# as any other.
@pytest.mark.parametrize("base, ours, theirs, said", [
    ("base", "empty", "garbage", "this branch's version cannot be read: the file is empty"),
    ("garbage", "empty", "theirs", "this branch's version cannot be read: the file is empty"),
    ("garbage", "ours", "empty", "the version being merged in cannot be read: the file is empty"),
])
def test_an_empty_version_is_named_as_any_unreadable_one_is_in_the_order_ours_theirs_base(driver, versions, base,
                                                                                         ours, theirs, said):
    code, err = driver(versions[base], versions[ours], versions[theirs])
    assert code == 2
    assert said in err, err


@pytest.mark.parametrize("ahead", [0, 10**12], ids=["a large base parsed after theirs", "parsed ahead"])
def test_a_large_base_is_parsed_after_theirs_and_the_merge_is_the_same(cli, tmp_path, monkeypatch, ahead):
    from wyassembler.cli import git_commands

    monkeypatch.setattr(git_commands, "BASE_PARSED_AHEAD_UP_TO", ahead)
    base, ours, theirs = (tmp_path / f"{name}.wyproj" for name in ("base", "ours", "theirs"))
    assert cli("sample", base).code == 0
    text = base.read_text(encoding="utf-8")
    ours.write_text(text.replace("<title>", "<title>Ours: ", 1), encoding="utf-8")
    theirs.write_text(text.replace("<subtitle>", "<subtitle>Theirs: ", 1), encoding="utf-8")
    merged = cli("merge-driver", base, ours, theirs, "response.wyproj")
    assert merged.code == 0, merged.err  # one side's title, the other's subtitle: no clash with the base known
    project = storage.load(ours).project
    assert project.title.startswith("Ours: ") and project.subtitle.startswith("Theirs: ")
