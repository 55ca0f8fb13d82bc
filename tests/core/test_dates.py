"""Dates typed as people type them (issue 16 item 6): day first, the month or year left out taken from the
date already there, a clear reason when it is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from wyassembler.core.dates import date_words, parse_date
from wyassembler.core.errors import ContentError

BEFORE = date(2026, 3, 17)


@pytest.mark.parametrize("typed, meant", [
    ("5/1/2026", date(2026, 1, 5)), ("05/01/2026", date(2026, 1, 5)), ("5.1.26", date(2026, 1, 5)),
    ("5-1-2026", date(2026, 1, 5)), ("2026-01-05", date(2026, 1, 5)), ("5 Jan 2026", date(2026, 1, 5)),
    ("5 January 2026", date(2026, 1, 5)), ("5th January, 2026", date(2026, 1, 5)),
    ("January 5 2026", date(2026, 1, 5)),
    ("5 jan", date(2026, 1, 5)), ("5/1", date(2026, 1, 5)), ("Sept 30 2027", date(2027, 9, 30)),
    ("5", date(2026, 3, 5)), ("31", date(2026, 3, 31)), ("2027", date(2027, 3, 17)),
    ("  5 Jan 2026 ", date(2026, 1, 5)),
])
def test_a_typed_date_means_what_a_person_in_the_uk_means(typed, meant):
    assert parse_date(typed, BEFORE) == meant


def test_a_year_alone_keeps_the_day_where_the_month_has_it():
    assert parse_date("2027", date(2028, 2, 29)) == date(2027, 2, 28)


@pytest.mark.parametrize("typed, why", [
    ("31/2/2026", "there is no 31 February 2026"), ("5/13/2026", "there is no month 13: the day comes first"),
    ("5 Smarch 2026", "\u201csmarch\u201d is not a month"), ("next week", "is not a date like 5/1/2026"),
    ("", "type a date like"), ("32", "there is no 32 March 2026"),
])
def test_what_is_not_a_date_says_why(typed, why):
    with pytest.raises(ContentError, match=why):
        parse_date(typed, BEFORE)


def test_a_date_is_shown_back_in_words():
    assert date_words(date(2026, 1, 5)) == "5 January 2026"


@pytest.mark.parametrize("typed", ["0000", "\u0e50\u0e50\u0e50\u0e50", "\u00b2", "\u00b9\u00b2", "0/0/0", "0/0/00",
                                   "1234567890", "5/1/99999", "2026-13-01", "2026-02-30", "5/1/0000"])
def test_odd_input_is_a_date_or_says_why_never_another_error(typed):
    # "0000" (year 0) and "²" (a digit int() cannot read) raised ValueError: a traceback from the field.
    with pytest.raises(ContentError):
        parse_date(typed, BEFORE)


def test_an_iso_date_with_no_such_month_does_not_say_the_day_comes_first():
    with pytest.raises(ContentError, match="there is no month 13") as refused:
        parse_date("2026-13-01", BEFORE)
    assert "day comes first" not in str(refused.value)
