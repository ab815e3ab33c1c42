"""The one error type of the kernel side (panel, magics, CLI).

Whether the answer came from the server extension (JSON body
``{message, reason, error_code, error_msg, request_id}``) or from ModelArts directly
(``ModelArtsError``), callers see the same fields: HTTP ``status``, ModelArts'
``error_code``, ``error_msg`` and ``request_id`` (for support tickets), ``not_found``
(the instance is gone), and ``message``, a sentence a person can act on.
"""

from __future__ import annotations

from jupyter_codelab.i18n import _


class CodeLabError(Exception):
    """Something upstream went wrong; ``str(e)`` is the sentence plus ModelArts' code, text and request id."""

    def __init__(
        self,
        message: str,
        status: int | None = None,
        error_code: str | None = None,
        error_msg: str | None = None,
        request_id: str | None = None,
        not_found: bool = False,
    ):
        self.message = message
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.request_id = request_id
        self.not_found = not_found
        super().__init__(self.describe())

    def describe(self) -> str:
        """The sentence, then what ModelArts said and the request id, without repeating what the sentence has."""
        text = self.message
        upstream = ": ".join(part for part in (self.error_code, self.error_msg) if part)
        if upstream and upstream not in text:
            if self.error_code and self.error_code in text:
                upstream = self.error_msg or ""
            if upstream:
                text = _("{text} (ModelArts said: {upstream})").format(text=text, upstream=upstream)
        if self.request_id and self.request_id not in text:
            text = _("{text} [request id {request_id}]").format(text=text, request_id=self.request_id)
        return text

    def to_json(self) -> dict:
        return {
            "message": self.message,
            "status": self.status,
            "error_code": self.error_code,
            "error_msg": self.error_msg,
            "request_id": self.request_id,
        }

    def _render_traceback_(self) -> list[str]:
        # IPython shows these lines instead of a traceback: an upstream failure is not a bug in the cell.
        return [f"CodeLab: {self.describe()}"]

    @classmethod
    def from_modelarts(cls, exc) -> CodeLabError:
        """Wrap a ``jupyter_codelab.modelarts.errors.ModelArtsError``."""
        from jupyter_codelab.modelarts.errors import NotFoundError

        return cls(exc.sentence, exc.status, exc.error_code, exc.error_msg, exc.request_id, isinstance(exc, NotFoundError))

    @classmethod
    def from_server_answer(cls, status: int, body: object, where: str) -> CodeLabError:
        """Wrap an error answer of the server extension (or of a Jupyter server without it)."""
        body = body if isinstance(body, dict) else {}
        message = str(body.get("message") or "")
        if len(message.split()) >= 3:  # a sentence from our extension, not a bare "Forbidden"
            # The extension answers 404 with ModelArts' code kept when the instance is gone (400 ModelArts.6309 upstream).
            not_found = status == 404 and bool(body.get("error_code"))
            return cls(message, status, body.get("error_code"), body.get("error_msg"), body.get("request_id"), not_found)
        if status == 404:
            return cls(
                _(
                    "{where} has no CodeLab API (HTTP 404): enable the server extension with "
                    "`jupyter server extension enable jupyter_codelab` and restart the server."
                ).format(where=where),
                status,
            )
        if status in (401, 403):
            return cls(
                _("{where} refused the token (HTTP {status}): check CODELAB_API_TOKEN or the Jupyter token.").format(
                    where=where, status=status
                ),
                status,
            )
        return cls(
            _("{where} answered HTTP {status}: try again, and check the server's log if it persists.").format(
                where=where, status=status
            ),
            status,
        )


class ConnectionLost(CodeLabError):
    """No answer at all (refused, reset, timed out): the caller may retry."""


class LoginRefused(CodeLabError):
    """The credentials were refused; ``field`` names what to fix."""

    def __init__(self, message, status=None, error_code=None, error_msg=None, field=None):
        self.field = field
        super().__init__(message, status, error_code, error_msg)


class NoCredentials(CodeLabError):
    """No way to ModelArts was configured at all (no server, no keys, no simulator endpoint)."""
