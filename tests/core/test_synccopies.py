"""Sync-client conflict copies are picked out of a folder listing, and nothing else is."""

from __future__ import annotations

import pytest

from wyassembler.core.synccopies import SyncCopy, find_sync_copies


@pytest.mark.parametrize("name, client, detail", [
    ("response-KMC-PC12.wyproj", "OneDrive", "KMC-PC12"),
    ("response-LAPTOP7-2.wyproj", "OneDrive", "LAPTOP7"),
    ("response (conflicted copy 2026-01-05).wyproj", "Dropbox", "conflicted copy 2026-01-05"),
    ("response (J. Smith's conflicted copy 2026-01-05).wyproj", "Dropbox", "J. Smith's conflicted copy 2026-01-05"),
    ("response (J. Smith's conflicted copy 2026-01-05 (1)).wyproj", "Dropbox",
     "J. Smith's conflicted copy 2026-01-05 (1)"),
    ("response (conflict 2026-01-05 101500).wyproj", "Nextcloud", "conflict 2026-01-05 101500"),
    ("response.sync-conflict-20260105-101500-ABCDEF1.wyproj", "Syncthing", "20260105-101500-ABCDEF1"),
    ("response (1).wyproj", "Google Drive", "1"),
    # Windows and macOS ignore the case of names, and so do the sync clients there.
    ("Response (Conflicted Copy 2026-01-05).WYPROJ", "Dropbox", "Conflicted Copy 2026-01-05"),
    ("response-notes.txt", None, None),
])
def test_each_clients_copy_is_recognised(name, client, detail):
    found = find_sync_copies("response.wyproj", ["response.wyproj", name])
    if client is None:
        assert found == []
    else:
        assert found == [SyncCopy(name, client, detail)]


def test_the_project_itself_hidden_files_and_other_projects_are_left_out():
    listing = ["response.wyproj", ".response.wyproj.lock", ".response.wyproj.a1b2.tmp", ".wyassembler-backups",
               "budget.wyproj", "budget-KMC-PC12.wyproj", "response.docx", "response-KMC-PC12.docx",
               "responses.wyproj", "response-KMC-PC12.wyproj"]
    assert [c.name for c in find_sync_copies("response.wyproj", listing)] == ["response-KMC-PC12.wyproj"]


def test_stems_with_special_characters_are_taken_literally():
    listing = ["plan (v2)-PC1.wyproj", "plan (v2) (conflicted copy 2026-01-05).wyproj", "plan xv2x-PC1.wyproj"]
    found = find_sync_copies("plan (v2).wyproj", listing)
    assert [(c.client, c.name) for c in found] == [("Dropbox", "plan (v2) (conflicted copy 2026-01-05).wyproj"),
                                                   ("OneDrive", "plan (v2)-PC1.wyproj")]


def test_results_are_sorted_and_a_non_project_name_finds_nothing():
    listing = ["r-B.wyproj", "r-A.wyproj"]
    assert [c.name for c in find_sync_copies("r.wyproj", listing)] == ["r-A.wyproj", "r-B.wyproj"]
    assert find_sync_copies("r.docx", listing) == []
