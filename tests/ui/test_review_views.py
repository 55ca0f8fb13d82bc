"""Issue 20 in the app: a stale approval's Show Changes (the diff view's marks and its list of changes in
words), the conflict dialog's highlighted differences, and the owner deciding a section's proposed changes
(all, none or some; one undo step)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import CALDERDALE_LEAD, KIRKLEES_LEAD
from wyassembler.core import editing
from wyassembler.core.content import ListItem, Paragraph, inline_text, plain
from wyassembler.core.diff import diff_section
from wyassembler.core.model import Actor
from wyassembler.ui.common.diff_view import DARK, LIGHT, DiffView, colours_for, contrast
from wyassembler.ui.dialogs.changes import ChangesDialog
from wyassembler.ui.project import files

CALDERDALE = Actor("calderdale", "J. Smith")


def fragments(document):
    """Every run of text in a QTextDocument with its character format."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            found.append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return found


def format_of(document, words: str):
    """The format of the one fragment that holds ``words``."""
    matches = [fmt for text, fmt in fragments(document) if words in text]
    assert len(matches) == 1, (words, [t for t, _ in fragments(document)])
    return matches[0]


def edited_sample():
    """The sample with section 3's first paragraph edited by its owner after Calderdale approved it."""
    project = files.sample_project()
    section = project.find_section("3")
    first = inline_text(section.blocks[0].spans)
    assert "particularly welcomes" in first
    blocks = (Paragraph(plain(first.replace("particularly welcomes", "warmly supports"))), *section.blocks[1:])
    editing.edit_section(project, CALDERDALE, section, blocks=blocks,
                         now=section.current.time + timedelta(days=3))
    return project


def open_on_section(sample_window, project, number="3", identity=CALDERDALE_LEAD):
    window = sample_window(identity)
    window.open_project(project)
    window.select_section(project.find_section(number).id)
    return window


def capture(monkeypatch, dialog_class, act=None):
    """A stand-in for ``dialog_class.exec`` that keeps the dialog (shown, as a person sees it), lets
    ``act`` work it, and returns its result."""
    shown = []

    def answer(dialog):
        dialog.show()
        shown.append(dialog)
        if act is not None:
            act(dialog)
        return dialog.result()
    monkeypatch.setattr(dialog_class, "exec", answer)
    return shown


def test_a_stale_approval_shows_changed_since_and_the_changes(qtbot, sample_window, monkeypatch):
    window = open_on_section(sample_window, edited_sample())
    bar = window.signing.review.bar
    assert bar.isVisible() and bar.show_changes.isVisible()
    assert bar.stale_label.text().startswith("Changed since Calderdale")
    assert " approved it on " in bar.stale_label.text()
    assert bar.show_changes.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable by keyboard
    matrix = window.signoff_panel.model
    row = next(r for r in range(matrix.rowCount()) if matrix.headerData(r, Qt.Orientation.Vertical).startswith("3"))
    cell = matrix.index(row, matrix._columns.index("calderdale"))
    assert "Show Changes" in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "Show Changes" in cell.data(Qt.ItemDataRole.AccessibleTextRole)
    assert window.app_actions.show_changes.isEnabled()
    shown = capture(monkeypatch, ChangesDialog)
    qtbot.mouseClick(bar.show_changes, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    view = shown[0].view
    document = view.text.document()
    removed, added = format_of(document, "particularly welcomes"), format_of(document, "warmly supports")
    assert removed.fontStrikeOut() and not removed.fontUnderline()
    assert added.fontUnderline() and not added.fontStrikeOut()
    assert removed.foreground().color() != added.foreground().color()
    assert view.change_texts() == ["paragraph 1: removed \u201cparticularly welcomes\u201d, "
                                   "added \u201cwarmly supports\u201d"]
    assert "1 change" in view.summary_label.text()
    # The unchanged list items are shown near the change, dimmed and neither underlined nor struck.
    unchanged = format_of(document, "Legislation currently preventing")
    assert not unchanged.fontStrikeOut() and not unchanged.fontUnderline()


def test_show_changes_is_reached_by_tab_from_the_outline_and_opens_by_keyboard(qtbot, sample_window, monkeypatch):
    from PySide6.QtTest import QTest

    window = open_on_section(sample_window, edited_sample())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tree.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    QTest.keyClick(window.tree, Qt.Key.Key_Tab)
    button = window.signing.review.bar.show_changes
    assert QApplication.focusWidget() is button
    shown = capture(monkeypatch, ChangesDialog)
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert len(shown) == 1 and shown[0].view.change_texts()[0].startswith("paragraph 1: removed")


def test_the_bar_goes_once_the_section_is_approved_again(qtbot, sample_window):
    window = open_on_section(sample_window, edited_sample())
    assert window.signing.review.bar.isVisible()
    window.signing.sign_off()
    assert not window.signing.review.bar.isVisible()
    assert not window.app_actions.show_changes.isEnabled()
    assert "stale" in window.app_actions.show_changes.toolTip()


def test_a_pruned_approved_text_is_said_plainly(qtbot, sample_window, monkeypatch):
    project = edited_sample()
    section = project.find_section("3")
    approved = next(r for r in section.revisions if r.hash == section.signoffs[0].hash)
    section.revisions[section.revisions.index(approved)] = type(approved)(
        **{**{f: getattr(approved, f) for f in approved.__dataclass_fields__}, "blocks": None})
    window = open_on_section(sample_window, project)
    shown = capture(monkeypatch, ChangesDialog)
    window.app_actions.show_changes.trigger()
    dialog = shown[0]
    assert dialog.pruned.isVisible() and not dialog.view.isVisible()
    assert "no longer kept in the history" in dialog.pruned.text()


def test_next_and_previous_change_move_through_the_list(qtbot):
    project = files.sample_project()
    section = project.find_section("3")
    old = section.blocks
    new = (old[0], ListItem(plain("A new first point."), old[1].kind, old[1].level),
           *old[1:3], *old[4:])
    view = DiffView()
    qtbot.addWidget(view)
    view.set_diff(diff_section("Old heading", old, section.heading, new))
    texts = view.change_texts()
    assert texts[0].startswith("heading: removed \u201cOld heading\u201d")
    assert "list item 1 added: \u201cA new first point.\u201d" in texts
    assert any(t.startswith("list item 3 removed: \u201cAgain, in terms of the timetable") for t in texts)
    view.show()
    view.next_change()
    assert view.changes.currentRow() == 0
    view.next_change()
    assert view.changes.currentRow() == 1
    view.previous_change()
    view.previous_change()
    assert view.changes.currentRow() == len(texts) - 1  # round to the last
    assert view.text.textCursor().hasSelection()


def test_the_colours_keep_their_contrast_in_light_and_dark_palettes():
    for background in ("#ffffff", "#f5f5f5", "#121212", "#1e1e1e", "#3c3c3c"):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, QColor(background))
        palette.setColor(QPalette.ColorRole.Text, QColor("#000000" if QColor(background).lightnessF() > .5
                                                         else "#ffffff"))
        chosen = colours_for(palette)
        assert chosen in (LIGHT, DARK)
        for colour in (chosen.added, chosen.removed, chosen.dimmed):
            assert contrast(colour, QColor(background)) >= 4.5, (colour.name(), background)
    app_palette = QApplication.palette()
    for colour in colours_for(app_palette).__dict__.values():
        assert contrast(colour, app_palette.color(QPalette.ColorRole.Base)) >= 4.5


# -- the conflict dialog --------------------------------------------------------------------------------

def test_the_conflict_dialog_marks_the_differences_side_by_side(qtbot):
    from tests.ui.conflict_copies import two_conflict_copies
    from wyassembler.ui.dialogs.conflicts import ConflictsDialog

    project, section = two_conflict_copies()
    dialog = ConflictsDialog(project, section, True)
    qtbot.addWidget(dialog)
    current_text = section.current.blocks[0].spans[0].text
    current_org = current_text.split("'")[0]
    current = dialog.views[0].document()
    assert format_of(current, current_org).fontStrikeOut()
    assert not format_of(current, "s version.").fontStrikeOut()  # the words both have are left alone
    for number, copy in enumerate(section.conflicts, start=1):
        org = copy.revision.blocks[0].spans[0].text.split("'")[0]
        marked = format_of(dialog.views[number].document(), org)
        assert marked.fontUnderline() and not marked.fontStrikeOut()
        assert not format_of(dialog.views[number].document(), "s version.").fontUnderline()
        assert "underlined" in dialog.views[number].accessibleDescription()
    assert "struck through" in dialog.legend.text()


def test_the_conflict_dialog_marks_words_inside_a_list_and_a_changed_heading(qtbot):
    from wyassembler.core.merge import merge_projects
    from wyassembler.ui.dialogs.conflicts import ConflictsDialog

    copies = [files.sample_project() for _ in range(2)]
    for project, words, heading in ((copies[0], "stopping", None), (copies[1], "blocking", "Shared Services")):
        section = project.find_section("3")
        item = section.blocks[1]
        text = inline_text(item.spans).replace("preventing", words)
        blocks = (section.blocks[0], ListItem(plain(text), item.kind, item.level), *section.blocks[2:])
        editing.edit_section(project, Actor("calderdale" if heading is None else "police", "Someone"), section,
                             heading=heading, blocks=blocks)
    merged = merge_projects(copies[0], copies[1]).project
    section = merged.find_section("3")
    assert len(section.conflicts) == 1
    dialog = ConflictsDialog(merged, section, True)
    qtbot.addWidget(dialog)
    current_words = "stopping" if "stopping" in inline_text(section.current.blocks[1].spans) else "blocking"
    copy_words = "blocking" if current_words == "stopping" else "stopping"
    assert format_of(dialog.views[0].document(), current_words).fontStrikeOut()
    assert format_of(dialog.views[1].document(), copy_words).fontUnderline()
    assert not format_of(dialog.views[1].document(), "Legislation currently").fontUnderline()
    assert "text-decoration" in dialog.heading_labels[0].text() + dialog.heading_labels[1].text()


# -- proposed changes ---------------------------------------------------------------------------------

KIRKLEES = Actor("kirklees", "S. Patel")


def proposed_sample(edit_after: bool = False):
    """The sample with a proposal on section 3 from Kirklees' returned pack: two words changed in the first
    paragraph and one in the second list item (with ``edit_after``, the owner edits the section after)."""
    from wyassembler.core.proposals import propose
    from wyassembler.core.review_records import TrackedChange

    project = files.sample_project()
    section = project.find_section("3")
    first, item = inline_text(section.blocks[0].spans), section.blocks[1]
    blocks = (Paragraph(plain(first.replace("particularly welcomes", "warmly supports"))),
              ListItem(plain(inline_text(item.spans).replace("preventing", "blocking")), item.kind, item.level),
              *section.blocks[2:])
    tracked = (TrackedChange("deletion", "Jane Doe", None, "particularly welcomes"),
               TrackedChange("insertion", "Jane Doe", None, "warmly supports"))
    proposal = propose(project, KIRKLEES, section, section.current.id, section.heading, blocks, tracked=tracked,
                       source="kirklees-pack.docx")
    assert proposal is not None
    if edit_after:
        last = section.blocks[-1]
        editing.edit_section(project, CALDERDALE, section, blocks=(
            *section.blocks[:-1], ListItem(plain(inline_text(last.spans) + " Indeed."), last.kind, last.level)))
    return project, proposal


def texts_of(section):
    return [inline_text(block.spans) for block in section.blocks]


def review_with(monkeypatch, window, act):
    from wyassembler.ui.dialogs.proposals import ProposalsDialog

    shown = capture(monkeypatch, ProposalsDialog, act)
    qtbot_click(window.signing.review.bar.review)
    return shown


def qtbot_click(button):
    assert button.isVisible() and button.isEnabled()
    button.click()


def test_the_owner_accepts_every_proposed_change_as_one_undo_step(qtbot, sample_window, monkeypatch):
    from wyassembler.core.proposals import decision_of, open_proposals

    project, proposal = proposed_sample()
    before = texts_of(project.find_section("3"))
    window = open_on_section(sample_window, project)
    bar = window.signing.review.bar
    assert bar.proposals_label.text().startswith("2 proposed changes from kirklees-pack.docx by Kirklees")
    assert window.app_actions.review_proposals.isEnabled()

    def accept_all(dialog):
        assert dialog.list.count() == 2
        first = dialog.list.item(0).text()
        assert first.startswith("1. paragraph 1: removed \u201cparticularly welcomes\u201d, added \u201cwarmly "
                                "supports\u201d") and "Jane Doe" in first
        assert dialog.list.item(0).checkState() == Qt.CheckState.Checked
        assert format_of(dialog.view.text.document(), "blocking").fontUnderline()
        dialog.accept_all.click()
    shown = review_with(monkeypatch, window, accept_all)
    assert len(shown) == 1
    section = window.document.project.find_section("3")
    assert texts_of(section)[0].count("warmly supports") == 1 and "blocking" in texts_of(section)[1]
    assert decision_of(section, proposal.id).outcome == "accepted"
    assert not bar.proposals_label.isVisible()
    assert window.editor.section is section and "warmly supports" in window.editor.text.toPlainText()

    window.editing.undo()
    section = window.document.project.find_section("3")
    assert texts_of(section) == before
    assert [p.id for p in open_proposals(section)] == [proposal.id]
    assert bar.proposals_label.isVisible()
    window.editing.redo()
    assert "blocking" in texts_of(window.document.project.find_section("3"))[1]


def test_the_owner_rejects_the_proposal_and_undo_opens_it_again(qtbot, sample_window, monkeypatch):
    from wyassembler.core.proposals import decision_of, open_proposals

    project, proposal = proposed_sample()
    before = texts_of(project.find_section("3"))
    window = open_on_section(sample_window, project)
    review_with(monkeypatch, window, lambda dialog: dialog.reject_all.click())
    section = window.document.project.find_section("3")
    assert texts_of(section) == before
    assert decision_of(section, proposal.id).outcome == "rejected"
    assert "Rejected" in window.statusBar().currentMessage()
    window.editing.undo()
    assert open_proposals(window.document.project.find_section("3"))


def test_the_owner_accepts_only_the_changes_ticked(qtbot, sample_window, monkeypatch):
    project, proposal = proposed_sample()
    before = texts_of(project.find_section("3"))
    window = open_on_section(sample_window, project)

    def first_only(dialog):
        dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
        assert dialog.ticked() == {1}
        assert dialog.accept_selected.text().replace("&", "") == "Accept Selected (1)"
        dialog.accept_selected.click()
    review_with(monkeypatch, window, first_only)
    after = texts_of(window.document.project.find_section("3"))
    assert "warmly supports" in after[0] and after[1] == before[1]
    window.editing.undo()
    assert texts_of(window.document.project.find_section("3")) == before


def test_only_the_owner_may_decide_and_the_dialog_says_why(qtbot, sample_window, monkeypatch):
    from wyassembler.core.proposals import check_decide
    from wyassembler.core.errors import PermissionDenied

    project, _proposal = proposed_sample()
    window = open_on_section(sample_window, project, identity=KIRKLEES_LEAD)
    try:
        check_decide(project, project.find_section("3"), window.document.actor)
    except PermissionDenied as error:
        reason = str(error)

    def look(dialog):
        for button in (dialog.accept_all, dialog.reject_all, dialog.accept_selected):
            assert not button.isEnabled()
        assert dialog.refused.isVisible() and dialog.refused.text() == reason
        assert dialog.accept_all.toolTip() == reason
    shown = review_with(monkeypatch, window, look)
    assert shown and shown[0].decision is None


def test_a_proposal_on_older_text_is_kept_as_a_conflict_copy_and_said_plainly(qtbot, sample_window, monkeypatch,
                                                                              dialogs):
    project, _proposal = proposed_sample(edit_after=True)
    before = texts_of(project.find_section("3"))
    window = open_on_section(sample_window, project)
    review_with(monkeypatch, window, lambda dialog: dialog.accept_all.click())
    section = window.document.project.find_section("3")
    assert texts_of(section) == before and len(section.conflicts) == 1
    assert any("conflict copy" in text and "Resolve Conflict Copies" in text for text in dialogs.shown)
    window.editing.undo()
    assert not window.document.project.find_section("3").conflicts


def test_with_two_proposals_the_one_chosen_is_decided(qtbot, sample_window, monkeypatch):
    from wyassembler.core.proposals import decision_of, propose

    project, first = proposed_sample()
    section = project.find_section("3")
    blocks = (*section.blocks[:-1], Paragraph(plain("The police would add one point.")))
    second = propose(project, Actor("police", "P. Jones"), section, section.current.id, section.heading, blocks,
                     source="police-pack.docx")
    window = open_on_section(sample_window, project)
    assert window.signing.review.bar.proposals_label.text().startswith("2 proposed versions")

    def choose_second(dialog):
        assert dialog.chooser.isVisible() and dialog.chooser.count() == 2
        dialog.chooser.setCurrentIndex(1)
        assert "police-pack.docx" in dialog.intro.text()
        assert dialog.accept_selected.text().replace("&", "") == f"Accept Selected ({dialog.list.count()})"
        dialog.accept_all.click()
    review_with(monkeypatch, window, choose_second)
    section = window.document.project.find_section("3")
    assert decision_of(section, second.id).outcome == "accepted" and decision_of(section, first.id) is None
    assert texts_of(section)[-1] == "The police would add one point."


def test_the_merged_text_editor_marks_the_versions_it_shows_to_read(qtbot):
    from tests.ui.conflict_copies import two_conflict_copies
    from wyassembler.ui.dialogs.conflicts import MergedTextDialog

    project, section = two_conflict_copies()
    dialog = MergedTextDialog(project, section)
    qtbot.addWidget(dialog)
    current_org = section.current.blocks[0].spans[0].text.split("'")[0]
    assert format_of(dialog.version_views[0].document(), current_org).fontStrikeOut()
    for number, copy in enumerate(section.conflicts, start=1):
        org = copy.revision.blocks[0].spans[0].text.split("'")[0]
        assert format_of(dialog.version_views[number].document(), org).fontUnderline()
    # The merged text itself, which the person edits, carries no marks.
    assert not any(fmt.fontStrikeOut() or fmt.fontUnderline() for _text, fmt in fragments(dialog.text.document()))


def test_a_redirected_link_is_said_in_the_list_and_under_its_block(qtbot):
    from wyassembler.core.content import Span
    old = (Paragraph((Span("See "), Span("the agency", href="https://www.gov.uk/ea"), Span("."))),)
    new = (Paragraph((Span("See "), Span("the agency", href="https://example.org/evil"), Span("."))),)
    view = DiffView()
    qtbot.addWidget(view)
    view.set_diff(diff_section("H", old, "H", new))
    [text] = view.change_texts()
    assert "now goes to https://example.org/evil (was https://www.gov.uk/ea)" in text
    assert "now goes to https://example.org/evil" in view.text.toPlainText()
    assert view.summary_label.text() != "No changes."
