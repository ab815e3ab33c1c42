"""No answer at all: the sentence names the host that failed, the service it is (from its name),
why (DNS, refused, proxy...) and what to check; the connect form shows it on the form, not on a
field. Both transports, over loopback (a closed port) and a name that cannot resolve (.invalid)."""

from __future__ import annotations

import socket

import pytest

from jupyter_codelab.modelarts import errors
from jupyter_codelab.modelarts.connect_advice import explain
from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings
from jupyter_codelab.modelarts.flows import RetryPolicy
from jupyter_codelab.modelarts.responses import unreachable
from jupyter_codelab.modelarts.transport_async import AsyncModelArtsClient
from jupyter_codelab.modelarts.transport_sync import SyncModelArtsClient

from .conftest import AK, PROJECT, SK, ask

NO_RETRY = RetryPolicy(attempts=1, base_delay=0.01, max_delay=0.01)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(params=["sync", "async"])
def client_at(request):
    made = []

    def make(endpoint: str):
        settings = ClientSettings(
            endpoint=endpoint, project_id=PROJECT, region="cn-north-4", credentials=AkSkCredentials(AK, SK), iam_endpoint=endpoint
        )
        cls = SyncModelArtsClient if request.param == "sync" else AsyncModelArtsClient
        made.append(cls(settings, retry=NO_RETRY))
        return made[-1]

    make.transport = request.param
    yield make
    for client in made:
        client.close()


async def test_a_name_that_does_not_resolve_is_named_with_its_service(client_at):
    client = client_at("https://modelarts.cn-north-4.invalid")
    with pytest.raises(errors.UpstreamUnavailable) as caught:
        await ask(client.list_images())
    sentence = caught.value.sentence
    assert sentence.startswith("Could not reach ModelArts at modelarts.cn-north-4.invalid: "), sentence
    # tornado's socket error says why; requests says only "ConnectionError"
    why = "its name does not resolve (DNS)" if client_at.transport == "async" else "the connection failed (offline, a wrong host"
    assert why in sentence, sentence
    assert caught.value.gateway_status == 503


async def test_a_closed_port_is_named_with_the_host(client_at):
    port = closed_port()
    client = client_at(f"http://127.0.0.1:{port}")
    with pytest.raises(errors.UpstreamUnavailable) as caught:
        await ask(client.list_images())
    sentence = caught.value.sentence
    assert sentence.startswith(f"Could not reach 127.0.0.1:{port}: "), sentence
    if client_at.transport == "async":
        assert "nothing answers there (connection refused); check the endpoint and its port" in sentence, sentence


@pytest.mark.parametrize(
    ("host", "reason", "words"),
    [
        ("iam.cn-north-4.example", "Temporary failure in name resolution", "IAM at iam.cn-north-4.example: its name does not resolve (DNS)"),
        ("obs.cn-north-4.example", "ProxyError", "OBS at obs.cn-north-4.example: the proxy refused or failed the connection; check HTTPS_PROXY"),
        ("b.obs.cn-north-4.example", "Network is unreachable", "OBS at b.obs.cn-north-4.example: there is no network route to it"),
        ("modelarts.cn-north-4.example", "Connection reset by peer", "the connection was cut (a proxy or firewall?)"),
        ("10.0.0.1:8443", "SomethingElse", "Could not reach 10.0.0.1:8443: SomethingElse; check the network and the endpoint"),
    ],
)  # fmt: skip
def test_why_is_said_in_words(host, reason, words):
    assert words in unreachable(host, reason).sentence


def test_the_connect_form_shows_no_answer_on_the_form_not_a_field():
    offline = unreachable("iam.cn-north-4.myhuaweicloud.com", "Name or service not known")
    refusal = explain(offline, aksk=True, endpoint_from_region=True)
    assert refusal.field is None and refusal.status == 503
    assert refusal.message.startswith("Could not reach IAM at iam.cn-north-4.myhuaweicloud.com: its name does not resolve (DNS)")
    assert refusal.message.endswith("Its address is made from the region: if the network works, check the region.")
    configured = explain(offline, aksk=True, endpoint_from_region=False)
    assert configured.field is None and "region" not in configured.message
    refused = explain(unreachable("127.0.0.1:9", "Connection refused"), aksk=True, endpoint_from_region=True)
    assert refused.field is None and "region" not in refused.message
