"""Which backend the CLI uses: ``--server-url``/``--token``, else the environment (see client.backend)."""

from __future__ import annotations

import argparse
import os

from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import backend_from_env
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.client.server_backend import ServerBackend


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand takes (a parent parser)."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("connection")
    group.add_argument(
        "--server-url",
        metavar="URL",
        help="go through this running Jupyter server (e.g. http://127.0.0.1:8888/); default: "
        "$CODELAB_API_URL when a Jupyter server started this shell, else ModelArts directly",
    )
    group.add_argument("--token", metavar="TOKEN", help="the Jupyter server's token (default: $JUPYTER_TOKEN)")
    parent.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")
    return parent


def given_server(args: argparse.Namespace) -> ServerBackend | None:
    """The server named by ``--server-url`` (with ``--token`` or $JUPYTER_TOKEN), or None without one."""
    if args.server_url:
        token = args.token or os.environ.get("JUPYTER_TOKEN")
        if not token:
            raise InputError("--server-url needs the server's token: pass --token or set JUPYTER_TOKEN.")
        return ServerBackend.for_jupyter_server(args.server_url, token)
    if args.token:
        raise InputError("--token goes with --server-url: give the Jupyter server's URL too.")
    return None


def backend_for(args: argparse.Namespace) -> Backend:
    return given_server(args) or backend_from_env()
