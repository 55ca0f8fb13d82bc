"""What the exported response declares about itself, laid into the body: on whose behalf it is made
(where the project's ``behalf_at`` setting says) and, in the full copy, which sections are confidential.

The wording is the core's (:mod:`.core.declarations`); this module only places it. The statement of
whom the response is made on behalf of stands right after the response's first member list
(``behalf_at`` "members"), or after the title block ("title", and where the response shows no member
list; when that list names exactly those the response is made on behalf of, the statement refers to it
rather than naming them again). The behalf statement, and the note right under the heading of each section
marked confidential (full copy only), stand in the template's Quote style if it has one, set apart from the
partners' own text. The confidentiality statement follows the closing line under its own unnumbered heading, in the
full copy only: the public copy withholds the sections instead. What was written, and where, is
recorded (:class:`Declared`) for the manifest, so that verify-docx expects the same paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from ..core.declarations import (Statement, behalf_organisations, behalf_statement, confidential_note,
                                 confidentiality_statement, member_list_lines, member_names)
from ..core.model import Project, Section
from ..core.signoff import endorsement_states
from . import oxml
from .styles import StyleMap

AFTER_MEMBERS, AFTER_TITLE = "members", "title"


@dataclass
class Declared:
    """What the body declares, as text, for the manifest: the names each member list shows, the
    statement of whom the response is made on behalf of and where it stands (:data:`AFTER_MEMBERS` or
    :data:`AFTER_TITLE`), and the confidentiality statement's heading and paragraphs (none in a public copy)."""

    members: list[str] = field(default_factory=list)
    behalf: list[str] = field(default_factory=list)
    behalf_at: str = ""
    confidentiality: list[str] = field(default_factory=list)


def declaration_problems(project: Project, declared: Declared, public: bool) -> list[str]:
    """What verify-docx finds wrong with what a document declares, against the records its manifest carries
    (``project``, rebuilt from them): the statement of whom the response is made on behalf of must be the one
    those endorsements make (a final's or a draft's: the manifest does not say which), and the member list
    must name every partner or those the response is made on behalf of. The text alone could be edited in
    the body and the manifest together; the endorsements cannot, being signed."""
    states = endorsement_states(project)
    problems = []
    listed = _listed_above(declared.members, project, states) and declared.behalf_at == AFTER_MEMBERS
    made = [[line.text for line in behalf_statement(project, draft, public, states, listed).lines]
            for draft in (False, True)]
    if declared.behalf not in made:
        problems.append("the statement of whom the response is made on behalf of is not the one the endorsements "
                        "in the manifest make (the document or its manifest was edited)")
    if declared.members not in ([org.name for org in project.organisations],
                                [org.name for org in behalf_organisations(project, states)]):
        problems.append("the member list names neither every partner nor those the response is made on behalf of "
                        "(the document or its manifest was edited)")
    # The reasons are the sections' own (the response hash every endorsement signs covers them); a public
    # copy states none, a full copy with a confidential section must.
    statement = None if public else confidentiality_statement(project)
    if declared.confidentiality != (statement.texts() if statement is not None else []):
        problems.append("the confidentiality statement is not the one the confidential sections in the manifest "
                        "make (the document or its manifest was edited)")
    return problems


def _listed_above(members: list[str], project: Project, states: dict[str, str]) -> bool:
    """Whether a member list of ``members`` names exactly the organisations the response is made on behalf of."""
    return members == [org.name for org in behalf_organisations(project, states)]


def section_note(project: Project, section: Section, public: bool) -> list[str]:
    """The paragraph the export writes right under ``section``'s heading before its text: its confidential
    note (:func:`.core.declarations.confidential_note`) in the full copy, else none."""
    note = None if public else confidential_note(project, section)
    return [note] if note else []


class DeclarationBody:
    """The writer's body builder's part for the declarations, mixed into ``writer._BodyBuilder``."""

    # the body builder's, used here
    xml: list[str]
    styles: StyleMap
    headings: set[str]
    bullets: int
    public: bool
    # this part's own (None in a builder that writes no declarations: a partner's pack)
    declared: Declared | None = None
    _behalf: Statement
    _behalf_listed: Statement  # the statement right after a member list (refers to it when it names them)
    _title_end: int
    _project: Project  # the project being written (its outline says which sections are withheld with which)

    def _add_num(self, abstract_id: int, starts: dict[int, int] | None = None) -> int:
        raise NotImplementedError  # the body builder's

    def _blocks(self, blocks, members: list[str]) -> None:
        raise NotImplementedError  # the body builder's

    def _section_text(self, section: Section, members: list[str]) -> None:
        """A section's text under its heading, after its confidential note (full copy, and only in a builder
        that writes declarations: not a partner's pack)."""
        if self.declared is not None:
            self.xml.extend(oxml.paragraph(oxml.run(text), self.styles["statement"])
                            for text in section_note(self._project, section, self.public))
        self._blocks(section.blocks, members)

    def _begin_declarations(self, project: Project, draft: bool) -> list[str]:
        """Work out the statements once, after the title block is written (the behalf statement goes
        there now when the project says so); returns the names the member lists show."""
        states = endorsement_states(project)
        self._project = project
        self._behalf = behalf_statement(project, draft, self.public, states)
        declared = self.declared = Declared(member_names(project, states))
        self._behalf_listed = (behalf_statement(project, draft, self.public, states, listed_above=True)
                               if _listed_above(declared.members, project, states) else self._behalf)
        self._title_end = len(self.xml)
        if project.behalf_at == AFTER_TITLE:
            self._write_behalf(AFTER_TITLE)
        return declared.members

    def _member_list(self, members: list[str]) -> None:
        """A member list's names as a bulleted list, and after the first one the behalf statement when
        it stands there."""
        num = self._add_num(self.bullets)
        for name in member_list_lines(members):
            self.xml.append(oxml.paragraph(oxml.run(name), self.styles["list"], (num, 0)))
        if self.declared is not None and not self.declared.behalf_at:
            self._write_behalf(AFTER_MEMBERS)

    def _end_declarations(self, project: Project) -> None:
        """After the closing line: the behalf statement after the title block if no member list took it,
        and the confidentiality statement (full copy only)."""
        declared = self.declared
        if declared is None:  # (not begun: nothing to declare)
            return
        if not declared.behalf_at:
            self._write_behalf(AFTER_TITLE, at=self._title_end)
        statement = None if self.public else confidentiality_statement(project)
        if statement is None:
            return
        heading = oxml.paragraph(oxml.run(statement.heading), self.styles.heading(1), (0, 0), keep_next=True)
        self.headings.add(heading)
        self.xml.append(heading)
        self.xml.extend(self._paragraphs(statement))
        declared.confidentiality = statement.texts()

    def _write_behalf(self, where: str, at: int | None = None) -> None:
        statement = self._behalf_listed if where == AFTER_MEMBERS else self._behalf
        paragraphs = self._paragraphs(statement, self.styles["statement"])
        if at is None:
            self.xml.extend(paragraphs)
        else:
            self.xml[at:at] = paragraphs
        if self.declared is not None:
            self.declared.behalf = [line.text for line in statement.lines]
            self.declared.behalf_at = where

    def _paragraphs(self, statement: Statement, style: str | None = None) -> list[str]:
        """The statement's lines as paragraphs (in ``style``, default Normal); its list items as one
        bulleted list per run of items."""
        paragraphs = []
        num = 0
        for line in statement.lines:
            if not line.bullet:
                num = 0
                paragraphs.append(oxml.paragraph(oxml.run(line.text), style))
                continue
            if not num:
                num = self._add_num(self.bullets)
            paragraphs.append(oxml.paragraph(oxml.run(line.text), self.styles["list"], (num, 0)))
        return paragraphs
