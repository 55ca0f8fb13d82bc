"""The core must run without Qt, lxml or file access: proven in a fresh interpreter."""

import subprocess
import sys
import textwrap


def test_core_imports_no_qt_and_no_xml():
    code = textwrap.dedent("""
        import pkgutil, importlib, sys
        import wyassembler.core as core
        for info in pkgutil.iter_modules(core.__path__):
            importlib.import_module(f"wyassembler.core.{info.name}")
        bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "lxml", "docx"))
        print(",".join(bad))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
