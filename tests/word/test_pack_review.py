"""A returned pack's Word tracked changes and comments: kept for the owner to decide, never taken silently.

Each pack here is made by ``export_pack`` and then edited the way Word saves a reviewer's work: ``w:ins``
and ``w:del`` (with ``w:delText``) carrying ``w:id``, ``w:author`` and ``w:date`` around runs, a paragraph
mark's insertion in ``w:pPr/w:rPr``, ``w:commentRangeStart``/``w:commentRangeEnd`` with a
``w:commentReference`` run, ``word/comments.xml`` and ``word/commentsExtended.xml`` with their content
types and relationships. Every edited pack is checked with openxml-audit before it is imported.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from tests.factories import CALDERDALE, T0
from tests.word.docx_validation import DocxChecker
from wyassembler.core.comments import add_comment, is_resolved, threads
from wyassembler.core.content import ListItem, Paragraph, Span, normalize_blocks, plain
from wyassembler.core.proposals import open_proposals
from wyassembler.word import oxml, pack_review
from wyassembler.word.packs import export_pack, import_pack

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
NAMESPACES = f'xmlns:w="{W_NS}" xmlns:w14="{W14_NS}" xmlns:w15="{W15_NS}"'
EXTENDED_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
EXTENDED_RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
ANN, BOB = "Ann Reviewer", "Bob Owner"
WHEN = "2026-03-02T10:15:00Z"
WHEN_TIME = datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
LATER = "2026-03-02T11:40:00Z"
IMPORTED = T0 + timedelta(days=80)
CHECKER = DocxChecker()
# The styles Word adds with a document's first comment.
COMMENT_STYLES = (
    f'<w:style {NAMESPACES} w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
    f'<w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>',
    f'<w:style {NAMESPACES} w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
    f'<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/>'
    f'</w:rPr></w:style>')


# -- writing as Word writes ---------------------------------------------------------------------

class WordEdit:
    """A pack opened for editing; ids are Word's annotation ids, above every id the pack holds."""

    def __init__(self, path) -> None:
        self.path = path
        self.document = docx.Document(path)
        ids = [int(v) for e in self.document.element.body.iter() if (v := e.get(qn("w:id"))) and v.isdigit()]
        self.next_id = max(ids, default=0) + 100
        self.comments: list[str] = []
        self.extended: list[str] = []

    def section(self, index: int = 0):
        """The paragraphs of a section's box (the heading first)."""
        boxes = [sdt for sdt in self.document.element.body.iter(qn("w:sdt"))
                 if sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")).startswith("wyassembler:section:")]
        return boxes[index].find(qn("w:sdtContent")).findall(qn("w:p"))

    def revision_id(self) -> str:
        self.next_id += 1
        return str(self.next_id)

    def tracked(self, kind: str, author: str = ANN, date: str = WHEN) -> str:
        return f'<w:{kind} {NAMESPACES} w:id="{self.revision_id()}" w:author="{author}" w:date="{date}">'

    def insert(self, anchor, text: str, *, before: bool = False, author: str = ANN, date: str = WHEN):
        """A tracked insertion of ``text`` beside ``anchor`` (a run or a tracked change)."""
        ins = parse_xml(f'{self.tracked("ins", author, date)}<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
                        f'</w:ins>')
        (anchor.addprevious if before else anchor.addnext)(ins)
        return ins

    def delete(self, run, author: str = ANN, date: str = WHEN):
        """A tracked deletion of ``run``: wrapped in w:del, its w:t become w:delText."""
        deleted = parse_xml(f'{self.tracked("del", author, date)}</w:del>')
        run.addprevious(deleted)
        deleted.append(run)
        for text in run.iter(qn("w:t")):
            text.tag = qn("w:delText")
        return deleted

    def new_paragraph_after(self, paragraph, text: str):
        """A paragraph typed with tracking on after ``paragraph``: its mark inserted, its words inserted."""
        ppr = paragraph.find(qn("w:pPr"))
        if ppr is None:
            ppr = parse_xml(f"<w:pPr {NAMESPACES}/>")
            paragraph.insert(0, ppr)
        ppr.append(parse_xml(f'<w:rPr {NAMESPACES}>{self.tracked("ins")}</w:ins></w:rPr>'))
        new = parse_xml(f'<w:p {NAMESPACES}>{self.tracked("ins")}<w:r><w:t>{text}</w:t></w:r></w:ins></w:p>')
        paragraph.addnext(new)
        return new

    def comment(self, first_run, last_run, text: str, *, author: str = ANN, date: str = WHEN,
                parent: str | None = None, done: bool = False) -> str:
        """A Word comment on the runs ``first_run`` to ``last_run`` (a reply: on its parent's range)."""
        word_id = str(len(self.comments))
        para_id = f"{0x10000000 + len(self.comments):08X}"
        first_run.addprevious(parse_xml(f'<w:commentRangeStart {NAMESPACES} w:id="{word_id}"/>'))
        reference = parse_xml(f'<w:r {NAMESPACES}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                              f'<w:commentReference w:id="{word_id}"/></w:r>')
        last_run.addnext(reference)
        last_run.addnext(parse_xml(f'<w:commentRangeEnd {NAMESPACES} w:id="{word_id}"/>'))
        initials = "".join(word[0] for word in author.split())
        date_attribute = f' w:date="{date}"' if date else ""
        self.comments.append(
            f'<w:comment w:id="{word_id}" w:author="{author}"{date_attribute} w:initials="{initials}">'
            f'<w:p w14:paraId="{para_id}" w14:textId="77777777"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:comment>')
        parent_attribute = f' w15:paraIdParent="{parent}"' if parent else ""
        self.extended.append(f'<w15:commentEx w15:paraId="{para_id}"{parent_attribute} '
                             f'w15:done="{1 if done else 0}"/>')
        return para_id

    def save(self, audit: bool = True) -> None:
        """Save as Word would, with the comments' parts and styles, and check the result with openxml-audit."""
        if self.comments:
            self.document.styles.element.append(parse_xml(COMMENT_STYLES[0]))
            self.document.styles.element.append(parse_xml(COMMENT_STYLES[1]))
            package = self.document.part.package
            comments = Part(PackURI("/word/comments.xml"), CT.WML_COMMENTS,
                            f'<w:comments {NAMESPACES}>{"".join(self.comments)}</w:comments>'.encode(), package)
            self.document.part.relate_to(comments, RT.COMMENTS)
            extended = Part(PackURI("/word/commentsExtended.xml"), EXTENDED_TYPE,
                            (f'<w15:commentsEx {NAMESPACES} xmlns:mc="http://schemas.openxmlformats.org/'
                             f'markup-compatibility/2006" mc:Ignorable="w14 w15">{"".join(self.extended)}'
                             f'</w15:commentsEx>').encode(), package)
            self.document.part.relate_to(extended, EXTENDED_RELATIONSHIP)
        self.document.save(self.path)
        problems = CHECKER.problems(self.path.read_bytes()) if audit else []
        assert not problems, "\n".join(problems)


def runs(paragraph):
    return paragraph.findall(qn("w:r"))


@pytest.fixture
def pack(project, tmp_path):
    path = tmp_path / "calderdale-returned.docx"
    export_pack(project, "calderdale", path, project_path=None)
    return path


def shared(project):
    return project.find_section("2")


# -- tracked changes ----------------------------------------------------------------------------

def test_tracked_changes_become_a_proposal_and_the_untracked_edit_a_revision(project, pack):
    section = shared(project)
    made_from = section.current.id
    edit = WordEdit(pack)
    _heading, first, bullet = edit.section()
    we, welcome, _this = runs(first)
    edit.insert(we, "Everyone ", before=True)
    edit.delete(we)
    edit.insert(welcome, " warmly")
    runs(bullet)[0].find(qn("w:t")).text = "Legislation and guidance"  # typed with tracking off
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    # The text as it stands: every tracked change rejected, the untracked edit taken.
    assert result.updated == [section] and section.current.parent == made_from
    assert section.blocks == normalize_blocks((Paragraph((Span("We "), Span("welcome", bold=True), Span(" this."))),
                                               ListItem(plain("Legislation and guidance"), "bullet", 1)))
    # The proposal: every change accepted, on the revision the untracked edit made.
    [(where, proposal)] = result.proposals
    assert where is section and open_proposals(section) == [proposal]
    assert proposal.base == section.current.id
    assert proposal.blocks == normalize_blocks((
        Paragraph((Span("Everyone "), Span("welcome", bold=True), Span(" warmly this."))),
        ListItem(plain("Legislation and guidance"), "bullet", 1)))
    assert proposal.heading == section.heading and proposal.source == "calderdale-returned.docx"
    assert [(c.kind, c.author, c.time, c.text) for c in proposal.tracked] == [
        ("insertion", ANN, WHEN_TIME, "Everyone"), ("deletion", ANN, WHEN_TIME, "We"),
        ("insertion", ANN, WHEN_TIME, "warmly")]
    assert (proposal.org, proposal.person, proposal.time) == ("calderdale", "J. Smith", IMPORTED)
    lines = result.report_lines(project)
    assert lines[0].startswith("section 2: 3 tracked change(s) kept as a proposal for Calderdale")
    assert "'wyassembler proposals'" in lines[0]
    assert not any("accepted" in line for line in lines)  # nothing taken silently


def test_a_pack_with_only_tracked_changes_leaves_the_text_and_proposes_on_its_base(project, pack):
    section = shared(project)
    made_from = section.current.id
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    edit.new_paragraph_after(first, "A new paragraph, typed with tracking on.")
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert result.unchanged == [section] and section.current.id == made_from and result.changed
    [(_, proposal)] = result.proposals
    assert proposal.base == made_from
    assert proposal.blocks == normalize_blocks((section.blocks[0], Paragraph(plain(
        "A new paragraph, typed with tracking on.")), section.blocks[1]))
    # The paragraph mark's insertion counts with the words inserted with it: one change.
    assert [(c.kind, c.text) for c in proposal.tracked] == [("insertion", "A new paragraph, typed with tracking on.")]


def test_a_deleted_paragraph_mark_joins_only_in_the_proposal(project, pack):
    section = shared(project)
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    ppr = parse_xml(f'<w:pPr {NAMESPACES}><w:rPr>{edit.tracked("del")}</w:del></w:rPr></w:pPr>')
    first.insert(0, ppr)
    second = parse_xml(f'<w:p {NAMESPACES}><w:r><w:t>Joined on.</w:t></w:r></w:p>')
    first.addnext(second)  # typed untracked: a new paragraph after the first
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert [b for b in section.blocks if isinstance(b, Paragraph)][-1] == Paragraph(plain("Joined on."))
    [(_, proposal)] = result.proposals
    assert proposal.blocks[0] == Paragraph((Span("We "), Span("welcome", bold=True), Span(" this.Joined on.")))
    assert [(c.kind, c.text) for c in proposal.tracked] == [("deletion", "\u00b6")]


def test_a_second_import_of_the_same_pack_proposes_nothing_new(project, pack):
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    edit.insert(runs(first)[-1], " Indeed.")
    edit.save()
    import_pack(project, pack, CALDERDALE, now=IMPORTED)
    again = import_pack(project, pack, CALDERDALE, now=IMPORTED + timedelta(hours=1))
    section = shared(project)
    assert not again.proposals and not again.changed
    assert len(section.proposals) == 1 and section.proposals[0].blocks[0].spans[-1].text == " this. Indeed."


def test_a_heading_renamed_with_tracking_on_is_proposed_without_its_number(project, pack):
    section = shared(project)
    edit = WordEdit(pack)
    heading = edit.section()[0]
    edit.insert(runs(heading)[-1], " and what they cost")
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    [(_, proposal)] = result.proposals
    assert (proposal.before_heading, proposal.heading) == ("Shared services", "Shared services and what they cost")
    assert section.heading == "Shared services" and proposal.blocks == section.blocks


# -- the two views, element by element ----------------------------------------------------------

def _body(xml: str) -> list:
    return list(etree.fromstring(f"<w:body {NAMESPACES}>{xml}</w:body>"))


def _texts(elements) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for e in elements for p in e.iter(qn("w:p"))]


def test_table_rows_cells_formatting_and_moves_in_each_view():
    tracked = f'w:id="9" w:author="{ANN}" w:date="{WHEN}"'
    elements = _body(
        f'<w:tbl><w:tr><w:tc><w:p><w:r><w:t>kept row</w:t></w:r></w:p></w:tc></w:tr>'
        f'<w:tr><w:trPr><w:ins {tracked}/></w:trPr><w:tc><w:p><w:r><w:t>new row</w:t></w:r></w:p></w:tc></w:tr>'
        f'<w:tr><w:trPr><w:del {tracked}/></w:trPr><w:tc><w:p><w:del {tracked}><w:r><w:delText>old row</w:delText>'
        f'</w:r></w:del></w:p></w:tc></w:tr>'
        f'<w:tr><w:tc><w:tcPr><w:cellIns {tracked}/></w:tcPr><w:p><w:r><w:t>new cell</w:t></w:r></w:p></w:tc>'
        f'<w:tc><w:tcPr><w:cellDel {tracked}/></w:tcPr><w:p><w:r><w:t>old cell</w:t></w:r></w:p></w:tc></w:tr>'
        f'</w:tbl>'
        f'<w:p><w:pPr><w:pStyle w:val="Heading2"/><w:pPrChange {tracked}><w:pPr/></w:pPrChange></w:pPr>'
        f'<w:r><w:rPr><w:b/><w:rPrChange {tracked}><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>styled</w:t>'
        f'</w:r></w:p>'
        f'<w:p><w:moveFrom {tracked}><w:r><w:delText>moved</w:delText></w:r></w:moveFrom><w:r><w:t> here</w:t></w:r>'
        f'<w:moveTo {tracked}><w:r><w:t>moved</w:t></w:r></w:moveTo></w:p>')
    accepted, rejected = pack_review.accepted_view(elements), pack_review.rejected_view(elements)
    assert _texts(accepted) == ["kept row", "new row", "new cell", "styled", " heremoved"]
    assert _texts(rejected) == ["kept row", "old row", "old cell", "styled", "moved here"]
    for view in (accepted, rejected):
        assert not pack_review.has_tracked_changes(view)
    styled = [p for e in accepted for p in e.iter(qn("w:p"))][-2]
    assert styled.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is not None and styled.find(f".//{qn('w:b')}") is not None
    styled = [p for e in rejected for p in e.iter(qn("w:p"))][-2]
    assert styled.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") is None and styled.find(f".//{qn('w:i')}") is not None
    assert styled.find(f".//{qn('w:b')}") is None
    assert pack_review.has_tracked_changes(elements)  # the originals are left as they were
    kinds = [change.kind for change in pack_review.tracked_changes(elements)]
    assert kinds == ["insertion", "deletion", "deletion", "insertion", "deletion", "formatting", "formatting",
                     "move", "move"]


# -- comments ------------------------------------------------------------------------------------

def test_word_comments_come_in_anchored_with_word_authors_threaded_and_done(project, pack):
    section = shared(project)
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    welcome = runs(first)[1]
    root = edit.comment(welcome, welcome, "Do we still welcome it?", done=True)
    edit.comment(welcome, welcome, "Yes, since March.", author=BOB, date=LATER, parent=root)
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert not result.updated and len(result.comments) == 2 and result.changed
    [thread] = threads(section)
    assert (thread.root.person, thread.root.time, thread.root.text) == (ANN, WHEN_TIME, "Do we still welcome it?")
    assert (thread.root.org, thread.root.source, thread.root.quote) == ("calderdale", "word", "welcome")
    assert thread.root.revision == section.current.id and thread.anchor.state == "anchored"
    [reply] = thread.replies
    assert (reply.person, reply.parent, reply.quote) == (BOB, thread.root.id, "")
    assert reply.time == datetime(2026, 3, 2, 11, 40, tzinfo=UTC)
    assert is_resolved(section, thread.root.id)
    assert any("2 Word comment(s) brought in as comments on section 2" in line for line in result.report_lines())
    assert not any("comment" in line and "left out" in line for line in result.report_lines())

    again = import_pack(project, pack, CALDERDALE, now=IMPORTED + timedelta(days=1))
    assert not again.comments and len(section.comments) == 2  # the same Word comments are not imported twice


def test_a_word_reply_to_one_of_our_comments_answers_ours(project, pack):
    section = shared(project)
    ours = add_comment(project, CALDERDALE, section, "Is 'welcome' too strong?", quote="welcome", now=T0)
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    welcome = runs(first)[1]
    # As an export with comments writes ours (Word id 0; its words no longer there), and the Word reply to it.
    root = edit.comment(welcome, welcome, "[on words no longer in the text: \u201cwelcome\u201d] Is 'welcome' "
                        "too strong?", author="J. Smith", date=T0.strftime("%Y-%m-%dT%H:%M:%SZ"))
    edit.comment(welcome, welcome, "No, keep it.", author=BOB, date=LATER, parent=root)
    oxml.set_document_variables(edit.document.settings.element, {"wyassembler.comments": f"0={ours.id}"})
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    [(_, reply)] = result.comments
    assert (reply.parent, reply.person, reply.text) == (ours.id, BOB, "No, keep it.")
    assert len(section.comments) == 2


def test_our_comments_sent_out_in_a_pack_are_not_brought_back_as_new_ones(project, tmp_path):
    section = shared(project)
    ours = add_comment(project, CALDERDALE, section, "Too strong?", quote="welcome", now=T0)
    add_comment(project, CALDERDALE, section, "Agreed.", reply_to=ours.id, now=T0)
    add_comment(project, CALDERDALE, section, "On the whole section.", now=T0)
    path = tmp_path / "with-comments.docx"
    export_pack(project, "calderdale", path, project_path=None, with_comments=True)

    result = import_pack(project, path, CALDERDALE, now=IMPORTED)

    assert not result.comments and not result.changed and len(section.comments) == 3


def test_an_outdated_comment_of_ours_is_known_by_its_words_when_the_word_ids_are_lost(project, tmp_path):
    from wyassembler.core.editing import edit_section

    section = shared(project)
    add_comment(project, CALDERDALE, section, "Too strong?", quote="welcome", now=T0)
    edit_section(project, CALDERDALE, section, blocks=(Paragraph(plain("We support this.")),), now=T0)
    path = tmp_path / "with-comments.docx"
    export_pack(project, "calderdale", path, project_path=None, with_comments=True)
    edit = WordEdit(path)  # as LibreOffice saves it: comments numbered afresh, the Word-id map gone
    settings = edit.document.settings.element
    for variable in settings.iter(qn("w:docVar")):
        if variable.get(qn("w:name")) == "wyassembler.comments":
            variable.getparent().remove(variable)
    for part in edit.document.part.package.iter_parts():
        if part.partname == "/docProps/custom.xml":
            part._blob = part.blob.replace(b'name="wyassembler.comments"', b'name="something.else"')
    edit.save()

    result = import_pack(project, path, CALDERDALE, now=IMPORTED)

    assert not result.comments and len(section.comments) == 1


def test_changes_and_comments_outside_the_boxes_are_reported_not_applied(project, pack):
    section = shared(project)
    before = section.current.id
    edit = WordEdit(pack)
    body = edit.document.element.body
    outside = parse_xml(f'<w:p {NAMESPACES}><w:r><w:t>Above the boxes.</w:t></w:r></w:p>')
    body.insert(0, outside)
    edit.insert(runs(outside)[0], " Inserted outside.")
    edit.comment(runs(outside)[0], runs(outside)[0], "A comment outside every section.")
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    lines = result.report_lines(project)
    assert "1 tracked change(s) outside the sections' boxes were not applied" in lines
    assert any(line.startswith("1 Word comment(s) on text outside the sections' boxes") for line in lines)
    assert not result.proposals and not result.comments and section.current.id == before


def test_a_damaged_replies_part_is_reported_and_the_text_still_comes_in(project, pack):
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    edit.comment(runs(first)[1], runs(first)[1], "A comment.")
    edit.extended.append("<w15:broken")  # not XML: the part is damaged on purpose
    edit.save(audit=False)

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert any("none of its Word comments were imported" in line for line in result.report_lines())


def test_too_many_word_comments_are_refused_in_one_line(project, pack, monkeypatch):
    monkeypatch.setattr(pack_review, "MAX_WORD_COMMENTS", 2)
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    for number in range(3):
        edit.comment(runs(first)[1], runs(first)[1], f"Comment {number}.")
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert not result.comments
    assert any("holds 3 Word comments, more than the 2 an import takes" in line for line in result.report_lines())


# -- many changes --------------------------------------------------------------------------------

def test_five_thousand_tracked_changes_import(project, pack):
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    anchor = runs(first)[-1]
    for number in range(2500):  # words typed with tracking off, then deleted with it on, and others inserted
        anchor = edit.insert(anchor, f" w{number}")
        word = parse_xml(f'<w:r {NAMESPACES}><w:t xml:space="preserve"> d{number}</w:t></w:r>')
        anchor.addnext(word)
        anchor = edit.delete(word)
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)  # how long: benchmarks/bench_pack_review.py

    [(_, proposal)] = result.proposals
    assert len(proposal.tracked) == 5000
    words = proposal.blocks[0].spans[-1].text.split()
    assert words[1:4] == ["w0", "w1", "w2"] and words[-1] == "w2499" and not any(w.startswith("d") for w in words)
    assert shared(project).blocks[0].spans[-1].text == " this." + "".join(f" d{n}" for n in range(2500))


# -- the command line -----------------------------------------------------------------------------

def test_import_pack_command_says_what_came_in_and_the_file_keeps_it(tmp_path, capsys):
    from wyassembler.cli import main
    from wyassembler.projectfile import storage

    project_path, pack_path = tmp_path / "response.wyproj", tmp_path / "calderdale-returned.docx"
    assert main(["sample", str(project_path)]) == 0
    assert main(["export-pack", str(project_path), "--as", "Calderdale", "-o", str(pack_path)]) == 0
    edit = WordEdit(pack_path)
    paragraph = next(p for p in edit.section()[1:] if runs(p))
    edit.insert(runs(paragraph)[-1], " Added in Word.")
    edit.comment(runs(paragraph)[0], runs(paragraph)[0], "Please check this figure.")
    edit.save()
    capsys.readouterr()

    code = main(["import-pack", str(pack_path), str(project_path), "--as", "Calderdale", "--by", "J. Smith"])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Kept 1 tracked change(s) in section 3" in out and "'wyassembler proposals" in out
    assert "Brought in 1 Word comment(s)" in out
    assert "1 proposal(s) from tracked changes, 1 Word comment(s) brought in." in out
    assert "section 3: 1 tracked change(s) kept as a proposal" in err
    section = storage.load(project_path).project.find_section("3")
    assert [c.text for c in section.comments] == ["Please check this figure."]
    [proposal] = section.proposals
    assert proposal.tracked[0].author == ANN and "Added in Word." in str(proposal.blocks)


# -- what a project file can hold -----------------------------------------------------------------

def test_what_word_gives_is_kept_within_what_the_project_file_holds(project, pack, monkeypatch, tmp_path):
    from wyassembler.core import review_records
    from wyassembler.projectfile import review_xml, storage

    for module in (review_records, review_xml):  # small limits, the same rule
        monkeypatch.setattr(module, "MAX_TRACKED_CHANGES", 3)
        monkeypatch.setattr(module, "MAX_SECTION_REVIEW_RECORDS", 2)
    edit = WordEdit(pack)
    _heading, first, _bullet = edit.section()
    anchor = runs(first)[-1]
    for number in range(5):
        anchor = edit.insert(anchor, f" w{number}")
    long_name = "A" * 1_500  # more than Word's schema allows: a hostile pack
    for number in range(3):
        edit.comment(runs(first)[1], runs(first)[1], f"Comment {number}.", author=long_name)
    edit.save(audit=False)

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    [(section, proposal)] = result.proposals
    assert len(proposal.tracked) == 3 and "(the first 3 listed)" in result.report_lines()[0]
    assert len(result.comments) == 2 and all(len(c.person) == 1_000 for _, c in result.comments)
    assert any("1 Word comment(s) were not imported" in line and "holds 2 comments" in line
               for line in result.report_lines())
    storage.save_project(project, tmp_path / "kept.wyproj")  # the write gate takes everything the import made
    assert len(storage.load(tmp_path / "kept.wyproj").project.find_section("2").proposals) == 1


def test_a_pack_whose_only_news_is_a_thread_marked_done_in_word_is_saved(tmp_path, capsys):
    """Word's "done" on one of our comments is the pack's only change: the thread the report calls
    resolved is resolved in the file too (it was reported and not saved)."""
    import zipfile

    from wyassembler.cli import main
    from wyassembler.projectfile import storage

    project_path, pack_path = tmp_path / "response.wyproj", tmp_path / "calderdale-returned.docx"
    assert main(["sample", str(project_path)]) == 0
    assert main(["comment", str(project_path), "3", "--text", "Source?", "--as", "Kirklees", "--by", "S. Patel"]) == 0
    assert main(["export-pack", str(project_path), "--as", "Calderdale", "-o", str(pack_path),
                 "--with-comments"]) == 0
    with zipfile.ZipFile(pack_path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    extended = parts["word/commentsExtended.xml"].decode()
    assert extended.count('w15:done="0"') == 1
    parts["word/commentsExtended.xml"] = extended.replace('w15:done="0"', 'w15:done="1"').encode()
    with zipfile.ZipFile(pack_path, "w") as package:  # as Word saves it: the thread marked done, nothing else
        for name, data in parts.items():
            package.writestr(name, data)
    capsys.readouterr()

    code = main(["import-pack", str(pack_path), str(project_path), "--as", "Calderdale", "--by", "J. Smith"])

    _out, err = capsys.readouterr()
    assert code == 0, err
    assert "1 thread(s) marked done in Word were resolved" in err
    section = storage.load(project_path).project.find_section("3")
    [comment] = section.comments
    assert is_resolved(section, comment.id)


def _untracked_and_tracked(pack):
    """The pack edited with a word typed untracked (the bullet) and one inserted with tracking on."""
    edit = WordEdit(pack)
    _heading, first, bullet = edit.section()
    edit.insert(runs(first)[-1], " Indeed.")
    runs(bullet)[0].find(qn("w:t")).text = "Legislation and guidance"  # typed with tracking off
    edit.save()


def test_the_same_pack_with_untracked_and_tracked_edits_brought_in_twice_changes_nothing(project, pack):
    _untracked_and_tracked(pack)
    section = shared(project)
    first = import_pack(project, pack, CALDERDALE, now=IMPORTED)
    assert first.updated == [section] and len(first.proposals) == 1
    revisions = len(section.revisions)

    again = import_pack(project, pack, CALDERDALE, now=IMPORTED + timedelta(hours=1))

    assert not again.changed and not again.proposals
    assert len(section.proposals) == 1 and len(section.revisions) == revisions
    assert any("proposed already" in line for line in again.report_lines(project))


def test_the_same_pack_brought_in_again_after_its_proposal_was_accepted_changes_nothing(project, pack):
    from wyassembler.core.proposals import decide

    _untracked_and_tracked(pack)
    section = shared(project)
    [(_, proposal)] = import_pack(project, pack, CALDERDALE, now=IMPORTED).proposals
    decide(project, CALDERDALE, proposal.id, True)
    revisions, current = len(section.revisions), section.current.id

    again = import_pack(project, pack, CALDERDALE, now=IMPORTED + timedelta(hours=1))

    assert not again.changed and not again.conflicts and not section.conflicts
    assert len(section.proposals) == 1 and len(section.revisions) == revisions and section.current.id == current
    assert any("proposed already" in line and "accepted" in line for line in again.report_lines(project))


def _marked_done_in_word(path) -> None:
    """Every thread of an exported pack marked done, as Word writes it in commentsExtended.xml."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/commentsExtended.xml"] = members["word/commentsExtended.xml"].replace(b'w15:done="0"',
                                                                                      b'w15:done="1"')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)


def test_done_in_word_resolves_a_thread_reopened_in_the_project_before_the_pack_was_made(project, tmp_path):
    from wyassembler.core.comments import set_resolved

    section = shared(project)
    ours = add_comment(project, CALDERDALE, section, "Too strong?", quote="welcome", now=T0)
    set_resolved(project, CALDERDALE, ours.id, True, T0 + timedelta(hours=1))
    set_resolved(project, CALDERDALE, ours.id, False, T0 + timedelta(hours=2))  # reopened: so it goes out
    path = tmp_path / "with-comments.docx"
    export_pack(project, "calderdale", path, project_path=None, with_comments=True)
    _marked_done_in_word(path)

    result = import_pack(project, path, CALDERDALE, now=IMPORTED)

    assert result.threads_resolved == 1 and is_resolved(section, ours.id) and result.changed


def test_done_in_word_on_a_thread_decided_in_the_project_since_the_pack_is_not_applied_and_said(project, tmp_path):
    from wyassembler.core.comments import set_resolved

    section = shared(project)
    ours = add_comment(project, CALDERDALE, section, "Too strong?", quote="welcome", now=T0)
    path = tmp_path / "with-comments.docx"
    export_pack(project, "calderdale", path, project_path=None, with_comments=True)
    _marked_done_in_word(path)
    set_resolved(project, CALDERDALE, ours.id, True, IMPORTED - timedelta(days=2))
    set_resolved(project, CALDERDALE, ours.id, False, IMPORTED - timedelta(days=1))  # reopened after the pack

    result = import_pack(project, path, CALDERDALE, now=IMPORTED)

    assert result.threads_resolved == 0 and not is_resolved(section, ours.id)
    [line] = [line for line in result.report_lines(project) if "done" in line]
    assert "Too strong?" in line and "reopened" in line and "after the pack was made" in line


def test_a_tracked_change_in_the_about_box_counts_as_outside_the_sections(project, pack):
    section = shared(project)
    before = section.current.id
    edit = WordEdit(pack)
    body = edit.document.element.body
    about = next(sdt for sdt in body.iter(qn("w:sdt"))
                 if sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}").get(qn("w:val")).startswith("wyassembler:pack:"))
    edit.insert(about.find(qn("w:sdtContent")).find(qn("w:p")).findall(qn("w:r"))[-1], " Edited in the about box.")
    outside = parse_xml(f'<w:p {NAMESPACES}><w:r><w:t>Below the boxes.</w:t></w:r></w:p>')
    body.find(qn("w:sectPr")).addprevious(outside)
    edit.insert(runs(outside)[0], " Inserted outside.")
    edit.save()

    result = import_pack(project, pack, CALDERDALE, now=IMPORTED)

    assert "2 tracked change(s) outside the sections' boxes were not applied" in result.report_lines(project)
    assert not result.proposals and section.current.id == before
