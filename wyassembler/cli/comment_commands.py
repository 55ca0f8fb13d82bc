"""``comment`` and ``comments``: write, answer, resolve and reopen comments on sections, and list the threads
(see :mod:`..core.comments`).

A comment changes the project, so it needs to know who acts (--as/--by or the saved identity) and is saved
through the shared save that merges what others saved meanwhile. The listing is text, or JSON as ASCII
(every other character escaped), whole in any console's encoding, as ``check --json`` is.
"""

from __future__ import annotations

import argparse
import json

from ..core import comments
from ..core.content import ListItem, Paragraph, Table
from ..core.model import Project, Section
from ..core.review_records import Comment
from .commands import CommandError, _actor, _label, _load, _save

INDENT = "    "


class CommentUsageError(CommandError):
    """Options that do not go together, or one that is missing: a usage error."""

    exit_status = 2


# -- comment -------------------------------------------------------------------

def cmd_comment(args: argparse.Namespace) -> int:
    """``comment``: a new comment or reply on SECTION, or ``--resolve``/``--reopen`` of a thread."""
    state_id = args.resolve or args.reopen
    _check_usage(args, state_id)
    loaded = _load(args.project)
    project = loaded.project
    if state_id:
        return _set_resolved(project, loaded, args, state_id, resolved=bool(args.resolve))
    section = project.find_section(args.section)
    actor = _actor(project, args)
    comment = comments.add_comment(project, actor, section, args.text, quote=args.quote or "",
                                   reply_to=args.reply_to or "")
    _save(project, loaded)
    if comment.parent:
        print(f"Added reply {comment.id} to {comment.parent} on {_label(project, section)}.")
    else:
        print(f"Added comment {comment.id} on {_label(project, section)}, "
              f"{_where(section, comments.anchor(section, comment))}.")
    return 0


def _check_usage(args: argparse.Namespace, state_id: str | None) -> None:
    """One usage error for options that do not go together, before the project is read."""
    if state_id:
        option = "--resolve" if args.resolve else "--reopen"
        extra = [name for name, given in (("SECTION", args.section), ("--text", args.text is not None),
                                          ("--on", args.quote is not None), ("--reply-to", args.reply_to))
                 if given]
        if extra:
            raise CommentUsageError(f"{option} ID names the thread by its comment: give it without "
                                    f"{', '.join(extra)}")
        return
    if not args.section:
        raise CommentUsageError("give the SECTION to comment on (its number or id), or --resolve/--reopen ID")
    if args.text is None:
        raise CommentUsageError("give the comment's words with --text TEXT")
    if args.quote is not None and args.reply_to:
        raise CommentUsageError("a reply is on its thread's passage: give --on or --reply-to, not both")
    if args.quote is not None and not args.quote.strip():
        raise CommentUsageError("--on needs the words the comment is about; leave it out to comment on the "
                                "whole section")


def _set_resolved(project: Project, loaded, args: argparse.Namespace, comment_id: str, *, resolved: bool) -> int:
    actor = _actor(project, args)
    section, state = comments.set_resolved(project, actor, comment_id, resolved)
    root = comments.thread_root(section, comments.find_comment(project, comment_id)[1])
    done = "resolved" if resolved else "open"
    if state is None:
        print(f"The thread {root.id} on {_label(project, section)} is already {done}; nothing was written.")
        return 0
    _save(project, loaded)
    print(f"{'Resolved' if resolved else 'Reopened'} the thread {root.id} on {_label(project, section)}.")
    return 0


# -- where a passage is ----------------------------------------------------------

def block_label(section: Section, index: int) -> str:
    """Block ``index`` of ``section`` as a reader counts it: "paragraph 2", "list item 1", "table 1"."""
    kinds = [_kind(block) for block in section.blocks[: index + 1]]
    return f"{kinds[-1]} {kinds.count(kinds[-1])}"


def _kind(block: object) -> str:
    if isinstance(block, Paragraph):
        return "paragraph"
    if isinstance(block, ListItem):
        return "list item"
    if isinstance(block, Table):
        return "table"
    return "block"


def _where(section: Section, found: comments.Anchor) -> str:
    """Where a comment is, in words: on the whole section, on a passage (and where it is), or outdated."""
    if found.state == comments.WHOLE_SECTION:
        return "on the whole section"
    if found.state == comments.OUTDATED:
        return "OUTDATED: its passage is no longer in the text"
    return f"anchored in {'the heading' if found.block is None else block_label(section, found.block)}"


# -- comments ------------------------------------------------------------------

def cmd_comments(args: argparse.Namespace) -> int:
    """``comments``: the threads per section in outline order, as text or JSON."""
    project = _load(args.project).project
    sections = [project.find_section(args.section)] if args.section else project.all_sections()
    listed = [(section, _threads(section, args.open_only)) for section in sections]
    if not args.section:
        listed = [(section, found) for section, found in listed if found]  # the sections with threads
    if args.json:
        # ASCII (other characters as \u escapes): valid JSON whatever encoding stdout has, as check --json.
        print(json.dumps(comments_json(project, listed, args.open_only), indent=2))
    else:
        print(comments_text(project, listed, args.open_only))
    return 0


def _threads(section: Section, open_only: bool) -> list[comments.Thread]:
    return [thread for thread in comments.threads(section) if not (open_only and thread.resolved)]


def comments_text(project: Project, listed: list[tuple[Section, list[comments.Thread]]], open_only: bool) -> str:
    """The threads under each section listed: each first comment with who, when, its state, its passage
    and where that is now, its text, and its replies indented below it."""
    kind = "open comments" if open_only else "comments"
    lines: list[str] = []
    for section, section_threads in listed:
        if lines:
            lines.append("")
        lines.append(f"{project.number_of(section)} {section.heading}")
        if not section_threads:
            lines.append(f"  (no {kind})")
        for thread in section_threads:
            lines.extend(_thread_lines(project, section, thread))
    return "\n".join(lines) if lines else f"No {kind} in this project."


def _thread_lines(project: Project, section: Section, thread: comments.Thread) -> list[str]:
    root = thread.root
    lines = [f"  {root.id}  [{'resolved' if thread.resolved else 'OPEN'}]  {_who(project, root)}"]
    if root.quote:
        lines.append(f"{INDENT}on \u201c{_one_line(root.quote)}\u201d \u2014 {_where(section, thread.anchor)}")
    lines.extend(_indented(root.text, INDENT))
    for reply in thread.replies:
        answered = "" if reply.parent == root.id else f" (to {reply.parent})"
        lines.append(f"{INDENT}reply {reply.id}{answered}  {_who(project, reply)}")
        lines.extend(_indented(reply.text, INDENT * 2))
    return lines


def _who(project: Project, comment: Comment) -> str:
    source = " (from Word)" if comment.source == "word" else ""
    return f"{project.org_label(comment.org)}, {comment.person}, {comment.time:%Y-%m-%d %H:%M} UTC{source}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _indented(text: str, indent: str) -> list[str]:
    return [f"{indent}{line}" if line else "" for line in text.split("\n")]


def comments_json(project: Project, listed: list[tuple[Section, list[comments.Thread]]], open_only: bool) -> dict:
    """``comments --json``: each section listed (by number, id and heading) with its threads, each thread's
    first comment with its anchor and state, and its replies oldest first."""
    return {"open_only": open_only,
            "sections": [{"section_id": section.id, "section_number": project.number_of(section),
                          "heading": section.heading,
                          "threads": [_thread_json(project, section, thread) for thread in section_threads]}
                         for section, section_threads in listed]}


def _thread_json(project: Project, section: Section, thread: comments.Thread) -> dict:
    found = thread.anchor
    return {**_comment_json(project, thread.root), "quote": thread.root.quote,
            "anchor": {"state": found.state, "in": _anchor_place(section, found),
                       "block": found.block, "start": found.start if found.state == comments.ANCHORED else None,
                       "end": found.end if found.state == comments.ANCHORED else None},
            "resolved": thread.resolved,
            "replies": [{**_comment_json(project, reply), "parent": reply.parent} for reply in thread.replies]}


def _anchor_place(section: Section, found: comments.Anchor) -> str | None:
    """Where an anchored passage is ("heading", "paragraph 2"...); None when it is not anchored."""
    if found.state != comments.ANCHORED:
        return None
    return "heading" if found.block is None else block_label(section, found.block)


def _comment_json(project: Project, comment: Comment) -> dict:
    return {"id": comment.id, "org": comment.org, "org_label": project.org_label(comment.org),
            "person": comment.person, "time": comment.time.isoformat(), "text": comment.text,
            "source": comment.source or "wyassembler", "revision": comment.revision}
