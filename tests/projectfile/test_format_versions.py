"""Files from other versions of wyassembler: a newer minor format is read and its additions kept; a file
this version cannot fully read is never opened or saved over, and the message says which version wrote it."""

from __future__ import annotations

import re

import pytest

from tests.factories import CALDERDALE, KIRKLEES
from wyassembler.core.content import ListItem, Paragraph, Table, plain
from wyassembler.core.editing import edit_section
from wyassembler.projectfile.codec import FORMAT_VERSION, NewerFormatError, ProjectFileError, from_bytes, to_bytes
from wyassembler.projectfile.foreign import keep_on
from wyassembler.projectfile.storage import list_backups, load, restore_backup, save_project, save_shared

NEWER_MINOR = f"{FORMAT_VERSION.split('.')[0]}.{int(FORMAT_VERSION.split('.')[1]) + 7}"
# What a newer minor version might add: optional elements, at the top level, in the properties, in a section.
REVIEW_LOG = ('  <review-log>\n    <entry who="S. Patel">checked <b>twice</b> &amp; agreed</entry>\n'
              '  </review-log>\n')
LANGUAGE = '    <language code="en-GB"/>\n'
PRIORITY = '      <priority level="high">urgent</priority>\n'


def text(words: str) -> tuple:
    return (Paragraph(plain(words)),)


def newer_minor_bytes(project) -> bytes:
    """The project as a newer minor version would write it: its format, and three elements we do not know."""
    data = to_bytes(project).decode("utf-8")
    data = re.sub(r' format="[0-9.]+" ', f' format="{NEWER_MINOR}" ', data, count=1)
    data = data.replace("  <deleted/>\n</project>", "  <deleted/>\n" + REVIEW_LOG + "</project>")
    data = re.sub(r"(    <title>[^<]*</title>\n)", lambda m: m.group(1) + LANGUAGE, data, count=1)
    section_id = project.find_section("3").id
    data = re.sub(rf'(    <section id="{section_id}" owner="[^"]*">\n)', lambda m: m.group(1) + PRIORITY, data, count=1)
    return data.encode("utf-8")


@pytest.fixture
def newer_file(project, tmp_path):
    path = tmp_path / "r.wyproj"
    path.write_bytes(newer_minor_bytes(project))
    return path


def test_a_newer_minor_file_opens_and_is_written_back_byte_for_byte(project, newer_file):
    data = newer_file.read_bytes()
    loaded = load(newer_file)
    assert loaded.project.title == project.title
    assert to_bytes(loaded.project) == data


def test_a_newer_minor_files_elements_survive_an_edit_and_a_merge(newer_file):
    mine, theirs = load(newer_file), load(newer_file)
    edit_section(theirs.project, KIRKLEES, theirs.project.find_section("3"), blocks=text("Theirs."))
    save_shared(theirs.project, newer_file, theirs.data, theirs.structure)
    edit_section(mine.project, CALDERDALE, mine.project.find_section("2"), blocks=text("Mine."))
    result = save_shared(mine.project, newer_file, mine.data, mine.structure)
    assert result.merged
    saved = newer_file.read_bytes().decode("utf-8")
    assert f' format="{NEWER_MINOR}" ' in saved
    assert REVIEW_LOG in saved and LANGUAGE in saved and PRIORITY in saved
    again = load(newer_file).project
    assert again.find_section("2").blocks == text("Mine.") and again.find_section("3").blocks == text("Theirs.")


def test_a_newer_minor_files_elements_survive_a_project_rebuilt_without_them(newer_file):
    """A project that lost them (rebuilt from the file's content) saved over the unchanged file keeps them."""
    loaded = load(newer_file)
    stripped = load(newer_file).project
    keep_on(stripped, None)
    edit_section(stripped, CALDERDALE, stripped.find_section("2"), blocks=text("Mine."))
    save_shared(stripped, newer_file, loaded.data, loaded.structure)
    assert REVIEW_LOG in newer_file.read_text(encoding="utf-8")


def test_an_unknown_element_inside_section_content_is_refused_naming_the_version(project, tmp_path):
    data = newer_minor_bytes(project).replace(b"<p>Standards matter.</p>", b"<p>Standards <u>matter</u>.</p>")
    path = tmp_path / "r.wyproj"
    path.write_bytes(data)
    with pytest.raises(ProjectFileError, match=f"saved in format {NEWER_MINOR} by a newer wyassembler"):
        load(path)


@pytest.mark.parametrize("version", ["2.0", "newer minor with content we cannot read"])
def test_a_file_this_version_cannot_fully_read_is_never_saved_over(project, tmp_path, version):
    path = tmp_path / "r.wyproj"
    save_project(project, path)
    loaded = load(path)
    if version == "2.0":
        newer = re.sub(rb' format="[0-9.]+" ', b' format="2.0" ', path.read_bytes(), count=1)
    else:
        version = NEWER_MINOR
        newer = newer_minor_bytes(project).replace(b"<p>Standards matter.</p>", b"<p><u>Standards</u></p>")
    path.write_bytes(newer)  # a partner with a newer wyassembler saved meanwhile
    edit_section(loaded.project, CALDERDALE, loaded.project.find_section("2"), blocks=text("Mine."))
    with pytest.raises(NewerFormatError, match=rf"cannot save .*format {re.escape(version)} by a newer wyassembler"):
        save_shared(loaded.project, path, loaded.data, loaded.structure)
    assert path.read_bytes() == newer
    assert list_backups(path) == []  # nothing was replaced


def test_a_newer_major_file_is_not_restored_over(project, tmp_path):
    path = tmp_path / "r.wyproj"
    save_project(project, path)
    save_project(project, path)  # one backup
    newer = re.sub(rb' format="[0-9.]+" ', b' format="2.0" ', path.read_bytes(), count=1)
    path.write_bytes(newer)
    with pytest.raises(NewerFormatError, match="cannot restore .*format 2.0 by a newer wyassembler"):
        restore_backup(path, 1)
    assert path.read_bytes() == newer


def test_an_unknown_element_inside_a_heading_is_refused_not_dropped(project, tmp_path):
    data = newer_minor_bytes(project).replace(b"<heading>Professionalism</heading>",
                                              b"<heading>Professionalism<sup>2</sup></heading>")
    path = tmp_path / "r.wyproj"
    path.write_bytes(data)
    with pytest.raises(ProjectFileError, match=f"saved in format {NEWER_MINOR} by a newer wyassembler"):
        load(path)


@pytest.mark.parametrize("blocks", [
    (Paragraph(plain("first line\nsecond line")),),
    (Paragraph(plain("name\tvalue")),),
    (ListItem(plain("fifth"), "number", 1, 5),),
    (Table((), ((plain("no"), plain("header")),)),),
], ids=["line break", "tab", "list start", "headerless table"])
def test_what_format_1_3_added_is_written_as_1_3_and_read_back(project, blocks):
    assert b' format="1.3" ' not in to_bytes(project)
    edit_section(project, CALDERDALE, project.find_section("2"), blocks=blocks)
    data = to_bytes(project)
    assert b' format="1.3" ' in data
    assert from_bytes(data).find_section("2").blocks == blocks
    assert to_bytes(from_bytes(data)) == data


def test_list_number_formats_are_a_project_setting_kept_in_the_file(project):
    project.list_formats = ("upperRoman", "decimal", "lowerLetter")
    data = to_bytes(project)
    assert b'<list-numbering levels="upperRoman decimal lowerLetter"/>' in data and b' format="1.3" ' in data
    assert from_bytes(data).list_formats == ("upperRoman", "decimal", "lowerLetter")
