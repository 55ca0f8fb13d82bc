"""The house rules, checked on every test run: import contracts, ruff and mypy.

Each check runs the tool as the README's test command installs it (the test extra) and fails with the
findings listed. Files still being brought up to the rules (ui/, tests/ui/, parts of the Word reader) are
held to a per-file count in tests/code_quality_baseline.json that may only go down: a file over its count
fails with its findings; a file under it fails asking for the lower number, so the gain is kept.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASELINE_FILE = Path(__file__).with_name("code_quality_baseline.json")

# "path:line: error: message  [code]" as mypy prints it without colour or summary.
MYPY_ERROR = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<message>.*)$")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False)


def _baseline(tool: str) -> dict[str, int]:
    return json.loads(BASELINE_FILE.read_text(encoding="utf-8"))[tool]


def baseline_problems(tool: str, findings: list[tuple[str, str]], baseline: dict[str, int]) -> list[str]:
    """What breaks the baseline: findings in a file over its count (all its findings listed), and files
    whose count went down (the baseline should say the new, lower number). ``findings`` are
    (path, one-line finding) pairs, paths relative to the checkout with forward slashes."""
    counts = Counter(path for path, _ in findings)
    problems = []
    for path in sorted(counts):
        allowed = baseline.get(path, 0)
        if counts[path] > allowed:
            listed = "\n    ".join(text for where, text in findings if where == path)
            problems.append(f"{path}: {counts[path]} {tool} findings, {allowed} allowed:\n    {listed}")
    for path, allowed in sorted(baseline.items()):
        if counts[path] < allowed:
            problems.append(f"{path}: {counts[path]} {tool} findings, fewer than the {allowed} in "
                            f"{BASELINE_FILE.name}: lower its \"{tool}\" count for this file to {counts[path]}"
                            f"{' (remove the entry)' if counts[path] == 0 else ''}")
    return problems


def test_the_import_contracts_hold():
    """docs/architecture.md, "Layers": the contracts are in pyproject.toml under [tool.importlinter]."""
    result = _run("-c", "import sys; from importlinter.cli import lint_imports; "
                        "sys.exit(lint_imports(no_cache=True, no_logo=True))")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing_outside_the_baseline(request):
    cache = request.config.cache.mkdir("ruff")
    result = _run("-m", "ruff", "check", "--output-format", "json", "--cache-dir", str(cache), ".")
    assert result.returncode in (0, 1), result.stderr
    findings = [(Path(item["filename"]).resolve().relative_to(ROOT).as_posix(),
                 f"line {item['location']['row']}: {item['code']} {item['message']}")
                for item in json.loads(result.stdout)]
    problems = baseline_problems("ruff", findings, _baseline("ruff"))
    assert not problems, "\n".join(problems)


def test_mypy_finds_nothing_outside_the_baseline(request):
    cache = request.config.cache.mkdir("mypy")
    result = _run("-m", "mypy", "--cache-dir", str(cache), "--no-color-output", "--no-error-summary",
                  "--no-pretty", "--show-error-codes")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    findings = []
    for line in result.stdout.splitlines():
        match = MYPY_ERROR.match(line)
        if match:
            findings.append((Path(match["path"]).as_posix(), f"line {match['line']}: {match['message']}"))
    assert findings or result.returncode == 0, result.stdout + result.stderr
    problems = baseline_problems("mypy", findings, _baseline("mypy"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("counts", "baseline", "expected"), [
    (["a.py"], {"a.py": 1}, []),
    (["a.py", "a.py"], {"a.py": 1}, ["a.py: 2 mypy findings, 1 allowed"]),
    (["b.py"], {}, ["b.py: 1 mypy findings, 0 allowed"]),
    ([], {"a.py": 2}, ["a.py: 0 mypy findings, fewer than the 2"]),
])
def test_the_baseline_only_goes_down(counts, baseline, expected):
    problems = baseline_problems("mypy", [(path, "line 1: x") for path in counts], baseline)
    assert len(problems) == len(expected)
    assert all(problem.startswith(start) for problem, start in zip(problems, expected, strict=True)), problems
