"""``_`` is gettext in every module that imports it: a function that also binds ``_`` (``a, _ = ...``)
turns its own ``_("...")`` calls into a TypeError or UnboundLocalError at the worst moment."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "jupyter_codelab"
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _own_nodes(scope):
    """The nodes of ``scope`` itself, not of the functions and comprehensions nested in it."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, SCOPES):
            stack.extend(ast.iter_child_nodes(node))


def _shadowing_functions(tree):
    for scope in ast.walk(tree):
        if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
            nodes = list(_own_nodes(scope))
            binds = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in nodes)
            calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in nodes)
            if binds and calls:
                yield scope.name, scope.lineno


def test_no_function_rebinds_the_gettext_underscore_it_calls():
    found = [f"{path.relative_to(PACKAGE)}:{line} {name}" for path in sorted(PACKAGE.rglob("*.py"))
             for name, line in _shadowing_functions(ast.parse(path.read_text("utf-8")))]  # fmt: skip
    assert not found, "rename the throwaway variable (e.g. _status): " + ", ".join(found)


def test_the_check_finds_a_rebinding():
    tree = ast.parse("def f():\n    a, _ = 1, 2\n    return _('x')\n\ndef g():\n    return [_ for _ in ()], _('ok')\n")
    assert [name for name, _line in _shadowing_functions(tree)] == ["f"]
