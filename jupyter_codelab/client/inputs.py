"""Checks of what a person typed (magics, panel, CLI), each failing with a sentence.

They raise ``InputError`` (a ValueError) naming the field and the fix; the
magics turn it into IPython's ``UsageError`` and the CLI into exit code 2.
Nothing here talks to the network.
"""

from __future__ import annotations

from jupyter_codelab.i18n import _
from jupyter_codelab.modelarts.limits import MAX_HOURS, MIN_HOURS, is_uuid
from jupyter_codelab.modelarts.share_url import ShareUrlError, decode_share_url, encode_share_url


class InputError(ValueError):
    """A user mistake; ``str(e)`` is the sentence to show."""


def check_hours(hours, field: str = "--hours") -> int:
    try:
        value = float(hours)
    except (TypeError, ValueError):
        raise InputError(_hours_sentence(field, hours)) from None
    if value != int(value) or not MIN_HOURS <= value <= MAX_HOURS:
        raise InputError(_hours_sentence(field, hours))
    return int(value)


def _hours_sentence(field: str, hours) -> str:
    return _("{field} must be a whole number of hours from {min} to {max}, got {value}.").format(
        field=field, min=MIN_HOURS, max=MAX_HOURS, value=repr(hours)
    )


def check_share_url(text: str, field: str = "--share-url") -> tuple[str, str]:
    """``(base64, url)`` for a pasted notebook link; the URL is the normalised one ModelArts will fetch."""
    try:
        encoded = encode_share_url(text)
    except ShareUrlError as exc:
        raise InputError(_with_field(str(exc), field)) from None
    return encoded, decode_share_url(encoded)


def _with_field(sentence: str, field: str) -> str:
    return sentence.replace("share_url", field, 1) if sentence.startswith("share_url") else f"{field}: {sentence}"


def image_label(image: dict) -> str:
    tag = f":{image['tag']}" if image.get("tag") else ""
    return f"{image.get('name') or image.get('id')}{tag}"


def resolve_image(catalogue: dict, wanted: str, field: str = "--image") -> dict:
    """The image whose id is ``wanted``, or the one image whose name, tag or ``name:tag`` matches it.

    ``catalogue`` is the ``{images, default_image_id}`` answer of the backend.
    """
    wanted = (wanted or "").strip()
    images = catalogue.get("images") or []
    if not wanted:
        raise InputError(_("{field} is empty: give an image id or name (see `%codelab images`).").format(field=field))
    by_id = [image for image in images if (image.get("id") or "").lower() == wanted.lower()]
    if by_id:
        return by_id[0]
    if is_uuid(wanted):
        raise InputError(
            _("{field}: no image has the id {wanted}; list the images with `%codelab images`.").format(field=field, wanted=wanted)
        )
    needle = wanted.lower()
    exact = [
        image
        for image in images
        if needle in {(image.get("name") or "").lower(), image_label(image).lower(), (image.get("tag") or "").lower()}
    ]
    matches = exact or [image for image in images if needle in image_label(image).lower()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(image_label(image) for image in images) or _("none")
        raise InputError(
            _("{field}: no image matches '{wanted}'; the images are: {known}. Use one of these names (or its id).").format(
                field=field, wanted=wanted, known=known
            )
        )
    names = ", ".join(image_label(image) for image in matches)
    raise InputError(
        _("{field}: '{wanted}' matches {count} images ({names}); give the full name:tag or the image id.").format(
            field=field, wanted=wanted, count=len(matches), names=names
        )
    )
