"""The shipped sample reproduces the partnership's reference response, word for word."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from wyassembler.core.content import Span, iter_spans
from wyassembler.core.markdown import to_markdown
from wyassembler.projectfile import storage

REFERENCE = Path(__file__).parent.parent / "data" / "west-yorkshire-response-2005.txt"
ROOT = Path(__file__).resolve().parents[2]


def _lines(text: str) -> list[str]:
    """Non-blank lines with Markdown link targets and bold marks removed, for a text comparison."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _project_text(project) -> str:
    members = [org.name for org in project.organisations]
    parts = [project.title, project.subtitle]
    for number, _, section in project.walk():
        parts.append(f"{number} {section.heading}")
        parts.append(to_markdown(section.blocks, member_names=members))
    parts.append(project.closing_line)
    return "\n\n".join(parts)


def test_sample_text_matches_the_reference_response(sample):
    project = storage.load(sample).project
    assert _lines(_project_text(project)) == _lines(REFERENCE.read_text(encoding="utf-8"))


def test_sample_keeps_the_emphasis_and_both_links(sample):
    project = storage.load(sample).project
    spans: list[Span] = [span for _, _, s in project.walk() for span in iter_spans(s.blocks)]
    assert any(span.bold and span.text == "the critical factor" for span in spans)
    linked = {span.text: span.href for span in spans if span.href}
    assert set(linked) == {"National Strategy for Local e-Government", "National eService Delivery Standards programme"}
    assert all(href.startswith("https://") for href in linked.values())


def test_sample_is_signed_off_and_verifies(cli, sample):
    result = cli("verify", sample)
    assert result.code == 0, result.err
    status = cli("status", sample, "--json")
    assert '"ready": true' in status.out


def test_shipped_sample_is_what_the_script_builds(tmp_path):
    shipped = ROOT / "resources" / "samples" / "west-yorkshire-2005.wyproj"
    out = tmp_path / "rebuilt.wyproj"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample.py"), str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == shipped.read_bytes()
