"""The layout shows the design: modelarts/, obs/ and ready/ at the bottom, client/ on them,
server/, kernel/ and cli/ on top, the simulator apart; and no import cycle between modules.

Every module's imports are read with ``ast`` (nothing is imported). Layer rules count every import,
also those inside functions (a lazy import upward is still an upward dependency); the cycle check
counts module-level imports, as Python runs them, and ``if TYPE_CHECKING:`` imports too: a cycle only the
type checker follows still ties two modules together (a ``typing.Protocol`` in a leaf module breaks it).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "jupyter_codelab"

# Small modules below every layer, which anyone may import.
BOTTOM = {f"{PACKAGE}._version", f"{PACKAGE}.api_env", f"{PACKAGE}.echo", f"{PACKAGE}.i18n"}

# layer -> the layers it must never import.
FORBIDDEN = {
    "modelarts": {"server", "kernel", "cli", "client", "simulator", "obs", "ready"},
    "obs": {"server", "kernel", "cli", "client", "simulator"},
    # The files a notebook reads and the added cell: beside obs/ (which uploads them), below the faces.
    "ready": {"server", "kernel", "cli", "client", "simulator", "obs"},
    "client": {"server", "kernel", "cli", "simulator"},
    "cli": {"server", "kernel"},
    "kernel": {"server", "cli"},
    "server": {"kernel", "cli", "client"},
    "simulator": {"server", "kernel", "cli", "client"},
}
# client/ builds only on these (besides itself and the bottom modules).
CLIENT_MAY_IMPORT = {"client", "modelarts", "obs", "ready"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted((ROOT / PACKAGE).rglob("*.py"))}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and module not in BOTTOM else None


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The modules of ours an import statement loads (a submodule when ``from pkg import submodule``)."""
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE}
    if node.level:
        is_package = MODULES[module].name == "__init__.py"
        base = module.split(".")
        base = base if is_package else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    if source.split(".")[0] != PACKAGE:
        return set()
    found = set()
    for alias in node.names:
        submodule = f"{source}.{alias.name}"
        found.add(submodule if submodule in MODULES else source)
    return found


def imports(module: str, module_level_only: bool, source: str | None = None) -> set[str]:
    tree = ast.parse(MODULES[module].read_text("utf-8") if source is None else source)
    found: set[str] = set()

    def visit(body, top: bool) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if top or not module_level_only:
                    found.update(_targets(module, node))
                continue
            nested = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            for field in ("body", "orelse", "finalbody", "handlers"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    visit(children, top and not nested)

    visit(tree.body, True)
    found.discard(module)
    return found


def test_every_module_is_found():
    assert f"{PACKAGE}.modelarts.events" in MODULES and f"{PACKAGE}.client.actions" in MODULES
    assert len(MODULES) > 80


@pytest.mark.parametrize("below", sorted(FORBIDDEN))
def test_no_layer_imports_what_sits_above_it(below):
    wrong = []
    for module in MODULES:
        if layer(module) != below:
            continue
        for target in imports(module, module_level_only=False):
            if layer(target) in FORBIDDEN[below]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_client_builds_only_on_modelarts_and_obs():
    wrong = [
        f"{module} imports {target}"
        for module in MODULES
        if layer(module) == "client"
        for target in imports(module, module_level_only=False)
        if target not in BOTTOM and layer(target) not in CLIENT_MAY_IMPORT
    ]
    assert wrong == []


def test_bottom_modules_import_nothing_above_modelarts():
    for module in BOTTOM & MODULES.keys():
        assert {layer(t) for t in imports(module, module_level_only=False)} <= {None, "modelarts"}, module


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strongconnect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, ()):
            if successor not in index:
                strongconnect(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            strongconnect(node)
    return found


@pytest.mark.parametrize("module_level_only", [True, False], ids=["module-level", "also-inside-functions"])
def test_no_import_cycles(module_level_only):
    # Also none through lazy imports: a cycle hidden in a function (backend <-> its backends, the simulator's
    # app <-> control) is still two modules that cannot be read, or changed, one without the other.
    graph = {module: imports(module, module_level_only) & MODULES.keys() for module in MODULES}
    assert _cycles(graph) == []


def test_the_cycle_check_can_fail():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_layer_check_sees_relative_function_level_and_type_checking_imports(monkeypatch):
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..modelarts import events\n"
        "if TYPE_CHECKING:\n    from ..server import app\n"
        "def f():\n    from ..kernel import panel\n"
    )
    probe = f"{PACKAGE}.client.probe_module"
    monkeypatch.setitem(MODULES, probe, ROOT / PACKAGE / "client" / "probe_module.py")
    events, app, panel = (f"{PACKAGE}.{name}" for name in ("modelarts.events", "server.app", "kernel.panel"))
    assert imports(probe, module_level_only=False, source=source) == {events, app, panel}
    assert imports(probe, module_level_only=True, source=source) == {events, app}
