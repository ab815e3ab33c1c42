"""How the CLI reports: text for people, ``--json`` for scripts, errors on stderr.

Exit codes: 0 done (``open``: RUNNING), 1 upstream failure or the instance
failed, 2 usage error, 3 still not running when ``--timeout`` passed,
130 interrupted.
"""

from __future__ import annotations

import json
import sys

from jupyter_codelab.i18n import _

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_TIMEOUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class Output:
    def __init__(self, as_json: bool, stdout=None, stderr=None):
        self.as_json = as_json
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr

    def result(self, text: str, data) -> None:
        """The command's answer: ``text`` for people, or ``data`` as JSON."""
        if self.as_json:
            print(json.dumps(data, indent=2, sort_keys=True), file=self.stdout, flush=True)
        else:
            print(text, file=self.stdout, flush=True)

    def note(self, text: str) -> None:
        """Side information (never mixed into --json output)."""
        print(text, file=self.stderr if self.as_json else self.stdout, flush=True)

    def error(self, command: str, message: str, data: dict | None = None) -> None:
        print(
            _("jupyter codelab {command}: error: {message}").format(command=command, message=message),
            file=self.stderr,
            flush=True,
        )
        if self.as_json and data is not None:
            print(json.dumps({"error": data}, indent=2, sort_keys=True), file=self.stdout, flush=True)
