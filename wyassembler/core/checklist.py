"""Everything that would stop or mar a final export, as one list of findings (``wyassembler check``).

Three sources, each already the rule elsewhere, said here as :class:`.findings.Finding`\\ s with the
place and what to do:

* readiness (:func:`.signoff.readiness`): sign-off and endorsements (rule ``signoff``) and the
  consultation's questions (rule ``questions``), each item of a section's sign-off told by its section;
* the project's signed records that do not verify (:func:`.verification.signature_problems`, rule
  ``signatures``) and sign-offs of text not in a section's history (:func:`.integrity.soundness_problems`,
  rule ``soundness``);
* accessibility: the text's (:func:`.accessibility.content_findings`) and the template's, which the
  caller reads from the template (word/template_check) and passes in: core opens no files.

Every readiness, signature and soundness finding is an error: they stop a final export today.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import signoff
from .accessibility import content_findings
from .answers import repeated_numbers, unknown_answers
from .findings import ERROR, TEMPLATE, WHOLE_RESPONSE, Finding
from .integrity import soundness_problems
from .model import Project, Section
from .statements import ENDORSEMENT, RESPONSE_SUBJECT, SECTION_SIGNOFF
from .verification import VALID, SignatureCheck, signature_problems

SIGNOFF, QUESTIONS, SIGNATURES, SOUNDNESS = "signoff", "questions", "signatures", "soundness"

_SIGN_OFF = "Sign-off \u203a Sign Off Section"
_ENDORSE = "Sign-off \u203a Endorse Response"


@dataclass
class FinalBlockers:
    """What stands between the response and a final export, one line each, in two kinds: the sign-off's
    (approvals, endorsements, conflict copies) and the consultation questions' (unanswered, over the limit…)."""

    signoff: list[str]
    questions: list[str]

    def reason(self) -> str:
        """What is missing in a phrase: "the response is not signed off", the questions, or both ("" if nothing)."""
        parts = []
        if self.signoff:
            parts.append("the response is not signed off")
        if self.questions:
            parts.append("the answers to the consultation's questions are not ready")
        return " and ".join(parts)


def final_blockers(project: Project, readiness: signoff.Readiness | None = None) -> FinalBlockers:
    """:func:`.signoff.readiness`'s items told apart: the questions' (``Readiness.question_problems``)
    and the rest."""
    if readiness is None:
        readiness = signoff.readiness(project)
    question_lines = set(readiness.question_problems)
    items = [item for org_items in readiness.missing.values() for item in org_items]
    return FinalBlockers([item for item in items if item not in question_lines],
                         [item for item in items if item in question_lines])


def check_project(project: Project, template_findings: Iterable[Finding] = ()) -> list[Finding]:
    """Every finding on ``project``: :func:`readiness_findings`, the accessibility of its text and
    ``template_findings`` (the template's, read by the caller), in :func:`in_order`."""
    return in_order(project, [*readiness_findings(project), *content_findings(project), *template_findings])


def in_order(project: Project, findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` with the whole response's first, then each section's in outline order, then the rest
    (the template's); within each, as they came."""
    positions = {section.id: index for index, section in enumerate(project.all_sections())}

    def key(finding: Finding) -> tuple[int, int]:
        if finding.section_id is not None:
            return 1, positions.get(finding.section_id, len(positions))
        return (0, 0) if finding.place == WHOLE_RESPONSE else (2, 0)

    return sorted(findings, key=key)


def readiness_findings(project: Project) -> list[Finding]:
    """What stops a final export today, as errors: sign-off and endorsements, the questions, signed
    records that do not verify, sign-offs of text not in a section's history."""
    every = SignatureCheck(project)
    check = every if every.required else None
    states = signoff.endorsement_states(project)
    numbered = project.numbered()
    found: list[Finding] = []
    sections_missing = []
    for number, _, section in numbered:
        lacking = signoff.section_lacking(project, section, check)
        found.extend(_section_item(project, number, section, org_id, what, check, last and bool(section.conflicts))
                     for (org_id, what), last in zip(lacking, _last_flags(len(lacking)), strict=True))
        where = f"section {number} \u201c{section.heading}\u201d"
        sections_missing.append([(org_id, f"{where}: {what}") for org_id, what in lacking])
    ready = signoff.readiness(project, states, sections_missing, every)
    in_sections = {item for items in sections_missing for _, item in items}
    questions = set(ready.question_problems)
    for org_id, items in ready.missing.items():
        for item in items:
            if item not in in_sections and item not in questions:
                found.append(_response_item(project, org_id, item, states, check))
    found.extend(_question_findings(project, ready, numbered))
    places = _section_places(numbered)
    found.extend(_located(SIGNATURES, problem, places, "the signature does not verify: ask its signer to "
                          "sign again with a confirmed key, or see 'wyassembler verify' for why")
                 for problem in signature_problems(project))
    found.extend(_located(SOUNDNESS, problem, places, "the project file has been changed outside wyassembler "
                          "or damaged: go back to a backup ('wyassembler restore') or ask the coordinator")
                 for problem in soundness_problems(project))
    return found


def _last_flags(count: int) -> list[bool]:
    return [index == count - 1 for index in range(count)]


def _section_item(project: Project, number: str, section: Section, org_id: str, what: str,
                  check: SignatureCheck | None, is_conflicts: bool) -> Finding:
    """A section's readiness item (:func:`.signoff.section_lacking`) with what to do about it, which
    depends on the organisation's state on the section."""
    org = project.org_label(org_id)
    sign_off = f"({_SIGN_OFF}, or 'wyassembler sign-off PROJECT {number}')"
    latest = signoff.latest_by_org(section.signoffs).get(org_id)
    state = signoff.section_state(section, org_id)
    if is_conflicts:
        advice = (f"compare the conflict copies and keep one or merge them (Section \u203a Resolve Conflict "
                  f"Copies\u2026, or 'wyassembler resolve PROJECT {number}')")
    elif state == signoff.CHANGES_REQUESTED:
        advice = f"make the changes {org} asked for, then ask its partner lead to sign off again {sign_off}"
    elif state == signoff.APPROVED and check is not None and latest is not None \
            and check.verdict(latest, SECTION_SIGNOFF, section.id).state == VALID:
        advice = (f"the coordinator assigns the section again, signed with a confirmed key (Section \u203a Owner "
                  f"and Contributors\u2026, or 'wyassembler assign PROJECT {number}')")
    elif state == signoff.APPROVED:
        advice = f"ask {org}'s partner lead to sign off again with a confirmed key of {org} {sign_off}"
    else:
        advice = f"ask {org}'s partner lead to sign off {sign_off}"
    message = what if is_conflicts else f"{org}: {what}"
    return Finding(SIGNOFF, ERROR, message, sentence(advice), section.id)


def _response_item(project: Project, org_id: str, item: str, states: dict[str, str],
                   check: SignatureCheck | None) -> Finding:
    """A readiness item of the whole response (an endorsement, or the coordinator's) with what to do."""
    org = project.org_label(org_id) if org_id else "The response"
    endorse = f"({_ENDORSE}, or 'wyassembler sign-off PROJECT --endorse')"
    state = states.get(org_id)
    latest = signoff.latest_by_org(project.endorsements).get(org_id)
    if item == signoff.NO_SECTIONS:
        advice = "add the response's sections (Section \u203a Add Section, or 'wyassembler add-section')"
    elif item == signoff.NO_ENDORSER:
        advice = f"ask at least one partner to endorse the response {endorse}"
    elif state == signoff.CHANGES_REQUESTED:
        advice = f"make the changes {org} asked for, then ask its partner lead to endorse the response {endorse}"
    elif state == signoff.DECLINED and (check is None or latest is None or
                                        check.verdict(latest, ENDORSEMENT, RESPONSE_SUBJECT).state == VALID):
        advice = (f"ask {org} whether it will endorse after all, or the coordinator lets a final export go ahead "
                  "while partners decline ('wyassembler set PROJECT --declines-block no')")
    elif state in signoff.ENDORSING and (check is None or latest is None or
                                         check.verdict(latest, ENDORSEMENT, RESPONSE_SUBJECT).state == VALID):
        advice = (f"{org}'s partner lead records how {org} approved the response (Sign-off \u203a Record "
                  "Authority\u2026, or 'wyassembler authority')")
    elif state in signoff.ENDORSING or state == signoff.DECLINED:
        advice = f"ask {org}'s partner lead to decide again with a confirmed key of {org} {endorse}"
    else:
        advice = f"ask {org}'s partner lead to endorse the response {endorse}"
    return Finding(SIGNOFF, ERROR, f"{org}: {item}", sentence(advice))


def _question_findings(project: Project, ready: signoff.Readiness,
                       numbered: list[tuple[str, int, Section]]) -> list[Finding]:
    """The questions' readiness items (:func:`.answers.question_problems`, in its order: each question's,
    then sections mapped to a question no longer in the list, then numbers in it twice) with what to do."""
    lines = list(ready.question_problems)
    unknown = unknown_answers(project) if project.questions else []
    repeated = repeated_numbers(project) if project.questions else []
    first_unknown = len(lines) - len(repeated) - len(unknown)
    found = []
    for index, line in enumerate(lines):
        if index < first_unknown:
            found.append(Finding(QUESTIONS, ERROR, line, "Answer it in a section mapped to it (Section \u203a "
                                 "Answers Question\u2026, or 'wyassembler answer'), keep the answer within its "
                                 "limit, or mark it no comment (Project \u203a Question Settings\u2026, or "
                                 "'wyassembler questions set PROJECT Q --no-comment')."))
        elif index < first_unknown + len(unknown):
            number, section = unknown[index - first_unknown]
            message = line.removeprefix(f"section {number} \u201c{section.heading}\u201d ")
            found.append(Finding(QUESTIONS, ERROR, message, "Map the section to a question in the list, or to "
                                 f"none (Section \u203a Answers Question\u2026, or 'wyassembler answer PROJECT "
                                 f"{number} --question Q' or '--none').", section.id))
        else:
            found.append(Finding(QUESTIONS, ERROR, line, "Import the consultation's question list again "
                                 "('wyassembler questions import'), or renumber one of them."))
    return found


def _section_places(numbered: list[tuple[str, int, Section]]) -> list[tuple[str, Section]]:
    """The ways a problem line names a section (``section 3.2 “Heading”`` or ``section 3.2``), longest
    first, so that "section 3.1" is not taken for "section 3"."""
    places = [(f"section {number} \u201c{section.heading}\u201d", section) for number, _, section in numbered]
    places += [(f"section {number}", section) for number, _, section in numbered]
    return sorted(places, key=lambda place: -len(place[0]))


def _located(rule: str, line: str, places: list[tuple[str, Section]], advice: str) -> Finding:
    """A verify-style problem line as an error of ``rule``, told by its section when it starts by naming
    one as verification and integrity do ("section 3.2 “Heading”: …"), else the whole response's."""
    for name, section in places:
        if line.startswith(name + ":"):
            return Finding(rule, ERROR, line[len(name) + 1:].strip(), sentence(advice), section.id)
    return Finding(rule, ERROR, line, sentence(advice))


def where(project: Project, finding: Finding) -> str:
    """Where a finding is, as a phrase: "section 3.2 “Heading”", "the response", or the template's place."""
    if finding.section_id is not None:
        try:
            section = project.section(finding.section_id)
        except LookupError:
            return f"section {finding.section_id}"
        return f"section {project.number_of(section)} \u201c{section.heading}\u201d"
    return {WHOLE_RESPONSE: "the response", TEMPLATE: "the template"}.get(finding.place, finding.place)


def finding_line(project: Project, finding: Finding) -> str:
    """One finding as a line a message can carry: where (but for the whole response, which its message
    names), what, and what to do."""
    said = f"{finding.message} \u2014 {sentence(finding.advice)}"
    if finding.section_id is None and finding.place == WHOLE_RESPONSE:
        return said
    return f"{where(project, finding)}: {said}"


def sentence(advice: str) -> str:
    """``advice`` as a sentence: a capital first, a full stop last (the rules write it either way)."""
    advice = advice.strip()
    if not advice:
        return advice
    return advice[0].upper() + advice[1:] + ("" if advice[-1] in ".!?" else ".")
