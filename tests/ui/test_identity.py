"""Who you are: an organisation typed in that the project does not know, the first run offering the
open project's partners, and an identity that cannot be saved."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import COORDINATOR, identity_answer
from wyassembler import fileio
from wyassembler.core.partners import add_organisation
from wyassembler.core.model import Actor
from wyassembler.projectfile import storage
from wyassembler.resource_files import SAMPLE, resource_bytes
from wyassembler.settings import IDENTITY_FILE, Identity, config_dir, load_identity, save_identity
from wyassembler.ui import app as ui_app
from wyassembler.ui.dialogs.forms import IdentityDialog
from wyassembler.ui.dialogs.keys import NewKeyDialog


def type_organisation(qtbot, dialog: IdentityDialog, text: str) -> None:
    """Type an organisation into the editable list and press Enter, as a person would."""
    line = dialog.organisation.lineEdit()
    line.clear()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_an_organisation_typed_in_is_kept_as_typed_not_as_nothing(qtbot):
    dialog = IdentityDialog(None)
    qtbot.addWidget(dialog)
    dialog.name.setText("P. Jones")
    type_organisation(qtbot, dialog, "Yorkshire Ambulance Service")
    assert dialog.identity() == Identity("P. Jones", "Yorkshire Ambulance Service", "contributor")


def test_your_identity_with_an_organisation_not_in_the_project_is_read_only_not_an_error(
        qtbot, sample_window, monkeypatch, dialogs):
    window = sample_window(COORDINATOR)

    def answer(dialog):
        dialog.name.setText("P. Jones")
        type_organisation(qtbot, dialog, "Yorkshire Ambulance Service")
        return IdentityDialog.DialogCode.Accepted

    monkeypatch.setattr(IdentityDialog, "exec", answer)
    window.app_actions.identity.trigger()
    assert window.identity.organisation == "Yorkshire Ambulance Service"
    assert window.document.actor is None
    assert "not a partner in this project" in window.identity_label.text()
    saved = json.loads((config_dir() / IDENTITY_FILE).read_text(encoding="utf-8"))
    assert saved["organisation"] == "Yorkshire Ambulance Service"
    assert not dialogs.shown


def test_an_identity_file_without_an_organisation_is_asked_again():
    save_identity(Identity("P. Jones", "kirklees"))
    path = config_dir() / IDENTITY_FILE
    path.write_text(json.dumps({"name": "P. Jones", "organisation": None, "role": "contributor"}), encoding="utf-8")
    assert load_identity() is None  # not an identity with the organisation "None"


def test_the_first_run_offers_the_open_projects_partners(qtbot, tmp_path, monkeypatch, dialogs):
    project_path = tmp_path / "response.wyproj"
    project_path.write_bytes(resource_bytes(*SAMPLE))
    loaded = storage.load(project_path).project
    add_organisation(loaded, Actor("joint-services", "H. Dawson", "coordinator"), "Yorkshire Ambulance Service",
                     "YAS")
    storage.save_project(loaded, project_path)
    offered = []

    def answer(dialog):
        assert dialog.windowTitle() == "Welcome to wyassembler"
        offered.extend(dialog.organisation.itemText(i) for i in range(dialog.organisation.count()))
        dialog.name.setText("P. Jones")
        dialog.organisation.setCurrentIndex(dialog.organisation.findText("Yorkshire Ambulance Service"))
        dialog.role.setCurrentIndex(dialog.role.findData("partner lead"))
        return IdentityDialog.DialogCode.Accepted

    monkeypatch.setattr(IdentityDialog, "exec", answer)
    # Then a key is offered (tests/ui/test_keys.py); not now.
    monkeypatch.setattr(NewKeyDialog, "exec", lambda dialog: NewKeyDialog.DialogCode.Rejected)
    window = ui_app.open_window(str(project_path))
    qtbot.addWidget(window)
    window.autosave_timer.stop()
    assert "Yorkshire Ambulance Service" in offered
    assert window.document.actor is not None and window.document.actor.person == "P. Jones"
    assert window.document.project.org_label(window.document.actor.org) == "YAS"
    assert load_identity() == window.identity


@pytest.fixture
def identity_not_saved(monkeypatch):
    """The config folder refuses new files (simulated: tests may run as root)."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)


def test_a_first_run_identity_that_cannot_be_saved_is_said_and_used(monkeypatch, dialogs, identity_not_saved):
    monkeypatch.setattr(IdentityDialog, "exec", identity_answer("J. Smith", "calderdale"))
    identity = ui_app.ask_identity()
    assert identity == Identity("J. Smith", "calderdale", "contributor")
    assert any("could not be saved" in text and "permission denied" in text for text in dialogs.shown)


def test_changing_identity_when_it_cannot_be_saved_still_changes_it(sample_window, monkeypatch, dialogs,
                                                                   identity_not_saved):
    window = sample_window(COORDINATOR)

    monkeypatch.setattr(IdentityDialog, "exec", identity_answer("J. Smith", "calderdale", "partner lead"))
    window.app_actions.identity.trigger()
    assert window.document.actor.org == "calderdale"
    assert any("could not be saved" in text for text in dialogs.shown)
