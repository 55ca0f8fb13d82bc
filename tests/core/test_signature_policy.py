"""Required signatures as signed records (core.signature_policy): the flag alone cannot turn the
requirement off; a record counts only when signed by the coordinator's confirmed key over exactly it."""

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import COORDINATOR, KIRKLEES, T0
from tests.signing import TestSigner
from wyassembler.core.errors import PermissionDenied
from wyassembler.core.keys import confirm_key, register_key
from wyassembler.core.partners import set_properties
from wyassembler.core.signature_policy import record_policy, signatures_required
from wyassembler.core.verification import signature_problems

LATER = T0 + timedelta(hours=1)


@pytest.fixture
def signers(project):
    """The coordinator's key (trusted on first use) and Kirklees's, confirmed; signatures required."""
    keys = {"joint-services": TestSigner(), "kirklees": TestSigner()}
    register_key(project, COORDINATOR, keys["joint-services"].public_key, keys["joint-services"], now=T0)
    register_key(project, KIRKLEES, keys["kirklees"].public_key, keys["kirklees"], now=T0)
    confirm_key(project, COORDINATOR, keys["kirklees"].fingerprint, keys["joint-services"], now=T0)
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=T0, require_signatures=True)
    return keys


def test_a_cleared_flag_leaves_the_requirement_on_and_is_a_problem(project, signers):
    assert len(project.signature_policies) == 1 and signature_problems(project) == []
    project.require_signatures = False
    assert signatures_required(project)
    problems = signature_problems(project)
    assert len(problems) == 1 and "signatures were required by H. Dawson" in problems[0]
    assert "the file says they are not, and no valid record turned them off" in problems[0]


def test_turning_them_off_without_a_key_is_refused_and_changes_nothing(project, signers):
    with pytest.raises(PermissionDenied, match="must be signed"):
        set_properties(project, COORDINATOR, now=LATER, require_signatures=False)
    assert project.require_signatures and len(project.signature_policies) == 1


def test_a_record_turning_them_off_counts_only_from_the_coordinator(project, signers):
    record_policy(project, KIRKLEES, False, signers["kirklees"], now=LATER)  # a partner's key, not the coordinator's
    project.require_signatures = False
    assert signatures_required(project)
    assert any("was not the coordinator" in problem for problem in signature_problems(project))


def test_a_record_rewritten_after_signing_does_not_count(project, signers):
    set_properties(project, COORDINATOR, signer=signers["joint-services"], now=LATER, require_signatures=False)
    assert not signatures_required(project) and signature_problems(project) == []
    # A hand edit turns the first record (on) into an "off" one: its signature no longer matches.
    project.signature_policies[0] = replace(project.signature_policies[0], required=False)
    project.signature_policies.pop()
    assert not signatures_required(project)  # nothing valid turned them on now; the forgery is named
    assert any("its signature does not match the record" in problem for problem in signature_problems(project))
