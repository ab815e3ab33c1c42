"""What the ``%codelab`` subcommands share: naming their parsers, parsing, display."""

from __future__ import annotations

from IPython.core.error import UsageError
from IPython.core.magic_arguments import argument, parse_argstring

from jupyter_codelab.client import describe
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import get_backend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts.states import VANISHED_SENTENCE

DEFAULT_TIMEOUT = 900.0


def wait_options(no_wait_help: str | None = None):
    """``--no-wait`` and ``--timeout``: the same for every subcommand that follows an instance until it runs."""

    def decorate(function):
        function = argument(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT,
            metavar="SECONDS",
            help=_("stop waiting after this long (default {seconds})").format(seconds=f"{DEFAULT_TIMEOUT:g}"),
        )(function)
        default_help = _("return at once; the panel keeps updating while the cell is idle")
        return argument("--no-wait", action="store_true", help=no_wait_help or default_help)(function)

    return decorate


def subcommand(name: str):
    """Name the parser ``%codelab NAME`` (put it under ``@magic_arguments()``)."""

    def decorate(function):
        function.argcmd_name = f"codelab {name}"
        return function

    return decorate


def parse(function, line: str):
    try:
        return parse_argstring(function, line)
    except UsageError as exc:
        usage = function.parser.format_usage().replace("::\n\n  ", "").strip()
        raise UsageError(
            _("{problem}. Usage: {usage} (details: %codelab?)").format(problem=str(exc).rstrip("."), usage=usage)
        ) from None
    except ValueError as exc:  # unbalanced quotes and the like, from the line splitter
        raise UsageError(
            _("Could not read the options ({problem}): check the quotes. See %codelab?").format(problem=exc)
        ) from None


def backend() -> Backend:
    return get_backend()


FACE = "magic"  # how describe spells the next command: %codelab ...


def show(text: str, html: str | None = None, markdown: str | None = None) -> None:
    from IPython.display import display

    bundle = {"text/plain": text}
    if html:
        bundle["text/html"] = html
    if markdown:
        bundle["text/markdown"] = markdown
    display(bundle, raw=True)


def follow(panel, handle, no_wait: bool, timeout: float) -> None:
    """Wait for the panel's instance to run (unless ``no_wait``) and say how it ended, with the next command."""
    if no_wait:
        return None
    try:
        status = panel.wait(timeout=timeout)
    except KeyboardInterrupt:
        print(_("Stopped waiting; the panel keeps following the instance."))
        return None
    if handle is not None:
        handle.update(panel)  # the text fallback now shows the final state too
    state = panel.state
    if state.vanished:
        raise CodeLabError(f"{_(VANISHED_SENTENCE)} {describe.next_line(('open',), FACE)}.")
    if status == "RUNNING":
        print(
            _("CodeLab instance {name} is running: {url}").format(
                name=state.notebook.get("name") or state.notebook_id, url=state.url
            )
        )
    elif describe.is_failed(status):
        found = describe.state(state.notebook)
        next_line = describe.next_line(found.actions, FACE)
        raise CodeLabError(describe.status_sentence(state.notebook) + (f" {next_line}." if next_line else ""))
    elif state.connection == "ended" and state.error:
        raise CodeLabError(state.error)
    elif describe.is_settled(status):
        print(describe.summary_text(state.notebook, face=FACE))
    else:
        print(
            _("Still {status} after {timeout:g} s; the panel keeps following it.").format(
                status=describe.status_words(status).lower(), timeout=timeout
            )
        )
    return None
