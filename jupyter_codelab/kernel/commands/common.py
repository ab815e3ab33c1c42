"""What the ``%codelab`` subcommands share: naming their parsers, parsing, display."""

from __future__ import annotations

from IPython.core.error import UsageError
from IPython.core.magic_arguments import parse_argstring

from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import get_backend
from jupyter_codelab.i18n import _


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
