"""The ModelArts client, sync and async, against the simulator over loopback."""

import asyncio
import time

import pytest

from jupyter_codelab.modelarts import errors
from jupyter_codelab.modelarts.credentials import AkSkCredentials, PasswordCredentials
from jupyter_codelab.modelarts.models import NotebookStatus
from jupyter_codelab.modelarts.transport_async import AsyncModelArtsClient

from .conftest import AK, DEMO_DOMAIN, DEMO_PASSWORD, DEMO_USER_NAME, ask

HOUR = 3_600_000


async def wait_status(client, notebook_id, status, timeout=10):
    deadline = time.monotonic() + timeout
    while (notebook := await ask(client.get_notebook(notebook_id))).status != status:
        assert time.monotonic() < deadline, f"still {notebook.status} after {timeout} s"
        await asyncio.sleep(0.02)
    return notebook


async def test_every_call_of_the_lifecycle(client, upstream):
    assert await ask(client.current_notebook()) is None
    images = await ask(client.list_images())
    assert any(i.name.startswith("notebook2.0-mul-kernel-cpu") for i in images)
    opened = await ask(client.open(image_id=images[0].id, share_url="aHR0cHM6Ly9lLm9yZy9hLmlweW5i"))
    assert opened.status in (NotebookStatus.INIT, NotebookStatus.CREATING) and len(opened.action_progress) == 4
    running = await wait_status(client, opened.id, NotebookStatus.RUNNING)
    assert running.url and running.progress == 100
    assert (await ask(client.current_notebook())).id == opened.id
    lease = await ask(client.get_lease(opened.id))
    assert lease.expires_at_ms == lease.create_at + lease.duration
    renewed = await ask(client.renew_lease(opened.id, 3 * HOUR))
    assert renewed.remaining_ms() > 2.9 * HOUR
    stopping = await ask(client.stop(opened.id))
    assert stopping.status in (NotebookStatus.STOPPING, NotebookStatus.STOPPED)
    await wait_status(client, opened.id, NotebookStatus.STOPPED)
    started = await ask(client.start(opened.id, duration_ms=2 * HOUR))
    assert started.status in (NotebookStatus.STARTING, NotebookStatus.RUNNING)
    await wait_status(client, opened.id, NotebookStatus.RUNNING)


async def test_iam_password_login_gets_a_token_once(make_client, upstream):
    client = make_client(PasswordCredentials(DEMO_USER_NAME, DEMO_PASSWORD, DEMO_DOMAIN))
    await ask(client.list_images())
    await ask(client.current_notebook())
    assert client.builder.tokens.valid() and upstream.simulator.calls["auth"] == 1
    assert DEMO_PASSWORD not in repr(client.builder) and client.builder.tokens.value not in repr(client.builder.tokens)


async def test_an_expiring_token_is_renewed_before_it_runs_out(make_client, upstream):
    client = make_client(PasswordCredentials(DEMO_USER_NAME, DEMO_PASSWORD, DEMO_DOMAIN))
    await ask(client.list_images())
    client.builder.tokens.expires_at = time.time() + 60  # within the renewal margin
    await ask(client.list_images())
    assert client.builder.tokens.expires_at > time.time() + 3600


@pytest.mark.parametrize(
    "make, call, cls, code",
    [
        (lambda mk: mk(AkSkCredentials(AK, "wrong-secret")), lambda c: c.list_images(), errors.AuthError, "APIGW.0301"),
        (
            lambda mk: mk(PasswordCredentials(DEMO_USER_NAME, "nope", DEMO_DOMAIN)),
            lambda c: c.list_images(),
            errors.AuthError,
            None,
        ),
        (lambda mk: mk(project_id="f" * 32), lambda c: c.list_images(), errors.ForbiddenError, "ModelArts.0210"),
        (
            lambda mk: mk(),
            lambda c: c.get_notebook("00000000-0000-4000-8000-000000000000"),
            errors.NotFoundError,
            "ModelArts.6309",
        ),
        (
            lambda mk: mk(),
            lambda c: c.open(image_id="00000000-0000-4000-8000-000000000000"),
            errors.ModelArtsError,
            "ModelArts.6797",
        ),
    ],
)
async def test_errors_come_back_typed_with_their_codes(make_client, make, call, cls, code):
    client = make(make_client)
    with pytest.raises(cls) as caught:
        await ask(call(client))
    assert caught.value.error_code == code or code is None
    assert caught.value.advice and "wrong-secret" not in str(caught.value)


async def test_state_errors_keep_their_codes(client):
    notebook = await ask(client.open())
    await wait_status(client, notebook.id, NotebookStatus.RUNNING)
    with pytest.raises(errors.InvalidStateError, match="already running") as caught:
        await ask(client.start(notebook.id))
    assert caught.value.error_code == "ModelArts.6305"
    with pytest.raises(errors.ModelArtsError) as caught:
        await ask(client.renew_lease(notebook.id, 100 * HOUR))
    # error_codes.rst: a duration out of range is 6349 (6346 is an auto-stop time in the past).
    assert caught.value.error_code == "ModelArts.6349"
    assert str(caught.value).startswith(errors.advice_for(caught.value.error_code).rstrip("."))


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "throttle", "retry_after": 0, "times": 2},
        {"kind": "error", "status": 503, "error_code": "ModelArts.0002", "error_msg": "busy", "times": 2},
        {"kind": "reset", "times": 2},
        {"kind": "malformed", "times": 2},
    ],
)
async def test_reads_are_retried_with_backoff(client, upstream, fault):
    upstream.call(upstream.simulator.faults.add, route="images", **fault)
    assert await ask(client.list_images())
    assert upstream.simulator.calls["images"] == 3


async def test_retries_give_up_after_the_policy_attempts(client, upstream):
    upstream.call(
        upstream.simulator.faults.add, kind="error", route="images", status=500, error_code="X.1", error_msg="down", times=10
    )
    with pytest.raises(errors.UpstreamUnavailable, match="try again shortly") as caught:
        await ask(client.list_images())
    assert caught.value.error_code == "X.1" and upstream.simulator.calls["images"] == 4


async def test_a_throttled_open_is_resent_once_the_gateway_allows(client, upstream):
    upstream.call(upstream.simulator.faults.add, kind="throttle", route="open", retry_after=0, times=1)
    notebook = await ask(client.open())
    assert notebook.id and upstream.simulator.calls["open"] == 2
    assert len(upstream.simulator.store.instances) == 1


@pytest.mark.parametrize("kind", ["reset", "malformed", "error"])
async def test_open_is_never_sent_twice_after_an_ambiguous_failure(client, upstream, kind):
    """The open went through but its answer was lost: find the instance, do not open again."""
    params = {"status": 502, "error_code": "APIG.0201", "error_msg": "Backend timeout"} if kind == "error" else {}
    upstream.call(upstream.simulator.faults.add, kind=kind, route="open", after=True, **params)
    notebook = await ask(client.open())
    assert upstream.simulator.calls["open"] == 1, "open was sent twice"
    assert upstream.simulator.calls["list"] == 1 and len(upstream.simulator.store.instances) == 1
    assert notebook.id in upstream.simulator.store.instances


async def test_an_ambiguous_failure_with_nothing_opened_says_so(client, upstream):
    upstream.call(upstream.simulator.faults.add, kind="reset", route="open")
    with pytest.raises(errors.UpstreamUnavailable, match="no instance was found") as caught:
        await ask(client.open())
    assert caught.value.gateway_status == 503 and upstream.simulator.calls["open"] == 1


async def test_timeouts_are_explicit(make_client, upstream):
    probe = make_client()
    kwargs = {"request_timeout": 0.3} if isinstance(probe, AsyncModelArtsClient) else {"read_timeout": 0.3}
    client = make_client(**kwargs)
    upstream.call(upstream.simulator.faults.add, kind="latency", route="images", seconds=2, times=10)
    with pytest.raises(errors.UpstreamTimeout, match="did not answer within 0.3 s") as caught:
        await ask(client.list_images())
    assert caught.value.gateway_status == 504


@pytest.mark.parametrize("code", ["ModelArts.6309", "ModelArts.6357", "ModelArts.6404"])
async def test_a_400_not_found_code_is_not_found_with_its_request_id(client, upstream, code):
    """Terraform's notebookNotFoundErrCodes; the request id comes from X-Request-Id when the body has none."""
    upstream.call(
        upstream.simulator.faults.add,
        kind="error",
        route="get",
        status=400,
        error_code=code,
        error_msg="The instance does not exist.",
    )
    with pytest.raises(errors.NotFoundError) as caught:
        await ask(client.get_notebook("00000000-0000-4000-8000-000000000000"))
    error = caught.value
    assert (error.status, error.error_code, error.error_msg) == (400, code, "The instance does not exist.")
    assert error.request_id and str(error).endswith(f"[{code}, request id {error.request_id}]")
    assert error.to_json()["request_id"] == error.request_id and upstream.simulator.calls["get"] == 1, "not retried"


async def test_a_token_that_dies_early_is_replaced_once(make_client, upstream):
    """IAM: a token can stop working before it expires; on a 401 get a new one and send the call again."""
    client = make_client(PasswordCredentials(DEMO_USER_NAME, DEMO_PASSWORD, DEMO_DOMAIN))
    await ask(client.list_images())
    client.builder.tokens.value = "revoked-" + client.builder.tokens.value[8:]  # still "valid" by its clock
    images = await ask(client.list_images())
    assert images and upstream.simulator.calls["auth"] == 2 and not client.builder.tokens.value.startswith("revoked-")


async def test_a_401_that_persists_is_reported_after_one_new_token(make_client, upstream):
    client = make_client(PasswordCredentials(DEMO_USER_NAME, DEMO_PASSWORD, DEMO_DOMAIN))
    upstream.call(
        upstream.simulator.faults.add,
        kind="error",
        route="images",
        status=401,
        error_code="ModelArts.0202",
        error_msg="expired",
        times=5,
    )
    with pytest.raises(errors.AuthError) as caught:
        await ask(client.list_images())
    assert caught.value.error_code == "ModelArts.0202" and caught.value.request_id
    assert upstream.simulator.calls["auth"] == 2 and upstream.simulator.calls["images"] == 2


async def test_the_image_list_is_read_page_by_page_to_the_end(client, upstream):
    everything = await ask(client.list_images())
    calls = upstream.simulator.calls["images"]
    paged = await ask(client.list_images(page_size=1))
    assert [i.id for i in paged] == [i.id for i in everything] and len(everything) > 1
    assert upstream.simulator.calls["images"] - calls == len(everything)


async def test_renew_defaults_to_one_hour_from_now(client, upstream):
    notebook = await ask(client.open())
    await wait_status(client, notebook.id, NotebookStatus.RUNNING)
    lease = await ask(client.renew_lease(notebook.id))
    assert lease.type == "TIMING" and 0.9 * HOUR < lease.remaining_ms() < 1.1 * HOUR  # not the 3 h or 72 h of other calls
