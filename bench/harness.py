"""What the benchmarks share: jupyter servers and simulators in subprocesses, loopback HTTP, percentiles.

Every process a benchmark starts gets a temporary HOME and JUPYTER_* dirs, no
HUAWEICLOUD_* / CODELAB_* variables (so the extension runs simulated unless the
benchmark configures an endpoint) and no HTTP proxy variables.
"""

from __future__ import annotations

import datetime
import http.client
import json
import math
import os
import platform
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCRUBBED_PREFIXES = ("HUAWEICLOUD_", "CODELAB_", "JUPYTER_")
PROXY_VARIABLES = {"http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine() -> str:
    """One line for the results: cores, CPU model, Python, date."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    today = datetime.date.today().isoformat()
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}, {today}"


def clean_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(SCRUBBED_PREFIXES) and k not in PROXY_VARIABLES}
    env.update(
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_DATA_DIR=str(home / "data"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        NO_PROXY="127.0.0.1,localhost",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    return env


def request(
    method: str, url: str, body=None, headers: dict | None = None, timeout: float = 30.0, cafile: str | None = None
) -> tuple[int, object]:
    """One blocking loopback call (http.client: never an environment proxy); JSON in and out."""
    import ssl
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "https":
        context = ssl.create_default_context(cafile=cafile)
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=data, headers=all_headers)
        answer = conn.getresponse()
        raw = answer.read()
        try:
            return answer.status, json.loads(raw) if raw else None
        except ValueError:
            return answer.status, raw
    finally:
        conn.close()


def wait_until(check, timeout: float, what: str, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
            if result:
                return result
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(interval)


class JupyterServer:
    """``jupyter server`` in a subprocess with a temp HOME; ``config`` is written as jupyter_server_config.json."""

    def __init__(
        self,
        config: dict | None = None,
        extra_args: list[str] | None = None,
        name: str = "server",
        code: str | None = None,
        env: dict | None = None,
    ):
        self.config = config or {}
        self.code = code  # a directory holding another jupyter_codelab (an older commit) to run instead of this one
        self.extra_env = env or {}
        self.extra_args = extra_args or []
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.home = Path(tempfile.mkdtemp(prefix=f"codelab-bench-{name}-"))
        self.log_path = self.home / "server.log"
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def auth(self) -> dict:
        return {"Authorization": f"token {self.token}"}

    def launch(self) -> None:
        (self.home / "config").mkdir(parents=True, exist_ok=True)
        (self.home / "root").mkdir(exist_ok=True)
        (self.home / "config" / "jupyter_server_config.json").write_text(json.dumps(self.config))
        args = [
            str(BIN / "jupyter-server"),
            "--allow-root",
            "--no-browser",
            "--ServerApp.open_browser=False",
            f"--IdentityProvider.token={self.token}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.home / 'root'}",
            *self.extra_args,
        ]
        self.started_at = time.perf_counter()
        with open(self.log_path, "wb") as log:
            env = {**clean_env(self.home), **self.extra_env}
            if self.code:
                env["PYTHONPATH"] = self.code
            self.process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.home)

    def status_answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"jupyter server exited ({self.process.returncode}); log: {self.log_path}\n{self.log_tail()}")
        try:
            status, _ = request("GET", self.url + "api/status", headers=self.auth, timeout=2)
        except OSError:
            return False
        return status == 200

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds from launch until ``/api/status`` answered 200."""
        wait_until(self.status_answers, timeout, f"jupyter server on port {self.port}", interval=0.01)
        return time.perf_counter() - self.started_at

    def start(self, timeout: float = 60.0) -> JupyterServer:
        self.launch()
        self.wait_ready(timeout)
        return self

    def api(self, method: str, route: str, body=None, timeout: float = 30.0):
        return request(method, self.url + "codelab/api/" + route, body, self.auth, timeout)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self) -> JupyterServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


SIMULATOR_MAIN = """
import asyncio, sys
from jupyter_codelab.simulator.standalone import build_simulator

async def serve():
    sim = build_simulator(step_seconds=float(sys.argv[1]))
    sim.listen(port=0, certfile=sys.argv[2] or None, keyfile=sys.argv[3] or None)
    print(sim.endpoint, flush=True)
    await asyncio.Event().wait()

asyncio.run(serve())
"""


class SimulatorProcess:
    """The standalone simulator (demo credentials) in its own process, without per-call access logs."""

    def __init__(self, step_seconds: float = 0.0, certfile: str | None = None, keyfile: str | None = None):
        self.step_seconds = step_seconds
        self.certfile, self.keyfile = certfile, keyfile  # HTTPS; control calls trust certfile
        self.home = Path(tempfile.mkdtemp(prefix="codelab-bench-sim-"))
        self.process: subprocess.Popen | None = None
        self.endpoint = ""

    def start(self) -> SimulatorProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SIMULATOR_MAIN, str(self.step_seconds), self.certfile or "", self.keyfile or ""],
            env=clean_env(self.home),
            stdout=subprocess.PIPE,
            text=True,
        )
        self.endpoint = self.process.stdout.readline().strip()
        if not self.endpoint.startswith(("http://", "https://")):
            raise RuntimeError(f"the simulator did not start (said {self.endpoint!r})")
        return self

    @property
    def port(self) -> int:
        return int(self.endpoint.rsplit(":", 1)[1])

    def control(self, method: str, route: str, body=None):
        return request(method, f"{self.endpoint}/_simulator/{route}", body, cafile=self.certfile)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self) -> SimulatorProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def self_signed_cert(directory: Path) -> tuple[str, str]:
    """(cert, key) for 127.0.0.1, made as a person would with the openssl command line."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


def percentile(values, q: float) -> float:
    """Linear interpolation between closest ranks (q in 0..100); NaN for no values."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def table(headers: list[str], rows: list[list], widths: list[int] | None = None) -> str:
    """A plain text table, numbers right-aligned."""
    cells = [[str(h) for h in headers]] + [[c if isinstance(c, str) else f"{c}" for c in row] for row in rows]
    widths = widths or [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        parts = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(parts))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
