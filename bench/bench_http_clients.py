"""Which HTTP client for the server's upstream calls: latency, client CPU and connections per call.

One standalone simulator process over HTTP and one over HTTPS (a self-signed certificate
made with openssl, trusted through a CA file, as ``c.CodeLab.ca_bundle`` does). Each
client makes sequential ``GET /_simulator/config`` calls (a small JSON answer, no
signing: the upstream work is the same for all); rounds alternate the clients. Printed:
p50 latency, the bench process's CPU per call (the client's own cost: what the jupyter
server would spend), and the connections the simulator accepted per 100 calls.

  tornado-simple   tornado's AsyncHTTPClient (what the server used before the kept-alive pool)
  keepalive-pool   jupyter_codelab.modelarts.keepalive (tornado IOStream + HTTP1Connection)
  tornado-curl     tornado's CurlAsyncHTTPClient (pycurl), if installed
  aiohttp          aiohttp.ClientSession (jupyter-server-proxy's client), if installed
  httpx            httpx.AsyncClient (JupyterLab's extension manager uses it), if installed
  requests         requests.Session, blocking (the kernel's and CLI's client), for scale

    .venv/bin/python bench/bench_http_clients.py [--calls 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import ssl
import statistics
import sys
import tempfile
import time
from pathlib import Path

import harness

from jupyter_codelab.modelarts.keepalive import KeepAlivePool


def contenders(cafile: str) -> dict:
    """name -> async factory returning (call(url) coroutine function, close)."""
    context = ssl.create_default_context(cafile=cafile)
    found = {}

    async def tornado_simple():
        from tornado.httpclient import AsyncHTTPClient

        client = AsyncHTTPClient(force_instance=True, defaults={"ca_certs": cafile})
        return (lambda url: client.fetch(url)), client.close

    async def pool():
        client = KeepAlivePool(context)

        async def call(url):
            return await client.fetch("GET", url, {}, None, 5.0, 30.0)

        return call, client.close

    found["tornado-simple"], found["keepalive-pool"] = tornado_simple, pool
    try:
        import pycurl  # noqa: F401
        from tornado.curl_httpclient import CurlAsyncHTTPClient

        async def curl():
            client = CurlAsyncHTTPClient(force_instance=True, defaults={"ca_certs": cafile})
            return (lambda url: client.fetch(url)), client.close

        found["tornado-curl"] = curl
    except ImportError:
        print("  (pycurl not installed: tornado-curl skipped)")
    try:
        import aiohttp

        async def aio():
            session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=context))

            async def call(url):
                async with session.get(url) as answer:
                    return await answer.read()

            return call, lambda: asyncio.ensure_future(session.close())

        found["aiohttp"] = aio
    except ImportError:
        print("  (aiohttp not installed: skipped)")
    try:
        import httpx

        async def hx():
            client = httpx.AsyncClient(verify=context, trust_env=False)
            return (lambda url: client.get(url)), lambda: asyncio.ensure_future(client.aclose())

        found["httpx"] = hx
    except ImportError:
        print("  (httpx not installed: skipped)")

    async def blocking_requests():
        import requests

        session = requests.Session()
        session.trust_env = False

        async def call(url):
            return session.get(url, verify=cafile)

        return call, session.close

    found["requests"] = blocking_requests
    return found


async def run(name, factory, url: str, calls: int, sim: harness.SimulatorProcess) -> dict:
    call, close = await factory()
    for _ in range(3):
        await call(url)  # connect, warm up
    before = sim.control("GET", "state")[1]["connections"]["accepted"] + 1  # + this state call's own connection
    latencies = []
    cpu = time.process_time()
    for _ in range(calls):
        started = time.perf_counter()
        await call(url)
        latencies.append(time.perf_counter() - started)
    cpu = time.process_time() - cpu
    after = sim.control("GET", "state")[1]["connections"]["accepted"]
    close()
    await asyncio.sleep(0.05)
    return {"p50": harness.percentile(latencies, 50) * 1000, "cpu_us": cpu / calls * 1e6, "conns": (after - before) * 100 / calls}


async def main_async(calls: int, rounds: int) -> None:
    directory = Path(tempfile.mkdtemp(prefix="codelab-bench-tls-"))
    cert, key = harness.self_signed_cert(directory)
    found = contenders(cert)
    with harness.SimulatorProcess(0.0) as plain, harness.SimulatorProcess(0.0, certfile=cert, keyfile=key) as tls:
        results: dict = {}
        names = list(found)
        for n in range(rounds):
            order = names[n % len(names) :] + names[: n % len(names)]
            for sim in (plain, tls):
                for name in order:
                    cell = await run(name, found[name], sim.endpoint + "/_simulator/config", calls, sim)
                    results.setdefault((sim.endpoint.split(":")[0], name), []).append(cell)
            print(f"  round {n + 1}/{rounds} done", flush=True)
    for scheme in ("http", "https"):
        rows = []
        for name in names:
            cells = results[(scheme, name)]
            rows.append([name, f"{statistics.median(c['p50'] for c in cells):.2f}", f"{statistics.median(c['cpu_us'] for c in cells):.0f}",
                         f"{min(c['cpu_us'] for c in cells):.0f}-{max(c['cpu_us'] for c in cells):.0f}",
                         f"{statistics.median(c['conns'] for c in cells):.1f}"])  # fmt: skip
        print(f"\n{scheme.upper()}: {calls} sequential GETs per cell, median of {rounds} rounds")
        print(harness.table(["client", "p50 ms", "client CPU us/call", "CPU range", "connections per 100 calls"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"HTTP clients for the upstream calls; {harness.machine()}; Python {sys.version.split()[0]}")
    asyncio.run(main_async(args.calls, args.rounds))


if __name__ == "__main__":
    main()
