"""Judging an HTTP answer the same way in both transports, and naming what failed when none came."""

from __future__ import annotations

import json

from ..i18n import N_, _
from .calls import Call, Response
from .errors import UpstreamTimeout, UpstreamUnavailable, error_from_response

# Why a connection failed, from the transports' reasons (the OS's words, else an exception's
# class name), each with what to check. Matched in order, on lower-cased text.
_WHY = (
    ("dns", ("name or service not known", "name resolution", "no address associated", "nodename nor servname", "gaierror"),
     N_("its name does not resolve (DNS)"), N_("check this server's network connection and DNS")),
    ("proxy", ("proxy",),
     N_("the proxy refused or failed the connection"), N_("check HTTPS_PROXY and NO_PROXY on this server")),
    ("refused", ("refused",),
     N_("nothing answers there (connection refused)"), N_("check the endpoint and its port")),
    ("offline", ("network is unreachable", "no route to host"),
     N_("there is no network route to it"), N_("check this server's network connection")),
    ("reset", ("reset", "closed", "aborted", "cut short", "broken pipe"),
     N_("the connection was cut (a proxy or firewall?)"), N_("check the network, then try again")),
    ("connection", ("connectionerror",),  # requests names no cause
     N_("the connection failed (offline, a wrong host name, or a proxy?)"), N_("check this server's network connection and the endpoint")),
)  # fmt: skip


def checked(response: Response) -> Response:
    """Return a usable 2xx answer or raise the ModelArts error it carries."""
    if response.status >= 400:
        raise error_from_response(response.status, response.body, response.headers)
    if response.body:
        try:
            json.loads(response.body)
        except ValueError:
            raise UpstreamUnavailable(
                502, advice="ModelArts answered with something that is not JSON (a proxy or gateway problem?): try again shortly"
            ) from None
    return response


def service_of(call: Call) -> str:
    """Who a call goes to, for sentences: IAM has its own endpoint (and setting)."""
    return "IAM" if call.base == "iam" else "ModelArts"


class Unreachable(UpstreamUnavailable):
    """No answer at all: ``why`` is the kind of failure (``dns``, ``proxy``, ``refused``, ``offline``,
    ``reset``, ``connection``, ``other``)."""

    gateway_status = 503

    def __init__(self, advice: str, why: str):
        super().__init__(503, advice=advice)
        self.why = why


def unreachable(host: str, reason: str, service: str = "ModelArts") -> Unreachable:
    """No answer from ``service`` at ``host``: why (DNS, proxy, refused, offline, cut), and what to check."""
    lowered = reason.lower()
    kind, why, fix = next(
        ((kind, _(why), _(fix)) for kind, needles, why, fix in _WHY if any(n in lowered for n in needles)),
        ("other", reason, _("check the network and the endpoint")),
    )
    advice = _("could not reach {service} at {host}: {why}; {fix}").format(service=service, host=host, why=why, fix=fix)
    error = Unreachable(advice, kind)
    error.host, error.reason = host, reason  # the doctor names the service itself (IAM shares this path)
    return error


def timed_out(host: str, seconds: float, service: str = "ModelArts") -> UpstreamTimeout:
    advice = _("{service} at {host} did not answer within {seconds} s (timeout): try again shortly").format(
        service=service, host=host, seconds=f"{seconds:g}"
    )
    error = UpstreamTimeout(504, advice=advice)
    error.gateway_status = 504
    error.host = host
    return error
