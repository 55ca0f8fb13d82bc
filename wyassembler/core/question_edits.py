"""Changes to the consultation's questions and to which sections answer them.

The question list, its limits and options, and what the partnership says without a section (no
comment, a choice) belong to the coordinator, who shapes the response; a section's mapping to
questions belongs to those who may edit the section, and a question's choice also to the editors of
a section that answers it. Each function checks first and changes nothing when it refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .errors import ContentError, PermissionDenied
from .model import Actor, Project, Section
from .permissions import check_actor, check_edit, check_structure, is_coordinator
from .questions import Limit, Question, check_number, find_question, match_option, new_question_id, number_key
from .text import clean_text

# More questions than any consultation asks (the longest run to a few hundred): a bound on what an import takes.
MAX_QUESTIONS = 2_000


@dataclass(frozen=True)
class NewQuestion:
    """A question as read from the consultation (see :mod:`.question_parsing`), before it has an id."""

    number: str
    text: str
    limit: Limit | None = None
    options: tuple[str, ...] = ()


@dataclass
class QuestionImport:
    """What an import changed: numbers added, numbers whose text, limit or options changed, and the
    questions removed (with the outline numbers of sections still mapped to them)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[tuple[str, list[str]]] = field(default_factory=list)
    what_changed: list[str] = field(default_factory=list)  # for each of ``changed``: "limit 250 words → none"

    def lines(self) -> list[str]:
        """The changes, one line each, for the report."""
        lines = []
        if self.added:
            lines.append(f"added {len(self.added)} question(s): {', '.join(self.added)}")
        # each change said, so a limit or choice set by hand that the new list drops is seen
        lines.extend(f"changed question {number}: {what}" for number, what in zip(self.changed, self.what_changed,
                                                                                  strict=True))
        for number, sections in self.removed:
            kept = f"; section(s) {', '.join(sections)} keep their text, no longer mapped" if sections else ""
            lines.append(f"question {number} is no longer in the list{kept}")
        return lines


def _clean_question(new: NewQuestion) -> NewQuestion:
    text = clean_text(new.text)
    if not text:
        raise ContentError(f"question {new.number} has no text")
    options = tuple(dict.fromkeys(o for o in (clean_text(option) for option in new.options) if o))
    return NewQuestion(check_number(new.number), text, new.limit, options)


def check_question_list(questions: Sequence[NewQuestion]) -> list[NewQuestion]:
    """``questions`` cleaned, or ContentError: none at all, too many, or a number twice."""
    if not questions:
        raise ContentError("the list has no questions")
    if len(questions) > MAX_QUESTIONS:
        raise ContentError(f"the list has {len(questions):,} questions, more than the {MAX_QUESTIONS:,} "
                           f"a consultation could ask")
    cleaned = [_clean_question(question) for question in questions]
    seen: set[str] = set()
    for question in cleaned:
        key = number_key(question.number)
        if key in seen:
            raise ContentError(f"question number {question.number} appears twice in the list")
        seen.add(key)
    return cleaned


def import_questions(project: Project, actor: Actor, questions: Sequence[NewQuestion]) -> QuestionImport:
    """Replace the project's question list with ``questions`` (the coordinator's). A question already in
    the list (by its wording, else its number: :func:`_match_existing`) keeps its id, so sections stay
    mapped to it, and keeps its choice and no-comment mark (a choice no longer offered is dropped);
    other questions are new. Questions no
    longer in the list go; sections mapped to them keep their text and are reported."""
    check_structure(project, actor)
    cleaned = check_question_list(questions)
    matched = _match_existing(project.questions, cleaned)
    result = QuestionImport()
    replacement = []
    for index, new in enumerate(cleaned):
        old = matched.get(index)
        if old is None:
            replacement.append(Question(new_question_id(), new.number, new.text, new.limit, new.options))
            result.added.append(new.number)
            continue
        choice = old.choice if old.choice in new.options else ""
        updated = replace(old, number=new.number, text=new.text, limit=new.limit, options=new.options, choice=choice)
        if updated != old:
            result.changed.append(new.number)
            result.what_changed.append(_what_changed(old, updated))
        replacement.append(updated)
    mapped = _sections_by_question(project)
    kept = {question.id for question in matched.values()}
    result.removed = [(old.number, mapped.get(old.id, [])) for old in project.questions if old.id not in kept]
    project.questions = replacement
    return result


def _match_existing(existing: Sequence[Question], new: Sequence[NewQuestion]) -> dict[int, Question]:
    """For each new question (by its place in ``new``) the existing question it continues: the one worded
    the same, when one question on each side has that wording (a list numbered afresh, a question
    inserted before it: its sections follow its wording, not its old number), else the one with its
    number that no other new question took by wording (a question reworded under its number)."""
    def by_words(questions: Sequence[Question | NewQuestion]) -> dict[str, list[int]]:
        places: dict[str, list[int]] = {}
        for place, question in enumerate(questions):
            places.setdefault(" ".join(question.text.casefold().split()), []).append(place)
        return places

    old_words = by_words(existing)
    matched = {new_places[0]: existing[old_words[words][0]] for words, new_places in by_words(new).items()
               if len(new_places) == 1 and len(old_words.get(words, ())) == 1}
    taken = {question.id for question in matched.values()}
    by_number = {number_key(question.number): question for question in existing if question.id not in taken}
    for place, question in enumerate(new):
        if place not in matched:
            old = by_number.pop(number_key(question.number), None)
            if old is not None:
                matched[place] = old
    return matched


def _what_changed(old: Question, new: Question) -> str:
    """What a re-import changed in a question, in a few words ("its text; limit 250 words → none")."""
    def limit(question: Question) -> str:
        return question.limit.describe() if question.limit else "none"

    def options(question: Question) -> str:
        return " / ".join(question.options) or "none"

    parts = []
    if old.number != new.number:
        parts.append(f"number {old.number} \u2192 {new.number}")
    if old.text != new.text:
        parts.append(f"its text, now \u201c{new.short_text()}\u201d")
    if old.limit != new.limit:
        parts.append(f"limit {limit(old)} \u2192 {limit(new)}")
    if old.options != new.options:
        parts.append(f"options {options(old)} \u2192 {options(new)}")
    if old.choice != new.choice:
        parts.append(f"the choice \u201c{old.choice}\u201d dropped (no longer an option)")
    return "; ".join(parts)


def _sections_by_question(project: Project) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for number, _, section in project.numbered():
        for question_id in section.answers:
            result.setdefault(question_id, []).append(number)
    return result


def _replace_question(project: Project, question: Question, updated: Question) -> Question:
    project.questions = [updated if q.id == question.id else q for q in project.questions]
    return question


def set_limit(project: Project, actor: Actor, ref: str, limit: Limit | None) -> Question:
    """Set or clear a question's limit; returns the question as it was."""
    check_structure(project, actor)
    question = find_question(project.questions, ref)
    return _replace_question(project, question, replace(question, limit=limit))


def set_options(project: Project, actor: Actor, ref: str, options: Sequence[str]) -> Question:
    """Set a question's options (none makes it a free-text question); a choice no longer offered goes."""
    check_structure(project, actor)
    question = find_question(project.questions, ref)
    cleaned = tuple(dict.fromkeys(o for o in (clean_text(option) for option in options) if o))
    choice = question.choice if question.choice in cleaned else ""
    return _replace_question(project, question, replace(question, options=cleaned, choice=choice))


def set_no_comment(project: Project, actor: Actor, ref: str, no_comment: bool, reason: str = "") -> Question:
    """Mark a question no comment (with an optional reason) or take the mark away. A question a section
    answers cannot be marked: its text would be exported under a question the response declines."""
    check_structure(project, actor)
    question = find_question(project.questions, ref)
    if no_comment:
        answering = _sections_by_question(project).get(question.id)
        if answering:
            raise ContentError(f"{question.label()} is answered by section(s) {', '.join(answering)}: map "
                               f"them elsewhere first if the response makes no comment on it")
    reason = clean_text(reason) if no_comment else ""
    return _replace_question(project, question, replace(question, no_comment=no_comment, no_comment_reason=reason))


def may_choose(project: Project, question: Question, org_id: str) -> bool:
    """The coordinator, and the editors of a section that answers the question, may choose its option."""
    if is_coordinator(project, org_id):
        return True
    return any(question.id in section.answers and org_id in section.editors() for section in project.all_sections())


def set_choice(project: Project, actor: Actor, ref: str, option: str | None) -> Question:
    """Choose one of a multiple-choice question's options (``None`` takes the choice away)."""
    check_actor(project, actor)
    question = find_question(project.questions, ref)
    if not may_choose(project, question, actor.org):
        raise PermissionDenied(f"{project.org_label(actor.org)} may not answer {question.label()}: only the "
                               f"coordinator and the editors of a section answering it may")
    choice = match_option(question, option) if option is not None else ""
    return _replace_question(project, question, replace(question, choice=choice))


def map_section(project: Project, actor: Actor, section: Section, refs: Sequence[str]) -> list[str]:
    """Make ``section`` answer the questions ``refs`` name (none: answer no question); returns the
    question ids it answered before. A question marked no comment loses the mark once answered."""
    check_edit(project, section, actor)
    ids = list(dict.fromkeys(find_question(project.questions, ref).id for ref in refs))
    previous = list(section.answers)
    section.answers = ids
    wanted = set(ids)
    project.questions = [replace(q, no_comment=False, no_comment_reason="") if q.id in wanted and q.no_comment
                         else q for q in project.questions]
    return previous
