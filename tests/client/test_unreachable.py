"""No answer at all: the sentence names the service and the host that failed, why (DNS,
refused, proxy...) and what to check; the connect form shows it on the form, not on a
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

    yield make
    for client in made:
        client.close()


async def test_a_name_that_does_not_resolve_is_named_with_its_service(client_at):
    client = client_at("https://modelarts.cn-north-4.invalid")
    with pytest.raises(errors.UpstreamUnavailable) as caught:
        await ask(client.list_images())
    sentence = caught.value.sentence
    assert sentence.startswith("Could not reach ModelArts at modelarts.cn-north-4.invalid: "), sentence
    assert "its name does not resolve (DNS)" in sentence, sentence
    assert caught.value.gateway_status == 503


async def test_a_closed_port_is_named_with_the_host(client_at):
    port = closed_port()
    client = client_at(f"http://127.0.0.1:{port}")
    with pytest.raises(errors.UpstreamUnavailable) as caught:
        await ask(client.list_images())
    sentence = caught.value.sentence
    assert sentence.startswith(f"Could not reach ModelArts at 127.0.0.1:{port}: "), sentence
    assert "nothing answers there (connection refused); check the endpoint and its port" in sentence, sentence


@pytest.mark.parametrize(
    ("service", "reason", "words"),
    [
        ("IAM", "Temporary failure in name resolution", "IAM at h.example: its name does not resolve (DNS); check this server's network"),
        ("ModelArts", "ProxyError", "ModelArts at h.example: the proxy refused or failed the connection; check HTTPS_PROXY"),
        ("ModelArts", "Network is unreachable", "there is no network route to it"),
        ("ModelArts", "Connection reset by peer", "the connection was cut (a proxy or firewall?)"),
        ("IAM", "SomethingElse", "Could not reach IAM at h.example: SomethingElse; check the network and the endpoint"),
    ],
)  # fmt: skip
def test_why_is_said_in_words(service, reason, words):
    error = unreachable("h.example", reason, service)
    assert words in error.sentence
    assert (error.host, error.reason, error.gateway_status) == ("h.example", reason, 503)


def test_the_connect_form_shows_no_answer_on_the_form_not_a_field():
    offline = unreachable("iam.cn-north-4.myhuaweicloud.com", "Name or service not known", "IAM")
    refusal = explain(offline, aksk=True, endpoint_from_region=True)
    assert refusal.field is None and refusal.status == 503
    assert refusal.message.startswith("Could not reach IAM at iam.cn-north-4.myhuaweicloud.com: its name does not resolve (DNS)")
    assert refusal.message.endswith("Its address is made from the region: if the network works, check the region.")
    configured = explain(offline, aksk=True, endpoint_from_region=False)
    assert configured.field is None and "region" not in configured.message
    refused = explain(unreachable("127.0.0.1:9", "Connection refused", "IAM"), aksk=True, endpoint_from_region=True)
    assert refused.field is None and "region" not in refused.message
