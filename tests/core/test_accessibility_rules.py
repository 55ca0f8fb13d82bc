"""The accessibility rules over the response's own text (core.accessibility, issue 19): for each rule a
project that breaks exactly that rule, and the near-misses that must not be flagged."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import COORDINATOR, T0
from wyassembler.core import accessibility
from wyassembler.core.accessibility import (ALL_CAPS, BLANK_LINES, FAKE_HEADING, HEADING_LEVELS, LINK_TEXT,
                                            PDF_STRUCTURE_RULES, QUOTE_LIMIT, RULE_IDS, TABLE_HEADER,
                                            TABLE_HEADER_CELL, TITLE, TYPED_BULLETS, content_findings,
                                            heading_findings, pdf_blockers)
from wyassembler.core.content import ListItem, MemberList, Paragraph, Span, Table, inline_text, plain
from wyassembler.core.errors import ContentError
from wyassembler.core.findings import ERROR, WARNING, WHOLE_RESPONSE
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.projectfile.codec import from_bytes
from wyassembler.resource_files import QUESTIONS_SAMPLE, SAMPLE, resource_bytes

QUOTE_MARKS = 2  # the quotation marks around a quoted passage


def with_section(*blocks, title="A response"):
    """A West Yorkshire project (its background section has nothing wrong) and one section of ``blocks``."""
    project = new_project(title, preset="west-yorkshire", person="H. Dawson", now=T0)
    section = add_section(project, COORDINATOR, "Shared services", "calderdale", tuple(blocks), now=T0)
    return project, section.id


def found(project):
    return [(finding.rule, finding.severity, finding.section_id) for finding in content_findings(project)]


def only(project, rule, severity, section_id):
    """The one finding ``project`` has, checked to be of ``rule`` in section ``section_id``."""
    findings = content_findings(project)
    assert [(f.rule, f.severity, f.section_id) for f in findings] == [(rule, severity, section_id)]
    return findings[0]


# -- title ------------------------------------------------------------------------------------------

def test_a_response_without_a_title_is_an_error_about_the_whole_response():
    project, _ = with_section(Paragraph(plain("Some text.")), title="  ")
    finding = only(project, TITLE, ERROR, None)
    assert finding.place == WHOLE_RESPONSE
    assert "no title" in finding.message and "PDF" in finding.message
    assert "Project \u203a Properties" in finding.advice


# -- heading levels ---------------------------------------------------------------------------------

def test_a_three_level_outline_has_no_heading_problem():
    project, section_id = with_section(Paragraph(plain("Text.")))
    child = add_section(project, COORDINATOR, "Standards", "calderdale", (Paragraph(plain("More.")),),
                        parent=project.section(section_id), now=T0)
    add_section(project, COORDINATOR, "Open formats", "calderdale", (Paragraph(plain("Most.")),), parent=child, now=T0)
    assert content_findings(project) == []


def test_a_section_deeper_than_heading_3_is_flagged():
    # The outline's editing refuses a fourth level and the file's schema cannot hold one; a project made
    # in code can, and the export has no Heading 4 for it.
    project, section_id = with_section(Paragraph(plain("Text.")))
    parent = project.section(section_id)
    for depth in (2, 3, 4):
        child = add_section(project, COORDINATOR, f"Level {depth}", "calderdale", (), now=T0)
        project.sections.remove(child)
        parent.children.append(child)
        parent = child
    finding = only(project, HEADING_LEVELS, WARNING, parent.id)
    assert "\u201cLevel 4\u201d is at level 4" in finding.message and "Heading 1 to 3" in finding.message
    assert "Section \u203a Outdent" in finding.advice


def test_headings_laid_out_in_another_order_are_checked_for_skipped_and_impossible_levels():
    findings = heading_findings([(1, "Question 1: Why?", None), (3, "Detail", "d"), (2, "Part", "p"),
                                 (0, "Lost", "l"), (3, "After", "a"), (5, "Deep", "x")])
    # "After" follows "Part" (level 2): the impossible level between is reported on its own.
    assert [(f.rule, f.severity, f.section_id) for f in findings] == [
        (HEADING_LEVELS, WARNING, "d"), (HEADING_LEVELS, WARNING, "l"), (HEADING_LEVELS, WARNING, "x")]
    assert "is level 3 but follows a level 1 heading" in findings[0].message
    assert "skips level 2" in findings[0].message
    assert "at level 0, outside the Heading 1 to 3" in findings[1].message
    first = heading_findings([(2, "Start", "s")])
    assert [f.message.split(":")[0] for f in first] == [
        "the heading \u201cStart\u201d is level 2 but is the first heading"]


# -- link text --------------------------------------------------------------------------------------

# Direction marks and isolates, the Braille blank and the Hangul fillers show nothing either: a screen
# reader announces such a link as empty, whatever pdfua (which sees a non-empty /Contents) says.
@pytest.mark.parametrize("text", [" ", "\u200b", "\u200e", "\u200f\u200e", "\u2066\u2069", "\u2800", "\u3164"])
def test_a_link_with_no_visible_text_is_an_error(text):
    project, section_id = with_section(Paragraph((Span("See"), Span(text, href="https://example.org/plan"),
                                                  Span("there."))))
    finding = only(project, LINK_TEXT, ERROR, section_id)
    assert "the link to \u201chttps://example.org/plan\u201d has no text" in finding.message


@pytest.mark.parametrize("text, href", [
    ("https://www.gov.uk/strategy", "https://www.gov.uk/strategy"),
    ("www.gov.uk/strategy", "https://www.gov.uk/strategy"),
    ("gov.uk/strategy/", "https://www.gov.uk/strategy"),
])
def test_a_link_whose_text_is_its_address_is_a_warning(text, href):
    project, section_id = with_section(Paragraph((Span("Read "), Span(text, href=href), Span(" first."))))
    finding = only(project, LINK_TEXT, WARNING, section_id)
    assert "is a bare address" in finding.message and "Format \u203a Link" in finding.advice


# An arrow, a chevron, dots or an emoji: no word at all, read out as "right arrow" or not at all.
@pytest.mark.parametrize("text", ["click here", "Here", "read more\u2026", "More information.", "this link",
                                  "\u2192", "\u00bb", "...", "\U0001f517", "#"])
def test_vague_link_text_is_a_warning_that_says_where_it_goes(text):
    project, section_id = with_section(ListItem((Span("For the plan "), Span(text, href="https://example.org/plan"))))
    finding = only(project, LINK_TEXT, WARNING, section_id)
    assert "does not say where it leads" in finding.message and "example.org/plan" in finding.message


def test_a_link_split_into_bold_and_plain_spans_is_judged_as_one_link():
    # "click" bold and " here" plain: one w:hyperlink in the export, vague as a whole.
    project, section_id = with_section(Paragraph((Span("click", bold=True, href="https://example.org"),
                                                  Span(" here", href="https://example.org"), Span(" today."))))
    assert "\u201cclick here\u201d" in only(project, LINK_TEXT, WARNING, section_id).message


@pytest.mark.parametrize("text, href", [
    ("the National Strategy for Local e-Government", "https://example.org/nsleg"),
    ("info@example.org", "mailto:info@example.org"),  # readers need the address they are to write to
    ("here and now: the plan", "https://example.org"),
    ("GOV.UK", "https://www.gov.uk/"),  # the site's name
])
def test_links_that_describe_where_they_lead_are_not_flagged(text, href):
    project, _ = with_section(Paragraph((Span("See "), Span(text, href=href), Span("."))))
    assert content_findings(project) == []


# -- typed bullets and numbers ----------------------------------------------------------------------

@pytest.mark.parametrize("blocks, count, marks", [
    ([Paragraph(plain("\u2022 Shared network")), Paragraph(plain("\u2022 Home working"))], 2, ["\u2022"]),
    ([Paragraph(plain("We propose:\n1. a shared network\n2. home working\n3) procurement"))], 3, ["1.", "2.", "3)"]),
    ([Paragraph(plain("(a) the network")), Paragraph(plain("(b) the pilot"))], 2, ["(a)", "(b)"]),
    ([Paragraph(plain("i. the network\nii. the pilot"))], 2, ["i.", "ii."]),
    ([Paragraph(plain("a) the network\n\nb) the pilot"))], 2, ["a)", "b)"]),  # and a blank line: see below
    ([Paragraph(plain("- the network")), Paragraph(plain("- the pilot"))], 2, ["-"]),
    ([Paragraph(plain("\u2022 Only one"))], 1, ["\u2022"]),  # a bullet character is never prose
])
def test_lines_typed_as_a_list_are_one_warning_per_run(blocks, count, marks):
    project, section_id = with_section(*blocks)
    findings = [f for f in content_findings(project) if f.rule != BLANK_LINES]
    assert [(f.rule, f.severity, f.section_id) for f in findings] == [(TYPED_BULLETS, WARNING, section_id)]
    message = findings[0].message
    assert message.startswith("a line starts" if count == 1 else f"{count} lines in a row start")
    assert all(f"\u201c{mark}\u201d" in message for mark in marks)
    assert "Format \u203a Bulleted List or Numbered List" in findings[0].advice


def test_two_typed_runs_apart_are_two_findings_and_a_real_list_between_ends_a_run():
    project, section_id = with_section(
        Paragraph(plain("1. one\n2. two")), Paragraph(plain("Between them, a sentence.")),
        Paragraph(plain("- three")), ListItem(plain("a real item")), Paragraph(plain("- four")))
    assert found(project) == [(TYPED_BULLETS, WARNING, section_id)]  # the lone dashes are apart


@pytest.mark.parametrize("blocks", [
    [Paragraph(plain("1. Introduction to the response, which follows.")), Paragraph(plain("Then prose."))],
    [Paragraph(plain("\u201cThe web is for everyone.\u201d")), Paragraph(plain("\u2013 Tim Berners-Lee"))],
    [Paragraph(plain("A quotation\n\u2014 its author"))],
    [Paragraph(plain("2005. The year the strategy was published.")),
     Paragraph(plain("2006. The year it was reviewed."))],
    [Paragraph(plain("e.g. this, and\ni.e. that"))],
    [Paragraph(plain("Signed:\nJ. Smith\nS. Patel"))],  # initials, not a lettered list
    [ListItem(plain("J. Smith, Calderdale")), ListItem(plain("S. Patel, Kirklees"))],
    [ListItem(plain("2005 was the year of the strategy"))],
])
def test_near_misses_are_not_typed_lists(blocks):
    project, _ = with_section(*blocks)
    assert content_findings(project) == []


@pytest.mark.parametrize("kind, texts, marks, advice", [
    ("number", ["1. A common property reference.", "2. A shared register."], ["1.", "2."], "the list numbers it"),
    ("bullet", ["\u2022 Survey the site"], ["\u2022"], "the list bullets it"),
    ("number", ["(a) the network"], ["(a)"], "the list numbers it"),
    ("number", ["a. the network", "b. the pilot"], ["a.", "b."], "the list numbers it"),
    ("bullet", ["1. Survey", "2. Valuation"], ["1.", "2."], "Format \u203a Numbered List"),
])
def test_a_typed_mark_left_in_a_real_list_item_is_flagged(kind, texts, marks, advice):
    """Format \u203a Numbered List over typed "1. A\u2026" lines, the typed marks left in (the trial): the
    export prints "1. 1. A\u2026", and a screen reader reads both. One item is enough: it prints twice."""
    project, section_id = with_section(*(ListItem(plain(text), kind=kind) for text in texts))
    finding = only(project, TYPED_BULLETS, WARNING, section_id)
    assert all(f"\u201c{mark}\u201d" in finding.message for mark in marks)
    assert "list item" in finding.message and finding.passage == texts[0]
    assert finding.advice.startswith("Delete the typed mark") and advice in finding.advice


def test_lines_typed_as_a_list_inside_a_list_item_are_flagged():
    """Shift+Enter inside a real item, then typed bullets: plain lines, like a paragraph's."""
    project, section_id = with_section(ListItem(plain("Options:\n\u2022 share the site\n\u2022 sell it")))
    finding = only(project, TYPED_BULLETS, WARNING, section_id)
    assert finding.passage == "\u2022 share the site" and "2 lines in a row" in finding.message


def test_typed_numbers_left_inside_a_real_numbered_list_are_flagged():
    """The trial's case as typed: one finding for the run of items, not one per item."""
    project, section_id = with_section(ListItem(plain("1. A common property reference."), kind="number"),
                                       ListItem(plain("2. A shared register."), kind="number"),
                                       ListItem(plain("A third, not typed."), kind="number"),
                                       ListItem(plain("4. Typed again."), kind="number"))
    assert found(project) == [(TYPED_BULLETS, WARNING, section_id)] * 2


@pytest.mark.parametrize("heading", ["1. Introduction", "2.3 Shared estates", "(a) Costs", "\u2022 Costs"])
def test_a_heading_typed_with_its_number_is_flagged(heading):
    """The export numbers the headings itself ("1", "1.1"): a typed "1." prints as "1 1. Introduction"."""
    project, _ = with_section(Paragraph(plain("Text.")))
    numbered = add_section(project, COORDINATOR, heading, "kirklees", (Paragraph(plain("Text.")),), now=T0)
    finding = only(project, TYPED_BULLETS, WARNING, numbered.id)
    assert finding.passage == heading and "heading" in finding.message
    assert "the export numbers" in finding.advice and "Section \u203a Rename" in finding.advice


@pytest.mark.parametrize("heading", ["2005 review", "100 days", "A. N. Other's view", "Question 1: costs"])
def test_a_heading_beginning_with_a_number_that_is_not_typed_numbering_is_not_flagged(heading):
    project, _ = with_section(Paragraph(plain("Text.")))
    add_section(project, COORDINATOR, heading, "kirklees", (Paragraph(plain("Text.")),), now=T0)
    assert content_findings(project) == []


@pytest.mark.parametrize("cell, passage", [
    ("\u2022 Survey the site\n\u2022 Agree a valuation", "\u2022 Survey the site"),  # the trial's
    ("Actions:\n1. Survey the site\n2. Agree a valuation", "1. Survey the site"),
])
def test_typed_bullets_in_a_table_cell_are_flagged(cell, passage):
    """A cell cannot hold a real list, so the advice is rows or plain lines, not Format \u203a Bulleted List."""
    table = Table((plain("Site"), plain("Actions")), ((plain("Eastleigh"), plain(cell)),))
    project, section_id = with_section(table)
    finding = only(project, TYPED_BULLETS, WARNING, section_id)
    assert "table cell" in finding.message and finding.passage == passage
    assert "row" in finding.advice and "Bulleted List" not in finding.advice


def test_a_lone_dash_in_a_cell_is_not_a_typed_list():
    table = Table((plain("Quotation"), plain("Source")), ((plain("Shared is cheaper"), plain("- the review")),))
    project, _ = with_section(table)
    assert content_findings(project) == []


# -- tables -----------------------------------------------------------------------------------------

ROWS = ((plain("Calderdale"), plain("J. Smith")), (plain("Kirklees"), plain("S. Patel")))


def test_a_table_without_a_header_row_is_an_error():
    """An error: LibreOffice tags such a table with data cells only, which fails PDF/UA (UA-15-003)."""
    project, section_id = with_section(Table((), ROWS))
    finding = only(project, TABLE_HEADER, ERROR, section_id)
    assert finding.message.startswith("the table that begins \u201cCalderdale\u201d has no header row")
    assert finding.advice.startswith("Turn on its header row (Format \u203a Table \u203a Header Row)")
    assert pdf_blockers([finding]) == [finding]


def test_only_the_errors_that_fail_the_pdf_checker_stop_a_pdf():
    """A link without text, a headerless table and no title make the PDF fail pdfua; a vague link (a
    warning) and an empty header cell (pdfua passes it) do not stop a PDF."""
    project, _ = with_section(
        Paragraph((Span("See "), Span("\u00a0", href="https://example.org/a"), Span(" and "),
                   Span("click here", href="https://example.org/b"))),
        Table((plain("Partner"), ()), ROWS), Table((), ROWS), title="")
    findings = content_findings(project)
    assert [(f.rule, f.severity) for f in findings] == [
        (TITLE, ERROR), (LINK_TEXT, ERROR), (LINK_TEXT, WARNING), (TABLE_HEADER_CELL, ERROR), (TABLE_HEADER, ERROR)]
    assert [(f.rule, f.severity) for f in pdf_blockers(findings)] == [
        (TITLE, ERROR), (LINK_TEXT, ERROR), (TABLE_HEADER, ERROR)]
    assert set(RULE_IDS) >= PDF_STRUCTURE_RULES


@pytest.mark.parametrize("header, columns", [
    ((plain("Partner"), ()), "(column 2)"),
    (((), plain("Lead"), plain(" ")), "(columns 1, 3)"),
    ((plain("\u200e"), plain("Lead"), plain("\u2800")), "(columns 1, 3)"),
])
def test_empty_header_cells_are_an_error_naming_the_columns(header, columns):
    rows = tuple((*row, plain("x"))[:len(header)] for row in ROWS)
    project, section_id = with_section(Table(header, rows))
    finding = only(project, TABLE_HEADER_CELL, ERROR, section_id)
    assert columns in finding.message and "the table headed" in finding.message


def test_a_table_with_every_header_cell_named_is_not_flagged():
    project, _ = with_section(Table((plain("Partner"), plain("Lead")), ROWS), MemberList())
    assert content_findings(project) == []


def test_cells_are_checked_for_links_capitals_and_blank_lines():
    shouting = plain("WE STRONGLY URGE THE GOVERNMENT TO FUND THE SHARED NETWORK FOR TEN YEARS")
    project, section_id = with_section(Table((plain("Partner"), plain("Note")), (
        (plain("Calderdale"), (Span("click here", href="https://example.org"),)),
        (plain("Kirklees"), shouting), (plain("Leeds"), plain("one\n\ntwo")))))
    assert found(project) == [(LINK_TEXT, WARNING, section_id), (ALL_CAPS, WARNING, section_id),
                              (BLANK_LINES, WARNING, section_id)]


# -- capitals ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("Note: WE STRONGLY URGE THE GOVERNMENT TO FUND THE SHARED NETWORK FOR TEN YEARS, said the board.", 13),
    ("INTERDEPARTMENTAL RESPONSIBILITIES NOTWITHSTANDING, INTERGOVERNMENTAL ARRANGEMENTS "
     "CONTINUE", 6),  # fewer words, but longer than a line
    ("THE PARTNERSHIP 2005 \u2013 2008 HAS WORKED ON A SHARED NETWORK FOR ALL ITS MEMBERS", 12),
])
def test_a_passage_in_capitals_longer_than_a_line_is_a_warning(text, words):
    project, section_id = with_section(Paragraph(plain(text)))
    finding = only(project, ALL_CAPS, WARNING, section_id)
    assert f"is {words} words in capitals" in finding.message and "sentence case" in finding.advice


def test_a_title_and_subtitle_in_capitals_are_flagged_as_the_whole_responses():
    title = "TRANSFORMATIONAL GOVERNMENT ENABLED BY TECHNOLOGY: THE RESPONSE OF THE PARTNERSHIP"
    project, _ = with_section(Paragraph(plain("Text.")), title=title)
    project.subtitle = "OUR VIEW"  # short: fine
    finding = only(project, ALL_CAPS, WARNING, None)
    assert finding.place == WHOLE_RESPONSE and "is 10 words in capitals" in finding.message
    project.subtitle = title
    assert found(project) == [(ALL_CAPS, WARNING, None)] * 2


def test_a_heading_in_capitals_is_flagged_too():
    project, _ = with_section(Paragraph(plain("Text.")))
    heading = "THE NEED FOR ORGANISATIONAL DEVELOPMENT IN EACH AND EVERY PARTNER BODY"
    shouted = add_section(project, COORDINATOR, heading, "kirklees", (Paragraph(plain("Text.")),), now=T0)
    assert found(project) == [(ALL_CAPS, WARNING, shouted.id)]


@pytest.mark.parametrize("text", [
    "The ICT heads met the NHS, the DWP, HMRC, the LGA, SOCITM, DCLG, ODPM and the WYPTE in 2005.",
    "NINE WORDS IN CAPITALS ARE STILL NOT A LINE, said the chair.",
    "\u00c9COLE and CAF\u00c9 are words; na\u00efve is not capitals.",
])
def test_acronyms_and_short_capitals_are_not_flagged(text):
    project, _ = with_section(Paragraph(plain(text)))
    assert content_findings(project) == []


@pytest.mark.parametrize("text", [
    # The trial's: eleven capital words in a row, every one a body's initials.
    "The bodies consulted were HIWFRS, HIOWC, DWFRS, NFCC, APCC, NPCC, HMICFRS, CIPFA, RICS, LGA, NHS and the MOD.",
    "COPIED TO: HIWFRS; HIOWC; DWFRS; NFCC; APCC; NPCC; HMICFRS; CIPFA; RICS; LGA AND NHS",
    "Partners: NFCC/APCC, NPCC, DWP, HMRC, DCLG, ODPM, LGA, NHS, CIPFA, RICS (2005).",
])
def test_a_list_of_acronyms_is_not_a_passage_in_capitals(text):
    """Capital words in a list (a comma, semicolon or slash after them, or AND) and words without a vowel
    are taken for acronyms: "retype it in sentence case" cannot be done to a list of bodies' initials."""
    project, _ = with_section(Paragraph(plain(text)))
    assert content_findings(project) == []


@pytest.mark.parametrize("text, passage, words", [
    ("He said: WE STRONGLY OBJECT TO THE PROPOSAL TO CLOSE THE STATIONS AT FAREHAM, GOSPORT AND HAVANT. Then",
     "WE STRONGLY OBJECT TO THE PROPOSAL TO CLOSE THE STATIONS AT FAREHAM, GOSPORT AND HAVANT.", 13),
    ("WE, THE UNDERSIGNED MEMBERS OF THE BOARD, STRONGLY OBJECT TO THE PLAN TO MERGE THE  SERVICES",
     "WE, THE UNDERSIGNED MEMBERS OF THE BOARD, STRONGLY OBJECT TO THE PLAN TO MERGE THE  SERVICES", 14),
])
def test_a_shouted_sentence_with_a_list_in_it_is_still_flagged(text, passage, words):
    project, section_id = with_section(Paragraph(plain(text)))
    finding = only(project, ALL_CAPS, WARNING, section_id)
    assert f"is {words} words in capitals" in finding.message and finding.passage == passage


def test_a_capitals_passage_is_looked_for_only_where_a_word_starts():
    # Tried from every character, a long run without spaces (Chinese or Japanese text, a pasted code or
    # hash) was scanned to its end once per character: 100,000 characters took minutes.
    assert accessibility._CAPS_CANDIDATE.match("XAB CD", 1) is None
    assert accessibility._CAPS_CANDIDATE.match("xAB CD", 1).group() == "AB CD"
    assert accessibility._CAPS_CANDIDATE.match("XAB CD", 0).group() == "XAB CD"


@pytest.mark.parametrize("run", ["\u4e00" * 50_000, "A" * 50_000, "HASH:" + "F0" * 25_000 + " x"])
def test_a_long_run_without_spaces_is_checked_once(run):
    project, _ = with_section(Paragraph(plain(run)))
    assert content_findings(project) == []


# -- bold paragraphs standing for headings ---------------------------------------------------------

BOLD_HEADING = Paragraph((Span("Lessons learned", bold=True),))


@pytest.mark.parametrize("blocks", [
    [BOLD_HEADING, Paragraph(plain("The pilot showed that shared procurement saves money."))],
    [Paragraph(plain("Intro.")), Paragraph((Span("Costs ", bold=True), Span("and benefits", bold=True, italic=True))),
     ListItem(plain("Lower costs"))],
    [Paragraph((Span("What we propose?", bold=True),)), Table((plain("Item"),), ((plain("A network"),),))],
])
def test_a_short_bold_paragraph_before_more_text_is_a_fake_heading(blocks):
    """A Markdown "## Lessons learned" inside a section's text imports as a bold paragraph: it looks like a
    heading, but a screen reader does not announce it as one, nor list it among the headings."""
    project, section_id = with_section(*blocks)
    finding = only(project, FAKE_HEADING, WARNING, section_id)
    bold = next(block for block in blocks if isinstance(block, Paragraph) and block.spans[0].bold)
    assert finding.passage == inline_text(bold.spans)
    assert f"\u201c{finding.passage}\u201d" in finding.message and "screen reader" in finding.message
    assert "Section \u203a Add Sub-section" in finding.advice


@pytest.mark.parametrize("blocks", [
    [Paragraph((Span("We will share the network from April.", bold=True),)), Paragraph(plain("Then more."))],
    [Paragraph(plain("Text.")), BOLD_HEADING],  # the last paragraph: nothing follows it
    [Paragraph((Span("Note:", bold=True),)), Paragraph(plain("the pilot ends in May."))],  # a lead-in
    [Paragraph((Span("Lessons", bold=True), Span(" learned"))), Paragraph(plain("More."))],  # partly bold
    [Paragraph((Span(" ".join(["word"] * 13), bold=True),)), Paragraph(plain("More."))],  # too long
    [Paragraph((Span("J. Smith\nChief Executive", bold=True),)), Paragraph(plain("More."))],  # lines
    [Paragraph((Span("The plan", bold=True, href="https://example.org/plan"),)), Paragraph(plain("More."))],
    [Table((plain("Site"),), ((plain("Eastleigh"),),)),
     Table(((Span("Costs", bold=True),),), (((Span("Lessons learned", bold=True),),),)), Paragraph(plain("Text."))],
    [ListItem((Span("Lessons learned", bold=True),)), Paragraph(plain("More."))],
])
def test_bold_sentences_last_paragraphs_lead_ins_and_bold_cells_are_not_fake_headings(blocks):
    project, _ = with_section(*blocks)
    assert FAKE_HEADING not in [finding.rule for finding in content_findings(project)]


# -- blank lines ------------------------------------------------------------------------------------

@pytest.mark.parametrize("block", [
    Paragraph(plain("Yours faithfully,\n\n\nThe Partnership")),
    ListItem(plain("An item\n \nwith a blank line")),
])
def test_a_blank_line_for_spacing_is_a_warning(block):
    project, section_id = with_section(block)
    finding = only(project, BLANK_LINES, WARNING, section_id)
    assert "has a blank line in it" in finding.message and "new paragraph" in finding.advice


def test_a_single_line_break_is_not_flagged():
    project, _ = with_section(Paragraph(plain("West Yorkshire Joint Services\nWakefield")))
    assert content_findings(project) == []


# -- messages, the samples, any content -------------------------------------------------------------

def test_a_long_passage_is_quoted_shortened_with_an_ellipsis():
    long_text = "Yours faithfully, on behalf of every partner of the West Yorkshire Partnership"
    project, _ = with_section(Paragraph(plain(long_text + "\n\nThe end")))
    message = content_findings(project)[0].message
    quoted = message[:message.index("\u201d") + 1]
    assert quoted.startswith("\u201cYours faithfully") and quoted.endswith("\u2026\u201d")
    assert len(quoted) <= QUOTE_LIMIT + QUOTE_MARKS


def _every_rule_broken():
    """A project that breaks every rule at least once, some twice in different places."""
    shouting = "WE STRONGLY URGE THE GOVERNMENT TO FUND THE SHARED NETWORK FOR TEN YEARS"
    project, section_id = with_section(
        Paragraph((Span("See "), Span("\u00a0", href="https://example.org/a"), Span(" and "),
                   Span("click here", href="https://example.org/b"), Span(" or "),
                   Span("www.example.org/c", href="https://www.example.org/c"))),
        Paragraph(plain("We propose:\n1. a shared network\n2. home working")),
        ListItem(plain("1. A common property reference."), kind="number"),
        Paragraph((Span("Lessons learned", bold=True),)),
        Paragraph(plain(f"Note: {shouting}, said the board.\n\n\nYours faithfully")),
        Table((plain("Partner"), ()), ((plain("Kirklees"), plain("\u2022 Survey\n\u2022 Agree")),)),
        Table((), ((plain("Calderdale"), plain("Leeds")),)), title="")
    project.subtitle = shouting
    add_section(project, COORDINATOR, shouting, "kirklees", (Paragraph(plain("Text.")),), now=T0)
    parent = project.section(section_id)
    for depth in (2, 3, 4):  # a fourth level, which only code can make: heading-levels
        child = add_section(project, COORDINATOR, f"Level {depth}", "calderdale", (), now=T0)
        project.sections.remove(child)
        parent.children.append(child)
        parent = child
    return project


def test_every_finding_names_its_passage_as_it_stands_in_the_section():
    """Finding.passage is what the app selects: the faulty text exactly as it stands in the section's heading
    or in one block's plain text (the response's title or subtitle for the whole response's)."""
    project = _every_rule_broken()
    findings = content_findings(project)
    assert {finding.rule for finding in findings} == set(RULE_IDS)
    for finding in findings:
        if finding.rule == TITLE:
            assert finding.passage == ""  # no title: nothing to select
            continue
        assert finding.passage, finding
        if finding.section_id is None:
            texts = [project.title, project.subtitle]
        else:
            section = project.section(finding.section_id)
            texts = [section.heading, *_block_texts(section.blocks)]
        assert any(finding.passage in text for text in texts), finding


def _block_texts(blocks):
    for block in blocks:
        if isinstance(block, Table):
            yield from (inline_text(cell) for row in (block.header, *block.rows) for cell in row)
        elif isinstance(block, (Paragraph, ListItem)):
            yield inline_text(block.spans)


@pytest.mark.parametrize("sample", [SAMPLE, QUESTIONS_SAMPLE])
def test_the_built_in_samples_have_no_accessibility_problems(sample):
    assert content_findings(from_bytes(resource_bytes(*sample))) == []


_TEXT = st.text(alphabet=st.sampled_from(string.ascii_letters + " \n\t.-*()\u2022\u200b1iv" + "\u00c9\u00e9"),
                max_size=40)
_SPANS = st.lists(st.builds(Span, _TEXT, st.booleans(), st.booleans(),
                            st.sampled_from([None, "https://example.org", "mailto:a@example.org"])), max_size=4)


@st.composite
def _blocks(draw):
    kind = draw(st.sampled_from(["p", "li", "table", "members"]))
    try:
        if kind == "p":
            return Paragraph(tuple(draw(_SPANS)))
        if kind == "li":
            return ListItem(tuple(draw(_SPANS)), draw(st.sampled_from(["bullet", "number"])), draw(st.integers(1, 3)))
        if kind == "table":
            width = draw(st.integers(1, 3))
            header = draw(st.sampled_from([(), tuple(tuple(draw(_SPANS)) for _ in range(width))]))
            rows = tuple(tuple(tuple(draw(_SPANS)) for _ in range(width)) for _ in range(draw(st.integers(0, 2))))
            return Table(header, rows)
    except ContentError:
        return MemberList()
    return MemberList()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_blocks(), max_size=6), _TEXT)
def test_any_content_the_model_accepts_is_checked_without_error(blocks, title):
    project, section_id = with_section(*blocks, title=title)
    for finding in content_findings(project):
        assert finding.rule in RULE_IDS
        assert finding.section_id in (section_id, None)
        assert finding.message and finding.advice.endswith(".")
        assert "\n" not in finding.message
        if finding.section_id is None:
            texts = [project.title, project.subtitle]
        else:
            section = project.section(finding.section_id)
            texts = [section.heading, *_block_texts(section.blocks)]
        assert any(finding.passage in text for text in texts)
