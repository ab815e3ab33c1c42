"""The sans-IO flows and the request builder, driven by hand with ModelArts-shaped answers."""

import json
import random
import time
from urllib.parse import parse_qsl, urlsplit

import pytest

from jupyter_codelab.modelarts import errors, flows
from jupyter_codelab.modelarts.calls import Call, RequestBuilder, Response
from jupyter_codelab.modelarts.credentials import AkSkCredentials, ClientSettings, PasswordCredentials

PROJECT = "0123456789abcdef0123456789abcdef"
NB = "00000000-0000-4000-8000-000000000001"


def builder(credentials=None) -> RequestBuilder:
    return RequestBuilder(
        ClientSettings(
            "https://modelarts.example", PROJECT, "cn-north-4", credentials or AkSkCredentials("AK", "SK"), "https://iam.example"
        )
    )


def answer(data=None, status=200, headers=None) -> Response:
    return Response(status, headers or {}, json.dumps(data if data is not None else {}).encode())


def token_answer(value: str) -> Response:
    return answer({"token": {"expires_at": "2999-01-01T00:00:00Z"}}, 201, {"X-Subject-Token": value})


def failure(status, code, msg="x") -> errors.ModelArtsError:
    return errors.error_from_response(status, json.dumps({"error_code": code, "error_msg": msg}))


class Driver:
    """Runs a flow, answering each call with the next scripted answer (a Response or an error)."""

    def __init__(self, flow, answers):
        self.flow, self.answers, self.calls = flow, list(answers), []

    def run(self):
        try:
            call = next(self.flow)
            while True:
                self.calls.append(call)
                reply = self.answers.pop(0)
                call = self.flow.throw(reply) if isinstance(reply, Exception) else self.flow.send(reply)
        except StopIteration as done:
            return done.value


def query(call: Call, b: RequestBuilder) -> dict:
    return dict(parse_qsl(urlsplit(b.render(call).url).query))


# --- RetryPolicy ----------------------------------------------------------------------

GET = Call("get", "GET", "/x")
POST = Call("open", "POST", "/x")


def test_retry_policy_retries_reads_on_upstream_failures_only():
    policy = flows.RetryPolicy(attempts=4, base_delay=0.5, max_delay=8.0)
    down = errors.UpstreamUnavailable(503)
    assert policy.delay(GET, down, 1) is not None and policy.delay(GET, errors.UpstreamTimeout(504), 1) is not None
    assert policy.delay(POST, down, 1) is None, "a write that may have happened is never blindly resent"
    for error in (
        failure(400, "ModelArts.6309"),
        failure(401, "APIG.0301"),
        failure(400, "ModelArts.6360"),
        failure(403, "ModelArts.0210"),
    ):
        assert policy.delay(GET, error, 1) is None, error.error_code


def test_retry_policy_resends_throttled_writes_and_honours_retry_after():
    policy = flows.RetryPolicy(attempts=4, base_delay=0.5, max_delay=8.0)
    throttled = errors.error_from_response(
        429, json.dumps({"error_code": "APIG.0308", "error_msg": "limit"}), {"Retry-After": "3"}
    )
    assert policy.delay(POST, throttled, 1) >= 3.0, "the gateway refused before ModelArts saw it"
    long_wait = errors.ThrottledError(429, "APIG.0308", retry_after=60)
    assert policy.delay(GET, long_wait, 1) == 8.0, "never longer than max_delay"


def test_retry_policy_backs_off_with_full_jitter_and_gives_up():
    policy = flows.RetryPolicy(attempts=4, base_delay=0.5, max_delay=8.0)
    down = errors.UpstreamUnavailable(502)
    random.seed(7)
    for attempt, ceiling in ((1, 0.5), (2, 1.0), (3, 2.0)):
        delays = [policy.delay(GET, down, attempt) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in delays) and max(delays) > ceiling / 2, attempt
    assert policy.delay(GET, down, 4) is None and policy.delay(GET, down, 9) is None
    capped = flows.RetryPolicy(attempts=20, base_delay=1.0, max_delay=2.0)
    assert all(capped.delay(GET, down, 10) <= 2.0 for _ in range(50))


# --- token renewal on 401 --------------------------------------------------------------------


def test_a_401_with_a_password_gets_a_new_token_once_and_resends_the_call():
    b = builder(PasswordCredentials("alice", "pw", "dom"))
    driver = Driver(flows.authenticated(b, flows.get_notebook(b, NB)), [
        token_answer("first"), failure(401, "ModelArts.0203"), token_answer("second"), answer({"id": NB, "status": "RUNNING"}),
    ])  # fmt: skip
    notebook = driver.run()
    assert notebook.id == NB and [c.route for c in driver.calls] == ["token", "get", "token", "get"]
    assert b.tokens.value == "second" and b.render(driver.calls[-1]).headers["X-Auth-Token"] == "second"


def test_a_second_401_is_not_retried_again():
    b = builder(PasswordCredentials("alice", "pw", "dom"))
    driver = Driver(flows.authenticated(b, flows.get_notebook(b, NB)), [
        token_answer("first"), failure(401, "ModelArts.0203"), token_answer("second"), failure(401, "ModelArts.0202"),
    ])  # fmt: skip
    with pytest.raises(errors.AuthError) as caught:
        driver.run()
    assert caught.value.error_code == "ModelArts.0202" and [c.route for c in driver.calls] == ["token", "get", "token", "get"]


def test_aksk_credentials_never_fetch_a_token_on_401():
    b = builder()
    driver = Driver(flows.authenticated(b, flows.get_notebook(b, NB)), [failure(401, "APIG.0301")])
    with pytest.raises(errors.AuthError):
        driver.run()
    assert [c.route for c in driver.calls] == ["get"]


def test_iam_refusing_the_password_says_which_settings_to_check():
    b = builder(PasswordCredentials("alice", "pw", "dom"))
    iam = errors.error_from_response(
        401, json.dumps({"error": {"code": 401, "message": "The username or password is wrong.", "title": "Unauthorized"}})
    )
    with pytest.raises(errors.AuthError, match="CODELAB_IAM_PASSWORD") as caught:
        Driver(flows.authenticated(b, flows.get_notebook(b, NB)), [iam]).run()
    assert caught.value.error_msg == "The username or password is wrong." and "pw" not in str(caught.value)


def test_other_errors_pass_through_the_token_layer():
    b = builder(PasswordCredentials("alice", "pw", "dom"))
    b.tokens.value, b.tokens.expires_at = "good", time.time() + 86400
    with pytest.raises(errors.NotFoundError):
        Driver(flows.authenticated(b, flows.get_notebook(b, NB)), [failure(400, "ModelArts.6309")]).run()


# --- paging -------------------------------------------------------------------------------


def images_page(ids, total, limit=2, offset=0):
    pages = -(-total // limit)
    return answer(
        {"current": offset // limit, "data": [{"id": i} for i in ids], "pages": pages, "size": len(ids), "total": total}
    )


def test_the_image_list_follows_every_page():
    b = builder()
    driver = Driver(flows.list_images(b), [images_page(["a", "b"], 5), images_page(["c", "d"], 5), images_page(["e"], 5)])
    assert [i.id for i in driver.run()] == ["a", "b", "c", "d", "e"]
    assert [query(c, b)["offset"] for c in driver.calls] == ["0", "2", "4"]


def test_the_image_list_stops_on_a_server_that_never_ends():
    b = builder()
    same = [images_page(["a", "b"], 10**6) for _ in range(3)]
    driver = Driver(flows.list_images(b), same)
    assert [i.id for i in driver.run()] == ["a", "b"] and len(driver.calls) == 2, "a page with nothing new ends it"
    endless = [images_page([f"p{n}"], 10**6) for n in range(flows.MAX_IMAGE_PAGES + 5)]
    driver = Driver(flows.list_images(b), endless)
    assert len(driver.run()) == flows.MAX_IMAGE_PAGES and len(driver.calls) == flows.MAX_IMAGE_PAGES
    assert len(Driver(flows.list_images(b), [answer({"data": [{"id": "x"}]})]).run()) == 1  # no total: one page


# --- what the builder sends ------------------------------------------------------------------------


def test_renew_sends_an_upper_case_type_and_a_default_duration():
    b = builder()
    assert b.renew_lease(NB).body == {"duration": 3_600_000, "type": "TIMING"}  # renew_lease_request.py defaults
    assert b.renew_lease(NB, 7_200_000, "idle").body == {"duration": 7_200_000, "type": "IDLE"}


def test_start_takes_no_duration_a_duration_or_minus_one():
    b = builder()
    assert query(b.start(NB), b) == {}
    assert query(b.start(NB, 7_200_000), b) == {"duration": "7200000", "type": "TIMING"}
    assert query(b.start(NB, -1), b) == {"duration": "-1"}, "no auto-stop, as Terraform sends for billed instances"


def test_the_notebook_list_sends_only_the_page_sizes_modelarts_takes():
    b = builder()
    assert "limit" not in query(b.list_notebooks(), b)
    assert [query(b.list_notebooks(limit=n), b)["limit"] for n in (1, 10, 11, 20, 33, 50, 500)] == [
        "10",
        "10",
        "20",
        "20",
        "50",
        "50",
        "50",
    ]
