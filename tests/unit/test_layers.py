"""The import contracts, over the real import graph (every import counted: function-level
and `TYPE_CHECKING` ones too), and the headless modules checked in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "reader_tui"
# The core: data, the post format, the library and what works on it. Never Textual.
CORE = (
    "models",
    "post",
    "library",
    "review",
    "writeback",
    "export",
    "newpost",
    "grams",
    "session",
    "refresh_news",
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported(name: str, path: Path) -> Iterator[str]:
    """Every module name an import statement of the file names (resolved for relative
    imports), with `from a import b` giving both `a` and `a.b`."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, base] if base else up)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def own(name: str) -> str | None:
    """The module of ours that `name` is (or is in), if any."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = {own(n) for n in imported(name, path) if n.startswith("reader_tui")}
        edges[name] = {t for t in targets if t and t not in (name, "reader_tui")}
    return edges


def third_party(name: str) -> set[str]:
    return {n.split(".")[0] for n in imported(name, MODULES[name])}


def layer(name: str) -> str:
    return name.split(".")[1] if "." in name else ""


def test_the_core_never_imports_textual() -> None:
    offenders = [
        name for name in MODULES if layer(name) in CORE and {"textual", "rich"} & third_party(name)
    ]
    assert offenders == []


def test_widgets_never_import_the_library() -> None:
    offenders = [
        (name, target)
        for name, targets in graph().items()
        if layer(name) == "widgets"
        for target in targets
        if layer(target) in ("library", "session", "review", "writeback")
    ]
    assert offenders == []


def test_nothing_imports_the_app() -> None:
    offenders = [
        name
        for name, targets in graph().items()
        if "reader_tui.app" in targets and layer(name) != "cli"
    ]
    assert offenders == []


def test_no_import_cycles() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycles.append(path[path.index(node) :])
            return
        if node in done:
            return
        for target in sorted(edges.get(node, ())):
            visit(target, [*path, node])
        done.add(node)

    for node in sorted(edges):
        visit(node, [])
    assert cycles == []


def test_the_contracts_see_the_whole_package() -> None:
    """The graph is the real one: the app imports screens, screens the library."""
    edges = graph()
    assert "reader_tui.screens.library" in edges["reader_tui.app"]
    assert "reader_tui.library" in edges["reader_tui.screens.reading"]
    assert len(MODULES) > 40


def test_headless_modules_do_not_import_textual() -> None:
    """Checked in a fresh interpreter, as a user of the core would import it."""
    modules = [name for name in MODULES if layer(name) in CORE]
    code = f"import sys, {', '.join(modules)}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
