"""What AK/SK signing costs per request, next to a bare SHA-256 of the same body.

Run: .venv/bin/python bench/bench_signing.py [--rounds 7]
Prints the median over rounds of the per-call time in microseconds, for a typical
``POST /v1/{project_id}/notebooks/open`` (JSON body with a Base64 share_url), and the
same with huaweicloudsdkcore's signer when it is installed (imported with HOME set to a
temporary folder, because importing it writes ``$HOME/.huaweicloud``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import timeit
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jupyter_codelab.modelarts.share_url import encode_share_url  # noqa: E402
from jupyter_codelab.modelarts.signing import AkSkSigner  # noqa: E402

HOST = "modelarts.cn-north-4.myhuaweicloud.com"
PROJECT = "0123456789abcdef0123456789abcdef"
PATH = f"/v1/{PROJECT}/notebooks/open"
URL = f"https://{HOST}{PATH}"
BODY = json.dumps(
    {
        "image_id": "e1a07296-22a8-4f05-8bc8-e936c8e54090",
        "share_url": encode_share_url(
            "https://github.com/huaweicloud/ModelArts-Lab/blob/master/notebook/DL_image_recognition/image_recongition.ipynb"
        ),
    }
)
HEADERS = {"Content-Type": "application/json;charset=UTF-8", "User-Agent": "jupyter-codelab"}
AK, SK = "QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"


def per_call_microseconds(call, rounds: int) -> float:
    """Median per-call time; each round runs long enough (about 0.2 s) to swamp timer noise."""
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=rounds, number=number)) / number * 1e6


def sdk_sign_call():
    """huaweicloudsdkcore's signer, or None when the package is not installed."""
    saved = os.environ.get("HOME")
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = home
        try:
            from huaweicloudsdkcore.sdk_request import SdkRequest
            from huaweicloudsdkcore.signer.signer import Signer
        except ImportError:
            return None
        finally:
            if saved is None:
                del os.environ["HOME"]
            else:
                os.environ["HOME"] = saved
    signer = Signer(SimpleNamespace(ak=AK, sk=SK))

    def call():
        # The SDK signs a request object in place, so each call builds a fresh one (as the SDK's client does).
        request = SdkRequest(
            method="POST",
            schema="https",
            host=HOST,
            resource_path=PATH,
            query_params=[],
            header_params={**HEADERS, "X-Project-Id": PROJECT},
            body=BODY,
        )
        return signer.sign(request)

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds per measurement (median is printed)")
    args = parser.parse_args()

    ours = AkSkSigner(AK, SK, project_id=PROJECT)
    body_bytes = BODY.encode("utf-8")
    rows = [
        ("hashlib.sha256(body) (baseline)", lambda: hashlib.sha256(body_bytes).hexdigest()),
        ("jupyter_codelab AkSkSigner.sign", lambda: ours.sign("POST", URL, HEADERS, BODY)),
    ]
    sdk_call = sdk_sign_call()
    if sdk_call is not None:
        rows.append(("huaweicloudsdkcore Signer.sign", sdk_call))

    print(
        f"Signing a POST {PATH} with a {len(body_bytes)}-byte JSON body; median of {args.rounds} rounds, Python {sys.version.split()[0]}"
    )
    baseline = None
    for label, call in rows:
        micros = per_call_microseconds(call, args.rounds)
        baseline = baseline or micros
        print(f"  {label:<34} {micros:9.2f} µs/call   ({micros / baseline:6.1f}x baseline)")
    if sdk_call is None:
        print("  huaweicloudsdkcore not installed: SDK row skipped")


if __name__ == "__main__":
    main()
