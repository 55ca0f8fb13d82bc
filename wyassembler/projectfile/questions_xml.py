"""The consultation's questions (format 1.5): the ``<questions>`` element and a section's ``<answers>``.

Written after ``<organisations>``, only when a project has questions; a section says which questions it
answers in one ``<answers questions="id id"/>`` after its ``<assigned>`` records. The numbers and limits
are checked by the same rules the core applies (:mod:`..core.questions`), so what reads back is what a
command could have made. What is damage (two questions with one id, a number or limit no command makes)
refuses the file in one line; a choice that is not one of the question's options is read without it
and reported, since nothing else in the project depends on it. A section's id that no question has is
not damage (a question removed, a merge): it reads back as it is, and :mod:`..core.answers` reports it.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ..core.errors import ContentError
from ..core.questions import Limit, Question, check_number
from .content_xml import NS
from .elements import attr, int_attr
from .errors import ProjectFileError

SubElement = Callable[..., etree._Element]


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def write_questions(root: etree._Element, questions: list[Question], sub: SubElement) -> None:
    """Add ``<questions>`` to ``root`` (nothing when there are none); ``sub`` is the codec's element maker."""
    if not questions:
        return
    element = sub(root, "questions")
    for question in questions:
        item = sub(element, "question", id=question.id, number=question.number)
        sub(item, "text", question.text)
        limit = question.limit
        if limit is not None:
            attrs = {"kind": limit.kind, "value": str(limit.value)}
            if not limit.spaces:
                attrs["spaces"] = "no"
            sub(item, "limit", **attrs)
        for option in question.options:
            sub(item, "option", option)
        if question.choice:
            sub(item, "choice", question.choice)
        if question.no_comment:
            sub(item, "no-comment", question.no_comment_reason or None)


def write_answers(section_element: etree._Element, answers: list[str], sub: SubElement) -> None:
    """A section's ``<answers>`` (nothing when it answers no question)."""
    if answers:
        sub(section_element, "answers", questions=" ".join(answers))


def read_answers(element: etree._Element) -> list[str]:
    """The question ids an ``<answers>`` element lists."""
    return attr(element, "questions").split()


def read_questions(root: etree._Element, problems: list[str]) -> list[Question]:
    """The questions of a validated file, in its order; what reads but is not whole goes in ``problems``."""
    element = root.find(_q("questions"))
    if element is None:
        return []
    questions: list[Question] = []
    seen: dict[str, object] = {}  # id -> the line it was first on
    for item in element:
        question = _question(item, problems)
        if question.id in seen:
            raise ProjectFileError(f"not a sound project file: two questions have the id {question.id} "
                                   f"(lines {seen[question.id]} and {item.sourceline})")
        seen[question.id] = item.sourceline
        questions.append(question)
    return questions


_TEXT, _LIMIT, _OPTION, _CHOICE, _NO_COMMENT = map(_q, ("text", "limit", "option", "choice", "no-comment"))


def _where(item: etree._Element) -> str:
    return f"question {item.get('number', '?')} (line {item.sourceline})"


def _question(item: etree._Element, problems: list[str]) -> Question:
    number = attr(item, "number")
    try:
        if check_number(number) != number:
            raise ContentError(f"{number!r} is not a question number as the list keeps one")
    except ContentError as error:
        raise ProjectFileError(f"not a sound project file: line {item.sourceline}: {error}") from None
    text, limit, options, choice, no_comment, reason = "", None, [], "", False, ""
    for child in item:
        tag = child.tag  # compared qualified, as read: no name object made per child (300 questions at a load)
        if tag == _TEXT:
            text = child.text or ""
        elif tag == _LIMIT:
            limit = _limit(child, item)
        elif tag == _OPTION:
            options.append(child.text or "")
        elif tag == _CHOICE:
            choice = child.text or ""
        elif tag == _NO_COMMENT:
            no_comment, reason = True, child.text or ""
    offered = list(dict.fromkeys(option for option in options if option.strip()))
    if offered != options:
        problems.append(f"{_where(item)}: an empty or repeated option was left out")
        options = offered
    if not text.strip():
        problems.append(f"{_where(item)} has no text: import the list again or write it back with its text")
    if choice and choice not in options:
        problems.append(f"{_where(item)}: its choice \u201c{choice}\u201d is not one of its options, so it was "
                        f"left out: choose again")
        choice = ""
    return Question(attr(item, "id"), number, text, limit, tuple(options), choice, no_comment, reason)


def _limit(element: etree._Element, item: etree._Element) -> Limit:
    kind = attr(element, "kind")
    spaces = element.get("spaces", "yes") != "no"
    try:
        return Limit(kind, int_attr(element, "value"), spaces)
    except ContentError as error:
        raise ProjectFileError(f"not a sound project file: {_where(item)}: {error}") from None
