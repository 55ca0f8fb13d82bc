"""What the body reader yields, told apart by type (:data:`Item`), and what a paragraph's runs inherit
from its styles (:class:`Styling`, :class:`ParagraphStyle`): plain values, shared by the reader, the
import builder and the pack reader."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.content import Block, Span


# -- what the reader yields -------------------------------------------------------------------

@dataclass(frozen=True)
class Heading:
    """A heading at levels 1 to 3, with its spans; ``text`` is empty if the document's heading was."""

    text: str
    level: int
    spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Title:
    """The document's title: its first Title paragraph before any heading."""

    text: str


@dataclass(frozen=True)
class Subtitle:
    """The document's subtitle: its first Subtitle paragraph before any heading."""

    text: str


@dataclass(frozen=True)
class Closing:
    """A paragraph in the Closing style: the response's closing line."""

    text: str


@dataclass(frozen=True)
class BlockItem:
    """A content block; ``number`` is the number Word shows a numbered list item."""

    block: Block
    number: int | None = None


Item = Heading | Title | Subtitle | Closing | BlockItem
# The paragraph roles that are one line of the response of their own, and what the reader yields for each.
NAMED_LINES: dict[str, type[Title] | type[Subtitle] | type[Closing]] = {"title": Title, "subtitle": Subtitle,
                                                                     "closing": Closing}


# -- what a paragraph's runs inherit ----------------------------------------------------------

@dataclass(frozen=True)
class Styling:
    """What the text at one place inherits: the paragraph's style (a run's character style is resolved
    against it), bold and italic as the styles and direct formatting so far leave them, and the link
    it stands in (``w:hyperlink`` or a ``HYPERLINK`` simple field; a complex field's link is kept by
    the :class:`.body_fields.FieldStack`)."""

    paragraph_style: str | None = None
    bold: bool = False
    italic: bool = False
    href: str | None = None

    def linked(self, href: str | None) -> Styling:
        """The same styling inside a link to ``href`` (None: inside no link)."""
        return self if href == self.href else replace(self, href=href)


@dataclass(frozen=True)
class ParagraphStyle:
    """What a paragraph style says, as far as the reader needs it."""

    role: str  # "body", "title", "subtitle", "closing" or "toc"
    heading_level: int | None  # its outline level + 1, for a heading style
    numbering: tuple[int, int | None] | None  # its own list, from its (or a base style's) w:numPr
    list_level: int  # Word's "List Bullet 2" is a one-level list of its own, indented: its level is in its name
    styling: Styling  # what its runs inherit: the style in effect, its bold and italic


# Paragraph styles with a role of their own, by (case-folded) name; "toc 1"..."toc 9" are found by prefix.
_ROLES = {"title": "title", "subtitle": "subtitle", "closing": "closing", "toc heading": "toc",
          "contents heading": "toc"}


def paragraph_role(style_name: str) -> str:
    """A paragraph style's role, from its case-folded name: "title", "subtitle", "closing", "toc" or "body"."""
    role = _ROLES.get(style_name)
    if role is None:
        role = "toc" if style_name.startswith(("toc ", "contents ")) else "body"
    return role
