"""The widgets of the panel's "Send a local notebook" section, and how they show a ``SendState``.

A path field, Preview, the preview's rows, a checkbox per file the notebook reads (ticked), their
total, then Send and Send and open. ``render`` writes the state into them and never changes it; the
checkboxes are built again only when a new preview arrives.
"""

from __future__ import annotations

import ipywidgets as widgets  # type: ignore[import-untyped]  # ships no type information

from jupyter_codelab.i18n import N_, _
from jupyter_codelab.kernel import panel_send_view as view
from jupyter_codelab.kernel.panel_state import SendState

FIELD_WIDTH = "min(100%, 520px)"
TITLE = N_("Send a local notebook")


class SendChildren:
    def __init__(self) -> None:
        self.path = widgets.Text(description=_("Notebook"), placeholder="work/analysis.ipynb")
        self.path.layout.width = FIELD_WIDTH
        self.hint = widgets.HTML(view.hint_html())
        self.preview_button = widgets.Button(description=_("Preview"), icon="search", tooltip=_("Show what would be sent"))
        self.strip = widgets.Checkbox(description=_("Strip outputs first (smaller upload)"), indent=False)
        self.preview = widgets.HTML()
        self.files_heading = widgets.HTML()
        self.files = widgets.VBox()
        self.boxes: dict[str, widgets.Checkbox] = {}
        self.skipped = widgets.HTML()
        self.total = widgets.HTML()
        self.note = widgets.HTML()
        self.send_button = widgets.Button(description=_("Send"), icon="upload")
        opens = _("Upload this notebook to your OBS bucket (private) and open it in a ModelArts CodeLab instance")
        self.open_button = widgets.Button(description=_("Send and open"), button_style="primary", icon="rocket", tooltip=opens)
        self.bar = widgets.IntProgress(value=0, min=0, max=100)
        self.message = widgets.HTML()
        self.error = widgets.HTML()
        self.body = widgets.VBox([
            widgets.HBox([self.path, self.preview_button]), self.hint, self.strip, self.preview, self.files_heading,
            self.files, self.skipped, self.total, self.note, widgets.HBox([self.send_button, self.open_button]), self.bar,
            self.message, self.error,
        ])  # fmt: skip
        self.box = widgets.Accordion(children=[self.body], titles=(_(TITLE),))
        self._shown_preview: dict = {}

    def show_files(self, preview: dict, chosen: list[str], on_tick) -> None:
        """One checkbox a file or folder the notebook reads; ``on_tick(path, ticked)`` hears each click."""
        for box in self.boxes.values():
            box.close()
        self.boxes, rows = {}, []
        for row in preview.get("detected_files") or []:
            box = widgets.Checkbox(value=row["path"] in chosen, description=view.row_label(row), indent=False)
            box.layout.width = "auto"
            box.observe(lambda change, path=row["path"]: on_tick(path, change["new"]), "value")
            self.boxes[row["path"]] = box
            rows.append(widgets.HBox([box, widgets.HTML(view.row_html(row))]))
        for old in self.files.children:
            for child in old.children:
                child.close()
            old.close()
        self.files.children = rows
        self._shown_preview = preview

    def render(self, state: SendState, on_tick, others_busy: bool = False) -> None:
        """Show what is true now; the Send buttons wait for a preview of the path in the field."""
        preview, busy = state.preview, bool(state.acting)
        if preview is not self._shown_preview:
            self.show_files(preview, state.chosen, on_tick)
        for path, box in self.boxes.items():
            box.value, box.disabled = path in state.chosen, busy
        if self.path.value != state.path:
            self.path.value = state.path
        self.strip.value = state.strip_outputs
        self.preview.value = view.preview_html(preview)
        self.files_heading.value = view.files_heading(preview)
        self.skipped.value = view.skipped_html(preview)
        self.total.value = view.total_html(preview, state.ticked())
        self.note.value = view.note_html(preview)
        self.preview_button.description = _("Previewing…") if state.acting == "preview" else _("Preview")
        self.preview_button.disabled = busy or not state.path.strip()
        cannot_send = busy or not preview or bool(preview.get("too_large"))
        self.send_button.disabled = cannot_send
        self.open_button.disabled = cannot_send or others_busy
        creates = bool(preview.get("create_bucket_needed"))
        self.send_button.description = _("Sending…") if state.acting == "send" else (
            _("Create the bucket and send") if creates else _("Send"))  # fmt: skip
        self.open_button.description = _("Sending…") if state.acting == "open" else (
            _("Create the Bucket and Open") if creates else _("Send and open"))  # fmt: skip
        self.bar.value = state.progress
        self.bar.layout.display = "" if state.acting in ("send", "open") or state.progress else "none"
        self.message.value = view.message_html(state.message)
        self.error.value = view.error_html(state.error)
        for control in (self.path, self.strip):
            control.disabled = busy
