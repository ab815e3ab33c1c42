"""What ``open NOTEBOOK`` opens: a local notebook (sent through OBS first) or a link (``--share-url``)."""

from __future__ import annotations

from jupyter_codelab.client import send_flow
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.i18n import _


def open_target(notebook: str | None, share_url: str | None, local: str | None = None) -> tuple[str | None, str | None]:
    """``(local path to send, link to open)``, at most one of them: NOTEBOOK is either, a link in
    NOTEBOOK becomes the share URL; ``local`` (the magics' older ``--local``) is always a local file."""
    if local is not None:
        if notebook is not None:
            raise InputError(_("Give the local notebook once: as NOTEBOOK or as --local."))
        if share_url is not None:
            raise InputError(_("Give --local (a file here) or --share-url (a link), not both."))
        return local, None
    if notebook is None:
        return None, share_url
    if send_flow.is_local_notebook(notebook):
        if share_url is not None:
            raise InputError(_("Give a local notebook or --share-url, not both."))
        return notebook, None
    if share_url is not None:
        raise InputError(_("Give the link once: as NOTEBOOK or as --share-url."))
    return None, notebook
