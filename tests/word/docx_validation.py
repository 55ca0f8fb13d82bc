"""A second real reader on every .docx wyassembler writes in the tests: openxml-audit, an offline
ECMA-376 / Open XML SDK validator (pure Python; see https://pypi.org/project/openxml-audit/).

Registered for the whole suite by ``tests/conftest.py``, so no test has to remember it:

- every call of ``provenance.marked_bytes`` (the one place the response and partner packs become
  bytes: ``build_docx``, ``export_docx``, ``build_pack``, ``export_pack``, and the CLI and the app
  through them) is checked in-process, also when the bytes are never written to disk;
- after each test, every .docx under its ``tmp_path`` that carries wyassembler's output marker and
  still matches it (``provenance.replace_problem`` is None) is checked: the exports of CLI runs in a
  subprocess (``wy``), of the app, of the packaged build;
- at the end of the session, the same sweep over the whole temporary folder catches outputs written
  under ``tmp_path_factory`` folders.

Only what wyassembler writes is checked. Documents the tests build for the *reader* (python-docx
files, hostile or broken packages, a partner's pack edited since) carry no valid marker and are
left alone, so they need nothing. A test that makes our writer produce an invalid document on
purpose says so with ``@pytest.mark.docx_not_validated("why")``.

A test fails (in its call phase) with every finding listed: the document, the part, the element's
path as the validator gives it, the node and the message. Each distinct document is validated once
per session (exports are reproducible, so most tests repeat bytes already seen); ``-p
no:tests.word.docx_validation`` switches the whole check off, to measure what it costs.
"""

from __future__ import annotations

import functools
import hashlib
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator, ValidationError, ValidationSeverity

from wyassembler.word import provenance

MARKER = "docx_not_validated"


@dataclass(frozen=True)
class AllowedFinding:
    """A validator finding that is not an error in ECMA-376, matched exactly, with the reason."""

    node: str
    description: str
    reason: str

    def matches(self, error: ValidationError) -> bool:
        return error.node == self.node and error.description == self.description


# Exactly the findings the standard allows; anything else fails the test.
ALLOWED_FINDINGS = (
    AllowedFinding(
        node="numId",
        description="Numbering definition '0' referenced but not found",
        reason="ECMA-376 Part 1, numId: 'A value of 0 for the val attribute shall never be used to point "
               "to a numbering definition instance, and shall instead only be used to designate the "
               "removal of numbering properties'. The export gives an unnumbered Heading 1 (the sign-off "
               "record) numId 0 to switch off the numbering its style carries; openxml-audit 0.8 looks "
               "for a w:num with id 0 anyway.",
    ),
)


def describe(error: ValidationError) -> str:
    """One finding as a line: part, element path, node and message."""
    where = error.path or "(no element path given)"
    node = f" <{error.node}>" if error.node else ""
    return f"{error.part_uri or '(package)'} {where}{node}: {error.description}"


class DocxChecker:
    """openxml-audit over .docx bytes; each distinct document is validated once per session."""

    def __init__(self) -> None:
        self._validator = OpenXmlValidator(max_errors=0)  # 0: every finding, not the first hundred
        self._findings: dict[str, list[str]] = {}
        self.requests = 0
        self.seconds = 0.0

    def problems(self, data: bytes) -> list[str]:
        """The validator's errors in ``data`` (one line each), less :data:`ALLOWED_FINDINGS`."""
        self.requests += 1
        key = hashlib.sha256(data).hexdigest()
        if key not in self._findings:
            started = time.perf_counter()
            self._findings[key] = self._validate(data)
            self.seconds += time.perf_counter() - started
        return self._findings[key]

    @property
    def distinct(self) -> int:
        return len(self._findings)

    def _validate(self, data: bytes) -> list[str]:
        # The validator opens a path, not bytes.
        with tempfile.TemporaryDirectory(prefix="docx-validation-") as folder:
            path = Path(folder) / "checked.docx"
            path.write_bytes(data)
            result = self._validator.validate(path)
        return [describe(error) for error in result.errors
                if error.severity == ValidationSeverity.ERROR
                and not any(allowed.matches(error) for allowed in ALLOWED_FINDINGS)]


def ours_untouched(path: Path) -> bool:
    """True if ``path`` is a document wyassembler wrote, unchanged since (its marker still matches)."""
    return path.is_file() and provenance.replace_problem(path) is None


def report(label: str, problems: list[str]) -> str:
    lines = "\n".join(f"    {line}" for line in problems)
    return f"openxml-audit finds {len(problems)} error(s) in {label}:\n{lines}"


class _Session:
    """What the plugin keeps between hooks: the checker, the wrapped function, this test's findings."""

    def __init__(self) -> None:
        self.checker = DocxChecker()
        self.original = provenance.marked_bytes
        self.failures: list[str] = []  # for the test running now
        self.seen_files: set[Path] = set()
        self.opted_out: list[Path] = []  # temporary folders of tests marked docx_not_validated
        self.left_over: list[str] = []  # found by the end-of-session sweep

    def wrapped(self):
        original, checker, failures = self.original, self.checker, self.failures

        @functools.wraps(original)
        def marked_bytes(*args, **kwargs):
            data = original(*args, **kwargs)
            problems = checker.problems(data)
            if problems:
                caller = sys._getframe(1).f_code.co_name  # build_docx, build_pack, ...
                failures.append(report(f"the .docx bytes {caller}() produced", problems))
            return data

        return marked_bytes

    def check_folder(self, folder: Path) -> list[str]:
        found = []
        for path in sorted(folder.rglob("*.docx")):
            if path in self.seen_files or any(path.is_relative_to(skip) for skip in self.opted_out) \
                    or not ours_untouched(path):
                continue
            self.seen_files.add(path)
            problems = self.checker.problems(path.read_bytes())
            if problems:
                found.append(report(str(path), problems))
        return found


_session: _Session | None = None


def _rebind(old, new) -> None:
    """Point every loaded wyassembler module that imported ``old`` by name at ``new``."""
    for name, module in list(sys.modules.items()):
        if (name == "wyassembler" or name.startswith("wyassembler.")) and \
                getattr(module, "marked_bytes", None) is old:
            module.marked_bytes = new


def pytest_configure(config: pytest.Config) -> None:
    global _session
    config.addinivalue_line("markers", f"{MARKER}(reason): this test makes wyassembler write an invalid "
                                       ".docx on purpose; openxml-audit does not check its outputs")
    # Load every writer first, so each has bound the original name and is rebound below; a module
    # loaded later gets the wrapper from provenance itself.
    import wyassembler.word.packs
    import wyassembler.word.writer  # noqa: F401

    _session = _Session()
    _rebind(_session.original, _session.wrapped())


def pytest_unconfigure(config: pytest.Config) -> None:
    global _session
    if _session is not None:
        _rebind(provenance.marked_bytes, _session.original)
        _session = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if _session is not None:
        _session.failures.clear()


def _folders(item: pytest.Item) -> list[Path]:
    """The temporary folders a test was given (``tmp_path``, a fixture's folder, ``pytester.path``);
    only those under the session's temporary folder, never a fixture's path into the checkout."""
    basetemp = _basetemp(item.session)
    if basetemp is None:
        return []
    folders = []
    for value in getattr(item, "funcargs", {}).values():
        path = value if isinstance(value, Path) else getattr(value, "path", None)
        if isinstance(path, Path) and path.is_dir() and path.resolve().is_relative_to(basetemp):
            folders.append(path)
    return folders


def _basetemp(session: pytest.Session) -> Path | None:
    factory = getattr(session.config, "_tmp_path_factory", None)
    basetemp = getattr(factory, "_basetemp", None)  # None until a test asked for a temporary folder
    return basetemp.resolve() if basetemp is not None and basetemp.exists() else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    folders = _folders(item)
    opted_out = item.get_closest_marker(MARKER) is not None
    if _session is not None and opted_out:
        _session.opted_out.extend(folders)
    result = yield  # the test's own failure, if any, comes first
    if _session is None or opted_out:
        return result
    failures = list(_session.failures)
    for folder in folders:
        failures += _session.check_folder(folder)
    if failures:
        pytest.fail("\n".join(failures) + f"\n(allowed findings: tests/word/docx_validation.py; opt out "
                    f"with @pytest.mark.{MARKER}(reason) only for deliberately invalid output)",
                    pytrace=False)
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus) -> None:
    """Sweep the session's temporary folder for outputs no test's own check saw."""
    basetemp = _basetemp(session)
    if _session is None or basetemp is None:
        return
    _session.left_over = _session.check_folder(basetemp)
    if _session.left_over and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    if _session is None:
        return
    checker = _session.checker
    terminalreporter.write_line(
        f"openxml-audit: {checker.requests} .docx outputs checked, {checker.distinct} distinct, "
        f"validated in {checker.seconds:.1f} s")
    for failure in _session.left_over:
        terminalreporter.write_line(failure, red=True)
