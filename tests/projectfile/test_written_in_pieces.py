"""Written in pieces, the same bytes as at once: the file (a top-level section at a time), the records'
digest (JSON in pieces) and a section's hash (fed under hashlib's GIL threshold), for odd text."""

from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from tests.factories import CALDERDALE, KIRKLEES, T0
from wyassembler.core.content import ListItem, Paragraph, Table, content_hash, plain, section_canonical, sha256_hex
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.history import canonical_records, project_digest
from wyassembler.core.model import Actor
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.projectfile import codec
from wyassembler.projectfile.codec import ProjectFileError, from_bytes, to_bytes, to_element

# Non-BMP, combining marks, right-to-left, XML's specials, the splice's own name, C0 and C1 controls
# (the write gate turns these away: such a section is not made), and plain letters.
ODD = st.lists(st.sampled_from(["a", " ", "\u0301", "\U0001f600", "\U00010348", "\u05d0", "<", "&", ">", '"',
                               "'", "]]>", "<wy-splice/>", "\t", "\n", "\r", "\x00", "\x07", "\x85", "\u2028",
                               "\ufeff", "\uffff", "\u00e9", "xmlns=\"x\""]), max_size=40).map("".join)


def _project(headings: list[str], texts: list[str], huge: bool):
    project = new_project("Odd \U0001f600 title", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    coordinator = Actor(project.coordinator, "H. Dawson")
    parent = None
    for number, (heading, text) in enumerate(zip(headings, texts, strict=False)):
        blocks = (Paragraph(plain(text * (2000 if huge and number == 0 else 1))), ListItem(plain(text), "bullet", 1),
                  Table((plain(text), plain("x")), ((plain("y"), plain(text)),)))
        owner = (CALDERDALE, KIRKLEES)[number % 2].org
        parent = add_section(project, coordinator, heading or "h", owner, blocks,
                             parent if number % 3 else None, now=T0)
    return project


def _on_a_worker_thread(work):
    """What ``work`` returns when run on a thread other than the main one (as the app saves)."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(work).result()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ODD, min_size=1, max_size=5), st.lists(ODD, min_size=1, max_size=5), st.booleans())
@example(["h"], ["\U0001f600 x\u0301 " * 10], True)  # a section of 100,000 characters, over 64 KB
def test_odd_text_is_written_in_pieces_as_the_bytes_written_at_once(headings, texts, huge):
    try:
        project = _project(headings, texts, huge)
    except WyassemblerError:
        assume(False)  # the write gate refused it: never in a project
    at_once = etree.tostring(to_element(project), xml_declaration=True, encoding="UTF-8") + b"\n"
    written, digest = _on_a_worker_thread(lambda: (to_bytes(project), project_digest(project)))  # in pieces
    assert written == at_once == to_bytes(project)  # the main thread writes at once: no window waits
    assert to_bytes(from_bytes(written)) == written
    whole = json.dumps(canonical_records(project), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert digest == project_digest(project) == hashlib.sha256(whole.encode("utf-8")).hexdigest()
    for section in project.all_sections():
        canonical = json.dumps(section_canonical(section.heading, section.blocks), ensure_ascii=False,
                               separators=(",", ":")).encode("utf-8")
        assert sha256_hex(canonical) == hashlib.sha256(canonical).hexdigest()
        assert content_hash(section.heading, section.blocks) == section.revisions[-1].hash


@given(st.binary(min_size=0, max_size=70_000))
@settings(max_examples=40, deadline=None)
def test_any_bytes_hash_the_same_fed_in_pieces(data):
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("data", [b"", b" ", b"\n\r\t \x0b\x0c"])
def test_a_file_of_nothing_but_white_space_is_empty(data):
    with pytest.raises(ProjectFileError, match="^the file is empty$"):
        from_bytes(data)


def test_a_tree_read_is_let_go_of_a_section_at_a_time_and_the_project_is_whole(monkeypatch):
    project = _project(["One", "Two", "Three", "Four"], ["a", "b", "c", "d"], False)
    data = to_bytes(project)
    removed: list[str] = []
    real = codec._free_in_pieces

    def watching(root):
        outline = root.find(codec._q("outline"))
        removed.extend(section.get("id") for section in outline)
        real(root)
        assert len(outline) == 0

    monkeypatch.setattr(codec, "_free_in_pieces", watching)
    read = from_bytes(data)
    assert removed == [section.id for section in project.sections]
    assert read == project and to_bytes(read) == data
