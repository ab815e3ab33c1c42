"""The image list as a table (``%codelab images``, ``jupyter codelab images``)."""

from __future__ import annotations

import html

from jupyter_codelab.client.inputs import image_label
from jupyter_codelab.i18n import _

COLUMNS = ("name:tag", "processor", "arch", "id")


def image_rows(catalogue: dict) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for image in catalogue.get("images") or []:
        label = image_label(image) + (" " + _("(default)") if image.get("id") == catalogue.get("default_image_id") else "")
        rows.append((label, image.get("processor") or "", image.get("arch") or "", image.get("id") or ""))
    return rows


def table_text(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in [COLUMNS, *rows]
    )


# JupyterLab right-aligns rendered table cells (made for numbers): names read better from the left.
_LEFT = 'style="text-align:left"'


def table_html(rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th {_LEFT}>{html.escape(c)}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td {_LEFT}>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="codelab-images"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
