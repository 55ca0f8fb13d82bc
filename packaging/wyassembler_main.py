"""The frozen app's entry point (PyInstaller runs this as ``__main__``).

``wyassembler`` (and ``wyassembler.exe``, a console program on Windows) is the
command line; ``wyassembler-gui.exe`` (Windows only, no console window) is what
the Start-menu entry and the .wyproj file association start. Both are this
script; the executable's name says which entry point to call.

``WYASSEMBLER_BUNDLE_SELFTEST=1`` makes it check the bundle instead (every
wyassembler module imports, Qt starts, the SVG icon and image plugins load, the
shipped resources are found), print the result as JSON and exit: the packaging
test runs it, so a missing module or Qt plugin fails the build, not a user.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _streams() -> None:
    # A windowed Windows program has no stdout/stderr (they are None): give the CLI code somewhere to write.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process


def selftest() -> int:
    import importlib
    import json
    import pkgutil

    import wyassembler

    report: dict = {"modules": [], "failed": {}}
    for info in pkgutil.walk_packages(wyassembler.__path__, "wyassembler."):
        try:
            importlib.import_module(info.name)
            report["modules"].append(info.name)
        except Exception as error:  # noqa: BLE001 - reported, not raised
            report["failed"][info.name] = f"{type(error).__name__}: {error}"

    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QIcon, QImage, QImageReader
    from PySide6.QtWidgets import QApplication, QStyleFactory

    from wyassembler.resource_files import resource, resource_bytes

    app = QApplication.instance() or QApplication(["wyassembler"])
    svg = resource_bytes("icons", "wyassembler.svg")
    icon = QIcon(str(resource("icons", "wyassembler.svg")))  # through the SVG icon engine plugin
    report["svg_icon"] = not icon.isNull() and not icon.pixmap(32, 32).isNull()
    report["svg_image"] = not QImage.fromData(QByteArray(svg), "SVG").isNull()  # through the SVG image plugin
    report["platform"] = app.platformName()
    report["image_formats"] = sorted(bytes(f).decode() for f in QImageReader.supportedImageFormats())
    report["styles"] = sorted(QStyleFactory.keys())
    report["resources"] = {
        name: resource(*parts).is_file()
        for name, parts in (("schema", ("schema", "wyproj.rng")), ("template", ("templates", "reference.docx")),
                            ("sample", ("samples", "west-yorkshire-2005.wyproj")),
                            ("icon", ("icons", "wyassembler.svg")))
    }
    report["resources_from"] = str(resource())
    print(json.dumps(report, indent=2))
    ok = (not report["failed"] and report["svg_icon"] and report["svg_image"] and all(report["resources"].values()))
    return 0 if ok else 1


def run() -> int:
    _streams()
    if os.environ.get("WYASSEMBLER_BUNDLE_SELFTEST") == "1":
        return selftest()
    from wyassembler.cli import gui_main, main

    return gui_main() if Path(sys.executable).stem.lower().endswith("-gui") else main()


if __name__ == "__main__":
    sys.exit(run())
