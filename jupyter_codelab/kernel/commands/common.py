"""What the ``%codelab`` subcommands share: parsing, the backend, display, following until settled."""

from __future__ import annotations

from IPython.core.error import UsageError

from jupyter_codelab.client import describe
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import get_backend
from jupyter_codelab.client.commands.spec import MAGIC
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.settle import FAILED, LOST, SETTLED, VANISHED, wait_until_settled
from jupyter_codelab.i18n import _


def parse(parser, line: str):
    try:
        return parser.parse_argstring(line)
    except UsageError as exc:
        usage = parser.format_usage().replace("::\n\n  ", "").strip()
        raise UsageError(
            _("{problem}. Usage: {usage} (details: %codelab?)").format(problem=str(exc).rstrip("."), usage=usage)
        ) from None
    except ValueError as exc:  # unbalanced quotes and the like, from the line splitter
        raise UsageError(
            _("Could not read the options ({problem}): check the quotes. See %codelab?").format(problem=exc)
        ) from None


def backend() -> Backend:
    return get_backend()


def show(text: str, html: str | None = None, markdown: str | None = None) -> None:
    from IPython.display import display

    bundle = {"text/plain": text}
    if html:
        bundle["text/html"] = html
    if markdown:
        bundle["text/markdown"] = markdown
    display(bundle, raw=True)


class PanelFollowing:
    """The panel as a ``settle.Following``: it follows the instance's events itself."""

    def __init__(self, panel):
        self.panel = panel

    @property
    def notebook(self) -> dict | None:
        return self.panel.state.notebook or None

    @property
    def vanished(self) -> bool:
        return bool(self.panel.state.vanished)

    @property
    def lost(self) -> str | None:
        return (self.panel.state.error or "") if self.panel.state.connection == "ended" else None

    def wait(self, seconds: float) -> None:
        self.panel.wait(timeout=seconds)


def follow(panel, handle, no_wait: bool, timeout: float) -> None:
    """Wait for the panel's instance to run (unless ``no_wait``) and say how it ended, with the next command."""
    if no_wait:
        return None
    ended = wait_until_settled(PanelFollowing(panel), timeout, MAGIC)
    if handle is not None:
        handle.update(panel)  # the text fallback now shows the final state too
    if ended.ending in (VANISHED, FAILED, LOST):
        raise CodeLabError(ended.sentence)
    print(describe.summary_text(ended.notebook, face=MAGIC) if ended.ending == SETTLED else ended.sentence)
    return None
