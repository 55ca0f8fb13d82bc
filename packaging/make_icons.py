"""Render the shipped SVG icons to the formats installers need: .ico (Windows), .icns (macOS), .png.

    python packaging/make_icons.py OUTPUT_DIR

writes, for the app icon (resources/icons/wyassembler.svg) and the document
icon (resources/icons/wyassembler-project.svg):

    wyassembler.ico  wyassembler.icns  wyassembler-256.png
    wyassembler-project.ico  wyassembler-project.icns  wyassembler-project-256.png

Rendering uses QtSvg (already a dependency), and the .ico/.icns containers are
written here with PNG-compressed entries (Windows Vista and later, macOS 10.7
and later read those), so no Pillow or platform tool is needed. The output is
the same bytes on every run. The PyInstaller spec runs this before it builds.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
NAMES = ("wyassembler", "wyassembler-project")

ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
# icns element types holding PNG data, and the pixel size of each.
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512),
    (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["make_icons"])


def render_png(svg: bytes, size: int) -> bytes:
    """The SVG rendered to a square PNG of ``size`` pixels with a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG per size (a 256-pixel entry is written with width and height 0)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns with PNG elements (big-endian type and length, as Apple's format has it)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(output: Path) -> list[Path]:
    _app()
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name in NAMES:
        svg = (ICONS / f"{name}.svg").read_bytes()
        sizes = set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
        pngs = {size: render_png(svg, size) for size in sorted(sizes)}
        for path, data in ((output / f"{name}.ico", ico_bytes({s: pngs[s] for s in ICO_SIZES})),
                           (output / f"{name}.icns", icns_bytes(pngs)),
                           (output / f"{name}-256.png", pngs[256])):
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
            written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_icons.py OUTPUT_DIR")
    for written_path in make_icons(Path(sys.argv[1])):
        print(written_path)
