"""Checking every signature of a 1,000-section project with 2,000 signed records, and its history of
1,000 saves (goal: each under 1 s).

    python benchmarks/bench_verify.py [--sections 1000] [--repeat 5]

Every section gets a signed change request and a signed approval by its owner (keys registered and
confirmed as the core does it); then signature_problems and readiness (signatures required) are timed.
Prints the best and median of several runs; figures, not pass or fail.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import T0, build
from benchmarks.timing import figure, options, timed
from wyassembler.core.history import entry_id, history_problems, project_digest
from wyassembler.core.keys import confirm_key, register_key
from wyassembler.core.model import Actor, HistoryEntry
from wyassembler.core.partners import set_properties
from wyassembler.core.signatures import fingerprint
from wyassembler.core.signoff import readiness, sign_off_section
from wyassembler.core.verification import signature_problems


class Signer:
    def __init__(self, seed: int) -> None:
        self._private = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
        self.public_key = self._private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.fingerprint = fingerprint(self.public_key)

    def sign(self, data: bytes) -> bytes:
        return self._private.sign(data)


def signed_project(sections: int):
    project = build(sections)
    for section in project.all_sections():
        section.signoffs.clear()
    signers = {org.id: Signer(index + 1) for index, org in enumerate(project.organisations)}
    coordinator = Actor(project.coordinator, "Bench", "coordinator")
    register_key(project, coordinator, signers[coordinator.org].public_key, signers[coordinator.org], now=T0)
    for org, signer in signers.items():
        if org != coordinator.org:
            register_key(project, Actor(org, "Lead"), signer.public_key, signer, now=T0)
            confirm_key(project, coordinator, signer.fingerprint, signers[coordinator.org], now=T0)
    when = T0 + timedelta(days=2)
    for section in project.all_sections():
        actor = Actor(section.owner, "Lead")
        sign_off_section(project, actor, section, "changes-requested", "Shorter.", now=when, signer=signers[actor.org])
        sign_off_section(project, actor, section, now=when, signer=signers[actor.org])
    # As the coordinator turns signatures on: signing who owns each section (1,000 more signed records).
    set_properties(project, coordinator, signer=signers[coordinator.org], now=when, require_signatures=True)
    return project


def main() -> None:
    args = options(__doc__)
    project = signed_project(args.sections)
    records = sum(len(section.signoffs) + len(section.assignments) for section in project.all_sections())
    assert signature_problems(project) == [], "the benchmark's own records must verify"
    times = timed(lambda: signature_problems(project), args.repeat)
    print(figure(f"signature_problems ({records:,} signed records)", times, goal="1 s"))
    print(figure("readiness, signatures required", timed(lambda: readiness(project), args.repeat)))
    with_history(project, args.sections)
    assert history_problems(project) == [], "the benchmark's own history must verify"
    history = timed(lambda: history_problems(project), args.repeat)
    print(figure(f"history_problems ({len(project.history):,} saves)", history, goal="1 s"))
    print(f"history check / signature check: {min(history) / min(times):.2f}")


def with_history(project, saves: int) -> None:
    """A history of ``saves`` linked entries, the newest vouching for the project (each made as a save
    makes it; the digest is computed once, as saves that change nothing here would all give it)."""
    digest = project_digest(project)
    parents: tuple[str, ...] = ()
    for number in range(saves):
        when = T0 + timedelta(days=3, minutes=number)
        entry = HistoryEntry(entry_id(parents, when, "leeds", "Bench", "save", digest), parents, when, "leeds",
                             "Bench", "save", digest)
        project.history.append(entry)
        parents = (entry.id,)


if __name__ == "__main__":
    main()
