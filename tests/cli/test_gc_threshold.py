"""The CLI's raised garbage-collector threshold is for short commands only, never for the app."""

from __future__ import annotations

import gc

import pytest

from wyassembler import cli
from wyassembler.cli import dispatch


@pytest.fixture(autouse=True)
def keep_threshold():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.mark.parametrize("argv", [["open"], [], ["response.wyproj"]])
def test_the_app_keeps_the_default_collector_threshold(monkeypatch, argv):
    gc.set_threshold(700, 10, 10)
    seen = []
    monkeypatch.setitem(dispatch.COMMANDS, "open", lambda args: seen.append(gc.get_threshold()) or 0)
    assert cli.main(argv) == 0
    assert seen == [(700, 10, 10)]


def test_a_short_command_raises_it(monkeypatch, tmp_path):
    gc.set_threshold(700, 10, 10)
    seen = []
    monkeypatch.setitem(dispatch.COMMANDS, "status", lambda args: seen.append(gc.get_threshold()) or 0)
    assert cli.main(["status", str(tmp_path / "x.wyproj")]) == 0
    assert seen and seen[0][0] == 100_000
