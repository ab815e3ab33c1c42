"""``python -m jupyter_codelab.simulator --port 8010 [--ak AK --sk SK] [--project-id ID] [--step-seconds S] [--certfile PEM [--keyfile PEM]]``."""

from __future__ import annotations

import argparse
import sys

from .config import DEMO_ACCESS_KEY, DEMO_PROJECT_ID, DEMO_SECRET_KEY
from .standalone import run_standalone


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jupyter_codelab.simulator",
        description="Serve a simulated ModelArts CodeLab API. Without --ak/--sk it uses public demo credentials.",
        epilog=f"Demo credentials (public values, not secrets): AK {DEMO_ACCESS_KEY}, SK {DEMO_SECRET_KEY}, "
        f"project id {DEMO_PROJECT_ID}.",
    )
    parser.add_argument("--port", type=int, default=8010, help="port to listen on (0: any free port; default 8010)")
    parser.add_argument("--address", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--ak", dest="access_key", help="access key clients will sign with")
    parser.add_argument("--sk", dest="secret_key", help="secret key clients will sign with")
    parser.add_argument("--project-id", help="32-hex project id (default: the demo project)")
    parser.add_argument("--step-seconds", type=float, default=2.0, help="seconds per creation step (default 2)")
    parser.add_argument("--certfile", help="serve HTTPS with this PEM certificate (clients trust it through CODELAB_CA_BUNDLE)")
    parser.add_argument("--keyfile", help="the certificate's private key, when not in --certfile")
    args = parser.parse_args(argv)
    if bool(args.access_key) != bool(args.secret_key):
        parser.error("give both --ak and --sk, or neither to use the demo credentials")
    if args.step_seconds < 0:
        parser.error("--step-seconds must be >= 0")
    try:
        run_standalone(
            args.port,
            args.address,
            args.access_key,
            args.secret_key,
            args.project_id,
            args.step_seconds,
            args.certfile,
            args.keyfile,
        )
    except (ValueError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
