"""Which backend this process uses: the server extension when it told us how, else ModelArts directly.

Kept apart from ``backend`` (the interface) so that neither backend module imports the
module that chooses between them.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping

from jupyter_codelab.api_env import ENV_API_TOKEN, ENV_API_URL
from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.direct_backend import DirectBackend
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.server_backend import ServerBackend
from jupyter_codelab.i18n import _


def server_backend_from_env(env: Mapping[str, str] | None = None) -> ServerBackend | None:
    """The server extension's API when this process was started by it (both variables set), else None."""
    env = os.environ if env is None else env
    api_url, token = env.get(ENV_API_URL), env.get(ENV_API_TOKEN)
    return ServerBackend(api_url, token) if api_url and token else None


def backend_from_env(env: Mapping[str, str] | None = None) -> Backend:
    """The backend this process should use: the server extension when it told us how, else direct."""
    env = os.environ if env is None else env
    server = server_backend_from_env(env)
    if server is not None:
        return server
    api_url, token = env.get(ENV_API_URL), env.get(ENV_API_TOKEN)
    if api_url or token:
        missing = ENV_API_TOKEN if api_url else ENV_API_URL
        raise CodeLabError(
            _("{missing} is not set while {given} is: set both, or neither.").format(
                missing=missing, given=ENV_API_URL if token else ENV_API_TOKEN
            )
        )
    return DirectBackend.from_env(env)


_default: Backend | None = None
_default_lock = threading.Lock()


def get_backend() -> Backend:
    """The process-wide backend, chosen once from the environment (see ``set_backend``)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = backend_from_env()
        return _default


def set_backend(backend: Backend | None) -> None:
    """Use ``backend`` from now on (None: choose again from the environment next time)."""
    global _default
    with _default_lock:
        _default = backend
