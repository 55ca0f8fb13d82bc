"""The response in the consultation's order, and the table of how each question is answered.

**The layout in question order** (:func:`question_layout`, which the writer lays out and
:mod:`.docx_check` reads back, so the two cannot drift apart):

1. the sections that answer no question and come before the first top-level section that does
   (an introduction), under their own headings;
2. each question in the consultation's order, under the heading "Question 3: its text" (the number
   as the consultation prints it; headings carry no outline numbers of ours, and the template's own
   heading numbering is switched off on them); for a multiple-choice question the line
   "Answer: Yes"; then the answer (:mod:`.core.answers`): the mapped sections' text without their
   headings, their sub-sections with their headings nested below the question's (each one level below
   the nearest section above it in the answer, so no level is skipped; a section mapped to the question
   inside another mapped section's answer keeps its heading there); or
   "No comment." and the reason. A question not yet answered (a draft: no option chosen, or no text)
   shows "[Not yet answered]" under its heading, before any text it has;
3. every other section that answers no question, under its heading, in outline order (a parent
   whose sub-sections answer questions is shown only for its own text or unmapped sub-sections), each
   one level below the nearest section above it shown here, or at level 1.

A section mapped to a question no longer in the list is not lost: it stands with the unmapped ones.

**The public copy** (:func:`public_layout`, either order): each withheld section's heading becomes
"Withheld" (in the outline order still numbered, so the sections after it keep their numbers) and its
text the notice "Section 4 is withheld: commercially sensitive."; what a withheld section's notice covers
(its withheld sub-sections, right after it) is left out. A withheld section counts as having text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Protocol

from ..core.answers import ANSWERED, NO_COMMENT, OVER_LIMIT, UNANSWERED, answer_parts, question_statuses
from ..core.confidentiality import Withheld, withheld_sections
from ..core.content import Inline, plain
from ..core.errors import WyassemblerError
from ..core.model import Project, Section
from ..core.outline import descendants
from ..core.public_copy import WITHHELD_HEADING, notice_for, withheld_label
from ..core.questions import Question
from . import oxml
from .styles import StyleMap

ORDERS = ("outline", "questions")
HEADING = "heading"  # a heading paragraph: a question's, or a section's (level 1 to 3)
BLOCKS = "blocks"  # a section's text
CHOICE = "choice"  # "Answer: Yes"
NO_COMMENT_LINE = "no-comment"  # "No comment." and the reason
NOT_ANSWERED = "not-answered"  # the draft's marker
NOTICE = "notice"  # the public copy's notice in place of a withheld section's text
NOT_ANSWERED_MARK = "[Not yet answered]"
CHOICE_WORD = "Answer: "

QUESTIONS_APPENDIX_TITLE = "Consultation questions"
QUESTION_IN_TABLE = 80  # characters of a question's text the table shows, cut at a word
QUESTIONS_APPENDIX_HEADER = ("No.", "Question", "Answered in", "Owner", "Count / limit", "State")
_STATE_WORDS = {ANSWERED: "Answered", NO_COMMENT: "No comment", UNANSWERED: "Not answered",
                OVER_LIMIT: "Over the limit"}


@dataclass(frozen=True)
class LayoutItem:
    """One piece of the body in question order: what kind, its text (headings and lines), its heading
    level, and the section or question it belongs to."""

    kind: str
    text: str = ""
    level: int = 1
    section: Section | None = None
    question: Question | None = None


def check_order(project: Project, order: str, questions_appendix: bool) -> None:
    """Refuse an order that is not one of :data:`ORDERS`, or questions asked of a project without any."""
    if order not in ORDERS:
        raise WyassemblerError(f"the order is {' or '.join(ORDERS)}, not {order!r}")
    if (order == "questions" or questions_appendix) and not project.questions:
        what = "in the consultation's order" if order == "questions" else "with a table of the questions"
        raise WyassemblerError(f"this project has no consultation questions, so it cannot be exported {what}: "
                               "import them with 'wyassembler questions import'")


def question_heading(question: Question) -> str:
    """A question's heading: "Question 3: How should data be shared?"."""
    return f"Question {question.number}: {question.text}"


def outline_layout(project: Project) -> list[LayoutItem]:
    """The body in the outline's order: each section's heading (at its level) and text."""
    items = []
    for _, level, section in project.walk():
        items.append(LayoutItem(HEADING, section.heading, level, section))
        items.append(LayoutItem(BLOCKS, section=section))
    return items


def public_layout(items: list[LayoutItem], withheld: dict[str, Withheld]) -> list[LayoutItem]:
    """``items`` as the public copy lays them out (see the module's description): a withheld section's
    heading neutral, its text the notice, and what that notice covers left out."""
    out: list[LayoutItem] = []
    covered: set[str] = set()  # the withheld sub-sections of the last notice's section
    for item in items:
        entry = withheld.get(item.section.id) if item.section is not None else None
        if entry is None or item.section is None:
            covered = set()
            out.append(item)
        elif item.section.id in covered:
            continue
        elif item.kind == HEADING:
            covered = set()
            out.append(replace(item, text=WITHHELD_HEADING))
        else:
            covered = {section.id for section in descendants(item.section) if section.id in withheld}
            out.append(LayoutItem(NOTICE, notice_for(entry), item.level, item.section, item.question))
    return out


def question_layout(project: Project, has_text: Callable[[Section], bool]) -> list[LayoutItem]:
    """The body in question order (see the module's description); ``has_text`` says whether a section
    has any text (the writer asks the section, verify-docx the manifest's content)."""
    parts_by_id = answer_parts(project)
    known = {question.id for question in project.questions}
    placed = {id(part.section) for question_id, parts in parts_by_id.items() if question_id in known
              for part in parts}
    intro: list[Section] = []
    rest: list[Section] = []
    after_first_answer = False
    for section in project.sections:
        shown: list[Section] = []
        after_first_answer = _left_over(section, placed, has_text, shown) or after_first_answer
        (rest if after_first_answer else intro).extend(shown)
    items = _nested_sections(project, intro)
    for question in project.questions:
        items.extend(_question_items(project, question, parts_by_id.get(question.id, []), has_text))
    items.extend(_nested_sections(project, rest))
    return items


def _left_over(section: Section, placed: set[int], has_text, out: list[Section]) -> bool:
    """Add the sections of ``section``'s tree that no question's answer shows, in outline order; whether any
    part of it is shown in an answer. A section is shown when its tree answers nothing, or it has text, or a
    sub-section is."""
    below: list[Section] = []
    answers_below = False
    for child in section.children:
        answers_below = _left_over(child, placed, has_text, below) or answers_below
    if id(section) in placed:
        out.extend(below)
        return True
    if not answers_below or has_text(section) or below:
        out.append(section)
    out.extend(below)
    return answers_below


def _depth_among(project: Project, section: Section, depths: dict[int, int]) -> int | None:
    """The depth in ``depths`` of the nearest section above ``section`` that is in it, or None."""
    parent = project.parent_of(section)
    while parent is not None and id(parent) not in depths:
        parent = project.parent_of(parent)
    return depths[id(parent)] if parent is not None else None


def _nested_sections(project: Project, sections: list[Section]) -> list[LayoutItem]:
    """``sections`` (shown in outline order) under their headings, each nested one level below the nearest
    section above it that is shown too, or at level 1: so a sub-section whose parent is shown in an answer
    (or mapped to a question no longer in the list) stands on its own, and the levels never skip one."""
    depths: dict[int, int] = {}
    items = []
    for section in sections:
        above = _depth_among(project, section, depths)
        depths[id(section)] = 1 if above is None else above + 1
        items.append(LayoutItem(HEADING, section.heading, min(3, depths[id(section)]), section))
        items.append(LayoutItem(BLOCKS, section=section))
    return items


def _question_items(project: Project, question: Question, parts, has_text) -> list[LayoutItem]:
    items = [LayoutItem(HEADING, question_heading(question), 1, question=question)]
    if not parts and question.no_comment:
        reason = question.no_comment_reason.strip()
        items.append(LayoutItem(NO_COMMENT_LINE, "No comment." + (f" {reason}" if reason else ""), question=question))
        return items
    answered = bool(question.choice) if question.options else any(has_text(part.section) for part in parts)
    if not answered:  # where the choice, or the answer, would begin
        items.append(LayoutItem(NOT_ANSWERED, NOT_ANSWERED_MARK, question=question))
    elif question.options:
        items.append(LayoutItem(CHOICE, CHOICE_WORD + question.choice, question=question))
    # Each part's depth below the question's heading: 0 for a section mapped to the question whose heading
    # the question's replaces; one below the nearest part above it in the outline otherwise. Counted among the
    # parts shown (not by outline level), so the headings never skip a level, and a section mapped to the
    # question inside another's answer keeps its heading there.
    depths: dict[int, int] = {}
    for part in parts:
        above = _depth_among(project, part.section, depths)
        depths[id(part.section)] = 0 if above is None else above + 1
        if depths[id(part.section)]:
            items.append(LayoutItem(HEADING, part.heading or part.section.heading,
                                    min(3, 1 + depths[id(part.section)]), part.section, question))
        items.append(LayoutItem(BLOCKS, section=part.section, question=question))
    return items


def questions_appendix_rows(project: Project, withheld: Collection[str] = ()) -> list[list[str]]:
    """Per question: its number, text (cut at about 80 characters), the sections answering it, their owners,
    the count against the limit and the state; a section in ``withheld`` is named by number only ("4 withheld")."""
    rows = []
    for status in question_statuses(project):
        mapped = [part for part in status.parts if not part.heading]
        sections = "; ".join(withheld_label(part.number) if part.section.id in withheld
                             else f"{part.number} {part.section.heading}" for part in mapped)
        owners = "; ".join(dict.fromkeys(project.org_label(part.section.owner) for part in mapped))
        # No count where there is nothing to count against: no text and no limit (a choice alone), no comment.
        count = status.count_phrase() if status.counted else ""
        # The question cut to a line or two: the table is a summary (its full text heads its answer).
        rows.append([status.question.number, status.question.short_text(QUESTION_IN_TABLE), sections, owners, count,
                     _STATE_WORDS.get(status.state, status.state)])
    return rows


class _Builder(Protocol):
    """What the question body needs of the writer's body builder."""

    xml: list[str]
    styles: StyleMap
    headings: set[str]
    place: str
    warnings: list[str]
    public: bool

    def _blocks(self, blocks, members: list[str]) -> None: ...

    def _section_text(self, section: Section, members: list[str]) -> None: ...

    def _table(self, header: tuple[Inline, ...], rows, caption: str = "", intro: bool = False) -> None: ...

    def _lay_out(self, layout: list[LayoutItem], members: list[str], numbered: bool) -> None: ...


def _repeated_answers(project: Project, withheld: Collection[str] = ()) -> list[str]:
    """A warning for each section whose text the question order prints more than once (it answers several
    questions): the rule allows it, but a reader sees the same text twice. A section in ``withheld`` (the
    public copy, whose messages may be passed on) is named by its number alone, its notice printed."""
    number_of = {question.id: question.number for question in project.questions}
    warnings = []
    for number, _, section in project.numbered():
        numbers = [number_of[question_id] for question_id in section.answers if question_id in number_of]
        if len(numbers) > 1 and section.id in withheld:
            warnings.append(f"section {number} answers questions {', '.join(numbers)}: its notice is printed "
                            "under each")
        elif len(numbers) > 1:
            warnings.append(f"section {number} \u201c{section.heading}\u201d answers questions {', '.join(numbers)}: "
                            f"its text is printed under each")
    return warnings


class QuestionBody:
    """The writer's body builder's part for questions, mixed into ``writer._BodyBuilder``."""

    def _question_body(self: _Builder, project: Project, members: list[str]) -> None:
        """The body in question order; every heading unnumbered (numbering 0 switches the style's off)."""
        withheld = withheld_sections(project) if self.public else {}
        layout = question_layout(project, lambda section: section.id in withheld or bool(section.blocks))
        if withheld:
            layout = public_layout(layout, withheld)
        open_questions = [item.question.number for item in layout if item.kind == NOT_ANSWERED and item.question]
        if open_questions:
            self.warnings.append(f"{len(open_questions)} question(s) not answered yet "
                                 f"({', '.join(open_questions)}): the draft marks them {NOT_ANSWERED_MARK}")
        self.warnings.extend(_repeated_answers(project, withheld))
        self._lay_out(layout, members, numbered=False)

    def _public_outline_body(self: _Builder, project: Project, members: list[str]) -> None:
        """The public copy's body in the outline's order (numbered headings, withheld sections as notices)."""
        self._lay_out(public_layout(outline_layout(project), withheld_sections(project)), members, numbered=True)

    def _lay_out(self: _Builder, layout: list[LayoutItem], members: list[str], numbered: bool) -> None:
        """Write ``layout``'s items; headings numbered by their style (the outline's order) or not (0)."""
        add = self.xml.append
        for item in layout:
            if item.kind == HEADING:
                self.place = item.question.label() if item.question else f"\u201c{item.text}\u201d"
                heading = oxml.paragraph(oxml.run(item.text), self.styles.heading(item.level),
                                         None if numbered else (0, 0), keep_next=True)
                self.headings.add(heading)
                add(heading)
            elif item.kind == BLOCKS and item.section is not None:
                self._section_text(item.section, members)
            elif item.kind == CHOICE:
                add(oxml.paragraph(oxml.run(CHOICE_WORD, bold=True) + oxml.run(item.text[len(CHOICE_WORD):])))
            elif item.kind == NOT_ANSWERED:
                add(oxml.paragraph(oxml.run(item.text, bold=True)))
            else:
                add(oxml.paragraph(oxml.run(item.text)))

    def _questions_appendix(self: _Builder, project: Project) -> list[str]:
        """The compliance table under its own unnumbered heading; returns its cells' text for the manifest."""
        self.place = "the table of questions"
        heading = oxml.paragraph(oxml.run(QUESTIONS_APPENDIX_TITLE), self.styles.heading(1), (0, 0), keep_next=True)
        self.headings.add(heading)
        self.xml.append(heading)
        rows = questions_appendix_rows(project, withheld_sections(project) if self.public else ())
        header = tuple(plain(text) for text in QUESTIONS_APPENDIX_HEADER)
        self._table(header, tuple(tuple(plain(cell) for cell in row) for row in rows), QUESTIONS_APPENDIX_TITLE)
        return [cell for row in [list(QUESTIONS_APPENDIX_HEADER), *rows] for cell in row]
