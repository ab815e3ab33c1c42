"""What the doctor sends: one IAM call and one ``images?limit=1``, sans-IO, and a driver for each transport.

``probe`` yields ``Call``s and receives ``Outcome``s: the answer whatever its status (or the
failure to get one), when it was sent and how long it took. With access keys IAM's project list
(``GET /v3/projects``, KeystoneListProjects) is signed like the SDK signs it, without a project;
with an IAM password the token call is the IAM check, and its token signs the ModelArts call.
The drivers time each exchange and never retry: a doctor reports what one try gives.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from dataclasses import dataclass

from ..calls import Call, Response
from ..credentials import PasswordCredentials
from ..errors import ModelArtsError
from ..iam_projects import ROUTE_PROJECTS, ConnectBuilder

REQUEST_TIMEOUT_S = 15.0  # one try per call, and a person waiting for the answer


@dataclass(frozen=True)
class Outcome:
    call: Call
    response: Response | None  # any status: the doctor judges it
    error: ModelArtsError | None  # no answer at all: unreachable, timed out, or a certificate that did not verify
    sent_at: float  # wall clock when sent (the clock check compares the answer's Date with it)
    seconds: float

    @property
    def status(self) -> int | None:
        return self.response.status if self.response is not None else None

    def header(self, name: str) -> str | None:
        if self.response is None:
            return None
        return next((value for key, value in self.response.headers.items() if key.lower() == name.lower()), None)


@dataclass(frozen=True)
class Probed:
    iam: Outcome
    modelarts: Outcome | None  # None: not sent (IAM gave no token to send it with)

    @property
    def outcomes(self) -> list[Outcome]:
        return [o for o in (self.modelarts, self.iam) if o is not None]


Probe = Generator[Call, Outcome, Probed]


def probe(builder: ConnectBuilder) -> Probe:
    if isinstance(builder.settings.credentials, PasswordCredentials):
        iam = yield builder.iam_token()
        if iam.status is not None and iam.status < 300:
            try:
                builder.tokens.accept(iam.response)  # type: ignore[arg-type]
            except ModelArtsError:
                pass  # no X-Subject-Token: the IAM check says so
        if not builder.tokens.valid():
            return Probed(iam, None)
    else:
        iam = yield Call(ROUTE_PROJECTS, "GET", "/v3/projects", base="iam")
    modelarts = yield builder.list_images(limit=1)
    return Probed(iam, modelarts)


Answer = Response | ModelArtsError  # what a driver hands back: the answer, or why there was none


def timed(client) -> Generator[Call, Answer, Probed]:
    """``probe`` on ``client`` (a client of its own: the caller closes it), each exchange timed from its call to its answer."""
    client.builder = ConnectBuilder(client.settings)  # it signs IAM's project list too
    flow = probe(client.builder)
    outcome = None
    try:
        while True:
            call = next(flow) if outcome is None else flow.send(outcome)
            sent_at, start = time.time(), time.monotonic()
            answer = yield call
            response, error = (answer, None) if isinstance(answer, Response) else (None, answer)
            outcome = Outcome(call, response, error, sent_at, time.monotonic() - start)
    except StopIteration as done:
        return done.value


def run_sync(client) -> Probed:
    """Probe with a ``SyncModelArtsClient`` (the CLI and kernels without a server)."""
    flow, answer = timed(client), None
    try:
        while True:
            call = flow.send(answer)  # type: ignore[arg-type]  # the first send is None, as next() sends
            try:
                answer = client.probe(call)
            except ModelArtsError as exc:
                answer = exc
    except StopIteration as done:
        return done.value


async def run_async(client) -> Probed:
    """Probe with an ``AsyncModelArtsClient`` (the server)."""
    flow, answer = timed(client), None
    while True:
        try:
            call = flow.send(answer)  # type: ignore[arg-type]
        except StopIteration as done:
            return done.value
        try:
            answer = await client.probe(call)
        except ModelArtsError as exc:
            answer = exc
