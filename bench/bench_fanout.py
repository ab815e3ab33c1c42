"""1, 100 and 1,000 SSE watchers of one starting instance through a `jupyter server` with the extension.

For each level: reset the embedded simulator, make the next instance wait in INIT
long enough to connect every watcher, open it (its four steps then take
--step-seconds each), connect the watchers (raw asyncio sockets, in client
processes of 250), and until it is RUNNING measure

  polls/s      upstream ``GET /notebooks/{id}`` calls per second (the simulator's counter,
               read from ``/_simulator/state`` of the endpoint ``GET codelab/api/config`` names)
  fan-out      from the first watcher's receipt of an event to each watcher's receipt:
               the server's publish-to-last-watcher delay (plus client wake-up)
  upstream     from the moment the simulator's step changed (create_at + INIT + k steps)
               to each receipt: includes waiting for the next poll (--poll-seconds)
  server CPU   its share of a core over the window, and per delivered event (idle cost removed)
  RSS          the server process's resident memory growth over the idle baseline
  loop lag     the latency of ``GET codelab/api/config`` sampled every 50 ms meanwhile

Then the instance is stopped through the API (the streams end), and a floor follows
for the same clients and event size: a plain ``send()`` loop to as many loopback sockets.

Last, at the highest level, ours and a bare tornado SSE server (fanout_floor_server.py)
in interleaved rounds (fanout_rounds.py): the median ratio of their p99s is the goal's figure.
``--before REV`` runs the levels again against the extension as of REV, and gives it a side
of its own in the same rounds, so that before and after meet the same neighbours.

    .venv/bin/python bench/bench_fanout.py [--levels 1 100 1000] [--step-seconds 3] [--quick]
        [--rounds 7] [--events 10] [--spacing 0.3] [--before REV]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import resource
import time

import fanout_rounds
import harness
import psutil
from fanout_floors import send_floor
from keepalive_client import connection_for, prepare
from sse_watchers import PER_PROCESS, collect, start_clients


def raise_fd_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(needed, hard), hard))


class Sampler:
    """Loop lag (GET config latency), server RSS and the simulator's poll counter, sampled meanwhile."""

    def __init__(self, server: harness.JupyterServer, sim_endpoint: str):
        self.server, self.sim_endpoint = server, sim_endpoint
        self.process = psutil.Process(server.pid)
        self.lags: list[tuple[float, float]] = []  # (time, seconds)
        self.rss: list[tuple[float, int]] = []
        self.polls: list[tuple[float, int]] = []
        self._config = prepare("GET", server.url + "codelab/api/config", server.auth)
        self._state = prepare("GET", sim_endpoint + "/_simulator/state")

    async def run(self, stop: asyncio.Event) -> None:
        api, control = connection_for(self.server.url), connection_for(self.sim_endpoint)
        tick = 0
        while not stop.is_set():
            started = time.perf_counter()
            await api.send(self._config)
            self.lags.append((time.time(), time.perf_counter() - started))
            if tick % 5 == 0:
                self.rss.append((time.time(), self.process.memory_info().rss))
                _, body = await control.send(self._state)
                self.polls.append((time.time(), json.loads(body)["calls"].get("get", 0)))
            tick += 1
            try:
                await asyncio.wait_for(stop.wait(), 0.05)
            except asyncio.TimeoutError:
                pass
        api.close()
        control.close()

    def cpu_seconds(self) -> float:
        times = self.process.cpu_times()
        return times.user + times.system

    def polls_per_second(self, start: float, end: float) -> float:
        inside = [(t, n) for t, n in self.polls if start <= t <= end]
        if len(inside) < 2:
            return math.nan
        return (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])

    def lag_ms(self, start: float, end: float) -> list[float]:
        return [lag * 1000 for t, lag in self.lags if start <= t <= end]


def init_seconds_for(count: int) -> float:
    """Time the new instance stays in INIT: long enough to connect every watcher before the first step."""
    return round(2.0 + count / 100, 1)


async def level(server: harness.JupyterServer, sim_endpoint: str, count: int, step_s: float, poll_s: float) -> dict:
    harness.request("POST", sim_endpoint + "/_simulator/reset")
    init_s = init_seconds_for(count)
    harness.request("POST", sim_endpoint + "/_simulator/config", {"init_seconds": init_s})
    sampler = Sampler(server, sim_endpoint)
    stop = asyncio.Event()
    sampling = asyncio.ensure_future(sampler.run(stop))
    await asyncio.sleep(0.5)
    idle_cpu, idle_start = sampler.cpu_seconds(), time.time()
    await asyncio.sleep(1.5)  # idle baseline: the sampler's own calls cost the server this much
    baseline_end = time.time()
    idle_rate = (sampler.cpu_seconds() - idle_cpu) / (baseline_end - idle_start)
    status, notebook = await asyncio.to_thread(server.api, "POST", "notebooks/open", {})
    assert status == 200, f"open failed: {status} {notebook}"
    created = notebook["create_at"] / 1000 + init_s  # the steps' schedule starts after INIT
    timeout = 4 * step_s + 60
    events_url = f"{server.url}codelab/api/notebooks/{notebook['id']}/events"
    clients, connected = await start_clients(events_url, server.token, count, timeout)
    connected_at = time.time()
    cpu_start = sampler.cpu_seconds()
    ready_due = created + 4 * step_s
    await asyncio.sleep(max(0.0, ready_due - time.time()) + poll_s + 1.0)  # the ready event is out by then
    window_end = time.time()
    cpu_used = sampler.cpu_seconds() - cpu_start
    status, _ = await asyncio.to_thread(server.api, "POST", f"notebooks/{notebook['id']}/stop", {})
    outputs = await collect(clients)
    stop.set()
    await sampling
    result = analyse(count, connected, created, step_s, outputs, sampler, baseline_end, connected_at, window_end)
    result["connect_s"] = connected_at - created + init_s
    result["cpu_share"] = cpu_used / (window_end - connected_at)
    busy = max(0.0, cpu_used - idle_rate * (window_end - connected_at))
    result["cpu_us_per_delivery"] = busy / max(1, result["deliveries"]) * 1e6
    size = result.pop("event_bytes")
    floor = await asyncio.to_thread(send_floor, count, size)
    result["floor_p99"], result["floor_max"] = harness.percentile(floor, 99), max(floor)
    return result


def analyse(count, connected, created, step_s, outputs, sampler, baseline_end, connected_at, window_end) -> dict:
    receipts: dict[str, list[float]] = {}
    types: dict[str, str] = {}
    data: dict[str, dict] = {}
    errors = sum(o.get("error_count", 0) for o in outputs)
    for out in outputs:
        for event_id, times in out.get("receipts", {}).items():
            receipts.setdefault(event_id, []).extend(times)
        types.update(out.get("types", {}))
        data.update(out.get("data", {}))
    fanout, upstream, first_ready = [], [], math.inf
    full_events = 0
    for event_id, times in receipts.items():
        if min(times) >= window_end or event_id not in data:
            continue  # after our own stop (which ends the streams): not an upstream change
        steps = data[event_id]["notebook"]["action_progress"]
        done = 4 if types[event_id] == "ready" else sum(1 for s in steps if s["status"] == "COMPLETED")
        changed_at = created + done * step_s
        first = min(times)
        if types[event_id] == "ready":
            first_ready = first
        fanout += [(t - first) * 1000 for t in times]
        upstream += [(t - changed_at) * 1000 for t in times]
        full_events += len(times) == connected
    base_rss = [r for t, r in sampler.rss if t <= baseline_end]
    during_rss = [r for t, r in sampler.rss if connected_at <= t <= window_end]
    ready_end = first_ready if first_ready < math.inf else window_end
    return {
        "watchers": count,
        "connected": connected,
        "event_bytes": max((len(json.dumps(d)) + 40 for d in data.values()), default=1000),
        "events": len([e for e, times in receipts.items() if min(times) < window_end]),
        "full_events": full_events,
        "deliveries": len(fanout),
        "polls_per_s": sampler.polls_per_second(connected_at, ready_end),
        "fanout_p50": harness.percentile(fanout, 50),
        "fanout_p99": harness.percentile(fanout, 99),
        "fanout_max": max(fanout, default=math.nan),
        "upstream_p50": harness.percentile(upstream, 50),
        "upstream_p99": harness.percentile(upstream, 99),
        "rss_base_mb": (base_rss[-1] if base_rss else math.nan) / 2**20,
        "rss_growth_mb": ((max(during_rss) - base_rss[-1]) / 2**20) if base_rss and during_rss else math.nan,
        "lag_idle": sampler.lag_ms(0, baseline_end),
        "lag_during": sampler.lag_ms(connected_at, window_end),
        "client_errors": errors,
    }


def report(results: list[dict], poll_s: float) -> None:
    rows = []
    for r in results:
        idle, during = r["lag_idle"], r["lag_during"]
        rows.append([
            f"{r['watchers']}", f"{r['connected']}", f"{r['full_events']}/{r['events']}", f"{r['polls_per_s']:.2f}",
            f"{r['fanout_p50']:.1f}", f"{r['fanout_p99']:.1f}", f"{r['fanout_max']:.1f}",
            f"{r['upstream_p50']:.0f}", f"{r['upstream_p99']:.0f}",
            f"{r['cpu_share'] * 100:.0f}%", f"{r['cpu_us_per_delivery']:.0f}" if r["deliveries"] >= 100 else "-",
            f"{r['rss_base_mb']:.0f}", f"{r['rss_growth_mb']:+.1f}",
            f"{harness.percentile(idle, 50):.1f}/{harness.percentile(idle, 99):.1f}",
            f"{harness.percentile(during, 50):.1f}/{harness.percentile(during, 99):.1f}/{max(during, default=math.nan):.0f}",
        ])  # fmt: skip
    headers = ["watchers", "connected", "events to all", "polls/s", "fan-out p50 ms", "p99 ms", "max ms",
               "upstream->watcher p50 ms", "p99 ms", "server CPU", "CPU us/delivery", "RSS base MB", "RSS growth MB",
               "lag idle p50/p99 ms", "lag during p50/p99/max ms"]  # fmt: skip
    print(harness.table(headers, rows))
    print("\nFan-out floor on this machine, same clients, same event size (ms from the first receipt):")
    floor_rows = [
        [f"{r['watchers']}", f"{r['floor_p99']:.1f} / {r['floor_max']:.1f}", f"{r['fanout_p99']:.1f} / {r['fanout_max']:.1f}"]
        for r in results
    ]  # fmt: skip
    print(harness.table(["watchers", "send() loop p99 / max", "ours p99 / max"], floor_rows))
    errors = sum(r["client_errors"] for r in results)
    if errors:
        print(f"\nclient stream errors: {errors}")
    top = results[-1]
    print(f"\nTargets (at {top['watchers']} watchers)")
    polls = [r["polls_per_s"] for r in results]
    same = max(polls) - min(polls) <= 0.25 * max(polls)
    print(f"  polls/s independent of watchers: {', '.join(f'{p:.2f}' for p in polls)} -> {'met' if same else 'MISSED'}")
    print(f"  fan-out p99 <= 100 ms: {top['fanout_p99']:.1f} ms -> {'met' if top['fanout_p99'] <= 100 else 'MISSED'}")
    print(f"  RSS growth <= 30 MB: {top['rss_growth_mb']:.1f} MB -> {'met' if top['rss_growth_mb'] <= 30 else 'MISSED'}")
    print(f"  (upstream->watcher includes waiting for the next poll: poll interval {poll_s} s)")


def server_config(args) -> dict:
    return {
        "ServerApp": {"jpserver_extensions": {"jupyter_codelab": True}},
        "CodeLab": {"simulator_step_seconds": args.step_seconds, "poll_fast_seconds": args.poll_seconds},
    }


async def run(args, code: str | None = None) -> list[dict]:
    results = []
    with harness.JupyterServer(server_config(args), name="fanout", code=code) as server:
        status, config_answer = server.api("GET", "config")
        sim_endpoint = config_answer["simulator_endpoint"]
        assert status == 200 and sim_endpoint, f"no embedded simulator: {config_answer}"
        for count in args.levels:
            result = await level(server, sim_endpoint, count, args.step_seconds, args.poll_seconds)
            print(f"  {count} watchers: done ({result['connected']} connected in {result['connect_s']:.1f} s "
                  f"after the open)", flush=True)  # fmt: skip
            results.append(result)
    return results


async def run_rounds(args, before_code: str | None) -> dict:
    """The interleaved rounds at the top level: ours, the floor, and the extension as of ``--before`` if given."""
    with contextlib.ExitStack() as servers:
        contenders = {"ours": servers.enter_context(harness.JupyterServer(server_config(args), name="fanout"))}
        if before_code:
            before = harness.JupyterServer(server_config(args), name="fanout-before", code=before_code)
            contenders["before"] = servers.enter_context(before)
        top = max(args.levels)
        result = await fanout_rounds.interleaved(contenders, top, args.rounds, args.events, args.spacing)
    print(f"  {top} watchers: {args.rounds} interleaved rounds done", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--step-seconds", type=float, default=3.0, help="each of the four simulated steps (default 3)")
    parser.add_argument("--poll-seconds", type=float, default=1.0, help="c.CodeLab.poll_fast_seconds (default 1, as shipped)")
    parser.add_argument("--quick", action="store_true", help="steps of 2 s")
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds against the floor (0: none)")
    parser.add_argument("--events", type=int, default=10, help="events per side per round (default 10)")
    parser.add_argument("--spacing", type=float, default=0.3, help="seconds between events (default 0.3)")
    parser.add_argument("--before", metavar="REV", help="the extension as of this commit: its levels after ours, "
                        "and a side of its own in the rounds")  # fmt: skip
    args = parser.parse_args()
    if args.quick:
        args.step_seconds = 2.0
    raise_fd_limit(max(args.levels) * 3 + 256)
    print(f"SSE fan-out through jupyter server + extension (simulated); {harness.machine()}")
    print(f"steps of {args.step_seconds} s, poll every {args.poll_seconds} s while starting, "
          f"{PER_PROCESS} watchers per client process\n")  # fmt: skip
    results = asyncio.run(run(args))
    before, before_code = None, None
    if args.before:
        from bench_proxy_overhead import old_code

        before_code = old_code(args.before)
        print(f"the same against the extension as of {args.before}:", flush=True)
        before = asyncio.run(run(args, before_code))
    rounds = asyncio.run(run_rounds(args, before_code)) if args.rounds else None
    print()
    report(results, args.poll_seconds)
    if before:
        print(f"\n--- before: the extension as of {args.before}, same run ---")
        report(before, args.poll_seconds)
    if rounds:
        if before:
            print(f"\n('before' in the rounds: the extension as of {args.before}, in a jupyter server of its own)")
        fanout_rounds.report(rounds)


if __name__ == "__main__":
    main()
