"""A final export refused says what stands in its way: the sign-off, the consultation's questions, or both
(issue 17: a response signed off with a question still open was told it was "not signed off")."""

from __future__ import annotations

import pytest

from tests.word.signed_sample import signed_sample
from wyassembler.core.checklist import final_blockers
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
from wyassembler.core.questions import Limit
from wyassembler.word.writer import NotReady, build_docx

COORDINATOR_OF = "H. Dawson"


def _asked(project) -> None:
    """Two questions: the first answered by the first section, the second by nothing yet."""
    coordinator = Actor(project.coordinator or "", COORDINATOR_OF, "coordinator")
    import_questions(project, coordinator, [
        NewQuestion("1", "What do you think of the proposals?", Limit("words", 2000)),
        NewQuestion("2", "Anything else?")])
    map_section(project, coordinator, project.sections[0], ["1"])


def test_a_signed_off_response_with_an_open_question_is_refused_for_the_question_not_the_sign_off():
    project, _ = signed_sample(_asked)
    with pytest.raises(NotReady) as refused:
        build_docx(project)
    message = str(refused.value)
    assert "not signed off" not in message
    assert message.startswith("the answers to the consultation's questions are not ready, so it cannot be exported "
                              "as final")
    assert "question 2 \u201cAnything else?\u201d: not answered" in message
    assert refused.value.reason == "the answers to the consultation's questions are not ready"


def test_a_response_neither_signed_off_nor_answered_says_both():
    project, _ = signed_sample(_asked)
    section = project.sections[1]
    owner = Actor(section.owner, "Someone", "partner lead")
    edit_section(project, owner, section, blocks=(Paragraph(plain("New text, not approved yet.")),))
    with pytest.raises(NotReady) as refused:
        build_docx(project)
    assert str(refused.value).startswith("the response is not signed off and the answers to the consultation's "
                                         "questions are not ready, so it cannot be exported as final")
    blockers = final_blockers(project)
    assert blockers.questions == ["question 2 \u201cAnything else?\u201d: not answered and not marked no comment"]
    assert blockers.signoff and all("question" not in item for item in blockers.signoff)


def test_an_unsigned_response_without_questions_is_still_told_it_is_not_signed_off():
    project, _ = signed_sample()
    section = project.sections[1]
    owner = Actor(section.owner, "Someone", "partner lead")
    edit_section(project, owner, section, blocks=(Paragraph(plain("Changed.")),))
    with pytest.raises(NotReady) as refused:
        build_docx(project)
    assert str(refused.value).startswith("the response is not signed off, so it cannot be exported as final "
                                         "(export a marked draft with --draft). Missing:\n")
    assert final_blockers(project).questions == []


def test_an_organisation_with_several_items_gets_a_line_for_each():
    # The coordinator's open questions were one line joined by "; ", as long as the list.
    def asked_three(project) -> None:
        coordinator = Actor(project.coordinator or "", COORDINATOR_OF, "coordinator")
        import_questions(project, coordinator, [NewQuestion(str(n), f"Question text {n}?") for n in (1, 2, 3)])

    project, _ = signed_sample(asked_three)
    with pytest.raises(NotReady) as refused:
        build_docx(project)
    missing = refused.value.missing.splitlines()
    label = project.org_label(project.coordinator or "")
    assert missing[0] == f"{label}:"
    assert missing[1:] == [f"  - question {n} \u201cQuestion text {n}?\u201d: not answered and not marked no comment"
                           for n in (1, 2, 3)]
