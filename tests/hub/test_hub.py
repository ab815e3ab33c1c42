"""The CodeLab extension under a real JupyterHub: every user's server has it,
events stream through configurable-http-proxy as they happen, and one user
can neither use nor see another user's CodeLab.

Run: .venv/bin/pytest tests/hub -q   (configurable-http-proxy comes from
tests/hub/install_chp.sh when it is not on PATH)
"""

from __future__ import annotations

import pytest
import requests

from .hub_process import STEP_SECONDS
from .sse_stream import TimedSSE

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]


def codelab(hub, owner: str, token: str) -> CodeLabAPI:
    return CodeLabAPI(f"{hub.url}/user/{owner}/codelab/api/", token)


class CodeLabAPI:
    """One user's token talking to one single-user server's CodeLab API, through the proxy."""

    def __init__(self, base: str, token: str):
        self.base = base
        self.token = token
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.headers["Authorization"] = f"token {token}"

    def get(self, path: str) -> requests.Response:
        # stream=True: an event stream answered by mistake must not hold the test until its timeout
        with self.session.get(self.base + path, timeout=15, allow_redirects=False, stream=True) as answer:
            if not answer.headers.get("content-type", "").startswith("text/event-stream"):
                _ = answer.content  # read the whole (short) body before the connection closes
            return answer

    def post(self, path: str, body: dict) -> requests.Response:
        return self.session.post(self.base + path, json=body, timeout=15, allow_redirects=False)


@pytest.fixture(scope="module")
def alice_start(hub, tokens) -> dict:
    """Alice opens an instance (token auth: no XSRF cookie needed) and watches it
    start through the proxy on a raw socket, recording when each event arrives.

    One fixture does both, so the stream sees the whole start whichever test runs first.
    """
    alice = codelab(hub, "alice", tokens["alice"])
    opened = alice.post("notebooks/open", {})
    assert opened.status_code in (200, 201), opened.text
    notebook = opened.json()
    stream = TimedSSE(f"{alice.base}notebooks/{notebook['id']}/events", tokens["alice"]).start()
    try:
        first = stream.next(timeout=15)
        # Asked right after the first event arrived: was the instance still starting then?
        status_after_first = alice.get(f"notebooks/{notebook['id']}").json()["status"]
        rest = stream.until("ready", timeout=8 * STEP_SECONDS + 15)
    finally:
        stream.close()
    return {
        "notebook": notebook,
        "status": stream.status,
        "headers": stream.headers,
        "status_after_first": status_after_first,
        "timeline": [first] + rest,
    }


def test_every_user_server_has_the_extension_in_simulated_mode(hub, tokens):
    endpoints = {}
    for name in ("alice", "bob"):
        answer = codelab(hub, name, tokens[name]).get("config")
        assert answer.status_code == 200, answer.text
        config = answer.json()
        assert config["mode"] == "simulated"
        assert config["auth"] == "simulated"
        endpoints[name] = config["simulator_endpoint"]
    # Each server runs a simulator of its own: nothing is shared between users.
    assert endpoints["alice"] and endpoints["bob"] and endpoints["alice"] != endpoints["bob"]


def test_events_stream_through_the_proxy_as_they_happen(alice_start):
    assert alice_start["notebook"]["status"] == "CREATING"
    assert alice_start["status"] == 200
    assert alice_start["headers"]["content-type"].startswith("text/event-stream")
    timeline = alice_start["timeline"]
    kinds = [event["event"] for _, event in timeline]
    assert kinds[0] == "snapshot" and kinds[-1] == "ready", kinds
    assert "progress" in kinds, kinds
    # The snapshot reached us while the instance was still starting: nothing
    # waited for the end of the start (or of the response) to be sent.
    assert timeline[0][1]["data"]["notebook"]["status"] != "RUNNING"
    assert alice_start["status_after_first"] != "RUNNING"
    ready_notebook = timeline[-1][1]["data"]["notebook"]
    assert ready_notebook["status"] == "RUNNING" and ready_notebook["url"]

    # Arrival times are printed for the reader; the proof above is by order, not by clock
    # (house rule: no timing assertions in the suite).
    offsets = [round(arrived - timeline[0][0], 2) for arrived, _ in timeline]
    print("\narrival after the snapshot (s):", list(zip(kinds, offsets, strict=False)))


@pytest.mark.parametrize("path", ["config", "notebooks/current"])
def test_bob_is_refused_on_alices_server(hub, tokens, path):
    answer = codelab(hub, "alice", tokens["bob"]).get(path)
    assert answer.status_code == 403, (answer.status_code, answer.text[:300])


def test_bob_is_refused_alices_events(hub, tokens, alice_start):
    notebook_id = alice_start["notebook"]["id"]
    answer = codelab(hub, "alice", tokens["bob"]).get(f"notebooks/{notebook_id}/events")
    assert answer.status_code == 403, (answer.status_code, answer.text[:300])


def test_alices_instance_is_invisible_to_bob(hub, tokens, alice_start):
    notebook_id = alice_start["notebook"]["id"]
    bob = codelab(hub, "bob", tokens["bob"])
    current = bob.get("notebooks/current")
    assert current.status_code == 404, current.text
    assert "No CodeLab instance yet" in current.json()["message"]
    by_id = bob.get(f"notebooks/{notebook_id}")
    assert by_id.status_code == 404, by_id.text
    assert by_id.json()["error_code"] == "ModelArts.6309"  # bob's own simulator never had it
    events = bob.get(f"notebooks/{notebook_id}/events")
    assert events.status_code == 404, events.text
    # ...while alice still sees it through her own server.
    assert codelab(hub, "alice", tokens["alice"]).get("notebooks/current").json()["id"] == notebook_id


# --- third scenario: alice connects her own account; bob stays simulated and cannot touch it -------------
# Last in this module: it changes alice's mode (and signs her out again at the end).


def test_alice_connects_her_account_and_bob_can_neither_see_nor_change_it(hub, tokens, simulator_thread):
    from jupyter_codelab.simulator import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY

    alice, bob = codelab(hub, "alice", tokens["alice"]), codelab(hub, "bob", tokens["bob"])
    bob_on_alices = codelab(hub, "alice", tokens["bob"])
    keys = {"access_key": DEMO_ACCESS_KEY, "secret_key": DEMO_SECRET_KEY, "region": "cn-north-4"}
    # bob may not change alice's credentials: the hub refuses him before her server sees anything
    refused = bob_on_alices.post("credentials", keys)
    assert refused.status_code == 403, refused.text[:300]
    connected = alice.post("credentials", keys)
    try:
        assert connected.status_code == 200, connected.text
        assert connected.json()["mode"] == "modelarts" and connected.json()["project_id"] == DEMO_PROJECT_ID
        assert alice.get("config").json()["source"] == "session"
        assert alice.get("images").status_code == 200
        # bob: still simulated, refused on alice's server (read and change), nothing of hers in his answers
        answers = [bob.get(path) for path in ("config", "images", "notebooks/current")]
        assert answers[0].json()["mode"] == "simulated"
        for path in ("config", "notebooks/current"):
            assert bob_on_alices.get(path).status_code == 403
        signed_out = bob_on_alices.session.delete(bob_on_alices.base + "credentials", timeout=15, allow_redirects=False)
        assert signed_out.status_code == 403
        assert alice.get("config").json()["mode"] == "modelarts"  # bob's attempts changed nothing
        text = "\n".join(answer.text for answer in answers)
        assert DEMO_SECRET_KEY not in text and DEMO_ACCESS_KEY not in text and DEMO_PROJECT_ID not in text
        assert DEMO_SECRET_KEY not in hub.log_path.read_text(errors="replace")  # nor in the hub's (and the servers') log
    finally:
        alice.session.delete(alice.base + "credentials", timeout=15)
    assert alice.get("config").json()["mode"] == "simulated"
