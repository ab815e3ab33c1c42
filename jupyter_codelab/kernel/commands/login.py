"""``%codelab login`` / ``%codelab logout``: connect your Huawei Cloud account, or sign out.

Secrets are asked with ``getpass`` (never echoed; in a notebook the kernel asks
through the frontend's password box), so they are never in the magic's line,
the history or the notebook.
"""

from __future__ import annotations

from IPython.core.magic_arguments import argument, magic_arguments

from jupyter_codelab.client import login as account
from jupyter_codelab.client.errors import CodeLabError
from jupyter_codelab.client.login import ask_credentials
from jupyter_codelab.i18n import _
from jupyter_codelab.kernel.commands.common import backend, parse, show, subcommand


def _server():
    try:
        return account.server_backend(backend=backend())
    except CodeLabError:
        return account.server_backend()  # no usable backend yet (no credentials at all): that is why we log in


@magic_arguments()
@subcommand("login")
@argument("--iam", action="store_true", help="sign in with an IAM user name and password instead of an access key")
@argument("--security-token", action="store_true", help="also ask for the security token of temporary access keys")
@argument("--region", help="region, e.g. cn-north-4 (default: the configured one)")
@argument("--project-id", help="32-character project id (default: looked up for the region)")
@argument("--remember", action="store_true", help="keep the access key in ~/.huaweicloud/credentials (mode 0600)")
def login_command(line: str):
    """Connect your Huawei Cloud account: prompts for the keys (never echoed, never in the history).
    Inside JupyterLab the server switches to ModelArts at once and keeps them in memory (--remember: in the file)."""
    args = parse(login_command, line)
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


@magic_arguments()
@subcommand("logout")
@argument("--forget", action="store_true", help="also remove the remembered keys from ~/.huaweicloud/credentials")
def logout_command(line: str):
    """Sign out: back to simulated mode (or the configured credentials). Without a server it removes the saved keys."""
    args = parse(logout_command, line)
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
