"""core.held: whether another copy holds a record answers as a set of the records does, by identity first."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from tests.factories import T0
from wyassembler.core.held import Held, same_objects
from wyassembler.core.merge import _signoff_key, union
from wyassembler.core.model import SignOff


def _signoff(org: str, decision: str = "approved") -> SignOff:
    return SignOff(org, decision, "A. Person", "lead", T0, "0" * 64)


@given(st.lists(st.sampled_from(["leeds", "wakefield", "bradford"]), max_size=4),
       st.lists(st.sampled_from(["leeds", "wakefield", "calderdale"]), max_size=4))
def test_held_answers_as_a_set_of_the_records_whether_the_object_is_the_same_or_only_equal(held_orgs, asked_orgs):
    records = [_signoff(org) for org in held_orgs]
    held = Held(records)
    for record in records:
        assert record in held  # the very object
    for org in asked_orgs:
        asked = _signoff(org)  # an equal object, never the same one
        assert (asked in held) == (asked in set(records))
    assert bool(held) == bool(records)
    assert _signoff("x", "changes-requested") not in held


def test_the_same_objects_in_the_same_order_only():
    first, second = _signoff("leeds"), _signoff("wakefield")
    assert same_objects([first, second], [first, second])
    assert not same_objects([first, second], [second, first])
    assert not same_objects([first], [dataclasses.replace(first)])  # equal is not the same
    assert not same_objects([first], [first, second])


def test_a_union_of_a_list_with_itself_is_that_list_as_it_was():
    records = [_signoff("wakefield"), _signoff("leeds")]  # not in the key's order
    assert union(records, list(records), _signoff_key) == records
    assert union(records, [dataclasses.replace(r) for r in records], _signoff_key) == records  # equal: nothing new
