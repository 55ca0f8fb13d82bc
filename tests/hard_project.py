"""A hard project for export fidelity: what real responses hold and the sample does not.

Three section levels, over a hundred top-level sections (heading numbers of three digits), nested
mixed lists that restart and one that starts at 5, line breaks and tabs, an eight-column table with
long words, a table without a header row, Welsh and other non-ASCII text.
"""

from __future__ import annotations

from tests.factories import COORDINATOR, T0
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, Table, plain
from wyassembler.core.model import Project
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project

OWNERS = ("bradford", "calderdale", "kirklees", "leeds", "wakefield", "chis", "police", "fire", "wypte")

WELSH = "Mae’r bartneriaeth yn croesawu’r strategaeth; ŵyr, ŷd, Llanelli – ‘dyfodol digidol’."
OTHER_SCRIPTS = "Zürich, Øresund, Łódź, Ελλάδα, Україна, 日本語, العربية, naïve café — “quoted”."

EIGHT_COLUMNS = ("Organisation", "Responsibility", "Infrastructure", "Accessibility",
                 "Procurement", "Interoperability", "Telecommunications", "Authentication")


def mixed_lists() -> tuple:
    """Numbered, bulleted and nested items that must restart, one list from 5, and a line break."""
    number = lambda text, level=1, start=None: ListItem(plain(text), "number", level, start)  # noqa: E731
    bullet = lambda text, level=1: ListItem(plain(text), "bullet", level)  # noqa: E731
    return (
        Paragraph(plain("The partnership asks for three things.")),
        number("Shared infrastructure"), number("Common standards"),
        bullet("A note between the two numbered lists"),
        number("Restarted first"), number("Restarted second"),
        number("Nested one", 2), number("Nested two", 2), number("Nested deeper", 3),
        number("Restarted third"),
        bullet("Bullet parent"), number("Under a bullet, first", 2), number("Under a bullet, second", 2),
        bullet("Next bullet parent"), number("Under the next bullet, first again", 2),
        Paragraph(plain("A list that continues the count:")),
        number("Fifth point", start=5), number("Sixth point"),
        Paragraph((Span("Address:\nWellington House\nLeeds"), Span("\tTel:\t0113 000 0000", italic=True))),
    )


def eight_column_table() -> Table:
    header = tuple(plain(word) for word in EIGHT_COLUMNS)
    rows = tuple(tuple(plain(f"{word[:5]} {n}") for word in EIGHT_COLUMNS) for n in range(1, 4))
    return Table(header, rows)


def headerless_table() -> Table:
    return Table((), ((plain("Telephone"), plain("0113 000 0000")), (plain("E-mail"), plain("ict@example.org"))))


def hard_project(top_level: int = 104, total: int = 300) -> Project:
    """The hard project: ``top_level`` top-level sections (at least 3), the first few deep and full,
    and sub-sections under the others up to ``total`` sections in all."""
    project = new_project("Digital Wales and the North: a joint response", "Ymateb ar y cyd",
                          preset="west-yorkshire", person="H. Dawson", now=T0)
    first = add_section(project, COORDINATOR, "Lists that restart", OWNERS[0], mixed_lists(), now=T0)
    child = add_section(project, COORDINATOR, "Tables", OWNERS[1],
                        (Paragraph(plain("An eight-column table:")), eight_column_table(),
                         Paragraph(plain("A table without a header row:")), headerless_table()),
                        parent=first, now=T0)
    add_section(project, COORDINATOR, "Ymateb Cymraeg – Welsh and other scripts", OWNERS[2],
                (Paragraph(plain(WELSH)), Paragraph(plain(OTHER_SCRIPTS))), parent=child, now=T0)
    add_section(project, COORDINATOR, "Members", OWNERS[3], (MemberList(),), now=T0)
    points = [add_section(project, COORDINATOR, f"Consultation point {n}", OWNERS[n % len(OWNERS)],
                          (Paragraph(plain(f"The partnership’s view on point {n}.")),), now=T0)
              for n in range(3, top_level + 1)]
    remaining = total - len(project.all_sections())
    for index in range(max(remaining, 0)):
        parent = points[index % len(points)]
        add_section(project, COORDINATOR, f"Detail {len(parent.children) + 1} of {parent.heading.lower()}",
                    parent.owner, (Paragraph(plain("Supporting detail.")),), parent=parent, now=T0)
    return project
