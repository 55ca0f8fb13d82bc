"""Issue 13 review: branded templates and tables an export met that the issue's own tests did not.

Each test names what a coordinator would see. A hostile template must give a valid document or a
one-line error (a WyassemblerError), never a traceback, a hang, or a document a reader chokes on.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from lxml import etree

from tests.factories import COORDINATOR, T0
from tests.hard_project import EIGHT_COLUMNS
from tests.word.readback import open_docx
from tests.word.rendering import needs_libreoffice, rendered_lines
from wyassembler.core.content import Paragraph, Table, plain
from wyassembler.core.errors import WyassemblerError
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.word import layout, oxml
from wyassembler.word.writer import build_docx, default_template_path


def _template(folder: Path, name: str, part: str, pattern: str, replacement: str) -> Path:
    """wyassembler's own reference template with one regular-expression edit in ``part``."""
    path = folder / f"{name}.docx"
    with zipfile.ZipFile(default_template_path()) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                text, count = re.subn(pattern, replacement, data.decode("utf-8"), count=1, flags=re.S)
                assert count == 1, f"{pattern!r} not found in {part}"
                data = text.encode("utf-8")
            target.writestr(info, data)
    return path


def _body_section_properties(xml: str) -> str:
    return re.search(r"<w:body>.*</w:body>", xml, re.S).group(0)


def test_a_template_without_section_properties_exports_or_says_why(tmp_path, project):
    # A template whose body has no w:sectPr (Word writes one, but other tools and hand edits leave
    # it out): furniture.set_header takes document.sections[-1] and fails with IndexError.
    template = _template(tmp_path, "no-sectpr", "word/document.xml", r"<w:sectPr\b.*?</w:sectPr>", "")
    try:
        result = build_docx(project, template=template, draft=True)
    except WyassemblerError:
        return  # a one-line error is an acceptable answer
    document = open_docx(result.data)
    assert "Page" in "".join(t.text or "" for part in document.part.package.parts
                             if part.partname.startswith("/word/footer")
                             for t in etree.fromstring(part.blob).iter(qn("w:t")))


def test_a_style_loop_in_the_template_is_not_passed_on(tmp_path, project):
    # Normal based on Heading 1, which is based on Normal: LibreOffice never finishes opening the
    # export (it hangs laying out the styles); Word repairs it. Dangling references are dropped
    # (styles.drop_dangling_references); a cycle must be broken the same way.
    template = _template(tmp_path, "style-loop", "word/styles.xml",
                         r'(w:styleId="Normal"><w:name w:val="Normal"/>)', r'\1<w:basedOn w:val="Heading1"/>')
    result = build_docx(project, template=template, draft=True)
    styles = open_docx(result.data).styles.element
    based_on = {}
    for style in styles.iter(qn("w:style")):
        reference = style.find(qn("w:basedOn"))
        if reference is not None:
            based_on[style.get(qn("w:styleId"))] = reference.get(qn("w:val"))
    for start in based_on:
        seen = [start]
        while seen[-1] in based_on:
            following = based_on[seen[-1]]
            assert following not in seen, f"basedOn loop: {' -> '.join(seen + [following])}"
            seen.append(following)


def test_a_template_font_size_no_word_allows_is_not_taken_at_its_word(tmp_path):
    # Word's largest font size is 1638 pt (w:sz 3276). A template saying w:sz="99999999999" on
    # Normal made the export run for ever: layout.table_size steps down from the body size by half a
    # point at a time. The size must be held to what Word can show.
    template = _template(tmp_path, "huge-normal", "word/styles.xml",
                         r'(w:styleId="Normal">.*?)<w:sz w:val="24"/>', r'\1<w:sz w:val="99999999999"/>')
    with zipfile.ZipFile(template) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    assert oxml.font_size(styles, "Normal") <= 1638


def test_the_table_size_is_found_without_a_step_for_every_half_point(monkeypatch):
    # A template whose Normal is 1000 pt (w:sz 2000, which the schema allows): a 30-column, 200-row
    # table took 32 s to export instead of 1 s, words_fit being tried at 1,980 sizes over every cell.
    calls = []
    real = layout.words_fit

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(layout, "words_fit", counted)
    header = [f"Column{n}" for n in range(30)]
    columns = [[(f"value{row}{n}", False) for row in range(20)] for n in range(30)]
    size = layout.table_size(header, columns, 14004, 1000.0)
    assert size == layout.SMALLEST_TABLE_SIZE
    assert len(calls) <= 40, f"words_fit tried {len(calls)} times"


def test_a_wide_table_at_the_very_end_leaves_no_empty_page():
    # The closing line may be set empty ('set --closing-line ""'); then a landscape table that ends
    # the last section is followed by an empty portrait section: LibreOffice prints a blank last page.
    project = new_project("Ends wide", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.closing_line_template = ""
    table = Table(tuple(plain(word) for word in EIGHT_COLUMNS), ((plain("x"),) * len(EIGHT_COLUMNS),))
    add_section(project, COORDINATOR, "Capabilities", "bradford", (Paragraph(plain("As follows.")), table), now=T0)
    result = build_docx(project, draft=True)
    assert any("landscape" in warning for warning in result.warnings)
    body = open_docx(result.data).element.body
    children = [child for child in body if child.tag != qn("w:sectPr")]
    last_break = max(index for index, child in enumerate(children)
                     if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    final_section = children[last_break + 1:]
    assert final_section, "the document's last section holds nothing: an empty page after the table"


@pytest.mark.parametrize("margins", ["5700", "7000"], ids=["text width under 1 cm", "margins wider than the page"])
def test_a_template_page_with_no_room_for_text_is_refused_or_named(tmp_path, project, margins):
    # A4 (11906 twips) less left and right margins: 506 twips (0.9 cm), or less than nothing. The
    # export went ahead without a word (tables laid out for a 16 cm column, 'writer._text_width' falling
    # back silently), giving a document one letter wide, or a page LibreOffice prints without numbers.
    template = _template(tmp_path, f"margins-{margins}", "word/document.xml", r"<w:pgMar [^>]*/>",
                         f'<w:pgMar w:top="1417" w:right="{margins}" w:bottom="1417" w:left="{margins}" '
                         'w:header="709" w:footer="709" w:gutter="0"/>')
    try:
        result = build_docx(project, template=template, draft=True)
    except WyassemblerError as error:
        assert "\n" not in str(error)
        return
    assert any("margin" in warning.lower() for warning in result.warnings), result.warnings


def test_a_column_is_never_narrower_than_1_cm_while_the_body_words_fit():
    # layout.column_widths says a column goes down to 1 cm only when even the body's words cannot all
    # fit. A header-only table of six long header words on a landscape page gave two columns every
    # letter they wanted and four columns 256 twips (0.45 cm): one letter a line.
    header = ["Supercalifragilisticexpialidocious-Antidisestablishmentarianism"] * 6
    widths = layout.column_widths(header, [[] for _ in header], 14004, 10)
    assert sum(widths) == 14004
    assert min(widths) >= layout.NARROWEST_COLUMN, widths
    # A table of figures under long headers on an A4 page, as councils send: 0.83 cm columns.
    header = ["Interoperability"] * 14
    widths = layout.column_widths(header, [[("12", False)] for _ in header], 9026, 10)
    assert min(widths) >= min(layout.NARROWEST_COLUMN, 9026 // 14), widths


def test_a_parent_heading_goes_to_the_landscape_pages_with_its_first_subsection():
    # A section whose only content is its subsections (common: "2 Capabilities", then "2.1 ..."):
    # the wide table in 2.1 took 2.1's heading to the landscape page and left "2 Parent heading"
    # alone at the foot of the portrait page before it (writer._start_landscape looks back to the
    # current section's heading only; keep-with-next cannot cross a section break).
    project = new_project("Parent and child", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    parent = add_section(project, COORDINATOR, "Parent heading", "bradford", (), now=T0)
    table = Table(tuple(plain(word) for word in EIGHT_COLUMNS), ((plain("x"),) * len(EIGHT_COLUMNS),))
    add_section(project, COORDINATOR, "Child heading", "bradford", (table,), parent=parent, now=T0)
    add_section(project, COORDINATOR, "After", "bradford", (Paragraph(plain("More text.")),), now=T0)
    result = build_docx(project, draft=True)
    assert any("landscape" in warning for warning in result.warnings)
    body = list(open_docx(result.data).element.body)
    for index, element in enumerate(body):
        if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None or index == 0:
            continue
        before = body[index - 1].find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = before.get(qn("w:val")) if before is not None else ""
        text = "".join(t.text or "" for t in body[index - 1].iter(qn("w:t")))
        assert not style.startswith("Heading"), f"the heading {text!r} ends a page on its own before a section break"


def test_chinese_and_japanese_text_breaks_between_characters_not_only_at_spaces():
    # CJK text has no spaces, and Word and LibreOffice break a line between any two ideographs;
    # layout.longest_word splits at spaces only, so a Japanese sentence counted as one 'word' wider
    # than any column: a three-column table of ordinary sentences went on landscape pages at 10 pt,
    # with "some words ... are wider than its columns even so" and a 1,685 / 11,752 / 567 grid.
    sentence = "東京都庁の情報システム部門が担当する共同調達の枠組み"
    assert layout.longest_word(sentence, 12) <= 2 * layout.text_width("東", 12)
    project = new_project("CJK", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    table = Table((plain("地方自治体の名前"), plain("責任範囲と説明")),
                  tuple((plain(sentence * 2), plain("说明文字没有空格所以不能换行" * 3)) for _ in range(3)))
    add_section(project, COORDINATOR, "Japanese and Chinese", "bradford", (table,), now=T0)
    warnings = build_docx(project, draft=True).warnings
    assert not [warning for warning in warnings if "landscape" in warning or "wider than" in warning], warnings


def test_an_absurd_template_size_is_exported_at_words_largest_and_said(tmp_path, project):
    # The export with w:sz="99999999999" on Normal ends, its table sized for Word's largest size, and
    # the report says the template asked for more than Word can show.
    template = _template(tmp_path, "huge-normal", "word/styles.xml",
                         r'(w:styleId="Normal">.*?)<w:sz w:val="24"/>', r'\1<w:sz w:val="99999999999"/>')
    result = build_docx(project, template=template, draft=True)
    assert any("1638 pt" in warning and "Normal" in warning for warning in result.warnings), result.warnings


def test_the_table_size_found_directly_is_the_largest_half_point_that_fits():
    # The one-pass size is what stepping down half a point at a time found: the largest half-point
    # size at which every word fits, never the body's size when that does not fit.
    header = ["Organisation", "Interoperability", "Responsibilities", "Coordinator"]
    columns = [[("Leeds City Council", False)], [("12", False)], [("yes", False)], [("H. Dawson", False)]]
    for available in range(3000, 9000, 250):
        size = layout.table_size(header, columns, available, 12.0, 1.1)
        assert size * 2 == int(size * 2)
        if size > layout.SMALLEST_TABLE_SIZE:
            assert layout.words_fit(header, columns, available, size * 1.1)
        if size < 12.0:
            assert not layout.words_fit(header, columns, available, (size + 0.5) * 1.1)


def test_cjk_breaks_keep_closing_marks_with_the_character_before_and_latin_words_whole():
    # A line never begins with 。 or 」 nor ends with 「 (kinsoku), so those stay with their neighbour;
    # a Latin word inside Japanese text stays one word; Welsh and other non-ASCII text still breaks at spaces.
    wide = layout.text_width("東", 12)
    assert layout.longest_word("共同調達の枠組み。", 12) == layout.text_width("み。", 12)
    assert layout.longest_word("「引用」", 12) == layout.text_width("「引", 12)
    assert layout.longest_word("Interoperability東京", 12) == layout.text_width("Interoperability", 12)
    assert layout.longest_word("한국어 문장입니다", 12) == wide
    assert layout.longest_word("Gwasanaethau ŵyr", 12) == layout.text_width("Gwasanaethau", 12)


def test_a_long_body_word_leaves_the_other_columns_as_much_of_1_cm_as_the_page_has():
    # One column's body word takes most of the page: the others still share what is left evenly
    # (min(1 cm, their need) as far as the page allows), never their bare padding.
    header = ["Interoperability", "Authentication", "Telecommunications"]
    columns = [[("x" * 70, False)], [("1", False)], [("2", False)]]
    body = layout.CELL_PADDING + layout.longest_word("x" * 70, 10)
    available = body + 800
    widths = layout.column_widths(header, columns, available, 10)
    assert sum(widths) == available
    assert widths[0] >= body
    assert min(widths[1:]) >= 399, widths


def test_every_based_on_loop_is_cut_once_at_the_link_that_closes_it():
    # A three-style loop, a style based on itself and a chain leading into a loop: each loop loses the
    # one link that closes it; a chain that merely ends in a loop, and next/link pairs, are kept.
    from wyassembler.word.styles import break_based_on_loops

    def style(style_id: str, based_on: str | None, extra: str = "") -> str:
        reference = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
        return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
                f"{reference}{extra}</w:style>")

    root = etree.fromstring(
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + style("A", "B") + style("B", "C") + style("C", "A") + style("D", "D")
        + style("E", "A", '<w:next w:val="E"/><w:link w:val="F"/>') + style("F", "E", '<w:link w:val="E"/>')
        + "</w:styles>")
    break_based_on_loops(root)
    based_on = {element.get(qn("w:styleId")): element.find(qn("w:basedOn")) for element in root}
    remaining = {key: value.get(qn("w:val")) for key, value in based_on.items() if value is not None}
    assert remaining == {"A": "B", "B": "C", "E": "A", "F": "E"}
    assert root.find(f".//{qn('w:next')}") is not None and len(root.findall(f".//{qn('w:link')}")) == 2


def test_a_template_without_section_properties_gets_an_a4_page_and_says_so(tmp_path, project):
    template = _template(tmp_path, "no-sectpr", "word/document.xml", r"<w:sectPr\b.*?</w:sectPr>", "")
    result = build_docx(project, template=template, draft=True)
    assert any("no-sectpr.docx" in warning and "A4" in warning for warning in result.warnings), result.warnings
    section = open_docx(result.data).sections[-1]
    assert (section.page_width, section.left_margin) == (11906 * 635, 1417 * 635)  # EMU


def test_a_page_size_the_template_leaves_out_is_given_and_named(tmp_path, project):
    template = _template(tmp_path, "no-pgsz", "word/document.xml", r"<w:pgSz [^>]*/>", "")
    result = build_docx(project, template=template, draft=True)
    assert any("no-pgsz.docx" in warning and "width or height" in warning for warning in result.warnings)
    body = _body_section_properties(open_docx(result.data).element.xml)
    assert re.search(r'<w:pgSz w:w="11906" w:h="16838"/>\s*<w:pgMar ', body)  # in schema order


@pytest.mark.parametrize(("edit", "said"), [
    ((r'<w:pgSz [^>]*/>', '<w:pgSz w:w="1500" w:h="16838"/>'), "across its page"),
    ((r'<w:pgSz [^>]*/>', '<w:pgSz w:w="11906" w:h="3000"/>'), "down its page"),
    ((r'w:gutter="0"', 'w:gutter="8000"'), "gutter"),
    ((r'<w:pgSz [^>]*/>', '<w:pgSz w:w="99999999" w:h="16838"/>'), "at most 55.9 cm"),
], ids=["a tiny page", "a page too short", "a gutter taking the width", "a page larger than Word allows"])
def test_a_page_with_no_room_for_text_is_refused_in_one_line_naming_the_template(tmp_path, project, edit, said):
    template = _template(tmp_path, "tiny", "word/document.xml", *edit)
    with pytest.raises(WyassemblerError) as refused:
        build_docx(project, template=template, draft=True)
    message = str(refused.value)
    assert "\n" not in message and "tiny.docx" in message and said in message, message


def _wide_table() -> Table:
    return Table(tuple(plain(word) for word in EIGHT_COLUMNS), ((plain("x"),) * len(EIGHT_COLUMNS),))


def _after_first_break(document) -> list[str]:
    """The texts of the body's paragraphs and tables after its first section break, in order."""
    body = list(document.element.body)
    first = next(i for i, child in enumerate(body) if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None)
    return ["".join(t.text or "" for t in child.iter(qn("w:t"))) for child in body[first + 1:]]


def test_the_headings_and_one_line_introducing_a_wide_table_all_go_to_its_landscape_pages():
    project = new_project("Nested", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    parent = add_section(project, COORDINATOR, "Capabilities", "bradford", (), now=T0)
    child = add_section(project, COORDINATOR, "Systems", "bradford", (), parent=parent, now=T0)
    add_section(project, COORDINATOR, "Inventory", "bradford", (Paragraph(plain("As follows:")), _wide_table()),
                parent=child, now=T0)
    landscape = _after_first_break(open_docx(build_docx(project, draft=True).data))
    assert landscape[:3] == ["Capabilities", "Systems", "Inventory"]
    assert landscape[3] == "As follows:"


def test_a_long_paragraph_before_a_wide_table_keeps_its_heading_on_the_portrait_page():
    # Only a one-line introduction goes over; a heading followed by a whole paragraph is not alone.
    project = new_project("Long", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    long_text = "A paragraph that says a great deal before the table. " * 6
    add_section(project, COORDINATOR, "Inventory", "bradford", (Paragraph(plain(long_text.strip())), _wide_table()),
                now=T0)
    landscape = _after_first_break(open_docx(build_docx(project, draft=True).data))
    assert "Inventory" not in landscape and long_text.strip() not in landscape
    assert "Organisation" in landscape[0]  # the table opens the landscape pages


def test_a_document_ending_with_a_wide_table_ends_on_landscape_pages():
    project = new_project("Ends wide", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.closing_line_template = ""
    add_section(project, COORDINATOR, "Capabilities", "bradford", (_wide_table(),), now=T0)
    body = open_docx(build_docx(project, draft=True).data).element.body
    breaks = list(body.iterfind(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}"))
    orientations = [section.find(qn("w:pgSz")).get(qn("w:orient"), "portrait")
                    for section in [*breaks, body.find(qn("w:sectPr"))]]
    assert orientations == ["portrait", "landscape"]
    # With a sign-off record after it, the record's portrait pages come last as before.
    result = build_docx(project, draft=True, signoff_appendix=True)
    body = open_docx(result.data).element.body
    assert body.find(qn("w:sectPr")).find(qn("w:pgSz")).get(qn("w:orient")) is None


@needs_libreoffice
def test_printed_document_ending_with_a_wide_table_has_no_blank_last_page(tmp_path):
    project = new_project("Ends wide", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.closing_line_template = ""
    add_section(project, COORDINATOR, "Capabilities", "bradford", (_wide_table(),), now=T0)
    rendered_lines(build_docx(project, draft=True).data, tmp_path, "ends-wide")
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "ends-wide.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    pages = pages[:-1] if not pages[-1] else pages  # pdftotext ends the last page with a form feed too
    assert "Telecommunications" in pages[-1], [page[:80] for page in pages]


def test_a_long_based_on_chain_is_walked_once_and_its_closing_loop_still_cut():
    # Each step looked its style up in the list of the styles passed: a template of 100,000 styles in one
    # chain (a 10 MB styles.xml) took about a minute to check or export; now each style is passed once.
    from wyassembler.word.styles import break_based_on_loops

    count = 100_000
    styles = "".join(f'<w:style w:type="paragraph" w:styleId="S{index}"><w:basedOn w:val="S{index + 1}"/></w:style>'
                     for index in range(count))
    closing = f'<w:style w:type="paragraph" w:styleId="S{count}"><w:basedOn w:val="S{count // 2}"/></w:style>'
    root = etree.fromstring('<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                            + styles + closing + "</w:styles>")
    break_based_on_loops(root)
    cut = [element.get(qn("w:styleId")) for element in root if element.find(qn("w:basedOn")) is None]
    assert cut == [f"S{count}"]
