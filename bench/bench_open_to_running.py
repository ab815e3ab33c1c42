"""How long the client takes from ``open`` to seeing RUNNING, sync (requests) vs async (tornado).

The upstream is the standalone simulator in its own process at step_seconds 0,
so the instance is RUNNING at the first read after the open: the figure is the
client's own cost for one signed POST open plus one signed GET (parsing, signing,
HTTP). Each cycle resets the simulator first (outside the timing), then opens,
polls until RUNNING, and stops; the sync and async clients alternate cycle by cycle.
The client's own CPU time per call (open and reads; the simulator runs elsewhere)
is printed too.

    .venv/bin/python bench/bench_open_to_running.py [--cycles 200] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import harness

from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings
from jupyter_codelab.modelarts.models import NotebookStatus
from jupyter_codelab.modelarts.transport_async import AsyncModelArtsClient
from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient
from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

POLL_LIMIT = 50  # at step_seconds 0 one read is enough; a bound, not a wait


def settings_for(endpoint: str) -> ClientSettings:
    return ClientSettings(
        endpoint=endpoint,
        project_id=DEMO_PROJECT_ID,
        region="cn-north-4",
        credentials=AkSkCredentials(DEMO_ACCESS_KEY, DEMO_SECRET_KEY),
        iam_endpoint=endpoint,
    )


def sync_cycle(client: SyncModelArtsClient) -> tuple[float, float, int, float]:
    cpu, started = time.process_time(), time.perf_counter()
    notebook = client.open()
    polls = 0
    while notebook.status != NotebookStatus.RUNNING and polls < POLL_LIMIT:
        polls += 1
        notebook = client.get_notebook(notebook.id)
    running, cpu_per_call = time.perf_counter(), (time.process_time() - cpu) / (1 + polls)
    client.stop(notebook.id)
    return running - started, time.perf_counter() - running, polls, cpu_per_call


async def async_cycle(client: AsyncModelArtsClient) -> tuple[float, float, int, float]:
    cpu, started = time.process_time(), time.perf_counter()
    notebook = await client.open()
    polls = 0
    while notebook.status != NotebookStatus.RUNNING and polls < POLL_LIMIT:
        polls += 1
        notebook = await client.get_notebook(notebook.id)
    running, cpu_per_call = time.perf_counter(), (time.process_time() - cpu) / (1 + polls)
    await client.stop(notebook.id)
    return running - started, time.perf_counter() - running, polls, cpu_per_call


def summary(name: str, results: list[tuple[float, float, int, float]]) -> list:
    opens = [r[0] * 1000 for r in results]
    stops = [r[1] * 1000 for r in results]
    polls = statistics.mean(r[2] for r in results)
    cpu = statistics.mean(r[3] for r in results) * 1000
    return [name, f"{statistics.median(opens):.2f}", f"{harness.percentile(opens, 90):.2f}", f"{min(opens):.2f}",
            f"{statistics.median(stops):.2f}", f"{polls:.1f}", f"{cpu:.2f}"]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=200, help="cycles per client (default 200)")
    parser.add_argument("--quick", action="store_true", help="50 cycles per client")
    args = parser.parse_args()
    cycles = 50 if args.quick else args.cycles
    print(f"open -> RUNNING against the simulator (step_seconds 0, own process); {harness.machine()}")
    print(f"{cycles} cycles per client, sync and async alternating, simulator reset before each cycle\n")

    loop = asyncio.new_event_loop()
    with harness.SimulatorProcess(step_seconds=0) as sim:
        settings = settings_for(sim.endpoint)
        sync_client = SyncModelArtsClient(settings)
        async_client = loop.run_until_complete(_make_async(settings))
        results: dict[str, list] = {"sync (requests)": [], "async (tornado)": []}
        try:
            for n in range(cycles + 2):  # two warm-up cycles each, not counted
                for name in results if n % 2 == 0 else reversed(list(results)):
                    sim.control("POST", "reset")
                    if name.startswith("sync"):
                        outcome = sync_cycle(sync_client)
                    else:
                        outcome = loop.run_until_complete(async_cycle(async_client))
                    if n >= 2:
                        results[name].append(outcome)
        finally:
            sync_client.close()
            async_client.close()
            loop.close()

    headers = ["client", "open->RUNNING p50 ms", "p90 ms", "best ms", "stop p50 ms", "GETs/open", "client CPU ms/call"]
    print(harness.table(headers, [summary(name, rows) for name, rows in results.items()]))
    sync_p50 = statistics.median(r[0] for r in results["sync (requests)"])
    async_p50 = statistics.median(r[0] for r in results["async (tornado)"])
    print(f"\nasync / sync p50 ratio: {async_p50 / sync_p50:.2f}")


async def _make_async(settings: ClientSettings) -> AsyncModelArtsClient:
    return AsyncModelArtsClient(settings)  # its AsyncHTTPClient binds to the loop it is made on


if __name__ == "__main__":
    main()
