"""Judging an HTTP answer the same way in both transports."""

from __future__ import annotations

import json

from .calls import Response
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


def unreachable(host: str, reason: str) -> UpstreamUnavailable:
    error = UpstreamUnavailable(503, advice=f"could not reach ModelArts at {host} ({reason}): check the network and the endpoint")
    error.gateway_status = 503
    error.host, error.reason = host, reason  # the doctor names the service itself (IAM shares this path)
    return error


def timed_out(host: str, seconds: float) -> UpstreamTimeout:
    error = UpstreamTimeout(504, advice=f"ModelArts at {host} did not answer within {seconds:g} s: try again shortly")
    error.gateway_status = 504
    error.host = host
    return error
