"""Clients of both transports against the simulator on its own thread (so the blocking one works too)."""

import inspect

import pytest

from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings
from jupyter_codelab.modelarts.flows import RetryPolicy
from jupyter_codelab.modelarts.transport_async import AsyncModelArtsClient
from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient
from jupyter_codelab.simulator.config import DEMO_ACCESS_KEY as AK
from jupyter_codelab.simulator.config import DEMO_DOMAIN, DEMO_USER_NAME
from jupyter_codelab.simulator.config import DEMO_PROJECT_ID as PROJECT
from jupyter_codelab.simulator.config import DEMO_SECRET_KEY as SK
from jupyter_codelab.simulator.standalone import DEMO_PASSWORD

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


@pytest.fixture
def upstream(threaded_simulator):
    threaded_simulator.control("POST", "config", {"step_seconds": 0.05, "stop_seconds": 0.05, "start_seconds": 0.05})
    return threaded_simulator


def settings_for(upstream, credentials=None, project_id=PROJECT) -> ClientSettings:
    return ClientSettings(
        endpoint=upstream.endpoint, project_id=project_id, region="cn-north-4",
        credentials=credentials or AkSkCredentials(AK, SK), iam_endpoint=upstream.endpoint,
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


__all__ = ["AK", "SK", "PROJECT", "DEMO_USER_NAME", "DEMO_DOMAIN", "DEMO_PASSWORD", "ask"]
