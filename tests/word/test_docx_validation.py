"""The openxml-audit check on every .docx the tests produce (tests/word/docx_validation.py) finds what
it should, allows exactly numId 0, and fails a test whose export is invalid however it was written."""

from __future__ import annotations

import textwrap

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.word.docx_validation import ALLOWED_FINDINGS, DocxChecker
from wyassembler.word import provenance
from wyassembler.word.package import open_document
from wyassembler.word.writer import default_template_path

# The writer as it is without the check wrapped round it, so these tests can make invalid bytes.
UNCHECKED_MARKED_BYTES = getattr(provenance.marked_bytes, "__wrapped__", provenance.marked_bytes)


def _document_with(paragraph_xml: str):
    """Our own reference template with one extra body paragraph."""
    document = open_document(default_template_path(), "default template")
    document.element.body.insert(0, parse_xml(paragraph_xml))
    return document


def _bogus_element():
    return _document_with(f'<w:p {nsdecls("w")}><w:bogus/><w:r><w:t>x</w:t></w:r></w:p>')


def _numbered(num_id: int):
    return _document_with(f'<w:p {nsdecls("w")}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/>'
                          f'</w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>')


def test_an_element_the_schema_does_not_allow_is_reported_with_part_path_and_node():
    problems = DocxChecker().problems(UNCHECKED_MARKED_BYTES(_bogus_element()))
    assert problems == ["/word/document.xml /document[1]/body[1]/p[1] <bogus>: Unexpected element 'bogus' found"]


def test_the_reference_template_as_written_has_no_findings():
    assert DocxChecker().problems(UNCHECKED_MARKED_BYTES(open_document(default_template_path()))) == []


def test_numid_0_is_allowed_and_a_missing_numbering_instance_is_not():
    checker = DocxChecker()
    assert checker.problems(UNCHECKED_MARKED_BYTES(_numbered(0))) == []
    assert checker.problems(UNCHECKED_MARKED_BYTES(_numbered(999))) == [
        "/word/document.xml (no element path given) <numId>: Numbering definition '999' referenced but not found"]
    assert [allowed.node for allowed in ALLOWED_FINDINGS] == ["numId"]


def test_the_same_bytes_are_validated_once():
    checker, data = DocxChecker(), UNCHECKED_MARKED_BYTES(_bogus_element())
    first = checker.problems(data)
    assert checker.problems(data) == first and (checker.requests, checker.distinct) == (2, 1)


INNER_TESTS = '''
import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from wyassembler.projectfile import storage
from wyassembler.resource_files import SAMPLE, resource
from wyassembler.word import provenance, writer
from wyassembler.word.package import open_document


def broken():
    document = open_document(writer.default_template_path())
    document.element.body.insert(0, parse_xml(f'<w:p {nsdecls("w")}><w:bogus/></w:p>'))
    return document


def test_invalid_bytes_from_the_writer():
    writer.marked_bytes(broken())


def test_invalid_export_written_by_another_process(tmp_path):
    # As a subprocess (the CLI, the packaged app) would write it: the unchecked writer, to a file.
    (tmp_path / "sub" / "out.docx").parent.mkdir()
    (tmp_path / "sub" / "out.docx").write_bytes(provenance.marked_bytes.__wrapped__(broken()))


@pytest.mark.docx_not_validated("writes a broken document on purpose")
def test_opted_out(tmp_path):
    writer.marked_bytes(broken())
    (tmp_path / "out.docx").write_bytes(provenance.marked_bytes.__wrapped__(broken()))


def test_a_broken_reader_input_is_not_ours(tmp_path):
    document = docx.Document()
    document.element.body.insert(0, parse_xml(f'<w:p {nsdecls("w")}><w:bogus/></w:p>'))
    document.save(tmp_path / "hostile.docx")


def test_a_real_export_passes(tmp_path):
    sample = storage.load(str(resource(*SAMPLE))).project
    writer.export_docx(sample, tmp_path / "response.docx", signoff_appendix=True, project_path=None)
'''


@pytest.mark.docx_not_validated("runs the check itself on deliberately broken documents")
def test_the_check_fails_a_test_whose_docx_is_invalid(pytester, monkeypatch, request):
    monkeypatch.setenv("PYTHONPATH", str(request.config.rootpath))
    pytester.makepyfile(test_inner=textwrap.dedent(INNER_TESTS))
    result = pytester.runpytest_subprocess("-p", "tests.word.docx_validation", "-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines([
        "*test_invalid_bytes_from_the_writer*",
        "openxml-audit finds 1 error(s) in the .docx bytes test_invalid_bytes_from_the_writer() produced:",
        "    /word/document.xml /document[1]/body[1]/p[1] <bogus>: Unexpected element 'bogus' found",
    ])
    result.stdout.fnmatch_lines([
        "*test_invalid_export_written_by_another_process*",
        "openxml-audit finds 1 error(s) in */sub/out.docx:",
        "    /word/document.xml /document[1]/body[1]/p[1] <bogus>: Unexpected element 'bogus' found",
    ])
    assert "hostile.docx" not in result.stdout.str()
