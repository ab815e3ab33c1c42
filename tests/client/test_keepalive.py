"""Kept-alive upstream connections and ``ca_bundle``, against the simulator serving HTTPS with a
self-signed certificate (as ModelArts behind a company's TLS-inspecting proxy looks to a client).

Counts, not times: the simulator counts the connections it accepted.
"""

import asyncio
import time

import pytest

from jupyter_codelab.modelarts import errors
from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings
from jupyter_codelab.modelarts.transport_async import AsyncModelArtsClient
from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient
from tests.support.certs import self_signed
from tests.support.simulator_thread import SimulatorThread

from .conftest import AK, FAST_RETRY, PROJECT, SK, ask


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    directory = tmp_path_factory.mktemp("certs")
    cert, key = self_signed(directory)
    stranger, _ = self_signed(directory, "stranger")  # a CA that did not sign the simulator's certificate
    return cert, key, stranger


@pytest.fixture(scope="module")
def https_simulator(certificates):
    cert, key, _ = certificates
    sim = SimulatorThread(step_seconds=0.05, stop_seconds=0.05, certfile=cert, keyfile=key).start()
    yield sim
    sim.stop()


@pytest.fixture
def https(https_simulator):
    https_simulator.reset()
    return https_simulator


def accepted(sim) -> int:
    return sim.call(lambda: sim.simulator.connections_accepted)


@pytest.fixture(params=["sync", "async"])
def make_client(request, https, certificates):
    made = []

    def make(ca_bundle=str(certificates[0]), **kwargs):
        settings = ClientSettings(https.endpoint, PROJECT, "cn-north-4", AkSkCredentials(AK, SK), https.endpoint)
        cls = SyncModelArtsClient if request.param == "sync" else AsyncModelArtsClient
        client = cls(settings, retry=FAST_RETRY, ca_bundle=ca_bundle, **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


async def test_a_hundred_sequential_calls_use_one_connection(make_client, https):
    client = make_client()
    start = accepted(https)  # the fixture's own control calls came before
    notebook = await ask(client.open())
    for _ in range(100):
        await ask(client.get_notebook(notebook.id))
    assert https.simulator.calls["get"] == 100
    assert accepted(https) - start == 1, "one kept-alive connection carries the open and all 100 reads"


async def test_the_sync_client_keeps_one_session_per_host(https, certificates):
    client = SyncModelArtsClient(
        ClientSettings(https.endpoint, PROJECT, "cn-north-4", AkSkCredentials(AK, SK), "https://iam.example.invalid"),
        ca_bundle=str(certificates[0]),
    )
    try:
        first = client.session_for(https.endpoint + "/v1/x")
        client.list_images()
        client.current_notebook()
        assert client.session_for(https.endpoint) is first is client.session
        assert client.session_for("https://iam.example.invalid/v3/auth/tokens") is not first
        assert first.verify == str(certificates[0])
    finally:
        client.close()


async def test_ca_bundle_from_the_environment(https, certificates, monkeypatch):
    monkeypatch.setenv("CODELAB_CA_BUNDLE", str(certificates[0]))
    settings = ClientSettings(https.endpoint, PROJECT, "cn-north-4", AkSkCredentials(AK, SK), https.endpoint)
    for client in (SyncModelArtsClient(settings), AsyncModelArtsClient(settings)):
        try:
            assert await ask(client.list_images())
        finally:
            client.close()


@pytest.mark.parametrize("trust", ["stranger", "system", "missing"])
async def test_an_untrusted_certificate_is_a_503_naming_ca_bundle(make_client, https, certificates, tmp_path, trust):
    ca_bundle = {"stranger": str(certificates[2]), "system": None, "missing": str(tmp_path / "nope.pem")}[trust]
    client = make_client(ca_bundle=ca_bundle)
    with pytest.raises(errors.UpstreamUnavailable) as caught:
        await ask(client.list_images())
    message = str(caught.value)
    assert caught.value.gateway_status == 503 and "ca_bundle" in message and "CODELAB_CA_BUNDLE" in message
    if trust == "missing":
        assert "nope.pem" in message and "no such file" in message
    else:
        assert "Could not verify the TLS certificate of 127.0.0.1" in message
    assert https.simulator.calls["images"] == 0, "nothing reached ModelArts"
    assert accepted(https) <= 2, "not retried: trying again cannot fix the trust store"


async def test_a_reset_connection_is_not_reused(make_client, https):
    client = make_client()
    start = accepted(https)
    notebook = await ask(client.open())
    https.call(https.simulator.faults.add, kind="reset", route="get")
    assert (await ask(client.get_notebook(notebook.id))).id == notebook.id  # retried, on a new connection
    await ask(client.get_notebook(notebook.id))
    assert https.simulator.calls["get"] == 3 and accepted(https) - start == 2


async def test_open_is_not_resent_when_a_kept_alive_connection_is_reset(make_client, https):
    client = make_client()
    await ask(client.list_images())  # a connection to keep alive
    https.call(https.simulator.faults.add, kind="reset", route="open")
    with pytest.raises(errors.UpstreamUnavailable, match="no instance was found"):
        await ask(client.open())
    assert https.simulator.calls["open"] == 1, "open was sent twice"


async def test_open_never_goes_out_on_a_connection_the_server_closed(make_client, https):
    client = make_client()
    start = accepted(https)
    await ask(client.list_images())
    https.call(lambda: asyncio.ensure_future(https.simulator.close_connections()))
    time.sleep(0.2)  # the FIN reaches the idle connection
    notebook = await ask(client.open())
    assert notebook.id and https.simulator.calls["open"] == 1 and accepted(https) - start == 2
