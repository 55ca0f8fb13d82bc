"""Keys in a project (core.keys), signed sign-offs and endorsements (core.signoff with a signer), and
their checking (core.verification): each forgery of issue 15 that lives in the core is caught by
signature_problems and does not count when the project requires signatures."""

from dataclasses import replace
from datetime import timedelta

import pytest

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, POLICE, T0
from tests.signing import TestSigner
from wyassembler.core.content import Paragraph, content_hash, plain
from wyassembler.core.errors import ContentError, PermissionDenied
from wyassembler.core.keys import (TRUSTED_ON_FIRST_USE, confirm_key, key_for, key_states, register_key,
                                   revoke_key)
from wyassembler.core.model import Actor, Revision, Signature
from wyassembler.core.partners import set_properties
from wyassembler.core.signoff import endorse_response, readiness, response_hash, sign_off_section
from wyassembler.core.verification import signature_problems, signature_state

LATER = T0 + timedelta(hours=1)


@pytest.fixture
def keys(project):
    """The coordinator's key (trusted on first use), and a key of every other partner confirmed by it."""
    signers = {org.id: TestSigner() for org in project.organisations}
    register_key(project, COORDINATOR, signers["joint-services"].public_key, signers["joint-services"], now=T0)
    for org in project.organisations:
        if org.id != "joint-services":
            actor = Actor(org.id, "Lead", "partner lead")
            register_key(project, actor, signers[org.id].public_key, signers[org.id], now=T0)
            confirm_key(project, COORDINATOR, signers[org.id].fingerprint, signers["joint-services"], now=T0)
    return signers


def _require_signatures(project, keys):
    """Signatures required the way the coordinator turns them on: with its key, signing who owns each section."""
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=T0, require_signatures=True)


def _sign_everything(project, keys, when=LATER):
    """Every section approved by its owner and every organisation's endorsement, signed where a key exists."""
    for section in project.all_sections():
        actor = Actor(section.owner, "Lead", "partner lead")
        sign_off_section(project, actor, section, now=when, signer=keys.get(section.owner))
    for org in project.organisations:
        endorse_response(project, Actor(org.id, "Lead", "partner lead"), now=when, signer=keys.get(org.id))


def test_the_coordinators_first_key_is_trusted_on_first_use_and_says_so(project, keys):
    states = key_states(project)
    (coordinator_key,) = states["joint-services"]
    assert coordinator_key.state == "confirmed" and coordinator_key.trusted_on_first_use
    assert coordinator_key.by == "trusted on first use"
    assert [e.reason for e in project.key_events if e.kind == "confirm"][0] == TRUSTED_ON_FIRST_USE
    assert [k.state for k in states["calderdale"]] == ["confirmed"]
    assert signature_problems(project) == []


def test_a_second_coordinator_key_is_only_proposed(project, keys):
    second = TestSigner()
    register_key(project, COORDINATOR, second.public_key, second, now=LATER)
    assert key_for(project, "joint-services", second.fingerprint, LATER) == "proposed"


def test_only_the_coordinator_or_a_confirmed_key_of_the_same_organisation_confirms(project, keys):
    newcomer = TestSigner()
    register_key(project, POLICE, newcomer.public_key, newcomer, now=T0)
    with pytest.raises(PermissionDenied, match="only the coordinator or"):
        confirm_key(project, CALDERDALE, newcomer.fingerprint, keys["calderdale"], now=LATER)
    second = TestSigner()
    register_key(project, CALDERDALE, second.public_key, second, now=T0)
    confirm_key(project, CALDERDALE, second.fingerprint, keys["calderdale"], now=LATER)
    assert key_for(project, "calderdale", second.fingerprint, LATER) == "confirmed"
    with pytest.raises(PermissionDenied, match="only proposed"):  # a proposed key confirms nothing
        confirm_key(project, POLICE, newcomer.fingerprint, newcomer, now=LATER)


def test_a_key_is_registered_by_signing_with_it_and_belongs_to_one_organisation(project, keys):
    stranger = TestSigner()
    with pytest.raises(ContentError, match="signing with it"):
        register_key(project, POLICE, stranger.public_key, keys["calderdale"], now=T0)
    with pytest.raises(ContentError, match="already registered to Calderdale"):
        register_key(project, POLICE, keys["calderdale"].public_key, keys["calderdale"], now=T0)


def test_signed_decisions_are_valid_and_count_when_signatures_are_required(project, keys):
    _require_signatures(project, keys)
    _sign_everything(project, keys)
    shared = project.find_section("2")
    assert signature_state(project, shared.signoffs[-1]) == "valid"
    assert signature_problems(project) == []
    assert readiness(project).ready
    # An unsigned endorsement made later does not count, and readiness says why.
    endorse_response(project, POLICE, now=LATER + timedelta(minutes=1))
    assert not readiness(project).ready
    assert "is not signed (this project requires signatures)" in readiness(project).missing["police"][0]
    _only_problem(project, "endorsements", "P. Clarke", "not signed")
    project.require_signatures = False  # the flag alone (as a hand edit leaves it) does not turn them off
    assert not readiness(project).ready
    set_properties(project, COORDINATOR, signer=keys["joint-services"], now=LATER + timedelta(minutes=2),
                   require_signatures=False)
    assert readiness(project).ready and signature_problems(project) == []


def test_a_replaced_unsigned_decision_is_history_but_a_replaced_invalid_signature_is_still_a_problem(project, keys):
    section = project.find_section("3")  # Kirklees's
    kirklees = Actor("kirklees", "Lead", "partner lead")
    sign_off_section(project, kirklees, section, now=T0)  # unsigned, before signatures were required
    endorse_response(project, kirklees, now=T0)
    _require_signatures(project, keys)
    _sign_everything(project, keys)
    assert signature_problems(project) == []
    # The same unsigned records as the organisation's latest are problems.
    sign_off_section(project, kirklees, section, now=LATER + timedelta(minutes=1))
    _only_problem(project, "section 3", "not signed (this project requires signatures)")
    section.signoffs.pop()
    # A signature that does not match stays a problem after a later decision replaces it.
    forger = TestSigner()
    earlier = section.signoffs[0]
    forged = Signature(forger.fingerprint, section.signoffs[-1].signature.value)
    section.signoffs[0] = replace(earlier, signature=forged)
    assert any("at 05 Jan 2026 09:00 UTC: it is signed by key" in line and "not a registered key" in line
               for line in signature_problems(project))


def test_signing_with_another_organisations_key_or_an_unconfirmed_one_is_refused(project, keys):
    shared = project.find_section("2")
    with pytest.raises(PermissionDenied, match="is a key of Kirklees, not of Calderdale"):
        sign_off_section(project, CALDERDALE, shared, now=LATER, signer=keys["kirklees"])
    proposed = TestSigner()
    register_key(project, CALDERDALE, proposed.public_key, proposed, now=T0)
    with pytest.raises(PermissionDenied, match="only proposed"):
        sign_off_section(project, CALDERDALE, shared, now=LATER, signer=proposed)
    assert shared.signoffs == []


def _only_problem(project, *words):
    problems = signature_problems(project)
    assert len(problems) == 1, problems
    for word in words:
        assert word in problems[0]
    return problems[0]


def test_a_forged_approval_with_the_current_hash_is_caught_and_does_not_count(project, keys):
    _require_signatures(project, keys)
    _sign_everything(project, keys)
    section = project.find_section("3")  # Kirklees's
    genuine = section.signoffs[-1]
    # Someone edits the file: a newer approval with the current hash, signed with a made-up key.
    forger = TestSigner()
    forged = replace(genuine, person="Forger", sequence=genuine.sequence + 1,
                     signature=Signature(forger.fingerprint, genuine.signature.value))
    section.signoffs.append(forged)
    assert signature_state(project, forged) == "invalid"
    _only_problem(project, "section 3", "Forger (Kirklees)", "not a registered key")
    assert any("Forger" in line for line in readiness(project).missing["kirklees"])
    # An unsigned forged approval does not count either.
    section.signoffs[-1] = replace(forged, signature=None)
    assert "not signed" in _only_problem(project, "Forger")


def test_text_edited_with_its_hashes_recomputed_leaves_the_signed_approval_stale(project, keys):
    _require_signatures(project, keys)
    _sign_everything(project, keys)
    section = project.find_section("3")
    approval = section.signoffs[-1]
    blocks = (Paragraph(plain("Standards do not matter.")),)
    forged_revision = Revision("rev-forged", section.current.id, "kirklees", "S. Patel", LATER, section.heading,
                               blocks, content_hash(section.heading, blocks))
    section.revisions.append(forged_revision)
    # The old approval is for the old hash; copying it with the new hash breaks its signature.
    section.signoffs.append(replace(approval, hash=section.hash, sequence=approval.sequence + 1))
    _only_problem(project, "section 3", "does not match the record")
    assert any("does not count" in line for line in readiness(project).missing["kirklees"])


def test_a_signature_moved_to_another_section_record_or_organisation_does_not_match(project, keys):
    _sign_everything(project, keys)
    calderdales = project.find_section("2").signoffs[-1]
    kirklees_section = project.find_section("3")
    # Onto another section (same organisation's signature pasted under another section).
    kirklees_section.signoffs.append(replace(calderdales, sequence=99))
    assert signature_state(project, kirklees_section.signoffs[-1]) == "invalid"
    kirklees_section.signoffs.pop()
    # Onto another decision of the same section: a change request turned into an approval and back.
    shared = project.find_section("2")
    shared.signoffs[-1] = replace(calderdales, decision="changes-requested", note="No.")
    assert signature_state(project, shared.signoffs[-1]) == "invalid"
    # Onto another organisation: a Kirklees signature on a record claiming Police.
    kirklees_approval = kirklees_section.signoffs[-1]
    kirklees_section.signoffs.append(replace(kirklees_approval, org="police", sequence=99))
    assert signature_state(project, kirklees_section.signoffs[-1]) == "invalid"
    assert "a key of Kirklees, not of" in " ".join(signature_problems(project))
    # Onto another project: the same record in a project with another id.
    shared.signoffs[-1] = calderdales
    project.id = "another-project"
    assert signature_state(project, calderdales) == "invalid"


def test_a_record_signed_by_a_revoked_key_after_revocation_does_not_count(project, keys):
    _require_signatures(project, keys)
    section = project.find_section("3")
    before = sign_off_section(project, KIRKLEES, section, now=T0 + timedelta(minutes=5), signer=keys["kirklees"])
    revoke_key(project, COORDINATOR, keys["kirklees"].fingerprint, keys["joint-services"], reason="laptop stolen",
               now=T0 + timedelta(minutes=10))
    assert signature_state(project, before) == "valid"  # signed before: stays valid
    with pytest.raises(PermissionDenied, match="revoked"):
        sign_off_section(project, KIRKLEES, section, now=LATER, signer=keys["kirklees"])
    # The thief writes a signed approval into the file directly.
    after = replace(before, time=LATER, sequence=before.sequence + 1, previous="")
    from wyassembler.core.statements import SECTION_SIGNOFF, decision_statement
    from wyassembler.core.signatures import encode
    value = keys["kirklees"].sign(decision_statement(project.id, SECTION_SIGNOFF, section.id, after,
                                                     keys["kirklees"].fingerprint))
    after = replace(after, signature=Signature(keys["kirklees"].fingerprint, encode(value)))
    section.signoffs.append(after)
    assert signature_state(project, after) == "revoked-key"
    _only_problem(project, "section 3", "revoked before")
    assert any("does not count" in line for line in readiness(project).missing["kirklees"])


def test_an_endorsement_signed_with_another_organisations_key_is_caught(project, keys):
    _require_signatures(project, keys)
    endorse_response(project, CALDERDALE, now=LATER, signer=keys["calderdale"])
    endorsement = project.endorsements[-1]
    project.endorsements.append(replace(endorsement, org="kirklees", sequence=endorsement.sequence + 1))
    assert signature_state(project, project.endorsements[-1]) == "invalid"
    assert "a key of Calderdale, not of Kirklees" in _only_problem(project, "endorsements")
    assert project.endorsements[-1].hash == response_hash(project)


def test_a_deleted_record_breaks_the_link_of_the_one_after_it(project, keys):
    section = project.find_section("2")
    sign_off_section(project, CALDERDALE, section, "changes-requested", "Shorter, please.", now=T0,
                     signer=keys["calderdale"])
    sign_off_section(project, CALDERDALE, section, now=LATER, signer=keys["calderdale"])
    assert section.signoffs[1].previous and signature_problems(project) == []
    del section.signoffs[0]
    _only_problem(project, "section 2", "the record it follows is not in the file")


def test_a_forged_key_event_does_not_count(project, keys):
    intruder = TestSigner()
    # A confirm of the intruder's own key, signed by itself, written into the file for Calderdale.
    register_key(project, CALDERDALE, intruder.public_key, intruder, now=T0)
    from wyassembler.core.keys import sign
    from wyassembler.core.model import KeyEvent
    project.key_events.append(sign(project, KeyEvent("confirm", "calderdale", "Intruder", "", LATER,
                                                     intruder.fingerprint), intruder))
    assert key_for(project, "calderdale", intruder.fingerprint, LATER) == "proposed"
    _only_problem(project, "keys: the confirm", "not signed by a confirmed key of Calderdale")


def test_requiring_signatures_is_the_coordinators_property_and_merges_like_the_others(project):
    import copy

    from wyassembler.core.merge import merge_projects
    from wyassembler.core.partners import set_properties
    base, theirs = copy.deepcopy(project), copy.deepcopy(project)
    with pytest.raises(PermissionDenied):
        set_properties(project, KIRKLEES, require_signatures=True)
    with pytest.raises(ContentError, match="yes or no"):
        set_properties(project, COORDINATOR, require_signatures="yes")
    assert set_properties(project, COORDINATOR, require_signatures=True) == {"require_signatures": False}
    assert merge_projects(project, theirs, base).project.require_signatures
    assert merge_projects(project, theirs, None).notes[0].startswith("The requirement of signatures differs")


def test_putting_an_older_version_back_keeps_the_keys_and_their_revocations(project, keys):
    import copy

    from wyassembler.core.restore import restore_over
    _require_signatures(project, keys)
    older = copy.deepcopy(project)
    older.key_events = older.key_events[:1]  # the version from before the partners' keys
    older.require_signatures = False
    revoke_key(project, COORDINATOR, keys["kirklees"].fingerprint, keys["joint-services"], now=LATER)
    restored = restore_over(project, older, COORDINATOR, "backup", "0" * 64, "1" * 64, now=LATER)
    assert key_for(restored, "kirklees", keys["kirklees"].fingerprint, LATER) == "revoked"
    assert restored.require_signatures and signature_problems(restored) == []


def _with_conflict(project):
    """``project`` after a merge in which both sides edited section 2: it holds one conflict copy."""
    import copy

    from wyassembler.core.editing import edit_section
    from wyassembler.core.merge import merge_projects
    base, theirs = copy.deepcopy(project), copy.deepcopy(project)
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=(Paragraph(plain("Ours.")),), now=T0)
    edit_section(theirs, CALDERDALE, theirs.find_section("2"), blocks=(Paragraph(plain("Theirs.")),), now=LATER)
    merged = merge_projects(project, theirs, base).project
    assert merged.find_section("2").conflicts
    return merged


def test_a_signed_resolution_verifies_and_cannot_be_changed_or_moved(project, keys):
    from wyassembler.core.conflicts import keep_current
    merged = _with_conflict(project)
    section = merged.find_section("2")
    copy_id = section.conflicts[0].id
    (resolution,) = keep_current(merged, CALDERDALE, section, now=LATER, signer=keys["calderdale"])
    assert resolution.signature is not None and signature_problems(merged) == []
    section.resolutions[-1] = replace(resolution, outcome="took-copy")
    _only_problem(merged, "section 2", "the resolution (took-copy)", "does not match the record")
    other = next(revision for revision in section.revisions if revision.id != copy_id)
    section.resolutions[-1] = replace(resolution, revision=other.id)  # onto another copy
    _only_problem(merged, "section 2", "does not match the record")
    section.resolutions[-1] = replace(resolution, org="police")
    _only_problem(merged, "section 2", "a key of Calderdale, not of")


def test_resolving_with_another_organisations_key_is_refused(project, keys):
    from wyassembler.core.conflicts import keep_current
    merged = _with_conflict(project)
    section = merged.find_section("2")
    with pytest.raises(PermissionDenied, match="is a key of Kirklees"):
        keep_current(merged, CALDERDALE, section, now=LATER, signer=keys["kirklees"])
    assert section.conflicts and not section.resolutions


def test_a_signed_record_is_reported_for_its_signature_and_for_a_missing_predecessor():
    """core.verification.record_faults, the one rule verify applies to decisions, authority records and marks."""
    from wyassembler.core.verification import DUPLICATE, INVALID, UNSIGNED, VALID, Verdict, record_faults

    unsigned, invalid = Verdict(UNSIGNED, "not signed"), Verdict(INVALID, "the signature does not hold")
    assert record_faults(unsigned, standing=True, required=False, previous="", known=()) == []
    assert record_faults(unsigned, standing=False, required=True, previous="", known=()) == []  # history
    assert record_faults(unsigned, standing=True, required=True, previous="", known=()) == [
        "not signed (this project requires signatures)"]
    assert record_faults(invalid, standing=False, required=False, previous="", known=()) == [
        "the signature does not hold"]
    assert record_faults(Verdict(VALID), standing=True, required=True, previous="abc", known={"abc"}) == []
    assert record_faults(Verdict(VALID), standing=True, required=True, previous="abc", known=set()) == [
        "the record it follows is not in the file (deleted or rewritten)"]
    assert record_faults(Verdict(VALID), standing=False, required=False, previous="", known=(), copied=True) == [
        DUPLICATE]
