"""The hash-linked history of saves (issue 15 item 4): a chain, a merge with two parents, and what it catches."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from tests.factories import CALDERDALE, COORDINATOR, KIRKLEES, T0
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.history import (entry_id, head, heads, history_problems, history_warning, project_digest,
                                      record_save)
from wyassembler.core.merge import merge_projects, structure_of
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.signoff import sign_off_section
from wyassembler.projectfile.codec import from_bytes, to_bytes


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def _project():
    """A project whose last two sections are Calderdale's and Kirklees', saved once."""
    project = new_project("History", "Tamper-evident", preset="west-yorkshire", person="H. Dawson", now=T0)
    add_section(project, COORDINATOR, "Shared services", "calderdale", text("We welcome this."), now=T0)
    add_section(project, COORDINATOR, "Standards", "kirklees", text("Standards matter."), now=T0)
    record_save(project, "joint-services", "H. Dawson", now=T0)
    return project


def _copy(project):
    return from_bytes(to_bytes(project))


def test_each_save_is_made_on_the_one_before_and_an_unchanged_save_adds_nothing():
    project = _project()
    edit_section(project, CALDERDALE, project.sections[-2], blocks=text("First edit."), now=T0)
    second = record_save(project, "calderdale", "J. Smith", now=T0 + timedelta(minutes=1))
    sign_off_section(project, KIRKLEES, project.sections[-1], now=T0 + timedelta(minutes=2))
    third = record_save(project, "kirklees", "S. Patel", now=T0 + timedelta(minutes=2))
    assert record_save(project, "kirklees", "S. Patel") is None
    first = project.history[0]
    assert [e.parents for e in project.history] == [(), (first.id,), (second.id,)]
    assert head(project) is third and third.digest == project_digest(project)
    assert history_problems(project) == []
    assert history_problems(_copy(project)) == []  # the history is read back as written


def test_a_merge_of_two_saves_is_an_entry_with_both_as_parents():
    base = _project()
    ours, theirs = _copy(base), _copy(base)
    edit_section(ours, CALDERDALE, ours.sections[-2], blocks=text("Ours."), now=T0)
    ours_entry = record_save(ours, "calderdale", "J. Smith", now=T0 + timedelta(minutes=1))
    edit_section(theirs, KIRKLEES, theirs.sections[-1], blocks=text("Theirs."), now=T0)
    theirs_entry = record_save(theirs, "kirklees", "S. Patel", now=T0 + timedelta(minutes=2))
    merged = merge_projects(ours, theirs, structure_of(base)).project
    assert heads(merged.history) == [theirs_entry.id, ours_entry.id]
    entry = record_save(merged, "calderdale", "J. Smith")
    assert entry.kind == "merge" and entry.parents == (theirs_entry.id, ours_entry.id)
    assert heads(merged.history) == [entry.id] and history_problems(merged) == []


def test_a_record_changed_without_a_new_entry_fails_the_check():
    project = _project()
    sign_off_section(project, KIRKLEES, project.sections[-1], now=T0)
    record_save(project, "kirklees", "S. Patel", now=T0)
    owner_changed = _copy(project)
    owner_changed.sections[-1].owner = "calderdale"
    decision_changed = _copy(project)
    section = decision_changed.sections[-1]
    section.signoffs[0] = dataclasses.replace(section.signoffs[0], decision="changes-requested")
    for changed in (owner_changed, decision_changed):
        problems = history_problems(changed)
        assert len(problems) == 1 and "changed outside wyassembler after its last recorded save" in problems[0]


def test_an_entry_changed_after_it_was_written_breaks_its_own_hash_and_the_links():
    project = _project()
    edit_section(project, CALDERDALE, project.sections[-2], blocks=text("Edit."), now=T0)
    record_save(project, "calderdale", "J. Smith", now=T0)
    changed = dataclasses.replace(project.history[0], person="Someone Else")
    project.history[0] = changed
    assert any("entry 1" in p and "does not match its own hash" in p for p in history_problems(project))
    # With its id recomputed too, the entry after it no longer links to it.
    project.history[0] = dataclasses.replace(changed, id=entry_id(changed.parents, changed.time, changed.org,
                                                                   changed.person, changed.kind, changed.digest))
    problems = history_problems(project)
    assert len(problems) == 2 and all("entry 2" in p or "2 newest entries" in p for p in problems)


def test_a_file_without_the_newest_entry_seen_is_warned_of():
    project = _project()
    older = _copy(project)
    edit_section(project, CALDERDALE, project.sections[-2], blocks=text("Newer."), now=T0)
    newest = record_save(project, "calderdale", "J. Smith", now=T0)
    assert history_warning(project, newest.id) is None and history_warning(project, None) is None
    warning = history_warning(older, newest.id)
    assert warning is not None and "does not contain the newest save you have seen" in warning
    assert "older copy put back" in warning


def test_a_file_without_history_has_nothing_to_check_and_its_first_save_starts_one():
    project = new_project("Old", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    assert project.history == [] and history_problems(project) == []
    entry = record_save(project, "joint-services", "H. Dawson", now=T0)
    assert entry.parents == () and history_problems(project) == []


def test_the_digest_is_written_in_pieces_as_the_same_bytes_json_writes_at_once():
    import hashlib
    import json

    from benchmarks.synthetic import build
    from wyassembler.core.history import canonical_records
    from wyassembler.projectfile.codec import from_bytes
    from wyassembler.resource_files import SAMPLE, resource_bytes

    from concurrent.futures import ThreadPoolExecutor

    for project in (from_bytes(resource_bytes(*SAMPLE)), build(60)):
        whole = json.dumps(canonical_records(project), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        with ThreadPoolExecutor(max_workers=1) as worker:  # off the main thread, as the app saves: in pieces
            in_pieces = worker.submit(project_digest, project).result()
        assert in_pieces == project_digest(project) == hashlib.sha256(whole.encode("utf-8")).hexdigest()


def test_the_format_1_6_settings_at_their_defaults_leave_the_digest_as_earlier_versions_wrote_it():
    from wyassembler.core.history import canonical_records

    project = _project()
    before = project_digest(project)
    assert not {"behalf_at", "member_list", "declines_block", "require_authority", "authorities"} & set(
        canonical_records(project))
    for name, value in (("behalf_at", "title"), ("member_list", "endorsers"), ("declines_block", True),
                        ("require_authority", True)):
        changed = dataclasses.replace(project, **{name: value})
        assert project_digest(changed) != before, name
        assert history_problems(changed) and not history_problems(project)


def test_a_record_s_worked_out_form_is_kept_while_it_lives_and_the_digest_is_what_a_fresh_copy_gives():
    import copy
    import gc

    from wyassembler.core import history

    project = _project()
    for step in range(3):
        digest = project_digest(project)
        assert digest == project_digest(copy.deepcopy(project))  # new objects: nothing kept applies to them
        section = project.find_section("2" if step % 2 else "3")
        edit_section(project, CALDERDALE if section.owner == "calderdale" else KIRKLEES, section,
                     blocks=text(f"Edit {step}."), now=T0 + timedelta(minutes=step))
        sign_off_section(project, CALDERDALE if section.owner == "calderdale" else KIRKLEES, section,
                         now=T0 + timedelta(minutes=step))
        assert project_digest(project) != digest
    kept = {id(record) for section in project.all_sections() for record in (*section.revisions, *section.signoffs)}
    assert kept <= set(history._worked_out)
    del project, section
    gc.collect()
    assert not kept & set(history._worked_out)  # gone with their records: nothing is held for ever
