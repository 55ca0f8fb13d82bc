"""Make the page images in docs/pages/: exports laid out by LibreOffice, as a reader sees them.

Run from the repository root with the test extra installed and LibreOffice and poppler-utils on the PATH:

    .venv/bin/python scripts/make_page_images.py

Each image is one page of a draft export: the West Yorkshire sample through the serif test
template (its own footer text beside the page number), and the hard test project (lists that
restart, nested numbering, a line break, a tab) through wyassembler's own template.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hard_project import hard_project  # noqa: E402
from wyassembler.projectfile.storage import load  # noqa: E402
from wyassembler.resource_files import SAMPLE, resource  # noqa: E402
from wyassembler.word.writer import build_docx  # noqa: E402

OUT = ROOT / "docs" / "pages"
PAGES = (
    # (image name, project, template, page)
    ("sample-serif-template-page-2.png", lambda: load(resource(*SAMPLE)).project,
     ROOT / "tests" / "data" / "templates" / "serif-footer.docx", 2),
    ("hard-project-lists-page-1.png", hard_project, None, 1),
)


def page_image(data: bytes, page: int, target: Path, work: Path) -> None:
    docx = work / "export.docx"
    docx.write_bytes(data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(work), str(docx)], check=True, capture_output=True, timeout=300)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(page), "-l", str(page),
                    str(work / "export.pdf"), str(work / "page")], check=True)
    shutil.copyfile(work / "page.png", target)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make_project, template, page in PAGES:
        with tempfile.TemporaryDirectory() as folder:
            data = build_docx(make_project(), template=template, draft=True).data
            page_image(data, page, OUT / name, Path(folder))
        print(OUT / name)


if __name__ == "__main__":
    main()
