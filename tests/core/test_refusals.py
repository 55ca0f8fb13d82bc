"""Why an action may not be done now: one sentence per rule, None when it may (issue 16 item 4)."""

from __future__ import annotations

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from tests.signing import TestSigner
from wyassembler.core import refusals, signoff
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.keys import register_key
from wyassembler.core.model import Actor
from wyassembler.core.signoff import endorse_response, sign_off_section

KIRKLEES_CONTRIBUTOR = Actor("kirklees", "A. Khan", "contributor")


def test_nothing_selected_is_the_reason_for_section_actions(project):
    for reason in (refusals.why_not_decide_section(project, KIRKLEES, None, True),
                   refusals.why_not_edit(project, KIRKLEES, None),
                   refusals.why_not_change_section(project, COORDINATOR, None),
                   refusals.why_not_resolve(project, None)):
        assert reason == "No section selected"


def test_another_organisations_section_names_who_signs_it(project):
    shared, kirklees_own = project.find_section("2"), project.find_section("3")
    assert refusals.why_not_decide_section(project, CALDERDALE, kirklees_own, True) == \
        "Only Kirklees Metropolitan Council's partner lead may sign off this section"
    reason = refusals.why_not_decide_section(project, KIRKLEES, shared, False)
    assert reason.startswith("Only the partner leads of Calderdale") and "ask for changes to this section" in reason
    assert refusals.why_not_decide_section(project, KIRKLEES, kirklees_own, True) is None


def test_a_contributor_is_told_who_signs(project):
    section = project.find_section("3")
    reason = refusals.why_not_decide_section(project, KIRKLEES_CONTRIBUTOR, section, True)
    assert reason == "Only a partner lead or the coordinator may sign off a section; you are signed in as a contributor"
    assert "endorse" in refusals.why_not_decide_response(project, KIRKLEES_CONTRIBUTOR, True)


def test_approved_already_until_the_text_changes(project):
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, now=T0)
    assert refusals.why_not_decide_section(project, KIRKLEES, section, True).startswith(
        "Approved already: S. Patel approved this text for Kirklees on 05 Jan 2026")
    # Asking for changes after approving stays possible.
    assert refusals.why_not_decide_section(project, KIRKLEES, section, False) is None
    endorse_response(project, KIRKLEES, now=T0)
    assert refusals.why_not_decide_response(project, KIRKLEES, True).startswith("Endorsed already")
    assert refusals.why_not_decide_response(project, KIRKLEES, False) is None


def test_an_unsigned_approval_may_be_signed_again_by_whoever_has_a_key_that_signs(project):
    signer = TestSigner()
    register_key(project, COORDINATOR, signer.public_key, signer, now=T0)
    endorse_response(project, COORDINATOR, now=T0)  # unsigned
    assert refusals.why_not_decide_response(project, COORDINATOR, True, signer.fingerprint) is None
    endorse_response(project, COORDINATOR, signer=signer)
    assert refusals.why_not_decide_response(project, COORDINATOR, True, signer.fingerprint).startswith(
        "Endorsed already")


def test_required_signatures_without_a_key_that_signs_say_so(project):
    project.require_signatures = True
    section = project.find_section("3")
    assert "you have no signing key" in refusals.why_not_decide_section(project, KIRKLEES, section, True)
    signer = TestSigner()
    register_key(project, KIRKLEES, signer.public_key, signer, now=T0)  # proposed, not confirmed
    reason = refusals.why_not_decide_section(project, KIRKLEES, section, False, signer.fingerprint)
    assert reason.startswith("Signatures are required, and your key cannot sign") and "only proposed" in reason
    project.require_signatures = False
    assert refusals.why_not_decide_section(project, KIRKLEES, section, True, signer.fingerprint) is None


def test_structure_edit_and_export_reasons_reuse_the_rules_words(project):
    section = project.find_section("2")
    assert refusals.why_not_restructure(project, KIRKLEES).startswith("Only the coordinating organisation")
    assert refusals.why_not_restructure(project, COORDINATOR) is None
    assert refusals.why_not_edit(project, KIRKLEES, section).startswith("Kirklees may not edit section 2")
    assert refusals.why_not_export(project, KIRKLEES).startswith("Only the coordinating organisation")
    assert refusals.why_not_resolve(project, section) == "Section 2 has no conflict copies to resolve"


def test_a_standing_change_request_is_named_with_its_note(project):
    section = project.find_section("3")
    sign_off_section(project, KIRKLEES, section, signoff.CHANGES_REQUESTED, "Say more about standards.", now=T0)
    assert signoff.change_requests_on(project, section) == [
        "Kirklees: S. Patel asked for changes on 05 Jan 2026: \u201cSay more about standards.\u201d"]
    # Still worth reading once the text changes; gone once Kirklees decides again.
    edit_section(project, KIRKLEES, section, blocks=(Paragraph(plain("Standards matter a lot.")),), now=T0)
    assert len(signoff.change_requests_on(project, section)) == 1
    sign_off_section(project, KIRKLEES, section, now=T0)
    assert signoff.change_requests_on(project, section) == []
