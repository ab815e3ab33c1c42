"""Find a running Jupyter server with jupyter-codelab on this machine, as ``jupyter server list`` does.

For the CLI outside a Jupyter terminal (no ``CODELAB_API_URL``/``TOKEN``): the servers write
``jpserver-<pid>.json`` (url, token, pid) into the runtime dir (``JUPYTER_RUNTIME_DIR``, else
``jupyter --runtime-dir``); ``jupyter_server.serverapp.list_running_servers`` reads them. A server
is chosen only once its ``codelab/api/config`` answered with its token: it has the extension and lets us in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import requests

from jupyter_codelab.client.server_backend import ServerBackend

PROBE_TIMEOUT = (2.0, 5.0)  # connect, read: a local server answers its config at once


@dataclass
class Search:
    """The server chosen (or None) and the URLs of the servers that were looked at."""

    backend: ServerBackend | None = None
    url: str | None = None
    others: list[str] = field(default_factory=list)  # running, but without the extension (or refusing the token)


def find_local_server(runtime_dir: str | None = None) -> Search:
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:  # the CLI without jupyter_server installed: nothing to find
        return Search()
    search = Search()
    for info in list_running_servers(runtime_dir):
        url, token = info.get("url"), info.get("token") or ""
        if not url:
            continue
        backend = ServerBackend.for_jupyter_server(url, token)
        backend.session.trust_env = False  # listed by this machine's runtime dir (even as 0.0.0.0): no proxy sees the token
        if _answers(backend):
            search.backend, search.url = backend, url
            return search
        search.others.append(url)
    return search


def _answers(backend: ServerBackend) -> bool:
    try:
        response = backend.session.get(backend.api_url + "config", timeout=PROBE_TIMEOUT)
        return response.status_code == 200 and isinstance(response.json(), dict)
    except (requests.RequestException, ValueError):
        return False
