"""The import report: what a Word document held that the content model cannot, by kind and place.

Every kind has one sentence ("3 pictures left out: ..."); :meth:`ImportReport.lines` lists them in a
fixed order with the places they were found, then any free notes. The CLI prints the lines on stderr;
the desktop app shows them in a dialog, and may use :attr:`ImportReport.counts` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field


# -- the report -------------------------------------------------------------------------------

# kind -> (one, many, what happened to them)
REPORT_KINDS: dict[str, tuple[str, str, str]] = {
    "image": ("picture", "pictures", "left out: the response holds text only"),
    "chart": ("chart", "charts", "left out"),
    "smartart": ("SmartArt diagram", "SmartArt diagrams", "left out"),
    "shape": ("drawing or shape", "drawings or shapes", "left out"),
    "text-box": ("text box", "text boxes", "left out, text included"),
    "object": ("embedded object", "embedded objects", "left out"),
    "equation": ("equation", "equations", "left out"),
    "alt-chunk": ("embedded document part", "embedded document parts", "left out"),
    "comment": ("comment", "comments", "left out"),
    "footnote": ("footnote", "footnotes", "left out, with their text"),
    "endnote": ("endnote", "endnotes", "left out, with their text"),
    "page-break": ("page or column break", "page or column breaks",
                   "left out, the export laying out its own pages (inside a paragraph, kept as a line break)"),
    "symbol": ("symbol-font character", "symbol-font characters", "left out"),
    "hidden": ("piece of hidden text", "pieces of hidden text", "left out"),
    "field": ("field", "fields", "kept as the text they last showed"),
    "unclosed-field": ("field that was never closed", "fields that were never closed",
                       "ended with their paragraph or section: the text after them is kept"),
    "toc": ("table of contents line", "table of contents lines", "left out (Word can build a new one)"),
    "insertion": ("tracked insertion", "tracked insertions", "accepted"),
    "deletion": ("tracked deletion", "tracked deletions", "accepted: the deleted text is not imported"),
    "move": ("tracked move", "tracked moves", "accepted"),
    "format-change": ("tracked formatting change", "tracked formatting changes", "accepted"),
    "internal-link": ("link to a place in the document", "links to places in the document",
                      "kept as plain text"),
    "bad-link": ("link that is not a web or mail address", "links that are not web or mail addresses",
                 "kept as plain text"),
    "empty-link": ("link without text", "links without text", "left out: nothing showed for them"),
    "heading-link": ("link in a heading", "links in headings", "kept as plain heading text"),
    "deep-heading": ("heading below level 3", "headings below level 3",
                     "kept as bold paragraphs (sections go three levels deep)"),
    "empty-heading": ("heading without text", "headings without text",
                      "kept as sections called \u201cUntitled section\u201d and a number: give them headings"),
    "empty-heading-dropped": ("heading without text or anything under it", "headings without text or anything "
                              "under them", "left out"),
    "emptied-heading": ("section heading emptied", "section headings emptied",
                        "left as they were, since a section needs a heading"),
    "heading-jump": ("heading that skipped a level", "headings that skipped a level",
                     "placed one level below the heading before them"),
    "deep-list": ("list item below level 3", "list items below level 3", "moved up to level 3"),
    "high-list-start": ("list numbered from above 32767", "lists numbered from above 32767",
                        "started at 32767, the highest a list may start at, and numbered on from there"),
    "merged-cell": ("merged table cell", "merged table cells", "split: the text stays in the first cell"),
    "nested-table": ("table inside a table cell", "tables inside table cells", "flattened into the cell's text"),
    "cell-paragraphs": ("table cell with several paragraphs", "table cells with several paragraphs",
                        "kept as lines of one paragraph"),
    "headerless-table": ("table without a header row", "tables without a header row",
                         "kept without one, as the document showed them: turn its header row on before the final "
                         "export, which refuses without one (a screen reader needs column headers)"),
    "underline": ("underlined piece of text", "underlined pieces of text", "kept without underlining"),
    "strike": ("struck-through piece of text", "struck-through pieces of text",
               "kept, without the strikethrough"),
    "header-footer": ("header or footer", "headers or footers", "not imported: the export writes its own"),
}


@dataclass
class ImportReport:
    """What an import could not carry over, by kind, with the places it was found; plus notes."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, kind: str, where: str, count: int = 1) -> None:
        places = self.counts.setdefault(kind, {})
        places[where] = places.get(where, 0) + count

    def note(self, text: str) -> None:
        self.notes.append(text)

    def merge(self, other: ImportReport) -> None:
        """Add what ``other`` found to this report."""
        for kind, places in other.counts.items():
            for where, count in places.items():
                self.add(kind, where, count)
        self.notes.extend(other.notes)

    def total(self, kind: str) -> int:
        return sum(self.counts.get(kind, {}).values())

    def __bool__(self) -> bool:
        return bool(self.counts or self.notes)

    def lines(self) -> list[str]:
        """One sentence per kind ("3 pictures left out: ... (in section 2.1 and the title page)"), then notes."""
        result = []
        for kind, (one, many, what) in REPORT_KINDS.items():
            places = self.counts.get(kind)
            if not places:
                continue
            count = sum(places.values())
            result.append(f"{count} {one if count == 1 else many} {what} ({_places(list(places))})")
        return result + self.notes


def _places(places: list[str]) -> str:
    shown = places[:6]
    text = ", ".join(shown[:-1]) + (" and " if len(shown) > 1 else "") + shown[-1]
    if len(places) > len(shown):
        text = ", ".join(shown) + f" and {len(places) - len(shown)} more"
    return "in " + text
