"""Self-signed certificates for an HTTPS simulator on loopback, made with the openssl command line
exactly as a person would: ``openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1
-addext subjectAltName=IP:127.0.0.1``."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def self_signed(directory: Path, name: str = "simulator") -> tuple[Path, Path]:
    """(certificate, key) for 127.0.0.1; the certificate is its own CA, so it is also the ca_bundle."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = directory / f"{name}-cert.pem", directory / f"{name}-key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@contextmanager
def https_simulator(directory: Path) -> Iterator[tuple]:
    """(a threaded simulator serving HTTPS with a fresh self-signed certificate, that certificate)."""
    from tests.support.simulator_thread import SimulatorThread

    cert, key = self_signed(directory)
    sim = SimulatorThread(certfile=cert, keyfile=key).start()
    try:
        yield sim, cert
    finally:
        sim.stop()
