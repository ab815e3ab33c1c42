"""Every subcommand of ``jupyter codelab`` and ``%codelab``, declared once for both faces.

A new subcommand is one ``Command`` here, plus ``run_<name>`` in ``cli/commands/<module>.py``
(``(args, out) -> exit code``) and/or ``kernel/commands/<module>.py`` (``(args) -> value``)
for the faces that have it.
"""

from __future__ import annotations

from jupyter_codelab.client.commands.options import CONNECTION, JSON, SCRIPTABLE, SENDING, WAIT
from jupyter_codelab.client.commands.spec import CLI, MAGIC, Command, Option
from jupyter_codelab.i18n import N_

IMAGE = Option(  # of open, and of the link a badge opens
    ("--image",),
    N_("image id, or a name/tag matching exactly one image (see `{codelab} images`); default: ModelArts' default image"),
    metavar="NAME_OR_ID",
)
OPEN = Command(
    "open",
    N_("open your CodeLab instance (or find the open one) and wait until it runs"),
    (
        Option(
            ("notebook",),
            N_("a local .ipynb file (sent through your OBS bucket, privately) or a link to one"),
            metavar="NOTEBOOK",
            nargs="?",
        ),
        Option(
            ("--local",), N_("a local .ipynb file, the same as NOTEBOOK (kept so older notebooks still run)"), metavar="PATH"
        ).only(MAGIC),
        *SENDING,
        IMAGE,
        Option(
            ("--share-url",),
            N_("link to an .ipynb file to open in the instance (GitHub pages and raw links work)"),
            metavar="URL",
        ),
        Option(
            ("--with-repo",),
            N_(
                "with --share-url to a notebook on GitHub, GitLab or Gitee: bring its repository's files too (a copy goes "
                "through your OBS bucket; its first cell unpacks the repository)"
            ),
            action="store_true",
        ),
        *WAIT,
        *SCRIPTABLE,
    ),
    about=N_("With another --image than the instance has, ModelArts switches that instance to it (it restarts)."),
    about_cli=N_("Exit code 0 once RUNNING; 1 with the reason if it fails; 3 on --timeout."),
    about_magic=N_(
        "A panel follows it; interrupting the kernel stops the waiting, not the instance. "
        "The panel's object is jupyter_codelab.kernel.panel_registry.current_panel()."
    ),
    module="open_command",
)
STATUS = Command(
    "status",
    N_("show the status, what it means, the auto-stop countdown and address of your instance"),
    (JSON, *CONNECTION),
)
START = Command(
    "start",
    N_("start your stopped CodeLab instance again (also after a failed start) and wait until it runs"),
    (
        Option(("--hours",), N_("stop automatically H hours from now, 1 to 72 (default: ModelArts' 1 h)"), metavar="H"),
        Option(("--no-auto-stop",), N_("no automatic stop: it runs until you stop it"), action="store_true"),
        *WAIT,
        *SCRIPTABLE,
    ),
    about_magic=N_("A panel follows it."),
)
IMAGES = Command(
    "images",
    N_("list the images a CodeLab instance can be opened with"),
    (JSON, *CONNECTION),
    about=N_("Give a name or an id to `{codelab} open --image`."),
)
EXTEND = Command(
    "extend",
    N_("keep the running instance longer: its automatic stop moves H hours later (default 1 h)"),
    (
        Option(
            ("--hours",), N_("stop H hours later than the current automatic stop (default 1; at most 72 h from now)"), metavar="H"
        ),
        Option(("--until",), N_("stop at this local time instead (its next occurrence, 1 h to 72 h from now)"), metavar="HH:MM"),
        Option(("--for",), N_("stop H hours from now instead, 1 to 72"), metavar="H", dest="for_hours"),
        *SCRIPTABLE,
    ),
)
STOP = Command("stop", N_("stop your CodeLab instance now (`{codelab} start` starts it again)"), SCRIPTABLE)
PANEL = Command(
    "panel",
    N_("show a panel following your current instance, or the form to open one when there is none"),
    (
        Option(("--empty",), N_("show the open form only, without following the current instance"), action="store_true"),
        Option(("--follow",), N_("(the default now; kept so older notebooks still run)"), action="store_true"),
    ),
    about=N_(
        "The panel's state is in traits (panel.state: notebook_id, status, remaining_seconds ...); "
        "get the panel object with jupyter_codelab.kernel.panel_registry.current_panel()."
    ),
    faces=frozenset({MAGIC}),
)
SEND = Command(
    "send",
    N_("send a local notebook (by default this one) to CodeLab through your OBS bucket and follow the instance"),
    (Option(("path",), N_("the .ipynb file to send (default: the notebook this kernel belongs to)"), nargs="?"), *SENDING, *WAIT),
    about=N_(
        "It is uploaded privately under its content's hash (an unchanged notebook is not uploaded again), and CodeLab "
        "opens it with a signed link that works for c.CodeLab.share_link_minutes. Without a path it sends the notebook "
        "this kernel belongs to, as it is saved on disk (save first)."
    ),
    faces=frozenset({MAGIC}),
)
BADGE = Command(
    "badge",
    N_('show the Markdown of a "Run in ModelArts" badge that opens a notebook link in CodeLab'),
    (
        Option(("url",), N_("link to the .ipynb file (GitHub page, raw link, ...)"), metavar="URL"),
        IMAGE,
        *SCRIPTABLE,
    ),
)
LOGIN = Command(
    "login",
    N_("connect your Huawei Cloud account (prompts for the keys; they are never echoed)"),
    (
        Option(("--iam",), N_("sign in with an IAM user name and password instead of an access key"), action="store_true"),
        Option(("--security-token",), N_("also ask for the security token of temporary access keys"), action="store_true"),
        Option(("--region",), N_("region, e.g. cn-north-4 (default: the configured one)")),
        Option(("--project-id",), N_("32-character project id (default: looked up for the region)")),
        Option(("--remember",), N_("through a server: also keep the keys in ~/.huaweicloud/credentials"), action="store_true"),
        *SCRIPTABLE,
    ),
    about=N_(
        "Through a Jupyter server it switches at once and keeps the keys in memory; without one the keys are checked "
        "against ModelArts and saved in ~/.huaweicloud/credentials (mode 0600). They are never in a command line or the history."
    ),
)
LOGOUT = Command(
    "logout",
    N_("sign out: back to simulated mode (without a server: remove the saved keys)"),
    (
        Option(("--forget",), N_("also remove the remembered keys from ~/.huaweicloud/credentials"), action="store_true"),
        *SCRIPTABLE,
    ),
    module="login",
)
SIMULATE = Command(
    "simulate",
    N_("run the ModelArts simulator here (demo credentials unless --ak/--sk are given)"),
    (
        Option(("--port",), N_("port to listen on (0: any free port; default {default})"), default=8010, type=int),
        Option(("--address",), N_("address to bind (default {default})"), default="127.0.0.1"),
        Option(("--ak",), N_("access key clients sign with"), dest="access_key"),
        Option(("--sk",), N_("secret key clients sign with"), dest="secret_key"),
        Option(("--project-id",), N_("32-hex project id (default: the demo project)")),
        Option(("--step-seconds",), N_("seconds per creation step (default {default})"), default=2.0, type=float),
    ),
    about=N_("Point clients at it with CODELAB_ENDPOINT=http://127.0.0.1:PORT. Stop with Ctrl+C."),
    faces=frozenset({CLI}),
)

DOCTOR = Command(
    "doctor",
    N_("check the connection: credentials, region, project, IAM, ModelArts, the clock, TLS, proxies and the OBS bucket"),
    (JSON, *CONNECTION),
    about=N_(
        "Through the Jupyter server when one is reachable (it holds the credentials), else from here. One line per check, "
        "each with its fix; --json for a support ticket."
    ),
    about_cli=N_("Exit code 0 only when all is well."),
)

COMMANDS = (OPEN, STATUS, START, IMAGES, EXTEND, STOP, PANEL, SEND, BADGE, LOGIN, LOGOUT, SIMULATE, DOCTOR)


def for_face(face: str) -> dict[str, Command]:
    """The subcommands a face has, by name, in the order their help lists them."""
    return {command.name: command for command in COMMANDS if face in command.faces}
