"""What every CodeLab handler shares: authentication (Jupyter's, or the kernels'
scoped token), upstream errors kept intact, and bad input as 400."""

from __future__ import annotations

import functools
import hmac
import inspect
import json

from jupyter_server.auth import User
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from tornado import web

from ...echo import quoted
from ...i18n import N_, _, server_language, use_language
from ...modelarts.errors import ModelArtsError, NotFoundError, UpstreamUnavailable
from ..validation import BadInput

AUTH_RESOURCE = "codelab"
KERNEL_USER = "codelab-kernel"
NOT_AUTHENTICATED = N_(
    "This Jupyter server refused the request's token or cookie: log in to JupyterLab, or send "
    "'Authorization: token <token>' with the server's token (kernels it starts have one in CODELAB_API_TOKEN)."
)


class CodeLabHTTPError(web.HTTPError):
    """An error answer of the CodeLab API: a sentence, the ``field`` to fix (bad input, refused credentials),
    and ModelArts' own ``error_code``, ``error_msg`` and ``request_id`` when upstream said no."""

    def __init__(
        self,
        status: int,
        message: str,
        error_code: str | None = None,
        error_msg: str | None = None,
        field: str | None = None,
        request_id: str | None = None,
    ):
        super().__init__(status, "%s", message)
        self.message = message
        self.error_code = error_code
        self.error_msg = error_msg
        self.field = field
        self.request_id = request_id


def upstream_error(error: ModelArtsError) -> CodeLabHTTPError:
    if isinstance(error, UpstreamUnavailable):
        status = getattr(error, "gateway_status", 502)
    elif isinstance(error, NotFoundError):
        status = 404  # ModelArts says 400 ModelArts.6309 (or 6357/6404) for a missing notebook; to our clients it is a 404
    else:
        status = error.status
    return CodeLabHTTPError(status, error.sentence, error.error_code, error.error_msg, request_id=error.request_id)


def bad_input(error: BadInput) -> CodeLabHTTPError:
    return CodeLabHTTPError(400, str(error), field=error.field)


class _KernelTokenIdentity:
    """The server's identity provider, which also accepts the kernels' scoped token."""

    def __init__(self, inner):
        self._inner = inner

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def get_user(self, handler):
        return User(username=KERNEL_USER, name="CodeLab kernel client")

    def is_token_authenticated(self, handler) -> bool:
        # What jupyter_server's handlers ask (``token_authenticated``) to skip the XSRF check, as for its own tokens.
        return True

    def should_check_origin(self, handler) -> bool:
        return False  # a token in a header is no cookie a foreign page could ride on


class CodeLabHandler(APIHandler):
    auth_resource = AUTH_RESOURCE
    needs_account = True  # wait until IAM gave what the configuration left out (Account.ready) before the method runs

    @property
    def codelab(self):
        return self.settings["codelab"]

    # APIHandler.prepare, which this extends, already takes no _redirect_to_login (JupyterHandler's): jupyter_server
    # silences the same mismatch there.
    async def prepare(self) -> None:  # type: ignore[override]
        # This request's language: JupyterLab's chosen locale for a browser, the kernel's own for a kernel.
        use_language(server_language(self.request.headers.get("Accept-Language"), self.kernel_authenticated))
        await super().prepare()

    @functools.cached_property
    def kernel_authenticated(self) -> bool:
        header = self.request.headers.get("Authorization", "")
        scheme, _, value = header.partition(" ")
        token = self.codelab.kernel_token
        return scheme.lower() == "token" and bool(token) and hmac.compare_digest(value.strip().encode(), token.encode())

    @property
    def identity_provider(self):
        inner = super().identity_provider
        return _KernelTokenIdentity(inner) if self.kernel_authenticated else inner

    def write_json(self, data, status: int = 200) -> None:
        self.set_status(status)
        self.finish(json.dumps(data))

    def write_error(self, status_code: int, **kwargs) -> None:
        exc = (kwargs.get("exc_info") or (None, None, None))[1]
        if status_code == 403 and not getattr(exc, "log_message", None):
            exc = CodeLabHTTPError(403, _(NOT_AUTHENTICATED))  # Jupyter's bare "Forbidden" says nothing
        if not isinstance(exc, CodeLabHTTPError):
            return super().write_error(status_code, **kwargs)
        self.set_header("Content-Type", "application/json")
        self.log.info("CodeLab API %s %s: %s", self.request.method, status_code, quoted(exc.error_code or exc.field or ""))
        self.finish(
            json.dumps(
                {
                    "message": exc.message,
                    "reason": self._reason,
                    "error_code": exc.error_code,
                    "error_msg": exc.error_msg,
                    "field": exc.field,
                    "request_id": exc.request_id,
                }
            )
        )

    def read_body(self, allowed: set[str]) -> dict:
        from ..validation import json_body

        return json_body(self.request.body or b"", allowed)


def codelab_api(method):
    """Every CodeLab API method: ``@web.authenticated`` outermost, as jupyter_server's audit of
    extension endpoints expects, then ``@authorized`` for Jupyter users (the kernels' token is its own
    proof: their identity comes from ``_KernelTokenIdentity``), the account made ready, then bad input
    as 400 and ModelArts errors with their status (upstream 5xx as 502-504)."""

    @functools.wraps(method)
    async def translated(self, *args, **kwargs):
        try:
            if self.needs_account:
                await self.settings["codelab_account"].ready(self.codelab)
            result = method(self, *args, **kwargs)
            if inspect.isawaitable(result):
                result = await result
            return result
        except BadInput as error:
            raise bad_input(error) from None
        except ModelArtsError as error:
            raise upstream_error(error) from None

    checked = authorized(translated)

    @functools.wraps(method)
    def by_whom(self, *args, **kwargs):
        # A hub's authorizer knows nothing of the kernels' scoped identity: it is checked by its token alone.
        return (translated if self.kernel_authenticated else checked)(self, *args, **kwargs)

    return web.authenticated(by_whom)
