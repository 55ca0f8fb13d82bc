"""Every PDF we make is accessible, checked rather than hoped: the sample, the hard project and the sample
through each branded template, exported to PDF and read back with the PDF/UA checker (pdfua: 0 findings) and
with pikepdf (tests/pdf_checks.py): the headings are the outline's, the bookmarks the headings, the title
and language are set, header and footer content is an artifact, and a screen reader reads the response's text
in order (the consultation's order too). An archive copy claims PDF/A-2 beside PDF/UA; a public copy holds
no withheld text anywhere. The hard project is exported with its headerless table's header row turned on,
as `check` asks: as it is, its PDF is refused (a table without a header row fails PDF/UA), its .docx draft not.

Each PDF is made once per module (LibreOffice takes a second or two) and several tests read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from tests.hard_project import EIGHT_COLUMNS, hard_project
from tests.pdf_checks import (
    Catalog,
    Structure,
    describe,
    docx_furniture,
    docx_headings,
    docx_words,
    first_difference,
    heading_level,
    needs_libreoffice,
    pdf_leaks,
    pdf_words,
    pdfua_findings,
    read_catalog,
    read_structure,
    words,
)
from tests.word.public_sample import TOKENS, signed_confidential
from wyassembler.cli import main
from wyassembler.core.confidentiality import withheld_sections
from wyassembler.core.content import Table, iter_spans, plain
from wyassembler.core.editing import edit_section
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.model import Actor, Project
from wyassembler.core.public_copy import covered_by_parent
from wyassembler.projectfile import storage
from wyassembler.resource_files import resource
from wyassembler.word.pdf_export import export_pdf
from wyassembler.word.writer import build_docx, export_docx

pytestmark = needs_libreoffice

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
TEMPLATE_NAMES = sorted(path.name for path in TEMPLATES.iterdir() if path.suffix in (".docx", ".dotx"))
SIGNOFF_HEADING = (1, "Sign-off record")


@dataclass
class Made:
    """A project exported to PDF, the .docx the same export writes, and the headings the appendices add."""
    name: str
    project: Project
    docx: bytes
    pdf: Path
    appendix_headings: list[tuple[int, str]]
    public: bool = False
    order: str = "outline"

    @cached_property
    def structure(self) -> Structure:
        return read_structure(self.pdf)

    @cached_property
    def catalog(self) -> Catalog:
        return read_catalog(self.pdf)

    def expected_headings(self) -> list[tuple[int, str]]:
        """The outline as printed: (level, "number heading"), a withheld section of a public copy as
        "number Withheld" (what is below it left out), then the appendices' headings. In the consultation's
        order the headings are unnumbered, in the order the .docx has them."""
        if self.order == "questions":
            return docx_headings(self.docx)
        withheld = withheld_sections(self.project) if self.public else {}
        outline = [(level, f"{number} {'Withheld' if section.id in withheld else section.heading}")
                   for number, level, section in self.project.walk()
                   if not covered_by_parent(self.project, withheld, section)]
        return outline + self.appendix_headings


def with_header_rows(project: Project) -> Project:
    """``project`` with each table's first row made its header row, as its owner does when `check` says the
    table has none (Format \u203a Table \u203a Header Row)."""
    for _, _, section in project.walk():
        if any(type(block) is Table and not block.header for block in section.blocks):
            blocks = tuple(Table(block.rows[0], block.rows[1:]) if type(block) is Table and not block.header
                           else block for block in section.blocks)
            edit_section(project, Actor(section.owner, "Someone", "partner lead"), section, blocks=blocks)
    return project


def _sample() -> Project:
    return storage.load(str(resource("samples", "west-yorkshire-2005.wyproj"))).project


def make(folder: Path, name: str, project: Project, **options) -> Made:
    """``project`` exported to ``folder/name.pdf`` with the export ``options`` (``archive`` among them), and
    the .docx the same export builds."""
    pdf = folder / f"{name}.pdf"
    export_pdf(project, pdf, project_path=None, **options)
    options.pop("archive", None)
    appendix = [SIGNOFF_HEADING] if options.get("signoff_appendix") else []
    return Made(name, project, build_docx(project, **options).data, pdf, appendix, public=options.get("public", False),
                order=options.get("order", "outline"))


CASES = ["sample", "hard", "questions", *TEMPLATE_NAMES]


@pytest.fixture(scope="module")
def exports() -> dict[str, Made]:
    """Each case's export, made when a test first asks for it and kept for the module."""
    return {}


def _export(exports: dict[str, Made], folder: Path, case: str) -> Made:
    if case not in exports:
        if case == "sample":
            exports[case] = make(folder, case, _sample(), signoff_appendix=True)
        elif case == "hard":
            exports[case] = make(folder, case, with_header_rows(hard_project()), draft=True)
        elif case == "questions":  # signed, with questions, confidential sections, every appendix
            exports[case] = make(folder, case, signed_confidential()[0], order="questions", questions_appendix=True,
                                 signoff_appendix=True)
        else:
            exports[case] = make(folder, Path(case).stem, _sample(), template=TEMPLATES / case, draft=True)
    return exports[case]


@pytest.fixture(scope="module", params=CASES)
def made(request, exports, tmp_path_factory) -> Made:
    return _export(exports, tmp_path_factory.mktemp("pdf"), request.param)


@pytest.fixture(scope="module")
def hard(exports, tmp_path_factory) -> Made:
    return _export(exports, tmp_path_factory.mktemp("pdf"), "hard")


@pytest.fixture(scope="module")
def sample(exports, tmp_path_factory) -> Made:
    return _export(exports, tmp_path_factory.mktemp("pdf"), "sample")


def test_the_pdf_ua_checker_finds_nothing(made):
    assert describe(pdfua_findings(made.pdf)) == []


def test_the_headings_are_the_outline_as_printed(made):
    assert made.structure.headings() == made.expected_headings()


def test_the_headings_are_the_documents(made):
    """Each heading's text (its number aside) and level is the .docx's: none lost, added or moved."""
    found = [(heading_level(e), e.label_and_body()[1]) for e in made.structure.heading_elements()]
    assert found == docx_headings(made.docx)


def test_no_heading_is_empty_and_no_level_is_skipped(made):
    """pdfua's own check of empty headings (UA-14-001) cannot run on LibreOffice's PDFs (see KNOWN_SKIPS)."""
    previous = 0
    for heading in made.structure.heading_elements():
        number, text = heading.label_and_body()
        assert words(text), f"heading {heading.text!r} has no text after its number {number!r}"
        assert heading_level(heading) <= previous + 1, f"{heading.text!r} skips a level after H{previous}"
        previous = heading_level(heading)


def test_the_bookmarks_are_the_headings(made):
    assert made.catalog.bookmarks == made.structure.headings()


def test_the_title_is_shown_and_the_language_is_british_english(made):
    catalog = made.catalog
    assert catalog.info_title == catalog.xmp_title == made.project.title
    assert catalog.display_title and catalog.marked
    assert catalog.language == "en-GB"
    assert catalog.pdfua_part == "1"


def test_a_screen_reader_reads_the_response_in_order(made):
    """The text of the structure, in its order, is the .docx body's, word for word: nothing missing,
    repeated or out of place; all text shown is in the structure or an artifact."""
    found, expected = pdf_words(made.structure), docx_words(made.docx)
    assert found == expected, first_difference(found, expected)
    assert made.structure.unmarked_text == []
    assert made.structure.mcids_unused == made.structure.mcids_used_twice == 0


def test_headers_and_footers_are_artifacts(made):
    """What the header and footer print (running title, DRAFT, the template's own lines, page numbers) is
    marked as an artifact, so it is not read out on every page; page numbers are counted at layout time."""
    artifact_words = words(" ".join(made.structure.artifact_text))
    for line in docx_furniture(made.docx):
        lettered = [word for word in words(line) if not word.isdigit()]
        assert all(word in artifact_words for word in lettered), f"{line!r} is not among the artifacts"
    assert made.structure.images["unmarked"] == 0


def test_a_template_logo_without_alt_text_is_an_artifact(exports, tmp_path_factory):
    made = _export(exports, tmp_path_factory.mktemp("pdf"), "first-page-logo.docx")
    assert made.structure.images == {"artifact": 1, "marked": 0, "unmarked": 0}
    assert made.structure.find("Figure") == []


def test_links_have_text_and_their_target(sample):
    hrefs = {span.href for _, _, section in sample.project.walk() for span in iter_spans(section.blocks)
             if span.href}
    links = sample.structure.find("Link")
    assert len(links) >= len(hrefs) > 0
    for link in links:
        assert words(link.text), "a link without text"
        assert [a["subtype"] for a in link.annotations] == ["/Link"]
        assert link.annotations[0]["uri"] in hrefs
        assert link.text in link.annotations[0]["contents"]
    assert {link.annotations[0]["uri"] for link in links} == hrefs


def test_lists_are_lists_and_tables_have_column_headers(hard):
    structure = hard.structure
    items = structure.find("LI")
    assert items and all([child.role for child in item.children][-1] == "LBody" for item in items)
    labels = [body.children[0].label_and_body() for body in structure.find("LBody")]  # (not a list nested in it)
    assert ("5.", "Fifth point") in labels and ("•", "Bullet parent") in labels
    wide = next(table for table in structure.find("Table") if EIGHT_COLUMNS[0] in table.text)
    header = wide.children[0]
    assert [cell.role for cell in header.children] == ["TH"] * len(EIGHT_COLUMNS)
    assert [cell.text for cell in header.children] == list(EIGHT_COLUMNS)
    assert all(cell.attributes.get("Scope") == "Column" for cell in header.children)
    width, height = structure.page_sizes[min(p for cell in wide.walk() for p in cell.pages)]
    assert width > height, "the eight-column table is not on a landscape page"


def test_a_table_without_a_header_row_refuses_the_pdf_but_not_the_word_draft(tmp_path):
    """LibreOffice tags a table without a header row with data cells only (pdfua: UA-15-003), so a PDF, even a
    draft, is refused naming the section, and nothing is written; the .docx draft is written, with the error
    among its warnings."""
    project = hard_project(top_level=4, total=8)
    pdf = tmp_path / "hard.pdf"
    with pytest.raises(WyassemblerError) as refused:
        export_pdf(project, pdf, project_path=None, draft=True)
    message = str(refused.value)
    assert message.startswith("a PDF cannot be written while the response has an error that would make the PDF "
                              "fail the PDF/UA check (section 2.1 \u201cTables\u201d): the table that begins "
                              "\u201cTelephone\u201d has no header row")
    assert "Format \u203a Table \u203a Header Row" in message and "'wyassembler check' lists them" in message
    assert "\n" not in message and list(tmp_path.iterdir()) == []
    docx = tmp_path / "hard.docx"
    result = export_docx(project, docx, project_path=None, draft=True)
    assert docx.exists()
    assert any("has no header row" in warning and warning.endswith("A final export refuses until this is fixed.")
               for warning in result.warnings)


def test_a_withheld_sections_headerless_table_refuses_the_full_pdf_not_the_public_one(tmp_path):
    """The public copy leaves the withheld section out, its table too: its PDF passes and names nothing of it."""
    project = signed_confidential()[0]
    secret = next(section for _, _, section in project.walk() if "QXHEADING" in section.heading)
    edit_section(project, Actor(secret.owner, "Someone", "partner lead"), secret,
                 blocks=(*secret.blocks, Table((), ((plain("QXROW"), plain("1")),))))
    with pytest.raises(WyassemblerError, match="QXHEADING.*the table that begins \u201cQXROW\u201d"):
        export_pdf(project, tmp_path / "full.pdf", project_path=None, draft=True)
    public = tmp_path / "public.pdf"
    export_pdf(project, public, project_path=None, draft=True, public=True)
    assert describe(pdfua_findings(public)) == []
    assert pdf_leaks(public, [*TOKENS, "QXROW"]) == []


def test_the_sign_off_record_has_column_headers(sample):
    record = sample.structure.find("Table")[-1]
    assert [cell.text for cell in record.children[0].children][:3] == ["Section", "Organisation", "Signed by"]
    assert {cell.role for cell in record.children[0].children} == {"TH"}


def test_an_archive_copy_from_the_command_line_is_pdf_a_2b_and_pdf_ua(tmp_path):
    project_path, pdf = tmp_path / "response.wyproj", tmp_path / "archive.pdf"
    assert main(["sample", str(project_path)]) == 0
    assert main(["export", str(project_path), "-o", str(pdf), "--pdf-archive", "--signoff-appendix"]) == 0
    project = storage.load(str(project_path)).project
    made = Made("archive", project, build_docx(project, signoff_appendix=True).data, pdf, [SIGNOFF_HEADING])
    assert (made.catalog.pdfa_part, made.catalog.pdfa_conformance, made.catalog.pdfua_part) == ("2", "B", "1")
    assert describe(pdfua_findings(made.pdf)) == []
    assert made.structure.headings() == made.expected_headings()
    found, expected = pdf_words(made.structure), docx_words(made.docx)
    assert found == expected, first_difference(found, expected)


def test_a_public_copy_holds_no_withheld_text_anywhere(tmp_path_factory):
    project = signed_confidential()[0]
    made = make(tmp_path_factory.mktemp("pdf"), "public", project, public=True, signoff_appendix=True)
    assert pdf_leaks(made.pdf, TOKENS) == []
    # The same search finds what the copy does show: in its text and in its bookmarks' strings.
    assert {where.split(" ")[0] for where, _ in pdf_leaks(made.pdf, ["Shared estates"])} == {"shown", "object"}
    assert describe(pdfua_findings(made.pdf)) == []
    assert made.structure.headings() == made.expected_headings()
    found, expected = pdf_words(made.structure), docx_words(made.docx)
    assert found == expected, first_difference(found, expected)


def _item_text(item) -> str:
    """A list item's own text, without its label and without the items of a list nested in it."""
    return item.children[-1].children[0].label_and_body()[1]


def test_a_nested_list_is_inside_its_parent_item(hard):
    """A screen reader announces "list, 3 items" and, inside the second, "list, 2 items": the nesting the
    reader sees. hard_project's "Restarted" list holds two nested items (one with its own) and goes on."""
    items = hard.structure.find("LI")
    parent = next(item for item in items if _item_text(item) == "Restarted second")
    assert [_item_text(item) for item in parent.walk() if item.role == "LI"] == [
        "Restarted second", "Nested one", "Nested two", "Nested deeper"]
    outer = next(lst for lst in hard.structure.find("L") if parent in lst.children)
    assert [_item_text(item) for item in outer.children] == ["Restarted first", "Restarted second", "Restarted third"]
