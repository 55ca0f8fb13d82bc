"""Every failure on the command line: one clear line, a non-zero exit, no traceback, nothing changed."""

from __future__ import annotations

import os
import time

import pytest

AS_COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")

HOSTILE = {
    "empty.wyproj": b"",
    "truncated.wyproj": None,  # filled from the sample
    "random.wyproj": os.urandom(2048),
    "wrong-root.wyproj": b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
    "laughs.wyproj": b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><x>&b;</x>",
    "xxe.wyproj": b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
    "newer.wyproj": b"<project xmlns='urn:wyassembler:project' format='3.1'/>",
}


def _one_clean_line(result):
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    assert lines[0].startswith("wyassembler")
    return lines[0]


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["status", "verify", "show"])
def test_hostile_files_are_refused_and_left_untouched(wy, sample, tmp_path, name, command):
    data = HOSTILE[name] if HOSTILE[name] is not None else sample.read_bytes()[:3000]
    path = tmp_path / name
    path.write_bytes(data)
    args = [command, path] + (["1"] if command == "show" else [])
    started = time.monotonic()
    line = _one_clean_line(wy(*args))
    assert time.monotonic() - started < 5  # includes starting Python
    assert str(path) in line
    assert path.read_bytes() == data


def test_a_refused_edit_leaves_the_file_byte_for_byte(cli, sample, tmp_path):
    before = sample.read_bytes()
    text = tmp_path / "t.md"
    text.write_text("Not mine to change.", encoding="utf-8")
    result = cli("edit-section", sample, "3", "--from", text, "--as", "kirklees", "--by", "S. Patel")
    line = _one_clean_line(result)
    assert "Kirklees may not edit section 3" in line
    assert sample.read_bytes() == before


@pytest.mark.parametrize("args, expected", [
    (["show", "{p}", "9"], "no section '9'"),
    (["show", "{p}", "sec-nope"], "no section 'sec-nope'"),
    (["sign-off", "{p}", "2", "--as", "Sheffield", "--by", "X"], "no organisation 'Sheffield'"),
    (["sign-off", "{p}", "2", "--as", "leeds", "--by", "X"], "cannot sign off section 2"),
    (["sign-off", "{p}", "--as", "leeds", "--by", "X"], "give the sections to sign off, or --endorse"),
    (["sign-off", "{p}", "6", "--request-changes", "--as", "wakefield", "--by", "X"], "needs a note"),
    (["add-section", "{p}", "--title", "X", "--owner", "nobody", *AS_COORDINATOR], "no organisation 'nobody'"),
    (["add-section", "{p}", "--title", "X", "--owner", "leeds", "--from", "{missing}",
      *AS_COORDINATOR], "cannot read"),
    (["add-section", "{p}", "--title", "X", "--owner", "leeds", "--from", "{docx}",
      *AS_COORDINATOR], "Markdown (.md) or plain text"),
    (["edit-section", "{p}", "2", "--from", "{latin1}", "--as", "bradford", "--by", "X"], "not UTF-8"),
    (["status", "{p}", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    (["sign-off", "{p}", "2"], "missing: --as, --by"),
    (["launch", "{p}"], "invalid choice: 'launch'"),
    (["new", "{p}", "--title", "X"], "already exists"),
    (["new", "{nofolder}", "--title", "X"], "does not exist"),
    (["status", "{missing}"], "no such file"),
    (["status", "{folder}"], "it is a folder"),
    (["set", "{p}", "--deadline", "31/01/2006"], "not a date like"),
])
def test_mistakes_get_one_line_and_a_non_zero_exit(cli, sample, tmp_path, args, expected):
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("caf\u00e9 \u00a3".encode("latin-1"))
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04")
    names = {"p": sample, "missing": tmp_path / "missing.wyproj", "docx": tmp_path / "x.docx",
             "latin1": latin1, "nofolder": tmp_path / "no" / "r.wyproj", "folder": tmp_path}
    before = sample.read_bytes()
    result = cli(*[a.format(**names) for a in args])
    line = _one_clean_line(result)
    assert expected in line
    assert sample.read_bytes() == before


def test_open_without_a_working_qt_says_so_in_one_line(wy, tmp_path, monkeypatch):
    # A separate process whose PySide6 fails to load, as it does where Qt's system libraries are missing.
    # (In this process the app may already be imported by the UI tests, and would really start.)
    broken = tmp_path / "broken" / "PySide6"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text('raise ImportError("libEGL.so.1: cannot open shared object file")\n')
    monkeypatch.setenv("PYTHONPATH", str(broken.parent))
    line = _one_clean_line(wy("open"))
    assert "desktop app cannot start" in line and "libEGL" in line


def test_version_and_help_read_well(wy):
    version = wy("--version")
    assert version.code == 0 and version.out.startswith("wyassembler ")
    helped = wy("--help")
    assert helped.code == 0
    for command in ("new", "sample", "add-section", "edit-section", "show", "sign-off", "status", "verify", "open"):
        assert command in helped.out


def test_a_bare_project_path_opens_it_in_the_app(monkeypatch, tmp_path):
    # What a file manager runs on a double-click: 'wyassembler /path/My Response.wyproj'.
    from wyassembler import cli as cli_module
    from wyassembler.cli import dispatch

    opened = []
    monkeypatch.setitem(dispatch.COMMANDS, "open", lambda args: opened.append(args.project) or 0)
    path = str(tmp_path / "My Response.wyproj")
    assert cli_module.main([path]) == 0
    assert opened == [path]
