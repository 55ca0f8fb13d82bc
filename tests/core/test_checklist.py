"""What stops a final export, as findings: each readiness item once, with its section and what to do;
signed records that do not verify; sign-offs of text not in the history; all in outline order."""

from __future__ import annotations

from dataclasses import replace

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from tests.word.signed_sample import signed_sample
from wyassembler.core import signoff
from wyassembler.core.checklist import final_blockers, finding_line, in_order, readiness_findings
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.findings import ERROR, TEMPLATE, WARNING, WHOLE_RESPONSE, Finding
from wyassembler.core.model import Actor
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section


def _by_rule(findings, rule):
    return [finding for finding in findings if finding.rule == rule]


def test_every_readiness_item_is_one_error_and_a_sections_item_names_its_section(project):
    findings = readiness_findings(project)
    ready = signoff.readiness(project)
    assert len(findings) == sum(len(items) for items in ready.missing.values())
    assert all(finding.severity == ERROR for finding in findings)
    _, shared, professionalism = project.sections
    on_shared = [finding for finding in findings if finding.section_id == shared.id]
    assert [finding.message for finding in on_shared] == [f"{project.org_label('calderdale')}: approval pending"]
    assert on_shared[0].rule == "signoff"
    assert on_shared[0].advice == (f"Ask {project.org_label('calderdale')}'s partner lead to sign off "
                                   "(Sign-off \u203a Sign Off Section, or 'wyassembler sign-off PROJECT 2').")
    assert any(finding.section_id == professionalism.id and "sign-off PROJECT 3" in finding.advice
               for finding in findings)
    endorsements = [finding for finding in findings if finding.section_id is None]
    assert endorsements and all(finding.place == WHOLE_RESPONSE for finding in endorsements)
    assert all("endorsement of the whole response pending" in finding.message
               and "--endorse" in finding.advice for finding in endorsements)


def test_a_change_request_and_conflict_copies_get_their_own_advice(project):
    shared = project.sections[1]
    signoff.sign_off_section(project, CALDERDALE, shared, now=T0)
    signoff.sign_off_section(project, Actor("police", "P. Clarke", "partner lead"), shared, signoff.CHANGES_REQUESTED,
                             "Name the budget.", now=T0)
    findings = [finding for finding in readiness_findings(project) if finding.section_id == shared.id]
    police = project.org_label("police")
    assert [finding.message for finding in findings] == [f"{police}: changes requested by P. Clarke: Name the budget."]
    assert findings[0].advice.startswith(f"Make the changes {police} asked for, then ask its partner lead")


def test_a_signed_off_response_has_no_findings_and_an_open_question_is_the_questions_rule():
    def asked(project) -> None:
        coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
        import_questions(project, coordinator, [NewQuestion("1", "What do you think?"),
                                                NewQuestion("2", "Anything else?")])
        map_section(project, coordinator, project.sections[0], ["1"])

    assert readiness_findings(signed_sample()[0]) == []
    project, _ = signed_sample(asked)
    findings = readiness_findings(project)
    assert [(finding.rule, finding.section_id, finding.message) for finding in findings] == [
        ("questions", None, "question 2 \u201cAnything else?\u201d: not answered and not marked no comment")]
    assert "--no-comment" in findings[0].advice
    blockers = final_blockers(project)
    assert blockers.questions == [findings[0].message] and blockers.signoff == []


def test_a_section_mapped_to_a_question_no_longer_in_the_list_is_told_by_its_section():
    def mapped_then_dropped(project) -> None:
        coordinator = Actor(project.coordinator or "", "H. Dawson", "coordinator")
        import_questions(project, coordinator, [NewQuestion("1", "What do you think?")])
        map_section(project, coordinator, project.sections[0], ["1"])
        project.sections[0].answers = ("gone",)  # as a merge of a copy with another list leaves it

    project, _ = signed_sample(mapped_then_dropped)
    findings = _by_rule(readiness_findings(project), "questions")
    dropped = [finding for finding in findings if finding.section_id == project.sections[0].id]
    assert [finding.message for finding in dropped] == [
        "answers a question that is no longer in the list: map it again or leave it unmapped"]
    assert "--question Q" in dropped[0].advice


def test_a_forged_signature_is_a_signatures_error_on_its_section():
    project, _ = signed_sample()
    third = project.find_section("3")
    forged = replace(third.signoffs[-1], person="Someone Else")  # the signature no longer covers it
    third.signoffs[-1] = forged
    findings = _by_rule(readiness_findings(project), "signatures")
    assert findings and all(finding.section_id == third.id for finding in findings)
    assert findings[0].message.startswith("the approval by Someone Else")
    assert "confirmed key" in findings[0].advice


def test_a_sign_off_of_text_not_in_the_history_is_a_soundness_error_on_its_section(project):
    section = project.sections[2]
    signoff.sign_off_section(project, KIRKLEES, section, now=T0)
    section.signoffs[-1] = replace(section.signoffs[-1], hash="0" * 64)
    findings = _by_rule(readiness_findings(project), "soundness")
    assert [(finding.section_id, finding.message) for finding in findings] == [
        (section.id, f"the sign-off by S. Patel ({project.org_label('kirklees')}) is for text that is not in "
                     "the section's history")]


def test_a_response_without_sections_says_so_to_the_coordinator():
    from wyassembler.core.presets import new_project
    empty = new_project("Empty", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    empty.sections.clear()  # the preset starts with a background section
    coordinator = empty.org_label(empty.coordinator)
    said = [finding for finding in readiness_findings(empty) if finding.message.startswith(f"{coordinator}: ")]
    assert said[0].message == f"{coordinator}: the response has no sections yet"
    assert "add-section" in said[0].advice and "--endorse" in said[1].advice


def test_findings_are_ordered_whole_response_then_sections_in_outline_order_then_template(project):
    _, shared, professionalism = project.sections
    template = Finding("text-size", WARNING, "small", "bigger", place=TEMPLATE)
    header = Finding("image-alt", ERROR, "no alt", "describe it", place="the template's first-page header")
    second = Finding("link-text", WARNING, "vague", "say where", professionalism.id)
    first = Finding("typed-list", WARNING, "typed", "make a list", shared.id)
    whole = Finding("title", ERROR, "no title", "give one")
    assert in_order(project, [template, second, header, first, whole]) == [whole, first, second, template, header]
    edit_section(project, COORDINATOR, shared, blocks=(Paragraph(plain("Changed.")),), now=T0)
    ordered = in_order(project, readiness_findings(project))
    sections = [section.id for section in project.all_sections()]
    kinds = [0 if finding.section_id is None else 1 + sections.index(finding.section_id) for finding in ordered]
    assert kinds == sorted(kinds)


def test_a_finding_line_names_where_what_and_what_to_do(project):
    finding = Finding("link-text", WARNING, "the link text \u201chere\u201d is vague", "say where it leads",
                      project.sections[2].id)
    assert finding_line(project, finding) == ("section 3 \u201cProfessionalism\u201d: the link text \u201chere\u201d "
                                              "is vague \u2014 Say where it leads.")
    assert finding_line(project, Finding("title", ERROR, "no title", "Give one.")) == "no title \u2014 Give one."
    assert finding_line(project, Finding("text-size", WARNING, "9 pt", "set 12 pt", place=TEMPLATE)) == \
        "the template: 9 pt \u2014 Set 12 pt."
