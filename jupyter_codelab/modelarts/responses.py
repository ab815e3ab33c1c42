"""Judging an HTTP answer the same way in both transports."""

from __future__ import annotations

import json

from .calls import Call, Response
from .errors import UpstreamTimeout, UpstreamUnavailable, error_from_response


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


def unreachable(host: str, reason: str, service: str = "ModelArts") -> UpstreamUnavailable:
    error = UpstreamUnavailable(503, advice=f"could not reach {service} at {host} ({reason}): check the network and the endpoint")
    error.gateway_status = 503
    error.host, error.reason = host, reason  # the doctor names the service itself (IAM shares this path)
    return error


def timed_out(host: str, seconds: float, service: str = "ModelArts") -> UpstreamTimeout:
    error = UpstreamTimeout(504, advice=f"{service} at {host} did not answer within {seconds:g} s: try again shortly")
    error.gateway_status = 504
    error.host = host
    return error
