"""What each operation does, written once for both transports (sans-IO).

A flow is a generator: it yields the ``Call`` it wants sent and receives the
``Response``, or has the ``ModelArtsError`` thrown into it. The sync and async
drivers only move bytes and sleep; the decisions live here: the retry policy,
and the rule that ``open`` is never blindly sent twice.
"""

from __future__ import annotations

import random
from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

from .calls import IMAGE_PAGE_SIZE, Call, RequestBuilder, Response
from .errors import AuthError, ModelArtsError, ThrottledError, UpstreamUnavailable
from .images import Image
from .lease import Lease
from .models import Notebook, NotebookStatus, Page

T = TypeVar("T")
Flow = Generator[Call, Response, T]  # a flow that ends with a T (bare ``Flow``: any result)

# A failed instance still counts as "current": the faces show why it failed; opening replaces it.
GONE = {NotebookStatus.DELETED}


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter, honouring ``Retry-After``."""

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0

    def delay(self, call: Call, error: ModelArtsError, attempt: int) -> float | None:
        """Seconds to wait before another try, or None to give up (``attempt`` counts from 1)."""
        if attempt >= self.attempts or not self._retryable(call, error):
            return None
        backoff = random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))
        retry_after = getattr(error, "retry_after", None)
        return min(self.max_delay, max(backoff, retry_after or 0.0))

    @staticmethod
    def _retryable(call: Call, error: ModelArtsError) -> bool:
        if isinstance(error, ThrottledError):
            return True  # the gateway refused before ModelArts saw it: safe even for writes
        return call.idempotent and isinstance(error, UpstreamUnavailable) and getattr(error, "retryable", True)


IAM_REFUSED = "IAM refused the password login: check CODELAB_IAM_USER, CODELAB_IAM_PASSWORD and CODELAB_IAM_DOMAIN"
MAX_IMAGE_PAGES = 50  # a guard against a server whose pages never end


def _fetch_token(builder: RequestBuilder) -> Flow[None]:
    try:
        builder.tokens.accept((yield builder.iam_token()))
    except AuthError as error:
        # The status table's advice speaks of AK/SK; this was a password.
        error.advice = IAM_REFUSED
        error.args = (error.sentence,)
        raise


def authenticated(builder: RequestBuilder, flow: Flow[T]) -> Flow[T]:
    """Fetch (or renew) the IAM token first when the credentials are a password.

    IAM says a token can stop working before it expires (password or permission change,
    arrears): on a 401 from ModelArts, drop it, get a new one once and send the call once more.
    """
    if builder.needs_token:
        yield from _fetch_token(builder)
    refreshed = False
    try:
        call = next(flow)
        while True:
            try:
                response = yield call
            except AuthError as error:
                if refreshed or not builder.uses_token or error.status != 401:
                    call = flow.throw(error)
                    continue
                refreshed = True
                builder.tokens.forget()
                yield from _fetch_token(builder)
                continue  # the same call again, with the new token
            except ModelArtsError as error:
                call = flow.throw(error)
                continue
            call = flow.send(response)
    except StopIteration as done:
        return done.value


def _page(response: Response, model) -> Page:
    data = response.json() or {}
    items = [model.from_json(item) for item in data.get("data") or [] if isinstance(item, dict)]
    return Page(
        items=items,
        total=int(data.get("total") or len(items)),
        current=int(data.get("current") or 0),
        pages=int(data.get("pages") or 0),  # 0: not said
        size=int(data.get("size") or 0),
    )


def get_notebook(builder: RequestBuilder, notebook_id: str) -> Flow[Notebook]:
    return Notebook.from_json((yield builder.get_notebook(notebook_id)).json())


def current_notebook(builder: RequestBuilder) -> Flow[Notebook | None]:
    """The user's CodeLab instance (``feature=DEFAULT``), in full detail, or None."""
    page = _page((yield builder.list_notebooks(feature="DEFAULT")), Notebook)
    live = [nb for nb in page.items if nb.status not in GONE and (nb.feature or "DEFAULT") == "DEFAULT"]
    if not live:
        return None
    newest = max(live, key=lambda nb: nb.create_at or 0)
    return Notebook.from_json((yield builder.get_notebook(newest.id)).json())


def open_notebook(builder: RequestBuilder, image_id: str | None = None, share_url: str | None = None) -> Flow[Notebook]:
    """Open the CodeLab instance, starting it again if ModelArts hands back a stopped one
    (opening means "give me a running instance", from every face)."""
    notebook = yield from _open_once(builder, image_id, share_url)
    if notebook.status == NotebookStatus.STOPPED:
        notebook = Notebook.from_json((yield builder.start(notebook.id)).json())
    return notebook


def _open_once(builder: RequestBuilder, image_id: str | None, share_url: str | None) -> Flow[Notebook]:
    """After an ambiguous failure (timeout, reset, 5xx, garbled answer) the instance may
    exist: look for it rather than opening a second time."""
    try:
        response = yield builder.open(image_id, share_url)
        return Notebook.from_json(response.json())
    except UpstreamUnavailable as failure:
        try:
            existing = yield from current_notebook(builder)
        except ModelArtsError:
            existing = None
        if existing is not None:
            return existing
        failure.advice = failure.advice.rstrip(".") + "; no instance was found afterwards, so try opening again"
        failure.args = (failure.sentence,)
        raise failure


def list_images(builder: RequestBuilder, page_size: int = IMAGE_PAGE_SIZE) -> Flow[list[Image]]:
    """Every image: ModelArts pages the list (limit/offset; list_image_request.py), so follow
    the pages until ``total`` (or ``pages``) is reached, a page is empty or repeats itself."""
    images: list[Image] = []
    seen: set[str] = set()
    for number in range(1, MAX_IMAGE_PAGES + 1):
        page = _page((yield builder.list_images(limit=page_size, offset=len(images))), Image)
        fresh = [image for image in page.items if image.id not in seen]
        seen.update(image.id for image in fresh)
        images.extend(fresh)
        if not fresh or len(images) >= page.total or (page.pages and number >= page.pages):
            break
    return images


def get_lease(builder: RequestBuilder, notebook_id: str) -> Flow[Lease]:
    return Lease.from_json((yield builder.get_lease(notebook_id)).json())


def renew_lease(
    builder: RequestBuilder, notebook_id: str, duration_ms: int | None = None, lease_type: str = "TIMING"
) -> Flow[Lease]:
    return Lease.from_json((yield builder.renew_lease(notebook_id, duration_ms, lease_type)).json())


def stop(builder: RequestBuilder, notebook_id: str) -> Flow[Notebook]:
    return Notebook.from_json((yield builder.stop(notebook_id)).json())


def start(builder: RequestBuilder, notebook_id: str, duration_ms: int | None = None) -> Flow[Notebook]:
    return Notebook.from_json((yield builder.start(notebook_id, duration_ms)).json())
