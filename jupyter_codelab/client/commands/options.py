"""The options more than one subcommand takes, each declared once (see ``table`` for the rest)."""

from __future__ import annotations

from jupyter_codelab.client.commands.spec import CLI, Option
from jupyter_codelab.i18n import N_

DEFAULT_TIMEOUT = 900.0  # seconds a face waits for the instance to run

# How the CLI reaches CodeLab (the magics use their kernel's server, or the environment).
SERVER_URL = Option(
    ("--server-url",),
    N_(
        "go through this running Jupyter server (e.g. http://127.0.0.1:8888/); default: $CODELAB_API_URL "
        "in a terminal of a Jupyter server, else the credentials or simulator configured, "
        "else a Jupyter server with jupyter-codelab running on this machine (see `jupyter server list`)"
    ),
    metavar="URL",
    group=N_("connection"),
    faces=frozenset({CLI}),
)
TOKEN = Option(
    ("--token",),
    N_("the Jupyter server's token (default: $JUPYTER_TOKEN)"),
    metavar="TOKEN",
    group=N_("connection"),
    faces=frozenset({CLI}),
)
# Every CLI subcommand can answer a script; of the magics, those whose answer is data.
JSON = Option(
    ("--json",), N_("give the answer as data for scripts instead of text (JSON; in a notebook, a dict)"), action="store_true"
)
CONNECTION = (SERVER_URL, TOKEN)
SCRIPTABLE = (*CONNECTION, JSON.only(CLI))

# Following the instance until it runs (open, start, send).
NO_WAIT = Option(
    ("--no-wait",), N_("return as soon as the instance is opening or starting; do not wait until it runs"), action="store_true"
)
TIMEOUT = Option(
    ("--timeout",),
    N_("stop waiting after this many seconds (default {default})"),
    metavar="SECONDS",
    default=DEFAULT_TIMEOUT,
    type=float,
)
WAIT = (NO_WAIT, TIMEOUT)

# Sending a local notebook through OBS (open NOTEBOOK, send).
STRIP_OUTPUTS = Option(("--strip-outputs",), N_("send the local notebook without cell outputs (smaller)"), action="store_true")
CREATE_BUCKET = Option(
    ("--create-bucket",), N_("create the private bucket codelab-<project>-<region> if it does not exist"), action="store_true"
)
# The files a local notebook reads, sent with it; its first cell in CodeLab downloads them beside it.
WITH = Option(
    ("--with",),
    N_("also send this file or folder (as a path from here; repeat it for more): it arrives beside the notebook"),
    metavar="PATH",
    action="append",
    dest="with_files",
)
WITH_DETECTED = Option(
    ("--with-detected",), N_("also send every file and folder the notebook reads (those its cells name)"), action="store_true"
)
SENDING = (STRIP_OUTPUTS, CREATE_BUCKET, WITH, WITH_DETECTED)
