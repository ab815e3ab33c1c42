"""How long `%load_ext jupyter_codelab` takes, next to `import ipywidgets` alone.

Each figure is measured in a fresh Python process (cold imports, warm disk
cache), repeated; the median and the fastest run are printed.

    .venv/bin/python bench/bench_load_ext.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Each snippet prints the seconds spent in the part being measured, and what got imported.
PRELUDE = "import json, sys, time\n"
REPORT = (
    "print(json.dumps({'seconds': elapsed, 'ipywidgets': 'ipywidgets' in sys.modules, 'requests': 'requests' in sys.modules}))\n"
)
CASES = {
    "import ipywidgets": "t = time.perf_counter()\nimport ipywidgets\nelapsed = time.perf_counter() - t\n",
    "%load_ext jupyter_codelab": (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "t = time.perf_counter()\n"
        "shell.run_line_magic('load_ext', 'jupyter_codelab')\n"
        "elapsed = time.perf_counter() - t\n"
    ),
    "%load_ext + import the panel": (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "t = time.perf_counter()\n"
        "shell.run_line_magic('load_ext', 'jupyter_codelab')\n"
        "import jupyter_codelab.kernel.panel\n"
        "elapsed = time.perf_counter() - t\n"
    ),
    "IPython shell alone (context)": (
        "t = time.perf_counter()\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "elapsed = time.perf_counter() - t\n"
    ),
}


def measure(code: str) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", PRELUDE + code + REPORT], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {args.runs} fresh processes per case\n")
    print(f"{'case':<32} {'median ms':>10} {'best ms':>9}  imports ipywidgets / requests")
    for name, code in CASES.items():
        results = [measure(code) for _ in range(args.runs)]
        times = [r["seconds"] * 1000 for r in results]
        last = results[-1]
        print(f"{name:<32} {statistics.median(times):>10.1f} {min(times):>9.1f}  {last['ipywidgets']!s:<5} / {last['requests']}")


if __name__ == "__main__":
    main()
