"""A named pipe (FIFO) or a device given where a file is read: one line and a non-zero exit, never a
wait for a writer that never comes (each command runs as a process, so a hang fails on its timeout)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

AS_COORDINATOR = ("--as", "joint-services", "--by", "H. Dawson")


def _fifo(tmp_path, name):
    path = tmp_path / name
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("args", [
    ("questions", "import", "{project}", "{pipe}.txt", *AS_COORDINATOR),
    ("questions", "import", "{project}", "{pipe}.docx", *AS_COORDINATOR),
    ("edit-section", "{project}", "1", "--from", "{pipe}.md", *AS_COORDINATOR),
    ("import-docx", "{pipe}.docx", "{new}"),
    ("verify-docx", "{pipe}.docx"),
    ("status", "{pipe}.wyproj"),
    ("verify", "{pipe}.wyproj"),
    ("export", "{project}", "-o", "{pipe}.docx", "--draft"),
], ids=lambda args: " ".join(arg for arg in args if "{" not in arg and not arg.startswith("--")
                              and arg not in AS_COORDINATOR))
def test_a_named_pipe_is_refused_at_once(wy, sample, tmp_path, args):
    names = {"project": str(sample), "new": str(tmp_path / "new.wyproj")}
    for arg in args:
        if "{pipe}" in arg:
            _fifo(tmp_path, arg.replace("{pipe}", "pipe"))
    filled = [arg.format(pipe=str(tmp_path / "pipe"), **names) for arg in args]
    before = sample.read_bytes()
    result = wy(*filled, timeout=60)
    assert result.code != 0
    lines = result.err.strip().splitlines()
    assert "Traceback" not in result.err
    assert "not a plain file" in lines[-1], result.err
    assert sample.read_bytes() == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/zero as a device")
def test_a_link_to_a_device_is_refused_without_reading_it(cli, sample, tmp_path):
    link = tmp_path / "questions.txt"
    link.symlink_to("/dev/zero")
    result = cli("questions", "import", sample, link, *AS_COORDINATOR)
    assert result.code != 0
    assert "not a plain file" in result.err


@pytest.mark.parametrize("output", ["pipe.docx", "pipe.pdf", "link-to-pipe.docx"])
def test_replacing_agreed_to_never_replaces_a_pipe_or_device_with_the_export(wy, sample, tmp_path, output):
    # --force agrees to replace a file; a named pipe or a device (through a link: /dev/zero, as root) is not
    # one: renamed over, the device itself was gone from /dev.
    pipe = _fifo(tmp_path, "pipe.fifo")
    target = tmp_path / output
    if output.startswith("link"):
        target.symlink_to(pipe)
    else:
        pipe.rename(target)
        pipe = target
    result = wy("export", sample, "-o", target, "--draft", "--force", timeout=120)
    assert result.code != 0 and "Traceback" not in result.err
    assert "not a plain file" in result.err.strip().splitlines()[-1], result.err
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []
