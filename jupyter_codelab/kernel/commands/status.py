"""``%codelab status``: the current instance in words."""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.kernel import describe
from jupyter_codelab.kernel.commands.common import backend, parse, show, subcommand


@magic_arguments()
@subcommand("status")
@argument("--json", action="store_true", help="return the instance as a dict (contracts.md 2.1) instead of showing it")
def status_command(line: str):
    """Show the status, steps, auto-stop countdown and address of your CodeLab instance."""
    args = parse(status_command, line)
    problem = (backend().config() or {}).get("config_error")
    if problem and not args.json:
        show(f"Configuration problem: {problem}")
    notebook = backend().current()
    if args.json:
        return notebook
    if notebook is None:
        show("No CodeLab instance yet: open one with %codelab open.")
        return None
    show(describe.summary_text(notebook), describe.summary_html(notebook))
    return None
