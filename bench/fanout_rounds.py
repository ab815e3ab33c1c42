"""Ours and the bare tornado floor in interleaved rounds at one number of watchers: the fan-out
figure bench_fanout.py holds against its goal (ours' p99 <= 1.2x the floor's).

Every side keeps N watchers connected for the whole phase (sse_watchers.py, client processes of
250): N streams of one RUNNING instance through each jupyter server (ours, and with ``--before``
the extension as of an older commit, in a server of its own), and N streams of the bare tornado
SSE server (fanout_floor_server.py) sending events of the same size. A round sends ``events``
events to each side in turn, one to ours (``PATCH notebooks/{id}/lease``: the server publishes a
``lease`` event at once), one to the floor, and so on (ABAB...), ``spacing`` seconds apart; the
order rotates from round to round. A side's figure for a round is the p99 of all its receipts
(events x watchers, ms after each event's first receipt), and the round's ratio is that over the
floor's: a neighbour's burst of load hits every side of a round alike, and the median over the
rounds with its spread (min, IQR, max) says what one run can be trusted with.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import harness
from fanout_floors import FloorServer
from sse_watchers import EVENT, collect, start_clients

GOAL = 1.2  # ours' p99 over the bare tornado floor's
LEASE_MS = 3_600_000  # the shortest lease; each renewal adds a second, so every one is a change


@dataclass
class Side:
    name: str
    kind: str  # the type of the events this side counts
    send: object  # async () -> None: one event to every stream
    clients: list = field(default_factory=list)
    connected: int = 0
    outputs: list = field(default_factory=list)


async def wait_running(server: harness.JupyterServer, notebook_id: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, notebook = await asyncio.to_thread(server.api, "GET", f"notebooks/{notebook_id}")
        if status == 200 and notebook["status"] == "RUNNING":
            return
        await asyncio.sleep(0.5)
    raise TimeoutError(f"instance {notebook_id} not RUNNING within {timeout:.0f} s")


async def event_bytes(url: str, token: str, fire) -> int:
    """The size on the wire of the event ``fire()`` makes, as one extra stream of ours receives it."""
    parts = urlsplit(url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    writer.write(f"GET {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: token {token}\r\n\r\n".encode())
    buffer, fired = b"", False
    try:
        while True:
            buffer += await asyncio.wait_for(reader.read(65536), 30)
            events = [m for m in EVENT.finditer(buffer) if m.group(2) != b"snapshot"]
            if events:
                return len(events[0].group(0))
            if not fired and EVENT.search(buffer):  # subscribed (the snapshot is out): now the event
                fired = True
                await fire()
    finally:
        writer.close()


async def codelab_side(name: str, server: harness.JupyterServer, count: int, timeout: float):
    """A RUNNING instance of ``server``'s embedded simulator with ``count`` watchers; (side, events URL, stop)."""
    _, config = server.api("GET", "config")
    sim_endpoint = config["simulator_endpoint"]
    harness.request("POST", sim_endpoint + "/_simulator/reset")
    harness.request("POST", sim_endpoint + "/_simulator/config", {"init_seconds": 0})
    status, notebook = await asyncio.to_thread(server.api, "POST", "notebooks/open", {})
    assert status == 200, f"open failed: {status} {notebook}"
    notebook_id = notebook["id"]
    url = f"{server.url}codelab/api/notebooks/{notebook_id}/events"
    renewals = iter(range(LEASE_MS + 1000, 10 * LEASE_MS, 1000))

    async def renew() -> None:
        body = {"duration_ms": next(renewals)}
        status, answer = await asyncio.to_thread(server.api, "PATCH", f"notebooks/{notebook_id}/lease", body)
        assert status == 200, f"renewal failed: {status} {answer}"

    async def stop() -> None:
        await asyncio.to_thread(server.api, "POST", f"notebooks/{notebook_id}/stop", {})

    side = Side(name, "lease", renew)
    side.clients, side.connected = await start_clients(url, server.token, count, timeout)
    await wait_running(server, notebook_id)
    return side, url, stop


def fanouts(outputs: list[dict], kind: str, rounds: list[tuple[float, float]]) -> tuple[dict, dict]:
    """Receipts (ms after each event's first) by round, and each event's number of receipts,
    for events of ``kind`` first seen within a round."""
    receipts: dict[str, list[float]] = {}
    types: dict[str, str] = {}
    for out in outputs:
        for event_id, times in out.get("receipts", {}).items():
            receipts.setdefault(event_id, []).extend(times)
        types.update(out.get("types", {}))
    samples: dict[int, list[float]] = {}
    counts: dict[int, list[int]] = {}
    for event_id, times in receipts.items():
        first = min(times)
        number = next((n for n, (start, end) in enumerate(rounds) if start <= first < end), None)
        if number is None or types[event_id] != kind:
            continue  # the warm-up, the instance's own steps, the closing event
        samples.setdefault(number, []).extend((t - first) * 1000 for t in times)
        counts.setdefault(number, []).append(len(times))
    return samples, counts


async def interleaved(servers: dict[str, harness.JupyterServer], count: int, rounds: int, events: int, spacing: float) -> dict:
    """``servers``: name -> a jupyter server with the extension, simulated; the first one sizes the floor's events."""
    timeout = (len(servers) + 1) * count / 25 + rounds * (len(servers) + 1) * events * spacing + 180
    sides, stops = [], []
    for name, server in servers.items():
        side, url, stop = await codelab_side(name, server, count, timeout)
        if not sides:
            size = await event_bytes(url, server.token, side.send)
        sides.append(side)
        stops.append(stop)
    async with FloorServer(size) as floor:
        sides.append(Side("floor", "progress", floor.publish))
        sides[-1].clients, sides[-1].connected = await start_clients(floor.events_url, "unused", count, timeout)
        for side in sides:  # warm-up: not counted
            await side.send()
            await asyncio.sleep(spacing)
        starts, loads = [], []
        for number in range(rounds):
            starts.append(time.time())
            loads.append(os.getloadavg()[0])  # the neighbours: every side of a round shares it
            order = sides[number % len(sides) :] + sides[: number % len(sides)]
            for _ in range(events):
                for side in order:
                    await send_and_wait(side.send, spacing)
        starts.append(time.time())
        await floor.publish("stopped")
        for stop in stops:
            await stop()
        for side in sides:
            side.outputs = await collect(side.clients)
    return summarise(sides, list(zip(starts[:-1], starts[1:], strict=True)), loads, count, events, spacing, size)


def summarise(sides: list[Side], windows, loads, count, events, spacing, size) -> dict:
    p99: dict[str, list[float]] = {}
    pooled: dict[str, float] = {}
    full = [0] * len(windows)
    for side in sides:
        samples, counts = fanouts(side.outputs, side.kind, windows)
        p99[side.name] = [harness.percentile(samples.get(n, []), 99) for n in range(len(windows))]
        pooled[side.name] = harness.percentile([t for n in samples for t in samples[n]], 99)
        for n in range(len(windows)):
            full[n] += sum(c == side.connected for c in counts.get(n, []))
    return {"watchers": count, "connected": {s.name: s.connected for s in sides}, "event_bytes": size, "events": events,
            "spacing": spacing, "p99": p99, "pooled_p99": pooled, "full": full, "loads": loads,
            "client_errors": sum(o.get("error_count", 0) for s in sides for o in s.outputs)}  # fmt: skip


async def send_and_wait(send, spacing: float) -> None:
    started = time.monotonic()
    await send()
    await asyncio.sleep(max(0.0, spacing - (time.monotonic() - started)))


def spread(values: list[float], unit: str = "") -> str:
    """The median, then (min / IQR / max)."""
    pct = harness.percentile
    return (f"{pct(values, 50):.2f}{unit} (min {min(values):.2f} / IQR {pct(values, 25):.2f}-{pct(values, 75):.2f} / "
            f"max {max(values):.2f})")  # fmt: skip


def report(result: dict) -> None:
    p99, names = result["p99"], [name for name in result["p99"] if name != "floor"]
    floor = p99["floor"]
    ratios = {name: [a / b if b else math.nan for a, b in zip(p99[name], floor, strict=True)] for name in names}
    connected = ", ".join(f"{n} {name}" for name, n in result["connected"].items())
    print(
        f"\nInterleaved rounds at {result['watchers']} watchers ({connected} connected), {result['events']} events "
        f"per side per round, {result['spacing']} s apart, {result['event_bytes']} bytes each:"
    )
    rows = []
    for n, load in enumerate(result["loads"]):
        rows.append([f"{n + 1}", *(f"{p99[name][n]:.1f}" for name in [*names, "floor"]),
                     *(f"{ratios[name][n]:.2f}x" for name in names),
                     f"{result['full'][n]}/{len(p99) * result['events']}", f"{load:.1f}"])  # fmt: skip
    headers = ["round", *(f"{name} p99 ms" for name in names), "bare tornado p99 ms",
               *(f"{name} ratio" for name in names), "events to all", "load avg"]  # fmt: skip
    print(harness.table(headers, rows))
    if result["client_errors"]:
        print(f"client stream errors: {result['client_errors']}")
    pooled = result["pooled_p99"]
    for name in [*names, "floor"]:
        label = "bare tornado" if name == "floor" else name
        print(f"  {label + ' p99 ms:':<21}{spread(p99[name])}; all rounds pooled {pooled[name]:.1f}")
    for name in names:
        valid = [r for r in ratios[name] if not math.isnan(r)]
        if not valid:
            print(f"  {name}: no round measured")
            continue
        median = harness.percentile(valid, 50)
        verdict = "met" if median <= GOAL else "MISSED"
        print(f"  fan-out p99 {name} / bare tornado, median of {len(valid)} rounds: {spread(valid, 'x')}  "
              f"goal <= {GOAL}x -> {verdict}")  # fmt: skip
