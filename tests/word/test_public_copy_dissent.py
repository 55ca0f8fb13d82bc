"""verify-docx on a response some partners endorse with reservations or decline (issue 18): the manifest
carries each endorsement's reservations and each decline with its wish to be named, which their signatures
cover, so both copies verify as exported, and a reservation or decline changed in the manifest does not."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.word.public_sample import signed_confidential
from tests.word.signed_sample import MANIFEST_MEMBER, SIGNED, rewrite_member
from wyassembler.core.model import Actor
from wyassembler.core.signoff import decline_response, endorse_response, reservation
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.writer import export_docx

RESERVATION = "We would rather the depot lease were put to tender."


@pytest.fixture(scope="module")
def dissent():
    """The confidential sample: Kirklees endorses with a reservation on the withheld section 5, Leeds declines
    and asks to be named (the response goes out on behalf of the others: the default)."""
    project, signers = signed_confidential()
    later = SIGNED + timedelta(hours=1)
    endorse_response(project, Actor("kirklees", "Lead of Kirklees", "partner lead"), now=later,
                     signer=signers["kirklees"], reservations=[reservation(project, RESERVATION, "5")])
    decline_response(project, Actor("leeds", "Lead of Leeds", "partner lead"), "We cannot support section 4.",
                     named=True, now=later, signer=signers["leeds"])
    return project


@pytest.fixture(params=[False, True], ids=["full", "public"])
def exported(dissent, tmp_path, request):
    path = tmp_path / "response.docx"
    export_docx(dissent, path, signoff_appendix=True, public=request.param, project_path=None)
    return path


def test_reservations_and_declines_verify_and_the_summary_names_them(exported):
    result = verify_docx(exported)
    assert result.problems == []
    assert "Kirklees (with reservations)" in result.summary
    assert "; declined by Leeds;" in result.summary
    assert "endorsed by Bradford, Calderdale, Kirklees (with reservations), Wakefield," in result.summary


@pytest.mark.parametrize("change", [
    lambda text: text.replace(RESERVATION, "We have no reservations."),
    lambda text: text.replace(' named="yes"', ""),
    lambda text: text.replace('decision="declined"', 'decision="approved"'),
], ids=["reservation-text", "named-dropped", "decline-to-approval"])
def test_a_reservation_or_decline_changed_in_the_manifest_does_not_verify(exported, change):
    rewrite_member(exported, MANIFEST_MEMBER, change)
    problems = verify_docx(exported).problems
    assert any("its signature does not match the record" in line for line in problems), problems
