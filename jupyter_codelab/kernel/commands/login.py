"""``%codelab login`` / ``%codelab logout``: connect your Huawei Cloud account, or sign out.

Secrets are asked with ``getpass`` (never echoed; in a notebook the kernel asks
through the frontend's password box), so they are never in the magic's line,
the history or the notebook.
"""

from __future__ import annotations

from jupyter_codelab.client import login as account
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.login import ask_credentials
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, show


def _server():
    try:
        return account.server_backend(backend=backend())
    except CodeLabError:
        return account.server_backend()  # no usable backend yet (no credentials at all): that is why we log in


def run_login(args):
    body = ask_credentials(args.iam, args.security_token)
    body.update({k: v for k, v in (("region", args.region), ("project_id", args.project_id)) if v})
    if args.remember:
        body["remember"] = True
    try:
        config, where = account.login(body, _server())
    except account.LoginRefused as exc:
        field = f" (fix: {exc.field})" if exc.field else ""
        raise CodeLabError(exc.message + field, exc.status, exc.error_code, exc.error_msg) from None
    finally:
        body.clear()
    show(
        _("Connected to ModelArts in {region} (project {project_id}); the keys are {where}.").format(
            region=config.get("region"), project_id=config.get("project_id"), where=where
        )
    )
    return None


def run_logout(args):
    try:
        config, what = account.logout(args.forget, _server())
    except account.LoginRefused as exc:
        raise CodeLabError(exc.message, exc.status, exc.error_code, exc.error_msg) from None
    if config is None:
        show(_("Signed out: {what}.").format(what=what))
    elif config.get("mode") == "simulated":
        show(_("{what}: CodeLab is simulated now.").format(what=what[:1].upper() + what[1:]))
    else:
        show(
            _("{what}: back to the {source} credentials (ModelArts in {region}).").format(
                what=what[:1].upper() + what[1:], source=config.get("source"), region=config.get("region")
            )
        )
    return None
