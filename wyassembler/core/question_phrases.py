"""The phrases a consultation writes its questions with: a question's label ("Question 3:", "Q3.",
"3a)"), a limit on the answer ("(max 250 words)", "[500 characters]"), and the options of a
multiple-choice question ("Yes / No / Don't know").

Plain string functions used by :mod:`.question_parsing`. Every pattern here is bounded (no
unbounded repetition next to another that could match the same text), so a hostile line costs time
in proportion to its length: the callers also cut lines to a bounded length first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ContentError
from .questions import CHARACTERS, WORDS, Limit

# -- labels ---------------------------------------------------------------------------------------

# The number a label names: "3", "3a", "3.2", "10(b)".
_NUMBER = r"[0-9]{1,3}(?:\.[0-9]{1,2}){0,2}[a-z]?(?:\([a-z0-9]{1,3}\))?"
# "Question A1" too, where a letter could not start a sentence, and "Question 2 (a)" (read as 2(a)).
_NAMED_NUMBER = r"[a-z]?[0-9]{1,3}(?:\.[0-9]{1,2}){0,2}[a-z]?(?:[ \t]?\([a-z0-9]{1,3}\))?"
_DASHES = "\\-\u2013\u2014"
# "Question 3", "Question 3:", "Q3", "Q3.", "Consultation question 3 -": a question named as one.
_NAMED = re.compile(rf"^[ \t]{{0,8}}(?:consultation[ \t]{{1,3}})?(?:question|q)[ \t]{{0,3}}\.?[ \t]{{0,3}}"
                    rf"(?:(?:no\.?|number|\#)[ \t]{{0,3}})?({_NAMED_NUMBER})(?![0-9a-z])[ \t]{{0,3}}"
                    rf"([:.){_DASHES}][ \t]{{0,3}})?", re.IGNORECASE)
# "3.", "3)", "3:", "3a", "3a)", "(3a)": a number alone, as numbered points in prose are written too.
_BARE = re.compile(r"^[ \t]{0,8}(?:\(([0-9]{1,3}[a-z]?)\)|([0-9]{1,3}[a-z]?)(?:[.)]|[ \t]{0,2}:)(?![0-9])"
                   r"|([0-9]{1,3}[a-z])(?![0-9a-z]))[ \t]{0,3}", re.IGNORECASE)
# "Question: Do you agree…": a question written without its number ("Q:" is left alone: a FAQ's question).
_UNNUMBERED = re.compile(rf"^[ \t]{{0,8}}(?:consultation[ \t]{{1,3}})?question[ \t]{{0,3}}[:.{_DASHES}]"
                         rf"[ \t]{{0,3}}[a-z\u2018\u201c\"']", re.IGNORECASE)
# "Q1 2024 …": a quarter of a year, not a question.
_QUARTER = re.compile(r"^[ \t]{0,8}q[1-4][ \t]{1,3}(?:19|20)[0-9]{2}\b", re.IGNORECASE)
# A cell holding a label and nothing else: "3", "3.", "Q3", "Question 3a:".
_LABEL_ONLY = re.compile(rf"^[ \t]{{0,8}}(?:(?:question|q)[ \t]{{0,3}}\.?[ \t]{{0,3}})?({_NUMBER})[ \t]{{0,3}}"
                         rf"[.:){_DASHES}]?[ \t]{{0,3}}$", re.IGNORECASE)
LABEL_SCAN = 200  # a label is at the start of its line: only so much of a line is looked at for one
# "Question 1000", "Q99999999999999999999": named a question, with a number no consultation prints.
_OVERLONG = re.compile(r"^[ \t]{0,8}(?:consultation[ \t]{1,3})?(?:question|q)[ \t]{0,3}\.?[ \t]{0,3}[a-z]?"
                       r"([0-9]{4,})", re.IGNORECASE)
# "Question Two:", "Question (ii) -": a label's shape, with something else where its number should be.
_UNREAD_NAMED = re.compile(rf"^[ \t]{{0,8}}(?:consultation[ \t]{{1,3}})?question[ \t]{{1,3}}(\S{{1,12}}?)[ \t]{{0,3}}"
                           rf"[:.){_DASHES}]", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    """A question label at the start of a line: the number, whether the line names it a question
    ("Question 3", "Q3") or gives the number alone ("3."), and the text after it."""

    number: str
    named: bool
    rest: str


def read_label(text: str) -> Label | None:
    """The label ``text`` starts with, or None."""
    head = text[:LABEL_SCAN]
    if _QUARTER.match(head):
        return None
    match = _NAMED.match(head)
    if match:
        rest = text[match.end():].strip()
        number = match.group(1)
        if match.group(2) is None and rest[:1].islower():
            spaced = re.search(r"[ \t]\(", number)
            if spaced is None:
                return None  # "Question 3 asks whether…": prose about a question, not the question
            # "Question 5 (a) and (b): …": the bracket is the text's, not the number's
            return Label(number[:spaced.start()], True, text[match.start(1) + spaced.start():].strip())
        return Label(re.sub(r"[ \t]", "", number), True, rest)
    match = _BARE.match(head)
    if match:
        number = match.group(1) or match.group(2) or match.group(3)
        return Label(number, False, text[match.end():].strip())
    return None


def unreadable_number(text: str) -> str | None:
    """What stands where the number of a question's label should, when ``text`` starts as a label whose
    number cannot be read ("1000" of "Question 1000:", "Two" of "Question Two:"); None otherwise. Asked
    only of a line :func:`read_label` found no label in."""
    head = text[:LABEL_SCAN]
    match = _OVERLONG.match(head) or _UNREAD_NAMED.match(head)
    return match.group(1) if match else None


def is_unnumbered_question(text: str) -> bool:
    """Whether ``text`` starts like a question ("Question: …") but gives no number."""
    return bool(_UNNUMBERED.match(text[:LABEL_SCAN]))


def label_alone(text: str) -> tuple[str, bool] | None:
    """The number, and whether it is named a question, if ``text`` is a label and nothing else."""
    match = _LABEL_ONLY.match(text[:LABEL_SCAN])
    if match is None:
        return None
    return match.group(1), bool(re.match(r"[ \t]*q", text, re.IGNORECASE))


# -- limits ---------------------------------------------------------------------------------------

_AMOUNT = r"(?P<amount>[0-9]{1,3}(?:,[0-9]{3}){1,2}|[0-9]{1,7})(?![0-9])"
_UNIT = r"(?P<unit>words?|characters?|chars?)\b"
_REST = r"(?P<rest>[^.?!()\[\]]{0,40})"
_UP_TO = r"(?:max(?:imum)?\.?:?|up[ \t]to|no[ \t]more[ \t]than|not[ \t]more[ \t]than|not[ \t]to[ \t]exceed)"
# Inside brackets: "max 250 words", "maximum of 250 words", "500 characters", "250 word limit",
# "max. 1,000 characters including spaces", "500 characters, excluding spaces", "Limit: 500 words".
_LIMIT_TO = rf"limit(?:ed)?(?:[ \t]{{1,3}}to|[ \t]{{0,3}}[:{_DASHES}])?"  # "limited to", "Limit:", "limit"
_IN_BRACKETS = re.compile(rf"^(?:(?:{_UP_TO}|{_LIMIT_TO})[ \t]{{0,3}})?(?:of[ \t]{{1,3}})?{_AMOUNT}"
                          rf"[ \t\-]{{0,3}}{_UNIT}(?:[ \t]{{1,3}}(?:limit|max(?:imum)?))?"
                          rf"(?P<rest>[^()\[\]]{{0,60}})$", re.IGNORECASE)
# "word limit: 250", "character limit 500", in brackets or not.
_UNIT_FIRST = re.compile(rf"\b(?P<unit>words?|characters?)[ \t]{{1,3}}(?:limit|count|maximum)[ \t]{{0,3}}"
                         rf"[:\-\u2013]?[ \t]{{0,3}}(?:of[ \t]{{1,3}})?{_AMOUNT}{_REST}", re.IGNORECASE)
# In running text: "Please limit your answer to 300 words", "(in) no more than 200 words", "250 word limit".
_IN_SENTENCE = (
    re.compile(rf"(?:please[ \t]{{1,3}})?(?:limit|keep)[ \t]{{1,3}}(?:your[ \t]{{1,3}})?"
               rf"(?:answer|response|comment|reply)s?[ \t]{{1,3}}to[ \t]{{1,3}}(?:a[ \t]{{1,3}})?"
               rf"(?:{_UP_TO}[ \t]{{0,3}})?(?:of[ \t]{{1,3}})?{_AMOUNT}[ \t\-]{{0,3}}{_UNIT}{_REST}", re.IGNORECASE),
    re.compile(rf"\b{_UP_TO}[ \t]{{0,3}}(?:of[ \t]{{1,3}})?{_AMOUNT}[ \t\-]{{0,3}}{_UNIT}{_REST}", re.IGNORECASE),
    re.compile(rf"(?<![0-9,]){_AMOUNT}[ \t\-]{{0,3}}{_UNIT}[ \t]{{1,3}}(?:limit|max(?:imum)?)\b{_REST}", re.IGNORECASE),
    # "(Please answer) in 250 words or fewer", "Responses are limited to 1,500 characters"
    re.compile(rf"\bin[ \t]{{1,3}}{_AMOUNT}[ \t\-]{{0,3}}{_UNIT}[ \t]{{1,3}}or[ \t]{{1,3}}(?:fewer|less)\b{_REST}",
               re.IGNORECASE),
    re.compile(rf"\blimited[ \t]{{1,3}}to[ \t]{{1,3}}(?:a[ \t]{{1,3}})?(?:{_UP_TO}[ \t]{{0,3}})?(?:of[ \t]{{1,3}})?"
               rf"{_AMOUNT}[ \t\-]{{0,3}}{_UNIT}{_REST}", re.IGNORECASE),
)
_BRACKETS = re.compile(r"[(\[][ \t]{0,3}([^()\[\]]{1,160}?)[ \t]{0,3}[)\]]")
_NO_SPACES = re.compile(r"\b(?:excluding|excludes|excl\.?|without|not[ \t]{1,3}including|not[ \t]{1,3}counting"
                        r"|no)[ \t]{1,3}spaces\b", re.IGNORECASE)
# What reads like a limit that none of the patterns above could read: reported, never guessed.
_LOOKS_LIKE_LIMIT = re.compile(r"\b(?:word|character)s?[ \t]{1,3}(?:limit|count|maximum)\b|\b(?:max(?:imum)?"
                               r"|limit(?:ed)?|no[ \t]more[ \t]than|up[ \t]to)\b[^.?!]{0,30}\b(?:words|characters)\b",
                               re.IGNORECASE)
# "(no limit)", "[no word limit]": said of a question with no limit, in brackets.
_NO_LIMIT = re.compile(r"^no[ \t]{1,3}(?:(?:word|character)[ \t]{1,3})?limit$", re.IGNORECASE)
_SENTENCES = re.compile(r"[^.?!]{0,4000}[.?!]?")


@dataclass(frozen=True)
class FoundLimit:
    """A limit read from a question's text, and the text without the phrase (or why it failed)."""

    limit: Limit | None
    text: str
    problem: str = ""


def _amount(text: str) -> int:
    return int(text.replace(",", ""))


def _limit(amount: str, unit: str, rest: str) -> Limit:
    kind = WORDS if unit.lower().startswith("word") else CHARACTERS
    spaces = kind == WORDS or not _NO_SPACES.search(rest)
    return Limit(kind, _amount(amount), spaces)


def find_limit(text: str) -> FoundLimit:
    """The limit ``text`` states, with the phrase taken out of the text; ``problem`` says what could
    not be read (a limit phrase no pattern reads, a limit of 0, two different limits)."""
    found: list[tuple[int, int, str, str, str]] = []  # start, end, amount, unit, rest
    for match in _BRACKETS.finditer(text):
        read = _IN_BRACKETS.match(match.group(1).strip()) or _UNIT_FIRST.match(match.group(1).strip())
        if read is not None:
            found.append((match.start(), match.end(), read["amount"], read["unit"], read["rest"]))
    if not found:
        for pattern in (_UNIT_FIRST, *_IN_SENTENCE):
            for match in pattern.finditer(text):
                start, end = _sentence_around(text, match.start(), match.end())
                found.append((start, end, match["amount"], match["unit"], match["rest"]))
            if found:
                break
    if not found:
        no_limit = [(match.start(), match.end()) for match in _BRACKETS.finditer(text)
                    if _NO_LIMIT.match(match.group(1).strip())]
        if no_limit:  # "(no limit)" says what a question without a limit is: not part of the question
            return FoundLimit(None, _cut(text, no_limit))
        problem = "" if not _LOOKS_LIKE_LIMIT.search(text) else "a limit that could not be read"
        return FoundLimit(None, text, problem)
    limits = []
    try:
        limits = [_limit(amount, unit, rest) for _, _, amount, unit, rest in found]
    except ContentError as error:
        return FoundLimit(None, _cut(text, found), f"its limit cannot be kept: {error}")
    problem = ""
    if len(set(limits)) > 1:
        problem = "two different limits (" + " and ".join(limit.describe() for limit in dict.fromkeys(limits)) + \
                  "); the first was taken"
    return FoundLimit(limits[0], _cut(text, found), problem)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to take out for a limit phrase found in running text: its whole sentence when the
    sentence asks nothing (an instruction such as "Please limit your answer to 300 words."), else the
    phrase alone."""
    for sentence in _SENTENCES.finditer(text):
        if sentence.start() <= start and end <= sentence.end():
            if "?" not in sentence.group(0):
                return sentence.start(), sentence.end()
            break
        if sentence.start() > start or sentence.end() == sentence.start():
            break
    return start, end


def _cut(text: str, spans: list[tuple]) -> str:
    """``text`` without the spans (start, end, …), tidied where they stood."""
    pieces, position = [], 0
    for start, end, *_ in sorted(spans):
        if start >= position:
            pieces.append(text[position:start])
            position = end
    pieces.append(text[position:])
    return tidy(" ".join(piece.strip() for piece in pieces if piece.strip()))


def tidy(text: str) -> str:
    """Spaces collapsed, and none before a closing punctuation mark or left dangling at the end."""
    text = " ".join(text.split())
    text = re.sub(r" (?=[?.,;:!)])", "", text)
    return text.rstrip(" -\u2013\u2014:;,")


# -- options ----------------------------------------------------------------------------------------

# Words of the usual answer scales: what a comma-separated list must be made of to be options.
_SCALE_WORDS = frozenset((
    "yes", "no", "agree", "disagree", "unsure", "sure", "know", "neither", "neutral", "support", "oppose",
    "maybe", "partly", "partially", "somewhat", "satisfied", "dissatisfied", "likely", "unlikely", "important",
    "unimportant", "applicable", "strongly", "tend", "opinion", "preference", "other"))
_CHECKBOX = re.compile(r"^[ \t]{0,8}(?:[\u2610\u2611\u2612\u25a1\u25a2\u25cb\u25ef\u274f\u274e\u2b1c]|\[[ \txX]?\]"
                       r"|\([ \t]?\))[ \t]{0,3}(\S.{0,100})$")
# Checkboxes written in a line, one before each option: "☐ Yes ☐ No ☐ Don't know", "[ ] Yes [ ] No".
_INLINE_BOX = re.compile(r"[\u2610\u2611\u2612\u25a1\u25a2\u274f\u2b1c]|\[[ \txX]?\]")
_BULLET = re.compile(r"^[ \t]{0,8}[-*\u2022\u2023\u25e6\u2013o][ \t]{1,3}(\S.{0,100})$")
_TRAILING_GROUP = re.compile(r"[(\[]([^()\[\]]{1,200})[)\]][ \t]{0,3}[.:]?[ \t]{0,3}$")
_MAX_OPTION_WORDS = 6
# The end of a sentence within a line: a full stop, then a capital starting the next.
_SENTENCE_END = re.compile(r"[.!][ \t]{1,4}(?=[A-Z\u201c\"(])")
_MAX_OPTION_CHARS = 60


def checkbox_option(text: str) -> str | None:
    """The option a checkbox line offers ("☐ Yes", "[ ] No"), or None."""
    match = _CHECKBOX.match(text[:LABEL_SCAN])
    return match.group(1).strip() if match else None


def bullet_text(text: str) -> str | None:
    """The text of a line written as a bullet ("- Yes", "• No"), or None."""
    match = _BULLET.match(text[:LABEL_SCAN])
    return match.group(1).strip() if match else None


def is_short_option(text: str) -> bool:
    """Whether ``text`` could be one option of a choice: a few words, not a question or a sentence."""
    text = text.strip()
    return (0 < len(text) <= _MAX_OPTION_CHARS and len(text.split()) <= _MAX_OPTION_WORDS
            and not text.endswith(("?", ".", ":", ";")) and any(ch.isalpha() for ch in text))


def split_options(text: str) -> tuple[str, ...]:
    """The options a phrase lists ("Yes / No / Don't know", "Yes/No/Unsure", "☐ Yes ☐ No", "Strongly agree,
    Agree, Disagree"), or () if it is not such a list. A comma list must be made of answer-scale words,
    since ordinary prose has commas too."""
    text = text.strip().rstrip(".").strip()
    if len(text) > 400:
        return ()
    if len(_INLINE_BOX.findall(text)) >= 2 and _INLINE_BOX.match(text):
        items = [item.strip() for item in _INLINE_BOX.split(text)[1:]]
        return tuple(items) if all(is_short_option(item) for item in items) else ()
    for separator in ("/", "|"):
        if separator in text:
            items = [item.strip() for item in text.split(separator)]
            if len(items) >= 2 and all(is_short_option(item) for item in items):
                return tuple(items)
            return ()
    items = [item.strip() for item in re.split(r",|;|[ \t]or[ \t]", text)]
    items = [re.sub(r"^(?:or|and)[ \t]+", "", item, flags=re.IGNORECASE) for item in items if item]
    if len(items) >= 2 and all(is_short_option(item) and _scale_words(item) for item in items):
        return tuple(items)
    return ()


def is_scale_option(text: str) -> bool:
    """Whether a line on its own is one answer of the usual scales ("Yes", "Don't know", "Strongly
    agree"): what remains of a checkbox line once Word's checkbox symbol or content control is gone."""
    return is_short_option(text) and _scale_words(text)


def _scale_words(item: str) -> bool:
    words = re.findall(r"[a-z]+", item.lower().replace("\u2019", "'"))
    return bool(words) and all(word in _SCALE_WORDS or word in ("don", "t", "not", "nor", "agree", "i", "do",
                                                                "have", "a", "an", "at", "all", "very", "fairly")
                               for word in words)


def find_options(text: str) -> tuple[tuple[str, ...], str]:
    """The options written at the end of a question ("… proposal? Yes / No / Don't know", "… (Yes/No)"),
    and the text without them; ((), text) if there are none."""
    group = _TRAILING_GROUP.search(text)
    if group is not None:
        options = split_options(group.group(1))
        if options:
            return options, tidy(text[:group.start()])
    for mark in ("?", ":"):
        cut = text.rfind(mark)
        if cut != -1:
            # The options are the first sentence after the mark; a sentence after them ("Please explain
            # your answer.") is still the question's.
            tail = text[cut + 1:]
            end = _SENTENCE_END.search(tail)
            after = tail[end.end():] if end else ""
            options = split_options(tail[:end.start() + 1] if end else tail)
            if options:
                return options, tidy(f"{text[:cut + 1]} {after}")
            break  # the text after a question mark is what the options would be; a colon before it is not
    return (), text


def options_line(text: str) -> tuple[str, ...]:
    """The options a line lists on its own ("Yes / No / Don't know" under a question), or ()."""
    return () if "?" in text or len(text) > 200 else split_options(text)
