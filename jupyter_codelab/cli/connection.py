"""Which backend the CLI uses: ``--server-url``/``--token``; else the environment (a Jupyter terminal,
credentials, a simulator endpoint; see client.choose); else a Jupyter server with jupyter-codelab
running on this machine (found as ``jupyter server list`` finds it)."""

from __future__ import annotations

import argparse
import os
import sys

from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import backend_from_env
from jupyter_codelab.client.errors import NoCredentials
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.client.local_server import find_local_server
from jupyter_codelab.client.server_backend import ServerBackend
from jupyter_codelab.i18n import _


def given_server(args: argparse.Namespace) -> ServerBackend | None:
    """The server named by ``--server-url`` (with ``--token`` or $JUPYTER_TOKEN), or None without one."""
    if args.server_url:
        token = args.token or os.environ.get("JUPYTER_TOKEN")
        if not token:
            raise InputError(_("--server-url needs the server's token: pass --token or set JUPYTER_TOKEN."))
        return ServerBackend.for_jupyter_server(args.server_url, token)
    if args.token:
        raise InputError(_("--token goes with --server-url: give the Jupyter server's URL too."))
    return None


def backend_for(args: argparse.Namespace) -> Backend:
    given = given_server(args)
    if given is not None:
        return given
    try:
        return backend_from_env()
    except NoCredentials as exc:
        search = find_local_server()
        if search.backend is None:
            raise NoCredentials(_no_server_sentence(exc.message, search.others)) from None
        # On stderr: stdout stays the command's answer (and --json stays JSON).
        print(_("Using the Jupyter server at {url} (found running on this machine).").format(url=search.url), file=sys.stderr)
        return search.backend


def _no_server_sentence(no_credentials: str, others: list[str]) -> str:
    if others:
        where = _(
            "Jupyter servers run at {urls}, but none answered codelab/api/config (is jupyter-codelab enabled there?)."
        ).format(urls=", ".join(others))
    else:
        where = _("No Jupyter server with jupyter-codelab runs on this machine (`jupyter server list`).")
    hint = _("To use a Jupyter server elsewhere, give --server-url URL --token TOKEN.")
    return f"{no_credentials} {where} {hint}"
