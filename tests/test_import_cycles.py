"""No module imports, as it loads, a module that imports it back as it loads.

Such a cycle works only when the modules happen to be imported in one order: importing the other one
first fails half-way ("cannot import name ... from partially initialized module"), as the app bundle's
self-test does when it imports every module in alphabetical order. Imports inside functions and under
``if TYPE_CHECKING:`` run later, or never, and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import wyassembler

PACKAGE = Path(wyassembler.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parts = module.split(".")
        package = parts if is_package else parts[:-1]
        package = package[:len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    # "from .x import y" may name a module y in package x, or a name in module x: both are candidates.
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def _load_time_imports(tree: ast.Module, module: str, is_package: bool) -> set[str]:
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        statements = [node] + (list(node.body) + list(node.orelse) if isinstance(node, (ast.If, ast.Try)) else [])
        for statement in statements:
            if isinstance(statement, ast.Import):
                found.update(alias.name for alias in statement.names)
            elif isinstance(statement, ast.ImportFrom):
                found.update(_resolve(module, is_package, statement))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        modules[_module_name(path)] = path
    graph = {}
    for name, path in modules.items():
        imported = _load_time_imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py")
        graph[name] = {other for other in imported if other in modules and other != name}
    return graph


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph[node]:
            if nxt == start:
                return path + [start]
            # A package's __init__ is imported before any of its modules: a module importing its own
            # package is not a cycle that can break.
            if nxt not in seen and not start.startswith(nxt + "."):
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_no_module_imports_one_that_imports_it_back_as_it_loads():
    graph = _graph()
    cycles = {" -> ".join(cycle) for name in graph
              if (cycle := _cycle_through(graph, name)) is not None and not name.endswith("__init__")}
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))
