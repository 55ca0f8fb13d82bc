"""A save waiting for another partner's lock can be cancelled from another thread (the app's Cancel)."""

from __future__ import annotations

import os
import socket
import threading

import pytest

from tests.projectfile.test_lock import holder, plant
from wyassembler.projectfile import storage
from wyassembler.projectfile.lock import LockHolder, SaveCancelled, lock_path
from wyassembler.resource_files import SAMPLE, resource_bytes


def test_cancel_stops_a_waiting_save_and_writes_nothing(tmp_path):
    path = tmp_path / "r.wyproj"
    data = resource_bytes(*SAMPLE)
    path.write_bytes(data)
    loaded = storage.load(path)
    # A live holder on this machine (this very process), so the lock is never taken over.
    plant(path, holder(machine=socket.gethostname(), pid=os.getpid()))
    cancel = threading.Event()
    waits = []

    def on_wait(other):
        waits.append(other)
        cancel.set()  # the person clicks Cancel as soon as they are told whom they wait for

    with pytest.raises(SaveCancelled, match="cancelled"):
        storage.save_shared(loaded.project, path, loaded.data, loaded.structure,
                            holder=LockHolder.current("H. Dawson", "joint-services"), on_wait=on_wait,
                            timeout=30, cancel=cancel)
    assert waits, "the save waited for the other holder before it was cancelled"
    assert path.read_bytes() == data
    assert lock_path(path).exists(), "the other partner's lock is left alone"
