"""Whether a project requires signatures, as signed records say (format 1.4).

The file's ``<require-signatures/>`` flag is a plain property anyone can delete in the XML. So the
coordinator's changes of the requirement are also :class:`~.model.SignaturePolicy` records, signed
with a key of the coordinator confirmed at the time. The requirement in force is on when the flag
is on or the last valid record turned it on: only a valid record turns it off, and a flag that
disagrees with the records is a problem :func:`policy_problems` names.
"""

from __future__ import annotations

from datetime import datetime

from .errors import PermissionDenied
from .keys import KeyLedger, key_ledger, signed_by_confirmed_key, signing_problem, with_signature
from .model import Actor, Project, SignaturePolicy, utc_now
from .signatures import Signer
from .statements import policy_hash, policy_statement


def _when(time: datetime) -> str:
    return f"{time:%d %b %Y %H:%M} UTC"


def _policy_problem(project: Project, policy: SignaturePolicy, ledger: KeyLedger) -> str | None:
    """Why ``policy`` does not count (a sentence), or None: it must be signed by a key of the
    coordinator at its time, confirmed then, over exactly this record."""
    problem = signed_by_confirmed_key(project, ledger.keys, policy.signature, policy.org, policy.time,
                                      lambda fingerprint: policy_statement(project.id, policy, fingerprint))
    if problem is not None:
        return problem
    if policy.org not in ledger.coordinators_at(policy.time):
        return f"{project.org_label(policy.org)} was not the coordinator at {_when(policy.time)}"
    return None


def last_valid_policy(project: Project, ledger: KeyLedger | None = None) -> SignaturePolicy | None:
    """The newest signature-requirement record that counts, or None (within one second, the later in the file)."""
    ledger = ledger or key_ledger(project)
    valid = [policy for policy in project.signature_policies if _policy_problem(project, policy, ledger) is None]
    return sorted(valid, key=lambda policy: policy.time)[-1] if valid else None


def signatures_required(project: Project, ledger: KeyLedger | None = None) -> bool:
    """Whether signatures are required: the file's flag, or the last valid record turning them on."""
    if project.require_signatures:
        return True
    last = last_valid_policy(project, ledger)
    return last is not None and last.required


def policy_problems(project: Project, ledger: KeyLedger) -> list[str]:
    """Records of the requirement that do not count, and a flag that says less than the records."""
    label = "signature requirement"
    problems = []
    for policy in project.signature_policies:
        problem = _policy_problem(project, policy, ledger)
        if problem is not None:
            state = "on" if policy.required else "off"
            problems.append(f"{label}: the record turning it {state} by {policy.person} "
                            f"({project.org_label(policy.org)}) at {_when(policy.time)}: {problem}")
    last = last_valid_policy(project, ledger)
    if last is not None and last.required and not project.require_signatures:
        problems.append(f"{label}: signatures were required by {last.person} ({project.org_label(last.org)}) on "
                        f"{_when(last.time)}; the file says they are not, and no valid record turned them off")
    return problems


def record_policy(project: Project, actor: Actor, required: bool, signer: Signer,
                  now: datetime | None = None) -> SignaturePolicy:
    """Append a record, signed by ``signer`` (a confirmed key of the coordinator ``actor``), that
    signatures are ``required`` from now on. Raises PermissionDenied if the key may not sign."""
    now = now or utc_now()
    problem = signing_problem(project, actor.org, signer.fingerprint, now)
    if problem is not None:
        raise PermissionDenied(f"you cannot change whether signatures are required with your key: {problem}")
    previous = policy_hash(project.id, project.signature_policies[-1]) if project.signature_policies else ""
    policy = SignaturePolicy(required, actor.org, actor.person, actor.role, now, previous)
    policy = with_signature(policy, signer, lambda signed_by: policy_statement(project.id, policy, signed_by))
    project.signature_policies.append(policy)
    return policy
