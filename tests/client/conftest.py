"""The simulator on its own thread and event loop, so the blocking client can be tested too."""

import asyncio
import inspect
import threading

import pytest

from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings, PasswordCredentials
from jupyter_codelab.modelarts.flows import RetryPolicy
from jupyter_codelab.modelarts.transport_async import AsyncModelArtsClient
from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient
from jupyter_codelab.simulator import Simulator, SimulatorConfig

PROJECT = "0123456789abcdef0123456789abcdef"
AK, SK = "CLIENTTESTAK00000001", "client-test-secret-key"
FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


class ThreadedSimulator:
    """Runs a ``Simulator`` on a private loop; ``call`` runs a function on that loop's thread."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    def _serve(self, ready):
        asyncio.set_event_loop(self.loop)
        self.sim = Simulator(SimulatorConfig(step_seconds=0.05, stop_seconds=0.05, start_seconds=0.05))
        self.sim.add_user(access_key=AK, secret_key=SK, project_id=PROJECT, user_name="alice", password="alice-pw")
        self.sim.listen(port=0)
        ready.set()
        self.loop.run_forever()

    def call(self, fn, *args, **kwargs):
        async def run():
            return fn(*args, **kwargs)

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    def close(self):
        self.call(self.sim.stop)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture(scope="module")
def upstream():
    threaded = ThreadedSimulator()
    yield threaded
    threaded.close()


@pytest.fixture(autouse=True)
def _fresh(upstream):
    upstream.call(upstream.sim.reset)


def settings_for(upstream, credentials=None, project_id=PROJECT) -> ClientSettings:
    return ClientSettings(
        endpoint=upstream.sim.endpoint, project_id=project_id, region="cn-north-4",
        credentials=credentials or AkSkCredentials(AK, SK), iam_endpoint=upstream.sim.endpoint,
    )  # fmt: skip


@pytest.fixture(params=["sync", "async"])
def make_client(request, upstream):
    """A factory of clients of one transport; ``await ask(client.op(...))`` works for both."""
    made = []

    def make(credentials=None, project_id=PROJECT, **kwargs):
        kwargs.setdefault("retry", FAST_RETRY)
        cls = SyncModelArtsClient if request.param == "sync" else AsyncModelArtsClient
        client = cls(settings_for(upstream, credentials, project_id), **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client):
    return make_client()


async def ask(result):
    return await result if inspect.isawaitable(result) else result


__all__ = ["AK", "SK", "PROJECT", "PasswordCredentials", "ask"]
