"""One table of user mistakes, made through the REST API, the magics and the command line.

Each gets a clear sentence naming what is wrong (a 400 with the field, a UsageError, exit
code 2 with the message on stderr), and ModelArts sees nothing: no open, no renewal.
"""

import subprocess
import sys

import pytest
from IPython.core.error import UsageError
from IPython.core.interactiveshell import InteractiveShell

# (what, REST call, magic line, CLI arguments, a word the sentence must contain)
TABLE = [
    ("ftp share url", ("POST", "notebooks/open", {"share_url": "ftp://e.org/a.ipynb"}),
     "open --share-url ftp://e.org/a.ipynb", ["open", "--share-url", "ftp://e.org/a.ipynb"], "http"),
    ("not a notebook", ("POST", "notebooks/open", {"share_url": "https://e.org/readme.md"}),
     "open --share-url https://e.org/readme.md", ["open", "--share-url", "https://e.org/readme.md"], ".ipynb"),
    ("credentials in the url", ("POST", "notebooks/open", {"share_url": "https://u:p@e.org/a.ipynb"}),
     "open --share-url https://u:p@e.org/a.ipynb", ["open", "--share-url", "https://u:p@e.org/a.ipynb"], "password"),
    ("unknown image", ("POST", "notebooks/open", {"image_id": "no-such-image"}),
     "open --image no-such-image", ["open", "--image", "no-such-image"], "image"),
    ("too long a lease", ("PATCH", "notebooks/{id}/lease", {"hours": 100}),
     "extend --hours 100", ["extend", "--hours", "100"], "72"),
    ("hours not a number", ("PATCH", "notebooks/{id}/lease", {"hours": "two"}),
     "extend --hours two", ["extend", "--hours", "two"], "hours"),
]  # fmt: skip


@pytest.fixture(scope="module")
def instance(jupyter, upstream):
    upstream.control("POST", "reset")
    answer = jupyter.api("POST", "codelab/api/notebooks/open", json={})
    assert answer.status_code == 200
    return answer.json()["id"]


@pytest.fixture
def untouched(upstream, instance):
    """Asserts after the test that ModelArts saw no open and no renewal."""
    before = upstream.state()["calls"]
    yield
    after = upstream.state()["calls"]
    assert (after.get("open", 0), after.get("renew", 0)) == (before.get("open", 0), before.get("renew", 0))


@pytest.fixture(autouse=True)
def _fresh(upstream):  # keep the module's instance (overrides the package-wide reset)
    yield


@pytest.fixture(scope="module")
def shell(jupyter, instance):
    ip = InteractiveShell.instance()  # the process's one shell, whichever test directory made it first
    import os

    os.environ.update(CODELAB_API_URL=jupyter.url + "codelab/api/", CODELAB_API_TOKEN=jupyter.token)
    ip.run_line_magic("load_ext", "jupyter_codelab")
    yield ip
    for name in ("CODELAB_API_URL", "CODELAB_API_TOKEN"):
        os.environ.pop(name, None)


@pytest.mark.parametrize("what, rest, magic, cli, word", TABLE, ids=[row[0] for row in TABLE])
def test_rest(jupyter, instance, untouched, what, rest, magic, cli, word):
    method, path, body = rest
    answer = jupyter.api(method, "codelab/api/" + path.format(id=instance), json=body)
    assert answer.status_code == 400
    error = answer.json()
    assert word.lower() in error["message"].lower() and error["field"] in ("share_url", "image_id", "hours")


@pytest.mark.parametrize("what, rest, magic, cli, word", TABLE, ids=[row[0] for row in TABLE])
def test_magic(shell, untouched, what, rest, magic, cli, word):
    with pytest.raises(UsageError) as caught:
        shell.run_line_magic("codelab", magic)
    assert word.lower() in str(caught.value).lower() and "Traceback" not in str(caught.value)


@pytest.mark.parametrize("what, rest, magic, cli, word", TABLE, ids=[row[0] for row in TABLE])
def test_cli(jupyter, untouched, what, rest, magic, cli, word):
    command = [sys.executable, "-m", "jupyter_codelab.cli", *cli, "--server-url", jupyter.url, "--token", jupyter.token]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(jupyter.root)}
    )
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert word.lower() in result.stderr.lower() and "Traceback" not in result.stderr
