"""``wyassembler comment`` and ``comments``: comments on a section and on a passage, replies, resolving and
reopening, an anchor that goes outdated when its words are edited away, the JSON shape, and one-line errors
(exit 1 for what is not there or not allowed, exit 2 for options that do not go together)."""

from __future__ import annotations

import json

import pytest

from wyassembler.projectfile.storage import load
from wyassembler.settings import Identity, save_identity

KIRKLEES = ("--as", "kirklees", "--by", "A. Reviewer")  # neither owns nor contributes to section 3
CALDERDALE = ("--as", "calderdale", "--by", "J. Smith")  # section 3's owner
LEEDS = ("--as", "leeds", "--by", "M. Walsh")  # no part in section 3
QUOTED = "welcomes this section"  # in section 3's first paragraph


def _one_line(result) -> str:
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err, result.err
    assert lines[0].startswith("wyassembler") and " error: " in lines[0], lines[0]
    return lines[0]


def _new_id(result) -> str:
    """The id the command printed: "Added comment com-... on ..." or "Added reply com-... to ..."."""
    assert result.code == 0, result.err
    return result.out.split()[2]


def _comment(cli, sample, *args) -> str:
    return _new_id(cli("comment", sample, *args))


def _listed(cli, sample, *args) -> dict:
    result = cli("comments", sample, *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _threads(cli, sample, *args) -> list[dict]:
    return [thread for section in _listed(cli, sample, *args)["sections"] for thread in section["threads"]]


def _edit(cli, sample, tmp_path, section: str, old: str, new: str) -> None:
    text = cli("show", sample, section).out.replace(old, new, 1)
    source = tmp_path / "edited.md"
    source.write_text(text, encoding="utf-8")
    assert cli("edit-section", sample, section, "--from", source, *CALDERDALE).code == 0


def test_a_comment_on_a_passage_is_saved_and_listed_anchored(cli, sample):
    result = cli("comment", sample, "3", "--text", "Which parts?", "--on", QUOTED, *KIRKLEES)
    assert result.code == 0, result.err
    assert result.out.startswith("Added comment com-")
    assert "on section 3 \u201cMoving to a Shared Services Culture\u201d, anchored in paragraph 1." in result.out
    comment_id = _new_id(result)
    assert cli("verify", sample).code == 0
    (saved,) = load(sample).project.find_section("3").comments
    assert (saved.id, saved.org, saved.person, saved.text, saved.quote) == (
        comment_id, "kirklees", "A. Reviewer", "Which parts?", QUOTED)

    listing = cli("comments", sample)
    assert listing.code == 0, listing.err
    lines = listing.out.splitlines()
    assert lines[0] == "3 Moving to a Shared Services Culture"
    assert lines[1].startswith(f"  {comment_id}  [OPEN]  Kirklees, A. Reviewer, ")
    assert lines[1].endswith(" UTC")
    assert lines[2] == f"    on \u201c{QUOTED}\u201d \u2014 anchored in paragraph 1"
    assert lines[3] == "    Which parts?"


def test_a_comment_on_the_whole_section_and_one_on_the_heading(cli, sample):
    whole = cli("comment", sample, "shared-services", "--text", "Good.", *LEEDS)
    assert whole.code == 0 and whole.out.rstrip().endswith("on the whole section."), whole.out
    heading = cli("comment", sample, "3", "--text", "Title case?", "--on", "Shared Services", *LEEDS)
    assert heading.code == 0 and heading.out.rstrip().endswith("anchored in the heading."), heading.out
    first, second = _threads(cli, sample, "3")
    assert (first["quote"], first["anchor"]["state"]) == ("", "section")
    assert second["anchor"] == {"state": "anchored", "in": "heading", "block": None, "start": 12, "end": 27}


def test_replies_thread_under_the_first_comment(cli, sample):
    root = _comment(cli, sample, "3", "--text", "Which parts?", "--on", QUOTED, *KIRKLEES)
    reply = cli("comment", sample, "3", "--text", "Paragraphs 40-42.", "--reply-to", root, *CALDERDALE)
    assert reply.out.startswith("Added reply com-") and f" to {root} on section 3 " in reply.out
    reply_id = _new_id(reply)
    answer = _comment(cli, sample, "3", "--text", "Thanks", "--reply-to", reply_id, *KIRKLEES)

    (thread,) = _threads(cli, sample)
    assert thread["id"] == root
    assert [(r["id"], r["parent"], r["org"], r["text"]) for r in thread["replies"]] == [
        (reply_id, root, "calderdale", "Paragraphs 40-42."), (answer, reply_id, "kirklees", "Thanks")]
    lines = cli("comments", sample, "3").out.splitlines()
    at = lines.index("    Which parts?")
    assert lines[at + 1].startswith(f"    reply {reply_id}  Calderdale, J. Smith, ")
    assert lines[at + 2] == "        Paragraphs 40-42."
    assert lines[at + 3].startswith(f"    reply {answer} (to {reply_id})  Kirklees, A. Reviewer, ")
    assert lines[at + 4] == "        Thanks"


def test_resolve_and_reopen_by_any_comment_of_the_thread(cli, sample):
    root = _comment(cli, sample, "3", "--text", "Which parts?", *KIRKLEES)
    reply = _comment(cli, sample, "3", "--text", "Done.", "--reply-to", root, *CALDERDALE)
    other = _comment(cli, sample, "4", "--text", "Fine.", *LEEDS)

    resolved = cli("comment", sample, "--resolve", reply, *CALDERDALE)
    assert resolved.code == 0, resolved.err
    assert resolved.out == f"Resolved the thread {root} on section 3 \u201cMoving to a Shared Services Culture\u201d.\n"
    assert [(t["id"], t["resolved"]) for t in _threads(cli, sample)] == [(root, True), (other, False)]
    assert [t["id"] for t in _threads(cli, sample, "--open")] == [other]
    assert root not in cli("comments", sample, "--open").out
    assert f"{root}  [resolved]" in cli("comments", sample).out

    before = sample.read_bytes()
    again = cli("comment", sample, "--resolve", root, *KIRKLEES)
    assert again.code == 0 and "is already resolved; nothing was written" in again.out
    assert sample.read_bytes() == before

    reopened = cli("comment", sample, "--reopen", root, *KIRKLEES)  # the organisation that started it may
    assert reopened.code == 0 and reopened.out.startswith(f"Reopened the thread {root} on section 3")
    assert [t["id"] for t in _threads(cli, sample, "--open")] == [root, other]


def test_a_quoted_passage_edited_away_is_shown_outdated(cli, sample, tmp_path):
    comment_id = _comment(cli, sample, "3", "--text", "Which parts?", "--on", QUOTED, *KIRKLEES)
    _edit(cli, sample, tmp_path, "3", "Partnership particularly", "Partnership very much")  # the quote is kept
    (thread,) = _threads(cli, sample)
    assert thread["anchor"]["state"] == "anchored" and thread["anchor"]["in"] == "paragraph 1"

    _edit(cli, sample, tmp_path, "3", QUOTED, "supports this section")
    (thread,) = _threads(cli, sample)
    assert thread["id"] == comment_id and thread["quote"] == QUOTED
    assert thread["anchor"] == {"state": "outdated", "in": None, "block": None, "start": None, "end": None}
    assert f"    on \u201c{QUOTED}\u201d \u2014 OUTDATED: its passage is no longer in the text" in (
        cli("comments", sample).out.splitlines())


def test_json_shape(cli, sample):
    root = _comment(cli, sample, "3", "--text", "Which parts?", "--on", QUOTED, *KIRKLEES)
    reply = _comment(cli, sample, "3", "--text", "Paragraph 40.", "--reply-to", root, *CALDERDALE)
    data = _listed(cli, sample)
    assert set(data) == {"open_only", "sections"} and data["open_only"] is False
    (section,) = data["sections"]  # only the sections with threads, without SECTION
    assert section == {"section_id": "shared-services", "section_number": "3",
                       "heading": "Moving to a Shared Services Culture", "threads": section["threads"]}
    (thread,) = section["threads"]
    assert set(thread) == {"id", "org", "org_label", "person", "time", "text", "quote", "anchor", "resolved",
                           "source", "revision", "replies"}
    assert (thread["id"], thread["org"], thread["org_label"], thread["person"], thread["source"]) == (
        root, "kirklees", "Kirklees", "A. Reviewer", "wyassembler")
    assert thread["time"].endswith("+00:00") and thread["resolved"] is False
    assert thread["revision"] == load(sample).project.find_section("3").current.id
    assert thread["anchor"] == {"state": "anchored", "in": "paragraph 1", "block": 0, "start": 29, "end": 50}
    (answer,) = thread["replies"]
    assert set(answer) == {"id", "org", "org_label", "person", "time", "text", "source", "revision", "parent"}
    assert (answer["id"], answer["parent"]) == (reply, root)

    one = _listed(cli, sample, "4")  # a section named shows even without threads
    assert one["sections"] == [{"section_id": one["sections"][0]["section_id"], "section_number": "4",
                                "heading": one["sections"][0]["heading"], "threads": []}]
    assert _listed(cli, sample, "4", "--open")["open_only"] is True


def test_nothing_to_list(cli, sample):
    assert cli("comments", sample).out == "No comments in this project.\n"
    assert cli("comments", sample, "--open").out == "No open comments in this project.\n"
    assert cli("comments", sample, "4").out.splitlines()[1] == "  (no comments)"


@pytest.mark.parametrize("args, expected", [
    (["comment", "9", "--text", "Hello", *KIRKLEES], "no section '9'"),
    (["comments", "9"], "no section '9'"),
    (["comment", "3", "--text", "Hello", "--reply-to", "com-nope", *KIRKLEES],
     "section 3 has no comment 'com-nope' to reply to"),
    (["comment", "--resolve", "com-nope", *CALDERDALE], "no comment 'com-nope'"),
    (["comment", "--reopen", "com-nope", *CALDERDALE], "no comment 'com-nope'"),
    (["comment", "3", "--text", "Hello", "--on", "words not there", *KIRKLEES], "is not in section 3"),
    (["comment", "3", "--text", "   ", *KIRKLEES], "a comment needs some text"),
    (["comment", "3", "--text", "Hello", "--as", "nobody", "--by", "X"], "no organisation 'nobody'"),
], ids=["missing-section", "list-missing-section", "reply-to-missing", "resolve-missing", "reopen-missing",
        "quote-not-there", "empty", "unknown-org"])
def test_what_is_not_there_is_one_line_exit_1_and_writes_nothing(cli, sample, args, expected):
    before = sample.read_bytes()
    command, *rest = args
    result = cli(command, sample, *rest)
    assert result.code == 1 and result.out == ""
    assert expected in _one_line(result)
    assert sample.read_bytes() == before


def test_a_reply_on_another_section_is_refused(cli, sample):
    root = _comment(cli, sample, "3", "--text", "Which parts?", *KIRKLEES)
    result = cli("comment", sample, "4", "--text", "Here?", "--reply-to", root, *KIRKLEES)
    assert result.code == 1 and f"comment {root} is on section 3, not on section 4" in _one_line(result)


def test_only_the_thread_starter_the_editors_or_the_coordinator_resolve(cli, sample):
    root = _comment(cli, sample, "3", "--text", "Which parts?", *KIRKLEES)
    before = sample.read_bytes()
    refused = cli("comment", sample, "--resolve", root, *LEEDS)
    assert refused.code == 1 and refused.out == ""
    line = _one_line(refused)
    assert "Leeds may not resolve this thread" in line and "(Kirklees)" in line and "(Calderdale)" in line
    assert sample.read_bytes() == before
    for who in (("--as", "police", "--by", "P. C."), ("--as", "joint-services", "--by", "H. Dawson")):
        assert cli("comment", sample, "--resolve", root, *who).code == 0  # a contributor, the coordinator
        assert cli("comment", sample, "--reopen", root, *who).code == 0


@pytest.mark.parametrize("args, expected", [
    (["3", "--resolve", "com-x", *CALDERDALE], "without SECTION"),
    (["--reopen", "com-x", "--text", "Why", *CALDERDALE], "without --text"),
    (["--resolve", "com-x", "--on", "words", "--reply-to", "com-y", *CALDERDALE], "without --on, --reply-to"),
    (["--resolve", "com-x", "--reopen", "com-x", *CALDERDALE], "not allowed with argument"),
    (["--text", "Hello", *KIRKLEES], "give the SECTION to comment on"),
    (["3", *KIRKLEES], "--text TEXT"),
    (["3", "--text", "Hi", "--on", QUOTED, "--reply-to", "com-x", *KIRKLEES], "--on or --reply-to, not both"),
    (["3", "--text", "Hi"], "--as ORG --by NAME"),
    (["--resolve", "com-x", "--as", "calderdale"], "--as ORG --by NAME"),
    (["3", "--text", "Hi", "--on", " ", *KIRKLEES], "--on needs the words"),
], ids=["resolve-section", "reopen-text", "resolve-on-reply", "resolve-reopen", "no-section", "no-text",
        "on-and-reply", "no-identity", "resolve-no-identity", "empty-on"])
def test_options_that_do_not_go_together_are_a_usage_error(cli, sample, args, expected):
    before = sample.read_bytes()
    result = cli("comment", sample, *args)
    assert result.code == 2 and result.out == ""
    assert expected in _one_line(result)
    assert sample.read_bytes() == before


def test_the_saved_identity_is_enough(cli, sample):
    save_identity(Identity("M. Walsh", "leeds", "partner lead"))
    comment_id = _comment(cli, sample, "3", "--text", "From my saved identity.")
    (thread,) = _threads(cli, sample)
    assert (thread["id"], thread["org"], thread["person"]) == (comment_id, "leeds", "M. Walsh")


def test_a_console_that_cannot_show_every_character(wy, sample):
    # Windows gives a redirected stdout the ANSI code page (cp1252): no Chinese, no emoji.
    text = "\u7ed3\u8bba \U0001F600 caf\u00e9"
    added = wy("comment", sample, "3", "--text", text, *KIRKLEES, env={"PYTHONIOENCODING": "cp1252"})
    assert added.code == 0 and added.err == "", added.err
    cp1252 = {"PYTHONIOENCODING": "cp1252"}
    as_text = wy("comments", sample, env=cp1252)
    assert as_text.code == 0 and as_text.err == "", as_text.err
    assert "caf\u00e9" in as_text.out
    as_json = wy("comments", sample, "--json", env=cp1252)
    assert as_json.code == 0 and as_json.out.isascii()
    assert json.loads(as_json.out)["sections"][0]["threads"][0]["text"] == text


def test_status_counts_each_sections_open_threads(cli, sample):
    root = _comment(cli, sample, "3", "--text", "Which parts?", *KIRKLEES)
    _comment(cli, sample, "3", "--text", "Paragraph 40.", "--reply-to", root, *CALDERDALE)  # the same thread
    _comment(cli, sample, "3", "--text", "And this?", "--on", QUOTED, *LEEDS)
    row = next(line for line in cli("status", sample).out.splitlines() if line.startswith("  3  "))
    assert row.endswith("\u00b7 2 open comment threads")
    counts = {row["number"]: row["open_comment_threads"] for row in json.loads(cli("status", sample, "--json").out)
              ["sections"]}
    assert counts == {"1": 0, "2": 0, "3": 2, "4": 0, "5": 0, "6": 0}
    assert cli("comment", sample, "--resolve", root, *CALDERDALE).code == 0
    row = next(line for line in cli("status", sample).out.splitlines() if line.startswith("  3  "))
    assert row.endswith("\u00b7 1 open comment thread")


def test_a_comment_saved_by_someone_else_meanwhile_is_kept(cli, sample, monkeypatch):
    # Another partner's comment saved between this command's reading the file and its saving: the shared
    # save merges the two, as it does every other command's.
    from wyassembler.core import comments

    real = comments.add_comment

    def another_save_first(*args, **kwargs):
        monkeypatch.setattr(comments, "add_comment", real)
        assert cli("comment", sample, "4", "--text", "Meanwhile.", *LEEDS).code == 0
        return real(*args, **kwargs)

    monkeypatch.setattr(comments, "add_comment", another_save_first)
    assert cli("comment", sample, "3", "--text", "Mine.", *KIRKLEES).code == 0
    assert sorted(thread["text"] for thread in _threads(cli, sample)) == ["Meanwhile.", "Mine."]


def test_a_comment_from_a_word_pack_says_so(cli, sample):
    # As a returned pack's Word comment comes in: Word's author, the pack's organisation, source "word".
    from wyassembler.core.comments import add_comment
    from wyassembler.core.model import Actor
    from wyassembler.projectfile import storage

    project = load(sample).project
    add_comment(project, Actor("kirklees", "Word User", ""), project.find_section("3"), "From Word.",
                quote="words Word kept", source="word")
    storage.save_project(project, sample, keep_backup=False)
    lines = cli("comments", sample).out.splitlines()
    assert lines[1].endswith(" UTC (from Word)") and "Kirklees, Word User, " in lines[1]
    assert lines[2] == "    on \u201cwords Word kept\u201d \u2014 OUTDATED: its passage is no longer in the text"
    (thread,) = _threads(cli, sample)
    assert thread["source"] == "word" and thread["anchor"]["state"] == "outdated"
