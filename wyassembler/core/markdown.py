"""Markdown in and out of the content model.

Reading (:func:`parse_markdown`, CommonMark plus pipe tables, parsed by
markdown-it-py) maps:

========================================  =====================================
Markdown                                  content model
========================================  =====================================
paragraph                                 :class:`Paragraph`
line wrapped / hard break (two spaces     a space / a line break ``"\\n"``
or ``\\`` at the line end, ``<br>``)
a tab (or ``&#9;``)                       a tab ``"\\t"``
``-`` / ``*`` / ``+`` list, ``1.`` list   :class:`ListItem` ``bullet`` / ``number``,
                                          nesting gives level 1 to 3 (deeper: 3)
a numbered list from N (``5.``)           its first item ``start=N``; ``start=1``
                                          where it would otherwise go on from the
                                          list before it (``1.`` then ``1)``)
``**bold**``, ``*italic*``, ``_italic_``  :class:`Span` bold / italic
``[text](url)``, ``<https://...>``        :class:`Span` with ``href`` (web and
                                          mailto: only; others become text)
pipe table                                :class:`Table` (first row is the header;
                                          an empty one stands for none)
a paragraph that is only ``{{members}}``  :class:`MemberList`
========================================  =====================================

Everything else is simplified with a warning and never raises: headings become
bold paragraphs, code becomes plain paragraphs, quotations their paragraphs,
images their description, inline code plain text; raw HTML is dropped (we never
store HTML), a link without text (``[](url)``) is dropped naming its address,
and thematic breaks vanish.  :func:`parse_plain_text` reads .txt
files: blank-line separated paragraphs, a single line break inside one kept as
a line break, no Markdown at all.

Writing (:func:`to_markdown`) produces Markdown that :func:`parse_markdown`
reads back to the same blocks: text is escaped so it stays literal, emphasis
markers are placed so CommonMark pairs them as intended, lists are indented
relative to their parent item and numbered as :func:`.lists.list_places`
numbers them.  Two things do not survive: whitespace (a line break or tab too)
at the edge of bold or italic text is written outside the markers (CommonMark
cannot open emphasis before a space), so it comes back without that formatting
unless the text on both sides shares it; and a table whose header row is all
empty cells comes back without a header row.
"""

from __future__ import annotations

from .markdown_in import MEMBERS_DIRECTIVE, ParseResult, parse_markdown, parse_plain_text
from .markdown_out import to_markdown

__all__ = ["MEMBERS_DIRECTIVE", "ParseResult", "parse_markdown", "parse_plain_text", "to_markdown"]
