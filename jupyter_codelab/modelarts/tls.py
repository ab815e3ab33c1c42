"""Which certificates both transports trust: the system's, or ``ca_bundle``.

``ca_bundle`` (``c.CodeLab.ca_bundle``, else ``CODELAB_CA_BUNDLE``) is a PEM file
that *replaces* the default trust store, as ``requests``' ``verify`` and pip's
``--cert`` do: a company's TLS-inspecting proxy, or a simulator with a
self-signed certificate. Each failure is a sentence that names the setting.
"""

from __future__ import annotations

import os
import ssl

from .errors import UpstreamUnavailable

ENV_CA_BUNDLE = "CODELAB_CA_BUNDLE"
SETTING = "c.CodeLab.ca_bundle (or CODELAB_CA_BUNDLE)"


def ca_bundle_from_env(explicit: str | None = None) -> str | None:
    """``explicit`` when given, else ``CODELAB_CA_BUNDLE``; None for the system's trust store."""
    return (explicit or os.environ.get(ENV_CA_BUNDLE) or "").strip() or None


class TrustError(UpstreamUnavailable):
    """ModelArts could not be reached over TLS because of what we trust: a 503, not worth retrying."""

    gateway_status = 503
    retryable = False


def _unavailable(advice: str) -> TrustError:
    return TrustError(503, advice=advice)


def unreadable_bundle(path: str, reason: str) -> TrustError:
    error = _unavailable(
        f"the ca_bundle {path} cannot be used ({reason}): set {SETTING} to a readable PEM file of CA certificates"
    )
    error.reason = reason  # no host: nothing was sent
    return error


def untrusted(host: str, ca_bundle: str | None, reason: str) -> TrustError:
    """The server's certificate did not verify: say which trust store was used and how to change it."""
    store = f"the ca_bundle {ca_bundle}" if ca_bundle else "the system's CA certificates"
    error = _unavailable(
        f"could not verify the TLS certificate of {host} against {store} ({reason}): "
        f"if a proxy or a private CA signs it, set {SETTING} to a PEM file with that CA"
    )
    error.host, error.reason = host, reason
    return error


def check_bundle(ca_bundle: str | None) -> None:
    """Raise the ``unreadable_bundle`` error unless ``ca_bundle`` is None or a readable file."""
    if ca_bundle is None:
        return
    if not os.path.isfile(ca_bundle):
        raise unreadable_bundle(ca_bundle, "no such file")
    if not os.access(ca_bundle, os.R_OK):
        raise unreadable_bundle(ca_bundle, "not readable")


def client_context(ca_bundle: str | None) -> ssl.SSLContext:
    """A verifying client context (hostname and chain) trusting ``ca_bundle`` or the system store."""
    check_bundle(ca_bundle)
    try:
        return ssl.create_default_context(cafile=ca_bundle)
    except (ssl.SSLError, OSError) as exc:  # not PEM, or no certificate in it
        raise unreadable_bundle(ca_bundle or "", type(exc).__name__) from None
