"""``%codelab doctor`` in a real kernel started by a real server (the server runs the checks), and in a
kernel without a server (the checks run from the kernel, against the simulator)."""

from __future__ import annotations

from server_fixtures import codelab_server, jp_server_config  # noqa: F401 - fixtures
from test_kernel_login import cloud, kernel, run  # noqa: F401 - fixtures (cloud: where kernel's server would connect)


async def test_doctor_asks_the_server(kernel):
    async with kernel() as kc:
        await run(kc, "%load_ext jupyter_codelab")
        out, _ = await run(kc, "%codelab doctor")
        assert "CodeLab doctor (simulated), checked by the Jupyter server at http://" in out, out
        assert "✓ ModelArts: ModelArts at 127.0.0.1:" in out and "All is well." in out
        out, _ = await run(kc, "r = %codelab doctor --json\nprint('report', r['ok'], r['checked_by'], len(r['checks']))")
        assert "report True server 10" in out, out


def test_doctor_without_a_server_checks_from_the_kernel(ipython, simulator):
    report = ipython.run_line_magic("codelab", "doctor --json")
    assert report["ok"] is True and report["checked_by"] == "direct" and report["simulated"] is True
    simulator.control("POST", "faults", {"kind": "clock_skew", "seconds": -900})
    report = ipython.run_line_magic("codelab", "doctor --json")
    clock = next(check for check in report["checks"] if check["id"] == "clock")
    assert report["ok"] is False and clock["ok"] is False and "ahead of" in clock["detail"] and "timedatectl" in clock["fix"]
