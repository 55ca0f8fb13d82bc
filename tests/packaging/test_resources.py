"""Packaging, fast: resources reach the package, the version is defined once, the desktop files are sound.

The slow half (building the PyInstaller bundle and running it) is in test_bundle.py.
"""

from __future__ import annotations

import configparser
import fnmatch
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import zipfile
from importlib import resources
from pathlib import Path

import pytest
from lxml import etree

import wyassembler
from wyassembler.resource_files import resource, resource_bytes

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
MIME_TYPE = "application/x-wyassembler-project"
SMI = "{http://www.freedesktop.org/standards/shared-mime-info}"
SHIPPED = {
    ("schema", "wyproj.rng"), ("templates", "reference.docx"), ("samples", "west-yorkshire-2005.wyproj"),
    ("icons", "wyassembler.svg"), ("icons", "wyassembler-project.svg"),
    ("samples", "shared-infrastructure-response.wyproj"), ("samples", "shared-infrastructure-consultation.md"),
    ("samples", "shared-infrastructure-consultation.docx"),
}


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# -- resources and package data --------------------------------------------------------------------

@pytest.mark.parametrize("parts", sorted(SHIPPED))
def test_each_shipped_resource_is_found_through_importlib_resources(parts):
    node = resources.files("wyassembler.resources").joinpath(*parts)
    assert node.is_file()
    assert node.read_bytes() == resource_bytes(*parts) and len(node.read_bytes()) > 100
    assert resource(*parts).is_file()


def test_every_package_and_resource_folder_is_listed_in_pyproject():
    setuptools = pyproject()["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "wyassembler").rglob("__init__.py")}
    on_disk.add("wyassembler.resources")
    folders = {p.name for p in (ROOT / "resources").iterdir() if p.is_dir() and p.name != "__pycache__"}
    on_disk |= {f"wyassembler.resources.{name}" for name in folders}
    assert listed == on_disk, "pyproject.toml [tool.setuptools] packages must list exactly these"
    data = setuptools["package-data"]
    assert {f"wyassembler.resources.{name}" for name in folders} <= set(data)


def test_the_wheel_holds_every_module_and_resource(tmp_path):
    """Build the wheel from a copy of the sources (so the checkout gets no build/ folder) and look inside."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "wyassembler", source / "wyassembler", ignore=ignore)
    shutil.copytree(ROOT / "resources", source / "resources", ignore=ignore)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "out"),
                             str(source)], capture_output=True, text=True, timeout=300)
    if result.returncode != 0 and "No matching distribution" in result.stderr:
        pytest.skip("pip cannot fetch the build backend here")
    assert result.returncode == 0, result.stderr
    (wheel,) = (tmp_path / "out").glob("wyassembler-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"wyassembler/{p.relative_to(ROOT / 'wyassembler').as_posix()}"
                for p in (ROOT / "wyassembler").rglob("*.py")}
    expected |= {f"wyassembler/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
                 for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert expected - names == set()
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[console_scripts]\nwyassembler = wyassembler.cli:main" in text
    assert "[gui_scripts]\nwyassembler-gui = wyassembler.cli:gui_main" in text


def test_the_version_is_defined_once():
    project = pyproject()["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert pyproject()["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "wyassembler.__version__"}
    out = subprocess.run([sys.executable, "-m", "wyassembler", "--version"], capture_output=True, text=True)
    assert out.stdout.strip() == f"wyassembler {wyassembler.__version__}"
    # The installers take it from the package (spec) or the built program (Inno Setup), never a copy.
    for path in (PACKAGING / "wyassembler.spec", PACKAGING / "windows" / "wyassembler.iss",
                 LINUX / "wyassembler.desktop"):
        assert wyassembler.__version__ not in path.read_text(encoding="utf-8"), path


# -- Linux desktop entry and MIME type ---------------------------------------------------------------

def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / "wyassembler.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_entry_opens_projects_with_wyassembler():
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Name"] == "wyassembler"
    assert entry["Exec"] == "wyassembler %f"
    assert entry["Icon"] == "wyassembler"
    assert entry["Terminal"] == "false"
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["MimeType"].endswith(";") and entry["Categories"].endswith(";")


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils is not installed")
def test_the_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(LINUX / "wyassembler.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def mime_type_element():
    root = etree.parse(str(LINUX / "wyassembler-mime.xml")).getroot()
    assert root.tag == f"{SMI}mime-info"
    (element,) = root.findall(f"{SMI}mime-type")
    assert element.get("type") == MIME_TYPE
    return element


def test_the_mime_type_matches_project_files_by_name():
    element = mime_type_element()
    globs = [g.get("pattern") for g in element.findall(f"{SMI}glob")]
    assert globs == ["*.wyproj"]
    assert fnmatch.fnmatch("West Yorkshire response.wyproj", globs[0])
    assert not fnmatch.fnmatch("response.wyproj.bak", globs[0])
    assert element.find(f"{SMI}sub-class-of").get("type") == "application/xml"
    assert element.find(f"{SMI}icon").get("name") == MIME_TYPE.replace("/", "-")


def test_the_mime_type_matches_project_files_by_content(tmp_path):
    """The magic string is near the start of what wyassembler writes; root-XML names its root element."""
    element = mime_type_element()
    (match,) = element.findall(f"{SMI}magic/{SMI}match")
    start, end = (int(n) for n in match.get("offset").split(":"))
    written = tmp_path / "new.wyproj"
    subprocess.run([sys.executable, "-m", "wyassembler", "new", str(written), "--title", "T"], check=True,
                   capture_output=True)
    for data in (resource_bytes("samples", "west-yorkshire-2005.wyproj"), written.read_bytes()):
        assert data.find(match.get("value").encode()) in range(start, end + 1)
        root = etree.fromstring(data)
        xml = element.find(f"{SMI}root-XML")
        assert etree.QName(root).namespace == xml.get("namespaceURI")
        assert etree.QName(root).localname == xml.get("localName")


def test_the_icons_are_svg():
    for name in ("wyassembler.svg", "wyassembler-project.svg"):
        root = etree.fromstring(resource_bytes("icons", name))
        assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 256 256"


def test_the_platform_files_agree_on_names():
    spec = (PACKAGING / "wyassembler.spec").read_text(encoding="utf-8")
    iss = (PACKAGING / "windows" / "wyassembler.iss").read_text(encoding="utf-8")
    assert f'PROJECT_MIME = "{MIME_TYPE}"' in spec and '"public.filename-extension": ["wyproj"]' in spec
    assert "CFBundleDocumentTypes" in spec and "UTExportedTypeDeclarations" in spec
    assert MIME_TYPE in iss and r'Software\Classes\.wyproj' in iss
    assert "wyassembler-project.ico" in iss and "PrivilegesRequired=lowest" in iss
    assert "wyassembler-project.ico" in spec and "wyassembler-project.icns" in spec


# -- icons for Windows and macOS ------------------------------------------------------------------

def test_make_icons_writes_ico_and_icns(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(tmp_path)], check=True, env=env,
                   capture_output=True, timeout=120)
    for name in ("wyassembler", "wyassembler-project"):
        ico = (tmp_path / f"{name}.ico").read_bytes()
        reserved, kind, count = struct.unpack("<HHH", ico[:6])
        assert (reserved, kind) == (0, 1) and count >= 5
        for index in range(count):
            width, _, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * index:22 + 16 * index])
            assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(ico)
        icns = (tmp_path / f"{name}.icns").read_bytes()
        assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
        assert b"ic10" in icns  # the 1024-pixel (512@2x) image macOS wants


# -- installing the desktop files (Linux) -------------------------------------------------------------

@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktop integration")
def test_install_script_registers_the_type_and_the_default_app(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_CONFIG_HOME": str(home / ".config"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    env.pop("XDG_CURRENT_DESKTOP", None)
    script = LINUX / "install-desktop-files.sh"
    result = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    share = home / ".local/share"
    assert (share / "applications/wyassembler.desktop").is_file()
    assert (share / "mime/packages/wyassembler-mime.xml").is_file()
    assert (share / "icons/hicolor/scalable/apps/wyassembler.svg").is_file()
    assert (share / "icons/hicolor/scalable/mimetypes/application-x-wyassembler-project.svg").is_file()

    project = tmp_path / "My response.wyproj"
    project.write_bytes(resource_bytes("samples", "west-yorkshire-2005.wyproj"))
    renamed = tmp_path / "no-extension"
    renamed.write_bytes(project.read_bytes())
    # Qt reads the user's MIME database as a file manager would (from mime.cache, or the XML without it).
    probe = ("import sys; from PySide6.QtCore import QMimeDatabase; db = QMimeDatabase(); "
             "print(*(db.mimeTypeForFile(p).name() for p in sys.argv[1:]))")
    types = subprocess.run([sys.executable, "-c", probe, str(project), str(renamed)], env=env,
                           capture_output=True, text=True, check=True).stdout.split()
    assert types == [MIME_TYPE, MIME_TYPE]

    if shutil.which("xdg-mime"):
        query = subprocess.run(["xdg-mime", "query", "default", MIME_TYPE], env=env, capture_output=True,
                               text=True)
        assert query.stdout.strip() == "wyassembler.desktop"
        if shutil.which("mimetype") and shutil.which("update-mime-database"):  # xdg-mime's own type lookup
            query = subprocess.run(["xdg-mime", "query", "filetype", str(project)], env=env,
                                   capture_output=True, text=True)
            assert query.stdout.strip() == MIME_TYPE
    else:
        assert f"{MIME_TYPE}=wyassembler.desktop" in (home / ".config/mimeapps.list").read_text()

    result = subprocess.run(["sh", str(script), "--uninstall"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not (share / "applications/wyassembler.desktop").exists()
    assert not (share / "mime/packages/wyassembler-mime.xml").exists()
    types = subprocess.run([sys.executable, "-c", probe, str(project)], env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    assert types != [MIME_TYPE]
