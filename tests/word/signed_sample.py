"""The sample response signed by ten organisations with their own keys, for the manifest and
verify-docx tests; and rewriting one member of a .docx, as someone tampering with it would."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.signing import TestSigner
from wyassembler.core.keys import confirm_key, register_key
from wyassembler.core.model import Actor, Project
from wyassembler.core.signoff import endorse_response, sign_off_section
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource

KEYS_MADE = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SIGNED = datetime(2026, 1, 6, 14, 30, tzinfo=UTC)
MANIFEST_MEMBER = "customXml/item1.xml"


def signed_sample(prepare: Callable[[Project], None] | None = None) -> tuple[Project, dict[str, TestSigner]]:
    """The sample with a confirmed key for every organisation (the coordinator's trusted on first use),
    every section approved by everyone who writes it and the response endorsed by all, all signed;
    ``prepare`` changes the sample first (consultation questions, say)."""
    project = storage.load(str(resource("samples", "west-yorkshire-2005.wyproj"))).project
    if prepare is not None:
        prepare(project)
    signers = {org.id: TestSigner() for org in project.organisations}
    coordinator_id = project.coordinator or ""
    coordinator = Actor(coordinator_id, "H. Dawson", "coordinator")
    register_key(project, coordinator, signers[coordinator_id].public_key, signers[coordinator_id], now=KEYS_MADE)
    for org in project.organisations:
        if org.id != coordinator_id:
            lead = Actor(org.id, f"Lead of {org.short_name}", "partner lead")
            register_key(project, lead, signers[org.id].public_key, signers[org.id], now=KEYS_MADE)
            confirm_key(project, coordinator, signers[org.id].fingerprint, signers[coordinator_id], now=KEYS_MADE)
    for section in project.all_sections():
        for org_id in section.editors():
            sign_off_section(project, Actor(org_id, f"Lead of {org_id}", "partner lead"), section, now=SIGNED,
                             signer=signers[org_id])
    for org in project.organisations:
        endorse_response(project, Actor(org.id, f"Lead of {org.short_name}", "partner lead"), now=SIGNED,
                         signer=signers[org.id])
    return project, signers


def rewrite_member(path: Path, member: str, change: Callable[[str], str] | None) -> None:
    """Rewrite one member of the .docx at ``path`` through ``change`` (text in, text out), or drop it
    when ``change`` is None; every other member is copied as it is."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    assert member in {info.filename for info, _ in members}, member
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info, data in members:
            if info.filename == member:
                if change is None:
                    continue
                data = change(data.decode("utf-8")).encode("utf-8")
            copy.writestr(info, data)
    path.write_bytes(out.getvalue())


def read_member(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")
