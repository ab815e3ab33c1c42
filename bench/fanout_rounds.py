"""Ours and the bare tornado floor in interleaved rounds at one number of watchers: the fan-out
figure bench_fanout.py holds against its goal (ours' p99 <= 1.2x the floor's).

Both sides keep N watchers connected for the whole phase (sse_watchers.py, client processes of
250): N streams of one RUNNING instance through the jupyter server, and N streams of the bare
tornado SSE server (fanout_floor_server.py) sending events of the same size. A round sends
``events`` events to each side, one to ours (``PATCH notebooks/{id}/lease``: the server
publishes a ``lease`` event at once), one to the floor, and so on (ABAB...), ``spacing``
seconds apart; which side goes first alternates from round to round. A side's figure for a
round is the p99 of all its receipts (events x watchers, ms after each event's first receipt),
and the round's ratio is ours / floor: a neighbour's burst of load hits both sides of a round
alike, and the median over the rounds with its spread (min, IQR, max) says what one run can
be trusted with.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from urllib.parse import urlsplit

import harness
from fanout_floors import FloorServer
from sse_watchers import EVENT, collect, start_clients

GOAL = 1.2  # ours' p99 over the bare tornado floor's
LEASE_MS = 3_600_000  # the shortest lease; each renewal adds a second, so every one is a change


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


def fanouts(outputs: list[dict], kind: str, rounds: list[tuple[float, float]]) -> dict:
    """Receipts (ms after each event's first) by round, for events of ``kind`` first seen within a round."""
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
    return {"samples": samples, "counts": counts}


async def interleaved(
    server: harness.JupyterServer, sim_endpoint: str, count: int, rounds: int, events: int, spacing: float
) -> dict:
    harness.request("POST", sim_endpoint + "/_simulator/reset")
    harness.request("POST", sim_endpoint + "/_simulator/config", {"init_seconds": 0})
    status, notebook = await asyncio.to_thread(server.api, "POST", "notebooks/open", {})
    assert status == 200, f"open failed: {status} {notebook}"
    notebook_id = notebook["id"]
    url = f"{server.url}codelab/api/notebooks/{notebook_id}/events"
    renewals = iter(range(LEASE_MS + 1000, 10 * LEASE_MS, 1000))

    async def ours() -> None:
        body = {"duration_ms": next(renewals)}
        status, answer = await asyncio.to_thread(server.api, "PATCH", f"notebooks/{notebook_id}/lease", body)
        assert status == 200, f"renewal failed: {status} {answer}"

    timeout = 2 * count / 50 + rounds * 2 * events * spacing + 180
    ours_clients, ours_connected = await start_clients(url, server.token, count, timeout)
    await wait_running(server, notebook_id)
    size = await event_bytes(url, server.token, ours)
    async with FloorServer(size) as floor:
        floor_clients, floor_connected = await start_clients(floor.events_url, "unused", count, timeout)
        senders = {"ours": ours, "floor": floor.publish}
        for send in senders.values():  # warm-up: not counted
            await send()
            await asyncio.sleep(spacing)
        starts, loads = [], []
        for number in range(rounds):
            starts.append(time.time())
            loads.append(os.getloadavg()[0])  # the neighbours: both sides of a round share it
            order = ("ours", "floor") if number % 2 == 0 else ("floor", "ours")
            for _ in range(events):
                for side in order:
                    await send_and_wait(senders[side], spacing)
        starts.append(time.time())
        await floor.publish("stopped")
        await asyncio.to_thread(server.api, "POST", f"notebooks/{notebook_id}/stop", {})
        ours_out, floor_out = await collect(ours_clients), await collect(floor_clients)
    windows = list(zip(starts[:-1], starts[1:], strict=True))
    ours_f, floor_f = fanouts(ours_out, "lease", windows), fanouts(floor_out, "progress", windows)
    per_round, pooled = [], ([], [])
    for number in range(rounds):
        a, b = ours_f["samples"].get(number, []), floor_f["samples"].get(number, [])
        full = sum(n == ours_connected for n in ours_f["counts"].get(number, []))
        full += sum(n == floor_connected for n in floor_f["counts"].get(number, []))
        p_a, p_b = harness.percentile(a, 99), harness.percentile(b, 99)
        ratio = p_a / p_b if p_b else math.nan
        per_round.append({"ours_p99": p_a, "floor_p99": p_b, "ratio": ratio, "full": full, "load": loads[number]})
        pooled[0].extend(a)
        pooled[1].extend(b)
    errors = sum(o.get("error_count", 0) for o in ours_out + floor_out)
    return {"watchers": count, "connected": (ours_connected, floor_connected), "event_bytes": size,
            "events": events, "spacing": spacing, "rounds": per_round, "client_errors": errors,
            "pooled_p99": tuple(harness.percentile(samples, 99) for samples in pooled)}  # fmt: skip


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
    rows = result["rounds"]
    ours_n, floor_n = result["connected"]
    print(
        f"\nInterleaved rounds at {result['watchers']} watchers ({ours_n} ours, {floor_n} floor connected), "
        f"{result['events']} events per side per round, {result['spacing']} s apart, {result['event_bytes']} bytes each:"
    )
    table = [
        [f"{n + 1}", f"{r['ours_p99']:.1f}", f"{r['floor_p99']:.1f}", f"{r['ratio']:.2f}x", f"{r['full']}/{2 * result['events']}",
         f"{r['load']:.1f}"]
        for n, r in enumerate(rows)
    ]  # fmt: skip
    headers = ["round", "ours p99 ms", "bare tornado p99 ms", "ratio", "events to all", "load avg"]
    print(harness.table(headers, table))
    if result["client_errors"]:
        print(f"client stream errors: {result['client_errors']}")
    ratios = [r["ratio"] for r in rows if not math.isnan(r["ratio"])]
    if not ratios:
        print("  no round measured both sides")
        return
    median = harness.percentile(ratios, 50)
    print(f"  ours p99 ms:         {spread([r['ours_p99'] for r in rows])}")
    print(f"  bare tornado p99 ms: {spread([r['floor_p99'] for r in rows])}")
    ours_all, floor_all = result["pooled_p99"]
    print(f"  all rounds pooled:   ours p99 {ours_all:.1f} ms / bare tornado {floor_all:.1f} ms = {ours_all / floor_all:.2f}x")
    verdict = "met" if median <= GOAL else "MISSED"
    print(
        f"  fan-out p99 ours / bare tornado, median of {len(ratios)} rounds: {spread(ratios, 'x')}  goal <= {GOAL}x -> {verdict}"
    )
