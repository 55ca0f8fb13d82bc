"""Where Qt would abort with a page of plugin messages, the app refuses in one plain line instead."""

from __future__ import annotations

import ctypes.util

import pytest

from wyassembler.core.errors import WyassemblerError
from wyassembler.ui.app import check_screen


def test_no_display_on_linux_is_one_plain_line():
    with pytest.raises(WyassemblerError, match="no screen to show the desktop app on") as refused:
        check_screen({}, "linux")
    assert "\n" not in str(refused.value)


def test_missing_xcb_cursor_names_the_package(monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    with pytest.raises(WyassemblerError, match="libxcb-cursor0"):
        check_screen({"DISPLAY": ":0"}, "linux")
    check_screen({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")  # Wayland does not need it


def test_a_chosen_platform_other_systems_and_a_working_display_pass(monkeypatch):
    check_screen({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    check_screen({}, "win32")
    check_screen({}, "darwin")
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "libxcb-cursor.so.0")
    check_screen({"DISPLAY": ":0"}, "linux")
