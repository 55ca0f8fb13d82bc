"""The shape the Word reader is kept in: short functions (its elements are dispatched by tables, not
read in long if/elif chains), and block kinds told apart by type anywhere in the code, never by the
name of a class."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent.parent / "wyassembler"
READER_MODULES = ("body_reader", "body_tables", "body_fields", "body_styles", "list_numbers", "reader",
                  "import_report", "packs", "wordml")
LONGEST = 60  # lines, docstring included


def _functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def test_no_function_of_the_word_reader_is_60_lines_long():
    long = [f"{name}.py:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for name in READER_MODULES for node in _functions(PACKAGE / "word" / f"{name}.py")
            if node.end_lineno - node.lineno + 1 >= LONGEST]
    assert not long, long


def _compares_a_class_name(node: ast.AST) -> bool:
    """``type(x).__name__ == ...``, ``x.__class__.__name__ in ...`` and the like (``__name__ ==
    "__main__"``, a bare name, is a module's, not a class's)."""
    if not isinstance(node, ast.Compare):
        return False
    return any(isinstance(side, ast.Attribute) and side.attr in ("__name__", "__qualname__")
               for side in (node.left, *node.comparators))


def test_kinds_are_compared_by_type_never_by_class_name():
    found = [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}" for path in sorted(PACKAGE.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
             if _compares_a_class_name(node)]
    assert not found, f"compare with isinstance(), not by class name: {found}"
