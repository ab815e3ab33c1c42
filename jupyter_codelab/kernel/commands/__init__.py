"""The ``%codelab`` subcommands, one small module each, collected in ``COMMANDS``.

Each is a function ``(line) -> value`` decorated with IPython's
``@magic_arguments``; its parser's help becomes part of ``%codelab?``.
"""

from __future__ import annotations

from jupyter_codelab.kernel.commands import badge, doctor, extend, images, login, open_command, panel, send, start, status, stop

COMMANDS = {
    "open": open_command.open_command,
    "status": status.status_command,
    "images": images.images_command,
    "start": start.start_command,
    "extend": extend.extend_command,
    "stop": stop.stop_command,
    "panel": panel.panel_command,
    "badge": badge.badge_command,
    "login": login.login_command,
    "logout": login.logout_command,
    "send": send.send_command,
    "doctor": doctor.doctor_command,
}


def help_text() -> str:
    parts = [
        "Open and manage a Huawei Cloud ModelArts CodeLab instance from this notebook.",
        "",
        "Usage: %codelab SUBCOMMAND [options]   (subcommands: " + ", ".join(COMMANDS) + ")",
        "",
        "The kernel reaches ModelArts through the jupyter-codelab server extension when",
        "the Jupyter server started it (nothing to configure), otherwise directly with",
        "HUAWEICLOUD_SDK_AK/SK/PROJECT_ID or ~/.huaweicloud/credentials, or a simulator",
        "at CODELAB_ENDPOINT.",
    ]
    for function in COMMANDS.values():
        parts += ["", "-" * 72, plain_help(function.__doc__)]
    return "\n".join(parts)


def plain_help(doc: str) -> str:
    """A subcommand's help as text: IPython writes its usage as an RST literal block (``::`` and an indent)."""
    return doc.strip().replace("::\n\n  %codelab", "Usage: %codelab", 1)
