"""Build the one-folder app with PyInstaller (packaging/wyassembler.spec) and run what was built.

The build takes about 15 seconds on Linux, so it runs with the rest of the tests; it is skipped when
PyInstaller is not installed (it is in the ``test`` extra) or when WYASSEMBLER_BUILD_BUNDLE=0.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import wyassembler

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "wyassembler.spec"

pytestmark = pytest.mark.bundle

# Qt that a widgets app must not carry (each would add megabytes, or pull in QML/Chromium).
UNWANTED_QT = ("Qml", "Quick", "WebEngine", "Pdf", "Multimedia", "3D", "Charts", "VirtualKeyboard", "Designer",
               "Sql", "Test")
ALLOWED_PLUGIN_FOLDERS = {
    "platforms", "platformthemes", "platforminputcontexts", "xcbglintegrations", "wayland-shell-integration",
    "wayland-decoration-client", "wayland-graphics-integration-client", "imageformats", "iconengines", "styles",
}
SIZE_BUDGET = 200 * 1024 * 1024  # 132 MB when this was written; a jump means something unwanted came in


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The built bundle's folder (dist/wyassembler), built once for this module."""
    if os.environ.get("WYASSEMBLER_BUILD_BUNDLE") == "0":
        pytest.skip("WYASSEMBLER_BUILD_BUNDLE=0")
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e '.[packaging]')")
    work = tmp_path_factory.mktemp("pyinstaller")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        capture_output=True, text=True, timeout=1200, cwd=work,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    return work / "dist" / "wyassembler"


def program(bundle: Path) -> Path:
    return bundle / ("wyassembler.exe" if sys.platform == "win32" else "wyassembler")


def run(bundle: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(program(bundle)), *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, **env})


def test_the_bundle_says_its_version(bundle, tmp_path):
    result = run(bundle, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wyassembler {wyassembler.__version__}"


def test_the_bundle_writes_the_sample_and_exports_it_as_the_package_does(bundle, tmp_path):
    result = run(bundle, "sample", "response.wyproj", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = run(bundle, "verify", "response.wyproj", cwd=tmp_path)
    assert result.returncode == 0 and "sound" in result.stdout, result.stdout + result.stderr
    for args in ([], ["--draft", "--signoff-appendix"]):
        result = run(bundle, "export", "response.wyproj", "-o", "bundle.docx", *args, cwd=tmp_path)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        subprocess.run([sys.executable, "-m", "wyassembler", "export", "response.wyproj", "-o", "package.docx",
                        *args], cwd=tmp_path, check=True, capture_output=True)
        # Exports are reproducible, so the frozen app must give the very same bytes.
        assert (tmp_path / "bundle.docx").read_bytes() == (tmp_path / "package.docx").read_bytes()


def test_the_bundle_imports_every_module_and_loads_its_qt_plugins_and_resources(bundle, tmp_path):
    result = run(bundle, cwd=tmp_path, WYASSEMBLER_BUNDLE_SELFTEST="1", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["failed"] == {}
    assert "wyassembler.cli.commands" in report["modules"] and "wyassembler.word.writer" in report["modules"]
    assert report["svg_icon"] and report["svg_image"] and "svg" in report["image_formats"]
    assert all(report["resources"].values()), report["resources"]
    # Found inside the bundle, not in this checkout.
    assert Path(report["resources_from"].removeprefix("MultiplexedPath('").rstrip("')")).is_relative_to(bundle)


def test_the_bundle_carries_only_the_qt_it_needs(bundle):
    files = [p for p in bundle.rglob("*") if p.is_file() or p.is_symlink()]
    names = [p.relative_to(bundle).as_posix() for p in files]
    unwanted = [n for n in names for q in UNWANTED_QT if f"Qt6{q}" in n or f"Qt{q}" in n]
    assert unwanted == []
    plugins = {p.parent.name for p in files if "plugins" in p.parts and p.suffix in (".so", ".dll", ".dylib")}
    assert plugins <= ALLOWED_PLUGIN_FOLDERS, plugins - ALLOWED_PLUGIN_FOLDERS
    platforms = {p.name for p in files if p.parent.name == "platforms"}
    if sys.platform.startswith("linux"):
        assert {"libqxcb.so", "libqoffscreen.so", "libqwayland.so"} <= platforms
    assert [p for p in files if p.is_symlink() and not p.exists()] == []  # no dangling links
    size = sum(p.stat().st_size for p in files if not p.is_symlink())
    assert size < SIZE_BUDGET, f"the bundle is {size / 1e6:.0f} MB"
