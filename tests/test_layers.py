"""The layer rule, checked: every import between sub-packages points down the list below,
and no two modules import each other, directly or round a circle. (Imports inside a
function count too: a lazy import is still an arrow.)"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "videoagent"

# Lowest first. A module may import from its own layer's package and from any below.
LAYERS = [
    {"errors", "retry", "failpoints", "version", "loopback"},
    {"options"},
    {"store", "synthworld", "llm"},
    {"timeline"},
    {"media"},
    {"nn"},
    {"generators"},
    {"plan"},
    {"memory"},
    {"audio"},
    {"evaluate"},
    {"agent", "world"},
    {"server"},
    {"cli"},
    {"__main__", "__init__"},  # `python -m videoagent`, and the public facade
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name.startswith("videoagent")}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("videoagent"):
                for alias in node.names:  # `from pkg import module` imports the module
                    whole = f"{node.module}.{alias.name}"
                    targets.add(whole if whole in modules else node.module)
        found[name] = {t for t in targets if t in modules and t != name}
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def test_every_package_is_in_a_layer():
    packages = {_package(m) for m in _imports()}
    assert packages <= set().union(*LAYERS), packages - set().union(*LAYERS)


def test_imports_between_packages_point_down():
    upward = [
        f"{module} -> {target}"
        for module, targets in _imports().items()
        for target in targets
        if _package(module) != _package(target)
        and _layer(_package(target)) >= _layer(_package(module))
    ]
    assert upward == []


def test_no_modules_import_each_other_round_a_circle():
    graph = _imports()
    # A package's __init__ re-exporting its own modules is not a circle of logic.
    for module in graph:
        graph[module] = {t for t in graph[module] if not (module.startswith(t + "."))}
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    circles = []

    def visit(module: str, path: list[str]) -> None:
        seen[module] = 1
        for target in sorted(graph[module]):
            if seen.get(target) == 1:
                circles.append(path[path.index(target) :] + [target])
            elif target not in seen:
                visit(target, [*path, target])
        seen[module] = 2

    for module in sorted(graph):
        if module not in seen:
            visit(module, [module])
    assert circles == []
