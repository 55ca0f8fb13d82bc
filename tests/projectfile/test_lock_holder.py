"""Storage is told who holds a lock; it never reads the user's settings (issue 14 item 2)."""

from __future__ import annotations

import json

from wyassembler.projectfile import storage
from wyassembler.projectfile.lock import LockHolder, acquire, lock_path
from wyassembler.settings import Identity, save_identity

SAVED = Identity("J. Smith", "calderdale", "partner lead")


def test_a_lock_holder_names_only_who_the_caller_says(tmp_path):
    save_identity(SAVED)  # a saved identity in this test's own config folder, which storage must not read
    assert (LockHolder.current().person, LockHolder.current().org) == ("", "")
    named = LockHolder.current("H. Dawson", "joint-services")
    assert (named.person, named.org) == ("H. Dawson", "joint-services")


def test_a_lock_taken_without_a_holder_names_the_login_not_the_saved_identity(project, tmp_path):
    save_identity(SAVED)
    path = tmp_path / "r.wyproj"
    storage.save_project(project, path)
    with acquire(path):
        stored = json.loads(lock_path(path).read_text(encoding="utf-8"))
    assert (stored["person"], stored["org"]) == ("", "")
