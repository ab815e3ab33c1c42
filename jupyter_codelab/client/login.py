"""Connecting an account from a kernel or a terminal (``%codelab login``, the panel, ``jupyter codelab login``).

Through the server extension when this process has its address (``POST
credentials``: the server switches at once and keeps the keys in its memory,
or in the file with ``remember``); without a server, the keys are checked
against ModelArts directly and written to ``~/.huaweicloud/credentials``, where
the direct backend finds them. Secrets are never put in the environment.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping

from jupyter_codelab.client.backend import Backend
from jupyter_codelab.client.choose import server_backend_from_env, set_backend
from jupyter_codelab.client.direct_backend import DirectBackend
from jupyter_codelab.client.errors import LoginRefused
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.client.server_backend import ServerBackend
from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts import credentials_file
from jupyter_codelab.modelarts.credential_input import CredentialInputError, parse_credential_input
from jupyter_codelab.modelarts.credentials import ConfigError


def server_backend(env: Mapping[str, str] | None = None, backend: Backend | None = None) -> ServerBackend | None:
    """The ServerBackend to go through, or None (no server told us its address)."""
    if isinstance(backend, ServerBackend):
        return backend
    return server_backend_from_env(env)


def ask_credentials(iam: bool, security_token: bool, ask=None, ask_secret=None) -> dict:
    """The form's values, prompted one by one (secrets without echo).

    ``input``/``getpass`` are looked up at each call: ipykernel swaps in its own (stdin requests) while a cell runs.
    """
    import builtins

    ask, ask_secret = _answered(ask or builtins.input), _answered(ask_secret or getpass.getpass)
    if iam:
        user = ask(_("IAM user name: ")).strip()
        body = {"iam_user": user, "iam_password": ask_secret(_("IAM password: "))}
        domain = ask(_("Account (domain) name [{user}]: ").format(user=user)).strip()
        if domain:
            body["iam_domain"] = domain
        return body
    body = {"access_key": ask(_("Access key id (AK): ")).strip(), "secret_key": ask_secret(_("Secret access key (SK): "))}
    if security_token:
        body["security_token"] = ask_secret(_("Security token: "))
    return body


def _answered(prompt):
    """A prompt that says so in a sentence when nobody can answer (no terminal, no stdin in this kernel)."""

    def ask(text: str) -> str:
        try:
            return prompt(text)
        except EOFError:
            raise InputError(_("Nobody answered the prompt: run login in a terminal or an interactive notebook.")) from None
        except Exception as exc:  # IPython's StdinNotImplementedError: a kernel with no stdin (nbconvert, papermill)
            if type(exc).__name__ != "StdinNotImplementedError":
                raise
            raise InputError(_("Nobody answered the prompt: run login in a terminal or an interactive notebook.")) from None

    return ask


def login(body: dict, server=None) -> tuple[dict, str]:
    """Connect; returns (the config now in force, a sentence saying where the keys are kept)."""
    try:
        given = parse_credential_input(body)  # checked here too: a typo never travels
    except CredentialInputError as exc:
        raise InputError(f"{_flag(exc.field)}: {exc}") from None
    if server is not None:
        config = server.login(body)
        where = (
            _("remembered in ~/.huaweicloud/credentials")
            if given.remember
            else _("kept in the Jupyter server's memory until it stops")
        )
        return config, where
    return _direct_login(given), _("saved in {path} (mode 0600)").format(path=credentials_file.credentials_path())


def logout(forget: bool, server=None) -> tuple[dict | None, str]:
    if server is not None:
        config = server.logout(forget)
        return config, (_("signed out and removed the remembered keys") if forget else _("signed out"))
    try:
        removed = credentials_file.forget()
    except ConfigError as exc:
        raise InputError(str(exc)) from None
    set_backend(None)
    path = credentials_file.credentials_path()
    return None, (_("removed the keys from {path}") if removed else _("no keys of ours were in {path}")).format(path=path)


def _direct_login(given) -> dict:
    from jupyter_codelab.modelarts.connect_advice import explain
    from jupyter_codelab.modelarts.errors import ModelArtsError
    from jupyter_codelab.modelarts.iam_projects import settings_for
    from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient

    if not given.is_aksk:
        raise InputError(
            _(
                "Without a Jupyter server only access keys can be kept (in ~/.huaweicloud/credentials): log in with an access key, or set "
                "CODELAB_IAM_USER, CODELAB_IAM_PASSWORD and CODELAB_IAM_DOMAIN."
            )
        )
    try:
        credentials_file.check_writable()
    except ConfigError as exc:
        raise InputError(str(exc)) from None
    try:
        pending, from_region = settings_for(given, {}, os.environ)
    except ConfigError as exc:
        raise InputError(str(exc)) from None
    client = SyncModelArtsClient(pending.provisional())
    try:
        settings = client.connect(pending)
    except ModelArtsError as exc:
        r = explain(exc, True, from_region)
        raise LoginRefused(r.message, r.status, r.error_code, r.error_msg, r.field) from None
    finally:
        client.close()
    creds = settings.credentials
    try:
        credentials_file.remember(creds.access_key, creds.secret_key, settings.project_id, creds.security_token)
    except ConfigError as exc:
        raise InputError(str(exc)) from None
    set_backend(None)  # the next command finds the new keys
    direct = DirectBackend(settings)
    direct.close()
    return direct.config() | {"source": "file"}


def _flag(field: str) -> str:
    return {"access_key": _("access key"), "secret_key": _("secret key"), "iam_password": _("password")}.get(field, field)
