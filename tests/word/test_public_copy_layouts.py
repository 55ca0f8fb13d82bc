"""Any outline, any confidential marks, any mapping to questions: the public copy's text is what verify-docx
lays out again from the manifest (the writer and the checker share question_export.public_layout), and no
withheld heading or paragraph reaches the package (Hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import COORDINATOR, T0
from tests.word.public_sample import leaks
from wyassembler.core.confidentiality import mark_section, withheld_sections
from wyassembler.core.content import Paragraph, plain
from wyassembler.core.outline import add_section
from wyassembler.core.presets import new_project
from wyassembler.core.question_edits import NewQuestion, import_questions, map_section
from wyassembler.word.docx_check import verify_docx
from wyassembler.word.writer import build_docx

# Each section: its parent's index among those before it (None: top level), whether it is marked
# confidential, whether it has text, and the questions it answers.
SECTION = st.tuples(st.integers(0, 7) | st.none(), st.booleans(), st.booleans(), st.sets(st.sampled_from("12")))


def _project(shape):
    project = new_project("A response", "", preset="west-yorkshire", person="H. Dawson", now=T0)
    project.sections.clear()
    import_questions(project, COORDINATOR, [NewQuestion("1", "First?"), NewQuestion("2", "Second?")])
    sections = []
    for index, (parent, confidential, has_text, answers) in enumerate(shape):
        above = sections[parent] if parent is not None and parent < len(sections) else None
        if above is not None and project.place_of(above).level == 3:
            above = None
        token = f"QXS{index}X"
        blocks = (Paragraph(plain(f"Text {token} of section {index}.")),) if has_text else ()
        section = add_section(project, COORDINATOR, f"Heading {token}", "joint-services", blocks, parent=above,
                              now=T0)
        map_section(project, COORDINATOR, section, sorted(answers))
        if confidential:
            mark_section(project, COORDINATOR, section, True, "commercially sensitive", now=T0)
        sections.append(section)
    secret = [f"QXS{sections.index(item.section)}X" for item in withheld_sections(project).values()]
    return project, secret


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SECTION, min_size=1, max_size=7), st.sampled_from(["outline", "questions"]))
def test_the_public_copy_verifies_as_laid_out_and_holds_no_withheld_text(tmp_path_factory, shape, order):
    project, secret = _project(shape)
    data = build_docx(project, order=order, draft=True, public=True, signoff_appendix=True,
                      questions_appendix=True).data
    assert leaks(data, secret) == []
    path = tmp_path_factory.mktemp("public") / "public.docx"
    path.write_bytes(data)
    assert [line for line in verify_docx(path).problems if "differs from what was signed" in line] == []
