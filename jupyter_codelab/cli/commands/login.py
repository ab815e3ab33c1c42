"""``jupyter codelab login`` / ``logout``: connect your Huawei Cloud account, or sign out.

Through the Jupyter server when one is reachable (``--server-url``, or the
terminal of a server with jupyter-codelab): it switches at once. Otherwise the
keys are checked against ModelArts and saved to ``~/.huaweicloud/credentials``
(mode 0600). Secrets are prompted without echo, never taken from the command line.
"""

from __future__ import annotations

import sys

from jupyter_codelab.cli.connection import given_server
from jupyter_codelab.cli.output import EXIT_OK, Output
from jupyter_codelab.client import login as account
from jupyter_codelab.client.errors import CodeLabError, ConnectionLost
from jupyter_codelab.client.inputs import InputError
from jupyter_codelab.client.login import ask_credentials
from jupyter_codelab.i18n import _


def _server(args):
    """(server backend or None, whether it was asked for explicitly)."""
    given = given_server(args)
    return (given, True) if given is not None else (account.server_backend(), False)


def _ask(prompt: str) -> str:
    """Prompts go to stderr, so that stdout holds only the answer (--json)."""
    print(prompt, end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line:
        raise InputError(_("No answer to the prompt (stdin ended): run `jupyter codelab login` in a terminal."))
    return line.rstrip("\n")


def _refused(exc: account.LoginRefused) -> CodeLabError:
    field = f" (fix: {exc.field})" if exc.field else ""
    return CodeLabError(exc.message + field, exc.status, exc.error_code, exc.error_msg)


def run_login(args, out: Output) -> int:
    server, explicit = _server(args)
    body = ask_credentials(args.iam, args.security_token, ask=_ask)
    body.update({k: v for k, v in (("region", args.region), ("project_id", args.project_id)) if v})
    if args.remember:
        body["remember"] = True
    try:
        try:
            config, where = account.login(body, server)
        except ConnectionLost:
            if explicit:
                raise
            out.note(
                _("{server} does not answer: saving the keys in ~/.huaweicloud/credentials instead.").format(
                    server=server.where_text()
                )
            )
            config, where = account.login(body, None)
    except account.LoginRefused as exc:
        raise _refused(exc) from None
    finally:
        body.clear()
    out.result(
        _("Connected to ModelArts in {region} (project {project_id}); the keys are {where}.").format(
            region=config.get("region"), project_id=config.get("project_id"), where=where
        ),
        config,
    )
    return EXIT_OK


def run_logout(args, out: Output) -> int:
    server, _explicit = _server(args)
    try:
        config, what = account.logout(args.forget, server)
    except account.LoginRefused as exc:
        raise _refused(exc) from None
    if config is None:
        out.result(_("Signed out: {what}.").format(what=what), {"signed_out": True, "message": what})
    elif config.get("mode") == "simulated":
        out.result(_("{what}: CodeLab is simulated now.").format(what=what[:1].upper() + what[1:]), config)
    else:
        out.result(
            _("{what}: back to the {source} credentials.").format(what=what[:1].upper() + what[1:], source=config.get("source")),
            config,
        )
    return EXIT_OK
