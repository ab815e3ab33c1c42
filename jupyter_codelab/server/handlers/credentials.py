"""``POST credentials`` (connect an account, live) and ``DELETE credentials`` (sign out).

The secret travels here once, in an XSRF-protected POST (or with the kernels'
token). It is never echoed: the answer is the public config, errors name the
field, and nothing here logs a value.
"""

from __future__ import annotations

from ...i18n import N_, _
from ...modelarts.credential_input import ALL_FIELDS, CredentialInputError, parse_credential_input
from ...modelarts.credentials import ConfigError
from ..account import ConnectRefused
from .base import CodeLabHandler, CodeLabHTTPError, codelab_api

LOCKED = N_(
    "The administrator of this Jupyter server does not let users change the Huawei Cloud account here "
    "(c.CodeLab.allow_user_credentials is False): ask them, or configure credentials where the server starts."
)


class CredentialsHandler(CodeLabHandler):
    needs_account = False  # a person may fix the account while IAM refuses the configured one

    def _allowed(self) -> None:
        if not self.codelab.can_change_credentials:
            raise CodeLabHTTPError(403, _(LOCKED))

    @property
    def account(self):
        return self.settings["codelab_account"]

    @codelab_api
    async def post(self):
        self._allowed()
        body = self.read_body(set(ALL_FIELDS))
        try:
            given = parse_credential_input(body)
        except CredentialInputError as error:
            raise CodeLabHTTPError(400, str(error), field=error.field) from None
        finally:
            body.clear()  # drop our reference to the secret as soon as it is parsed
        try:
            await self.account.connect(self.codelab, given)
        except ConnectRefused as refused:
            r = refused.refusal
            raise CodeLabHTTPError(r.status, r.message, r.error_code, r.error_msg, field=r.field) from None
        except ConfigError as error:  # the credentials file (remember), or a broken setting of the server's
            raise CodeLabHTTPError(400, str(error), field="remember" if given.remember else None) from None
        self.write_json(self.codelab.public_config())

    @codelab_api
    async def delete(self):
        self._allowed()
        forget = self.get_query_argument("forget", "false").lower()
        if forget not in ("true", "false", "1", "0"):
            raise CodeLabHTTPError(400, _("forget must be true (also remove the remembered keys) or false."), field="forget")
        try:
            await self.account.sign_out(self.codelab, forget in ("true", "1"))
        except ConfigError as error:
            raise CodeLabHTTPError(400, str(error), field="forget") from None
        self.write_json(self.codelab.public_config())
