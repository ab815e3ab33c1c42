"""The "Run in ModelArts" badge for a notebook link (``%codelab badge``, ``jupyter codelab badge``)."""

from __future__ import annotations

from collections.abc import Callable

from jupyter_codelab.client.inputs import InputError, check_share_url, is_uuid, resolve_image


def badge_for(url: str, image: str | None, catalogue: Callable[[], dict]) -> tuple[str, str]:
    """``(markdown, link)``; ``catalogue()`` (the image list) is only called to resolve an image name."""
    from jupyter_codelab.modelarts.share_url import ImageIdError, badge_markdown, run_in_modelarts_url

    check_share_url(url, "URL")
    image_id = None
    if image is not None:
        image_id = image.strip().lower() if is_uuid(image.strip()) else resolve_image(catalogue(), image)["id"]
    try:
        return badge_markdown(url, image_id), run_in_modelarts_url(url, image_id)
    except ImageIdError as exc:
        raise InputError(str(exc).replace("image_id", "--image", 1)) from None
