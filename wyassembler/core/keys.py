"""Organisations' keys in a project: registered, confirmed and revoked, each step a signed key event.

The rules (checked when an event is made, and again by :func:`key_ledger` for every event a file
holds, so a hand-written event does not count):

* **register**: anyone of an organisation proposes their own public key for it, signing the event
  with that key (proof they hold it). A key belongs to one organisation.
* **confirm**: by the coordinator, or by an already-confirmed key of the key's own organisation,
  signed with the confirmer's confirmed key. The coordinator's first key cannot be confirmed by
  anyone: it is *trusted on first use*, and its confirm event says so (:data:`TRUSTED_ON_FIRST_USE`).
* **revoke**: by the coordinator or a confirmed key of the same organisation. Signatures made
  before the revocation stay valid; later ones do not count.

Events are replayed in time order; a key's state at a moment is what the valid events up to then
made it. Coordinator changes are replayed with them (:func:`key_ledger`): the coordinator a key event
needs is the one the records establish at its time -- the founding record's, trusted as the project's
creation, then each change signed by a confirmed key of the coordinator before it. A project without
coordinator records (it never signed a change) has the coordinator its file names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from .errors import ContentError, NotFoundError, PermissionDenied
from .model import Actor, CoordinatorChange, KeyEvent, Project, Signature, utc_now
from .permissions import check_actor
from .signatures import PUBLIC_KEY_BYTES, SIGNATURE_BYTES, Signer, decode, encode, fingerprint, verify
from .statements import coordinator_statement, key_event_hash, key_event_statement

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

PROPOSED, CONFIRMED, REVOKED = "proposed", "confirmed", "revoked"
TRUSTED_ON_FIRST_USE = "trusted on first use: the coordinator's first key"
# A record its organisation signs (a sign-off, an authority record, a confidentiality mark, an assignment…).
SignedRecord = TypeVar("SignedRecord", bound="DataclassInstance")


@dataclass(frozen=True)
class KeyState:
    """One key of an organisation as it stands: its state, since when, and who put it there."""

    fingerprint: str
    state: str
    since: datetime
    by: str
    public_key: str = ""
    trusted_on_first_use: bool = False


@dataclass
class KeyRecord:
    """What the valid events say about one key."""

    fingerprint: str
    org: str
    public_key: bytes
    registered: KeyEvent
    confirmed: KeyEvent | None = None
    revoked: KeyEvent | None = None

    def state_at(self, at: datetime) -> str | None:
        """The key's state at ``at``: None before it was registered."""
        if self.revoked is not None and at >= self.revoked.time:
            return REVOKED
        if self.confirmed is not None and at >= self.confirmed.time:
            return CONFIRMED
        return PROPOSED if at >= self.registered.time else None


@dataclass
class KeyLedger:
    """Every key the valid events establish, and a sentence for each event that is not valid."""

    keys: dict[str, KeyRecord]
    problems: list[tuple[KeyEvent, str]]
    # The coordinator from each time on, as the valid coordinator records make it (empty: no records),
    # and a sentence for each coordinator record that does not count.
    coordinators: list[tuple[datetime, str]] = field(default_factory=list)
    coordinator_problems: list[tuple[CoordinatorChange, str]] = field(default_factory=list)
    fallback: str | None = None

    def coordinator_at(self, at: datetime) -> str | None:
        """The coordinator at ``at`` as the records establish it (the file's, without records)."""
        current = self.coordinators[0][1] if self.coordinators else self.fallback
        for since, org in self.coordinators[1:]:
            if since <= at:
                current = org
        return current

    def coordinators_at(self, at: datetime) -> set[str | None]:
        """Who coordinated at ``at``: one organisation, or both sides of a hand-over made in that very second
        (times are kept to the second, so which came first within it is not known)."""
        before = self.coordinator_at(at - timedelta(seconds=1))
        return {before, self.coordinator_at(at)}

    @property
    def coordinator(self) -> str | None:
        """The coordinator now, as the records establish it (the file's, without records)."""
        return self.coordinators[-1][1] if self.coordinators else self.fallback

    def state(self, org: str, key_fingerprint: str, at: datetime) -> str | None:
        record = self.keys.get(key_fingerprint)
        return record.state_at(at) if record is not None and record.org == org else None


def sign(project: Project, event: KeyEvent, signer: Signer) -> KeyEvent:
    """``event`` with its signature by ``signer``."""
    return with_signature(event, signer, lambda signed_by: key_event_statement(project.id, event, signed_by))


def _signature_ok(project: Project, event: KeyEvent, public_key: bytes) -> bool:
    assert event.signature is not None
    try:
        value = decode(event.signature.value, SIGNATURE_BYTES, "the signature")
    except ContentError:
        return False
    return verify(public_key, value, key_event_statement(project.id, event, event.signature.fingerprint))


def _event_problem(project: Project, event: KeyEvent, keys: dict[str, KeyRecord],
                   coordinator: str | None) -> str | None:
    """Why ``event`` does not count given the keys and the coordinator established before it, or None."""
    if event.signature is None:
        return "it is not signed"
    signed_by = event.signature.fingerprint
    target = keys.get(event.fingerprint)
    if event.kind == "register":
        try:
            public_key = decode(event.public_key, PUBLIC_KEY_BYTES, "the public key")
        except ContentError as error:
            return str(error)
        if fingerprint(public_key) != event.fingerprint or signed_by != event.fingerprint:
            return "it is not signed by the key it registers"
        if not _signature_ok(project, event, public_key):
            return "its signature does not match the record"
        if target is not None and target.org != event.org:
            return f"the key is already registered to {project.org_label(target.org)}"
        return None
    if target is None:
        return "the key it names was never registered"
    signer = keys.get(signed_by)
    if signer is None:
        return "it is signed by a key that is not registered"
    if not _signature_ok(project, event, signer.public_key):
        return "its signature does not match the record"
    tofu = event.kind == "confirm" and event.reason == TRUSTED_ON_FIRST_USE
    if tofu:
        if event.org != coordinator or target.org != event.org or signed_by != event.fingerprint:
            return "only the coordinator's own first key is trusted on first use"
        if any(record.org == event.org and record.confirmed is not None for record in keys.values()):
            return "the coordinator already had a confirmed key, so this one is not its first"
        return None
    if signer.org != event.org or signer.state_at(event.time) != CONFIRMED:
        return f"it is not signed by a confirmed key of {project.org_label(event.org)} at {event.time:%d %b %Y %H:%M}"
    if event.org != coordinator and event.org != target.org:
        return f"only the coordinator or {project.org_label(target.org)} itself may {event.kind} its keys"
    return None


def signed_by_confirmed_key(project: Project, keys: dict[str, KeyRecord], signature: Signature | None, org: str,
                            time: datetime, statement: Callable[[str], bytes]) -> str | None:
    """Why a record of ``org`` made at ``time`` is not validly signed by a key of ``org`` confirmed then
    (a sentence), or None. ``statement(fingerprint)`` gives the exact bytes its signature must cover."""
    if signature is None:
        return "it is not signed"
    signer = keys.get(signature.fingerprint)
    if signer is None:
        return f"it is signed by key {signature.fingerprint}, which is not a registered key"
    if signer.org != org:
        return f"it is signed with a key of {project.org_label(signer.org)}, not of {project.org_label(org)}"
    try:
        value = decode(signature.value, SIGNATURE_BYTES, "the signature")
    except ContentError as error:
        return str(error)
    if not verify(signer.public_key, value, statement(signature.fingerprint)):
        return "its signature does not match the record"
    if signer.state_at(time) != CONFIRMED:
        return f"it is not signed by a confirmed key of {project.org_label(org)} at {time:%d %b %Y %H:%M}"
    return None


def _change_problem(project: Project, change: CoordinatorChange, keys: dict[str, KeyRecord],
                    coordinator: str | None) -> str | None:
    """Why a coordinator change does not count given the keys and coordinator before it, or None."""
    problem = signed_by_confirmed_key(project, keys, change.signature, change.org, change.time,
                                      lambda fingerprint: coordinator_statement(project.id, change, fingerprint))
    if problem is not None:
        return problem
    if change.org != coordinator:
        return (f"only the coordinator then ({project.org_label(coordinator or '')}) hands the role over, "
                f"not {project.org_label(change.org)}")
    return None


def _apply(keys: dict[str, KeyRecord], event: KeyEvent) -> None:
    record = keys.get(event.fingerprint)
    if event.kind == "register":
        if record is None:
            keys[event.fingerprint] = KeyRecord(event.fingerprint, event.org,
                                                decode(event.public_key, PUBLIC_KEY_BYTES, "the public key"), event)
    elif record is not None and event.kind == "confirm" and record.confirmed is None and record.revoked is None:
        record.confirmed = event
    elif record is not None and event.kind == "revoke" and record.revoked is None:
        record.revoked = event


def key_ledger(project: Project) -> KeyLedger:
    """Replay the project's key events and coordinator changes in time order, keeping the valid ones
    (at the same second, key events first: a coordinator signs a hand-over with a key confirmed then)."""
    ledger = KeyLedger({}, [], fallback=project.coordinator)
    changes = sorted(project.coordinator_changes, key=lambda change: change.time)
    if changes:
        ledger.coordinators.append((changes[0].time, changes[0].coordinator))
    steps = sorted([(event.time, 0, index) for index, event in enumerate(project.key_events)]
                   + [(change.time, 1, index) for index, change in enumerate(changes) if index > 0])
    for time, is_change, index in steps:
        coordinator = ledger.coordinators[-1][1] if ledger.coordinators else project.coordinator
        if is_change:
            change = changes[index]
            problem = _change_problem(project, change, ledger.keys, coordinator)
            if problem is None:
                ledger.coordinators.append((time, change.coordinator))
            else:
                ledger.coordinator_problems.append((change, problem))
            continue
        event = project.key_events[index]
        problem = _event_problem(project, event, ledger.keys, coordinator)
        if problem is None:
            _apply(ledger.keys, event)
        else:
            ledger.problems.append((event, problem))
    return ledger


def key_states(project: Project) -> dict[str, list[KeyState]]:
    """Each organisation's keys as they stand now, in the order they were registered."""
    states: dict[str, list[KeyState]] = {org.id: [] for org in project.organisations}
    for record in key_ledger(project).keys.values():
        event = record.revoked or record.confirmed or record.registered
        state = REVOKED if record.revoked else CONFIRMED if record.confirmed else PROPOSED
        tofu = record.confirmed is not None and record.confirmed.reason == TRUSTED_ON_FIRST_USE
        by = "trusted on first use" if tofu and event is record.confirmed else \
            f"{event.person} ({project.org_label(event.org)})"
        states.setdefault(record.org, []).append(
            KeyState(record.fingerprint, state, event.time, by, encode(record.public_key), tofu))
    return states


def key_for(project: Project, org: str, key_fingerprint: str, at: datetime) -> str | None:
    """The state (proposed, confirmed, revoked) of ``org``'s key at ``at``; None if it is not ``org``'s key then."""
    return key_ledger(project).state(org, key_fingerprint, at)


def signing_problem(project: Project, org: str, key_fingerprint: str, at: datetime | None = None,
                    ledger: KeyLedger | None = None) -> str | None:
    """Why the key cannot sign for ``org`` now (a sentence), or None if it is a confirmed key of ``org``."""
    ledger = ledger or key_ledger(project)
    record = ledger.keys.get(key_fingerprint)
    label = project.org_label(org)
    if record is None:
        return f"key {key_fingerprint} is not registered in this project: register it for {label} first"
    if record.org != org:
        return f"key {key_fingerprint} is a key of {project.org_label(record.org)}, not of {label}"
    state = record.state_at(at or utc_now())
    if state == REVOKED:
        return f"key {key_fingerprint} of {label} was revoked"
    if state != CONFIRMED:
        return (f"key {key_fingerprint} of {label} is only proposed: the coordinator or a confirmed key of "
                f"{label} must confirm it first")
    return None


def check_signer(project: Project, org: str, signer: Signer, at: datetime | None = None) -> None:
    """Refuse, in one line ("cannot sign: …"), a key that is not a confirmed key of ``org`` at ``at`` (now)."""
    problem = signing_problem(project, org, signer.fingerprint, at)
    if problem is not None:
        raise PermissionDenied(f"cannot sign: {problem}")


def with_signature(record: SignedRecord, signer: Signer, statement: Callable[[str], bytes]) -> SignedRecord:
    """``record`` (a frozen dataclass with a ``signature`` field) signed by ``signer``: ``statement`` gives
    the bytes its signature covers, from the signing key's fingerprint (part of every statement, so a
    signature cannot be passed off as another key's). Check the key first (:func:`check_signer`)."""
    value = signer.sign(statement(signer.fingerprint))
    return replace(record, signature=Signature(signer.fingerprint, encode(value)))


def found_coordinator(project: Project, actor: Actor, now: datetime) -> None:
    """Record the coordinator as founded, unsigned, if no record says who coordinates yet: from the moment
    signatures are used, a coordinator the records do not name is found by ``verify``."""
    if not project.coordinator_changes and project.coordinator is not None:
        project.coordinator_changes.append(CoordinatorChange(project.coordinator, actor.org, actor.person,
                                                             actor.role, now))


def _previous(project: Project) -> str:
    return key_event_hash(project.id, project.key_events[-1]) if project.key_events else ""


def _record(project: Project, event: KeyEvent, signer: Signer | None) -> KeyEvent:
    if signer is None:
        raise ContentError("a key event must be signed: unlock your key first")
    event = sign(project, replace(event, previous=_previous(project)), signer)
    project.key_events.append(event)
    return event


def register_key(project: Project, actor: Actor, public_key: bytes, signer: Signer | None,
                 now: datetime | None = None) -> KeyEvent:
    """Propose ``public_key`` as a key of ``actor``'s organisation, signed by that key. The
    coordinator's first key is confirmed at once, trusted on first use, and its confirm event says so."""
    check_actor(project, actor)
    if signer is None or signer.public_key != public_key:
        raise ContentError("a key is registered by signing with it: unlock the key you are registering")
    key_fingerprint = fingerprint(public_key)
    ledger = key_ledger(project)
    existing = ledger.keys.get(key_fingerprint)
    if existing is not None:
        where = "" if existing.org == actor.org else f" to {project.org_label(existing.org)}"
        raise ContentError(f"key {key_fingerprint} is already registered{where}")
    now = now or utc_now()
    event = _record(project, KeyEvent("register", actor.org, actor.person, actor.role, now, key_fingerprint,
                                      encode(public_key)), signer)
    first_of_coordinator = actor.org == ledger.coordinator and not any(
        record.org == actor.org and record.confirmed is not None for record in ledger.keys.values())
    if first_of_coordinator:
        found_coordinator(project, actor, now)
        _record(project, KeyEvent("confirm", actor.org, actor.person, actor.role, now, key_fingerprint,
                                  reason=TRUSTED_ON_FIRST_USE), signer)
    return event


def _check_acting_key(project: Project, actor: Actor, key_fingerprint: str, signer: Signer | None,
                      verb: str, now: datetime) -> KeyRecord:
    check_actor(project, actor)
    ledger = key_ledger(project)
    target = ledger.keys.get(key_fingerprint)
    if target is None:
        raise NotFoundError(f"no key {key_fingerprint} is registered in this project")
    if actor.org != ledger.coordinator and actor.org != target.org:
        raise PermissionDenied(f"only the coordinator or {project.org_label(target.org)} itself may {verb} "
                               f"a key of {project.org_label(target.org)}")
    if signer is None:
        raise ContentError("a key event must be signed: unlock your key first")
    problem = signing_problem(project, actor.org, signer.fingerprint, now, ledger)
    if problem is not None:
        raise PermissionDenied(f"you cannot {verb} keys with your key: {problem}")
    return target


def confirm_key(project: Project, actor: Actor, key_fingerprint: str, signer: Signer | None,
                now: datetime | None = None) -> KeyEvent:
    """Confirm a proposed key: by the coordinator or a confirmed key of the key's organisation."""
    now = now or utc_now()
    target = _check_acting_key(project, actor, key_fingerprint, signer, "confirm", now)
    if target.revoked is not None:
        raise ContentError(f"key {key_fingerprint} was revoked and cannot be confirmed")
    if target.confirmed is not None:
        raise ContentError(f"key {key_fingerprint} is already confirmed")
    return _record(project, KeyEvent("confirm", actor.org, actor.person, actor.role, now, key_fingerprint), signer)


def revoke_key(project: Project, actor: Actor, key_fingerprint: str, signer: Signer | None, reason: str = "",
               now: datetime | None = None) -> KeyEvent:
    """Revoke a key: what it signed before stays valid, what it signs after does not count."""
    now = now or utc_now()
    target = _check_acting_key(project, actor, key_fingerprint, signer, "revoke", now)
    if target.revoked is not None:
        raise ContentError(f"key {key_fingerprint} is already revoked")
    return _record(project, KeyEvent("revoke", actor.org, actor.person, actor.role, now, key_fingerprint,
                                     reason=" ".join(reason.split())), signer)

