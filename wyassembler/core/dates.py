"""Dates as people type them in the UK: "5/1/2026", "5 Jan 2026", "5th January", "2026-01-05", or just
the day ("5") or the year ("2027") of the date already there. Day before month, as en-GB writes it."""

from __future__ import annotations

import calendar
import re
from datetime import date

from .errors import ContentError

# English names, whatever the system's locale (calendar.month_name follows it): the app writes en-GB.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS.update({name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)})
MONTHS["sept"] = 9

_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+([a-z]+)\.?(?:\s+(\d{2}|\d{4}))?")
_MONTH_FIRST = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{2}|\d{4}))?")

EXAMPLE = "a date like 5/1/2026, 5 Jan 2026 or 2026-01-05"


def date_words(when: date) -> str:
    """"5 January 2026": how a date is shown back once typed."""
    return f"{when.day} {MONTH_NAMES[when.month - 1]} {when.year}"


def _year(text: str | None, reference: date) -> int:
    if text is None:
        return reference.year
    return int(text) + 2000 if len(text) == 2 else int(text)


def _month(name: str) -> int:
    if name not in MONTHS:
        raise ContentError(f"\u201c{name}\u201d is not a month")
    return MONTHS[name]


def _make(year: int, month: int, day: int, day_first: bool = True) -> date:
    if not 1 <= month <= 12:
        hint = ": the day comes first, as in 5/1/2026 for 5 January" if day_first else ""
        raise ContentError(f"there is no month {month}{hint}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ContentError(f"there is no {day} {MONTH_NAMES[month - 1]} {year}") from None


def _in_year(year: int, reference: date) -> date:
    """``reference``'s day and month in ``year`` (the month's last day if it is shorter there)."""
    if not 1 <= year <= 9999:
        raise ContentError(f"there is no year {year}")
    return date(year, reference.month, min(reference.day, calendar.monthrange(year, reference.month)[1]))


def parse_date(text: str, reference: date) -> date:
    """The date ``text`` means, with what it leaves out (month, year) taken from ``reference``, the date
    there before. A lone number of one or two digits is a day; of four, a year (the day kept, or the
    month's last if that month is shorter). Raises :class:`ContentError` saying why it is not a date."""
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        raise ContentError(f"type {EXAMPLE}")
    # isdecimal, not isdigit: "²" is a digit that int() cannot read.
    if cleaned.isdecimal() and len(cleaned) <= 2:
        return _make(reference.year, reference.month, int(cleaned))
    if cleaned.isdecimal() and len(cleaned) == 4:
        return _in_year(int(cleaned), reference)
    if match := _ISO.fullmatch(cleaned):
        return _make(int(match[1]), int(match[2]), int(match[3]), day_first=False)
    if match := _NUMERIC.fullmatch(cleaned):
        return _make(_year(match[3], reference), int(match[2]), int(match[1]))
    if match := _WORDS.fullmatch(cleaned):
        return _make(_year(match[3], reference), _month(match[2]), int(match[1]))
    if match := _MONTH_FIRST.fullmatch(cleaned):
        return _make(_year(match[3], reference), _month(match[1]), int(match[2]))
    raise ContentError(f"\u201c{text.strip()}\u201d is not {EXAMPLE}")


def deadline_phrase(deadline: date | None, today: date, with_date: bool = False) -> str:
    """"deadline in 12 days", "deadline today", "deadline passed 3 days ago" or "no deadline set";
    ``with_date`` adds the date itself ("deadline 31 Jan 2006, in 12 days")."""
    if deadline is None:
        return "no deadline set"
    days = (deadline - today).days
    if days > 1:
        when = f"in {days} days"
    elif days == 1:
        when = "tomorrow"
    elif days == 0:
        when = "today"
    else:
        when = f"passed {-days} day{'s' if days != -1 else ''} ago"
    if with_date:
        return f"deadline {deadline.strftime('%d %b %Y').lstrip('0')}, {when}"
    return f"deadline {when}"
