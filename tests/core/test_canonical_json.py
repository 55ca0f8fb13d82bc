"""The encoder kept for section hashes writes the bytes of canonical_json (the one form every hash in the
project is taken of) for any JSON value, and a section hashes as its canonical form encoded that way."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wyassembler.core.content import (ListItem, MemberList, Paragraph, Span, Table, canonical_json,
                                      canonical_json_acyclic, content_hash, section_canonical, sha256_hex)

_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["\u2028", "\x7f", "\"\\/", "\U0001f600", "\u00e9", "\ufeff", "\x00\x1f"])
_SCALARS = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | _TEXT
            | st.floats(allow_nan=False, allow_infinity=False))
_JSON = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(_JSON)
def test_the_kept_encoder_writes_canonical_json_bytes(value):
    assert canonical_json_acyclic(value) == canonical_json(value)


_SPANS = st.lists(st.builds(Span, st.text(min_size=1, max_size=8), st.booleans(), st.booleans(),
                            st.none() | st.sampled_from(["https://a.example/\u00e9", "mailto:x@example.org"])),
                  max_size=3)
_BLOCKS = st.lists(st.one_of(
    st.builds(Paragraph, _SPANS),
    st.builds(ListItem, _SPANS, st.sampled_from(["bullet", "number"]), st.integers(1, 3)),
    st.builds(ListItem, _SPANS, st.just("number"), st.integers(1, 3), st.integers(0, 40)),
    st.builds(Table, st.lists(_SPANS, min_size=3, max_size=3), st.lists(st.lists(_SPANS, max_size=3), max_size=2)),
    st.just(MemberList())), max_size=5)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _BLOCKS)
def test_a_section_hashes_as_its_canonical_form_in_canonical_json(heading, blocks):
    assert content_hash(heading, tuple(blocks)) == sha256_hex(canonical_json(section_canonical(heading, tuple(blocks))))
