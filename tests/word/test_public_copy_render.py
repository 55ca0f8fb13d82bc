"""LibreOffice opens both copies of a response with confidential sections: the full copy prints their text,
the public copy the notices in their place and none of it."""

from __future__ import annotations

from tests.word.public_sample import REASON, signed_confidential
from tests.word.rendering import needs_libreoffice, rendered_lines
from wyassembler.word.writer import build_docx

pytestmark = needs_libreoffice


def test_libreoffice_prints_the_notices_of_the_public_copy_and_the_text_of_the_full(tmp_path):
    project = signed_confidential()[0]
    for order in ("outline", "questions"):
        full = " ".join(" ".join(rendered_lines(build_docx(project, order=order, signoff_appendix=True).data,
                                                tmp_path / f"full-{order}")).split())
        public = " ".join(" ".join(rendered_lines(build_docx(project, order=order, signoff_appendix=True,
                                                             public=True).data, tmp_path / f"public-{order}")).split())
        assert "QXHEADING" in full and "QXPARAGRAPH" in full and "QXTABLECELL" in full
        assert f"Section 5 is withheld: {REASON}." in public
        assert "QX" not in public.upper().replace("QUESTION", "")
        assert ("Section 5 is withheld" in full) is False
    outline_public = " ".join(" ".join(rendered_lines(build_docx(project, public=True).data,
                                                      tmp_path / "numbers")).split())
    # The withheld section keeps its number: "5 Withheld", then section 6 as numbered in the full copy.
    assert "5 Withheld" in outline_public and "3.1 Withheld" in outline_public
    assert "3.2 Shared estates" in outline_public and "6 The need for accompanying" in outline_public
