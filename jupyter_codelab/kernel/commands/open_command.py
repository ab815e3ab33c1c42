"""``%codelab open``: open (or find) the instance and show a panel following it."""

from __future__ import annotations

from jupyter_codelab.client import actions, send_flow
from jupyter_codelab.client.inputs import check_share_url, resolve_image
from jupyter_codelab.client.open_target import open_target
from jupyter_codelab.kernel.commands.common import backend, follow


def run_open(args):
    local, share_url = open_target(args.notebook, args.share_url, args.local)
    send_flow.check_with_options(local, share_url, args)
    if local is not None or args.with_repo:
        from jupyter_codelab.kernel.commands.send import send_and_follow

        image_id = resolve_image(backend().images(), args.image)["id"] if args.image is not None else None
        if local is None and share_url is not None:  # --with-repo: check_with_options made sure of the link
            check_share_url(share_url)
            return send_and_follow(None, args, image_id, share_url=share_url)
        return send_and_follow(local, args, image_id)
    if share_url is not None:
        check_share_url(share_url)
    actions.check_timeout(args.timeout)
    from jupyter_codelab.kernel import panel_registry
    from jupyter_codelab.kernel.panel import CodeLabPanel

    chosen = backend()
    image_id = resolve_image(chosen.images(), args.image)["id"] if args.image is not None else None
    panel = CodeLabPanel(backend=chosen)
    panel.state.image_id = image_id
    panel.state.share_url = share_url or ""
    handle = panel_registry.show(panel)
    panel.open_instance(raise_errors=True)
    if panel.state.notice:
        print(panel.state.notice)
    return follow(panel, handle, args.no_wait, args.timeout)
