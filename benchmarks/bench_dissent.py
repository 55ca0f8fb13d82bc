"""What issue 18's records cost: a 1,000-section response with reservations, a decline, authority records and
confidential sections, against the same response without them (and, with ``--before``, the code before them).

    python benchmarks/bench_dissent.py [--sections 1000] [--repeat 9] [--rounds 3] [--before DIR]

Both projects are the synthetic response (10 partners, every section approved), the coordinator asking 9
partners to endorse. The dissent project: 20 sections marked confidential (10 top-level, each withholding
its 4 sub-sections, and 10 sub-sections), then 8 endorsements of which 2 with reservations (one on the
whole, one on a section, one on a withheld section), 1 decline (asking to be named), an authority record
for every partner, and authority required. The plain project: the same sections and approvals, the
9 partners endorsing plainly, no authority, marks or settings. Both export as final.

Each operation is timed on both, taking turns, in this process's CPU seconds (others' work on a shared
machine moves the ratio less): ``status --json`` (load, matrix, report), the matrix and JSON report alone,
the response hash, ``signoff_matrix_after`` one edit (the app's matrix update per commit), the full export
(final, with the sign-off appendix), the public copy (against the full export of the same project),
verify-docx of each, opening and saving the project file. ``--before DIR``: the plain project's operations
in a child process on an older source tree (``git worktree add /tmp/wt-before df71c7f^``, the code before
issue 18), which reads the plain file as it is, run between rounds of this code's runs. Prints medians and
ratios, not pass or fail.

Measured on a shared 2-core machine (others' tests running; CPU ms, medians of 9 in 3 rounds), with the
records / without them: status --json 248 / 240 (1.04), matrix and JSON report 32 / 33 (0.97), response hash
1.9 / 1.7 (1.16), matrix after one edit 0.82 / 0.70 (1.18), full export 1,351 / 1,583 (0.85; 1.05 of before's),
verify-docx of the full export 1,247 / 1,208 (1.03), of the public copy 1,082 / 1,081, open 200 / 203 (0.98),
save 143 / 184 (0.78); the public copy 1.17-1.36 of the full export, most of it quoted_elsewhere's search
(bench_quoted_elsewhere), run again by the export whatever the dialog found. Before that, at the commit that
added this benchmark, the hash and the matrix update scanned every section for marks and built the withheld
sections at each call: matrix after one edit 1.28 of the plain project's and 2.1 of before's, and the plain
project's own 1.6 of before's. Taking turns, 200 calls each, medians of 9 (ms): matrix after one edit
with the records 1.39-1.84 then, 0.65-0.86 now; without them 0.71-1.49 then, 0.48-0.73 now, 0.62-0.91 before
issue 18; the hash 1.97-2.07 then, 1.37-1.75 now (without: 1.95-2.28 then, 1.26-1.92 now, 1.54-2.03 before).
Figures from the child process (``--before``) move by up to a third between runs: read them with the others.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

# How many calls make one sample of each operation (the fast ones averaged over several calls).
INNER = {"response hash": 50, "matrix after one edit": 50}
EDITED_SECTION = 0.502  # the edited section's place in document order, as a fraction: none withholds it


def operations(path: Path, folder: Path, public: bool) -> dict[str, Callable[[], object]]:
    """Each operation timed, on the project file at ``path`` (outputs written under ``folder``); imports the
    wyassembler on the path, so a child process on an older checkout runs the same (``public``: whether
    that code writes a public copy)."""
    from wyassembler.cli import main as cli
    from wyassembler.cli.report import status_json
    from wyassembler.core import signoff
    from wyassembler.core.content import Paragraph, plain
    from wyassembler.core.editing import edit_section
    from wyassembler.core.model import Actor
    from wyassembler.projectfile.storage import load, save_project
    from wyassembler.word.docx_check import verify_docx
    from wyassembler.word.writer import build_docx

    project = load(path).project
    edited = load(path).project  # an edit makes endorsements stale: kept apart from the others' project
    matrix = signoff.signoff_matrix(edited)
    walked = [s for _, _, s in edited.walk()]
    section = walked[int(len(walked) * EDITED_SECTION)]
    edit_section(edited, Actor(section.owner, "Lead"), section,
                 blocks=section.blocks + (Paragraph(plain("One more sentence.")),))

    def status() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli(["status", "--json", str(path)]) == 0

    def export(public_copy: bool) -> bytes:
        options = {"public": True} if public_copy else {}
        return build_docx(project, signoff_appendix=True, **options).data

    ops: dict[str, Callable[[], object]] = {
        "status --json": status,
        "matrix + JSON report": lambda: status_json(project, signoff.signoff_matrix(project)),
        "response hash": lambda: signoff.response_hash(project),
        "matrix after one edit": lambda: signoff.signoff_matrix_after(matrix, edited, [section.id]),
        "export full": lambda: export(False),
    }
    full = folder / f"{path.stem}-full.docx"
    full.write_bytes(export(False))
    copies = {"full": full}
    if public:
        ops["export public"] = lambda: export(True)
        copies["public"] = folder / f"{path.stem}-public.docx"
        copies["public"].write_bytes(export(True))
    for name, copy in copies.items():
        # The records are not signed (verify-docx says so of each); anything else would be a fault.
        faults = [p for p in verify_docx(copy).problems if not p.endswith("it is not signed")]
        assert not faults, (name, faults[:3])
        ops[f"verify-docx {name}"] = lambda copy=copy: verify_docx(copy)
    ops["open"] = lambda: load(path)
    ops["save"] = lambda: save_project(project, folder / f"{path.stem}-saved.wyproj", keep_backup=False)
    return ops


def cpu_seconds(function: Callable[[], object], inner: int = 1) -> float:
    """This process's CPU seconds for one call of ``function`` (the mean of ``inner`` calls)."""
    started = time.process_time()
    for _ in range(inner):
        function()
    return (time.process_time() - started) / inner


def _child(path: str, folder: str, repeat: str) -> None:
    """In a child process on an older checkout: each operation's times on ``path``, printed as JSON."""
    ops = operations(Path(path), Path(folder), public=False)
    times: dict[str, list[float]] = {}
    for name, function in ops.items():
        function()  # warm up, as the parent's runs are
        times[name] = [cpu_seconds(function, INNER.get(name, 1)) for _ in range(int(repeat))]
    print(json.dumps(times))


def before_times(checkout: Path, path: Path, folder: Path, repeat: int) -> dict[str, list[float]]:
    """The operations of ``checkout`` (an older wyassembler's source tree) on ``path``, in a child process
    whose path puts that code first."""
    environment = dict(os.environ, PYTHONPATH=str(checkout))
    result = subprocess.run([sys.executable, __file__, "--child", str(path), str(folder), str(repeat)],
                            cwd=checkout, env=environment, check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def dissent_project(sections: int):
    """The synthetic response with the records the module's description lists."""
    from benchmarks.synthetic import T0
    from wyassembler.core.authority import record_authority
    from wyassembler.core.confidentiality import mark_section
    from wyassembler.core.model import Actor
    from wyassembler.core.partners import set_properties
    from wyassembler.core.signoff import decline_response, endorse_response, reservation

    project = base_project(sections)
    coordinator = Actor(project.coordinator or "", "Bench", "coordinator")
    top = project.sections
    marked = top[5::20][:10] + [parent.children[0] for parent in top[15::20][:10]]
    for section in marked:
        mark_section(project, coordinator, section, True, "commercially sensitive: prices from a live tender",
                     now=T0 + timedelta(days=1))
    set_properties(project, coordinator, now=T0 + timedelta(days=1), require_authority=True)
    when = T0 + timedelta(days=2)
    orgs = [org.id for org in project.organisations]
    endorsing, decliner = orgs[:8], orgs[8]
    for index, org in enumerate(endorsing):
        notes = ([reservation(project, "We do not support the regional data centre.")] if index == 0 else
                 [reservation(project, "Our figures differ.", project.number_of(top[len(top) // 5])),
                  reservation(project, "Not the procurement route.", project.number_of(marked[0]))]
                 if index == 1 else [])
        endorse_response(project, Actor(org, "Lead"), now=when, reservations=notes)
    decline_response(project, Actor(decliner, "Lead"), "The shared service model is not ours.", named=True,
                     now=when)
    for org in orgs:
        record_authority(project, Actor(org, "Lead"), "committee", f"Cabinet, 12 January 2006, minute {len(org)}",
                         now=when)
    return project


def base_project(sections: int):
    """The synthetic response, every section approved, the coordinator asking the first 9 partners to endorse."""
    from benchmarks.synthetic import T0, build
    from wyassembler.core.model import Actor
    from wyassembler.core.partners import set_properties
    from wyassembler.core.signoff import section_state, sign_off_section

    project = build(sections)
    for section in project.all_sections():  # the preset's own sections are not approved yet
        if section_state(section, section.owner) != "approved":
            sign_off_section(project, Actor(section.owner, "Lead"), section, now=T0 + timedelta(hours=12))
    coordinator = Actor(project.coordinator or "", "Bench", "coordinator")
    set_properties(project, coordinator, now=T0 + timedelta(hours=12),
                   endorsers=[org.id for org in project.organisations][:9])
    return project


def plain_project(sections: int):
    """The synthetic response with the dissent project's 9 partners endorsing plainly, nothing else."""
    from benchmarks.synthetic import T0
    from wyassembler.core.model import Actor
    from wyassembler.core.signoff import endorse_response

    project = base_project(sections)
    for org in [org.id for org in project.organisations][:9]:
        endorse_response(project, Actor(org, "Lead"), now=T0 + timedelta(days=2))
    return project


def median(times: list[float]) -> float:
    return statistics.median(times)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.timing import options
    from wyassembler.core.signoff import readiness
    from wyassembler.projectfile.storage import save_project

    args = options(__doc__, texts=("before",), rounds=3)
    dissent, plain = dissent_project(args.sections), plain_project(args.sections)
    for name, project in (("dissent", dissent), ("plain", plain)):
        assert readiness(project).ready, (name, readiness(project).itemised(project))
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        paths = {"dissent": folder / "dissent.wyproj", "plain": folder / "plain.wyproj"}
        save_project(dissent, paths["dissent"], keep_backup=False)
        save_project(plain, paths["plain"], keep_backup=False)
        print(f"{args.sections:,} sections; files {paths['dissent'].stat().st_size / 1e6:.2f} MB with the records, "
              f"{paths['plain'].stat().st_size / 1e6:.2f} MB without; CPU ms, median of "
              f"{-(-args.repeat // max(1, args.rounds)) * max(1, args.rounds)} in {args.rounds} rounds")
        with_ops = operations(paths["dissent"], folder, public=True)
        without_ops = operations(paths["plain"], folder, public=True)
        for name in with_ops:
            with_ops[name](), without_ops[name]()  # warm up
        now: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in with_ops}
        before: dict[str, list[float]] = {}
        rounds = max(1, args.rounds)
        for _ in range(rounds):  # the older code's runs between this code's, so the same load meets both
            for name in with_ops:
                inner = INNER.get(name, 1)
                for _ in range(-(-args.repeat // rounds)):
                    now[name][0].append(cpu_seconds(with_ops[name], inner))
                    now[name][1].append(cpu_seconds(without_ops[name], inner))
            if args.before:
                older = before_times(Path(args.before).resolve(), paths["plain"], folder, -(-args.repeat // rounds))
                for name, times in older.items():
                    before.setdefault(name, []).extend(times)
    print(f"{'operation':24s} {'records':>9s} {'without':>9s} {'ratio':>7s}"
          + (f" {'before':>9s} {'records/before':>15s} {'without/before':>15s}" if before else ""))
    for name, (with_, without) in now.items():
        line = (f"{name:24s} {median(with_) * 1000:9.2f} {median(without) * 1000:9.2f} "
                f"{median(with_) / median(without):7.2f}")
        if name in before:
            line += (f" {median(before[name]) * 1000:9.2f} {median(with_) / median(before[name]):15.2f}"
                     f" {median(without) / median(before[name]):15.2f}")
        print(line)
    full, public = median(now["export full"][0]), median(now["export public"][0])
    print(f"public copy / full export of the dissent project: {public / full:.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(*sys.argv[2:5])
    else:
        main()
