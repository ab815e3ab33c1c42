"""``--with``, ``--with-detected`` and ``--with-repo`` in ``jupyter codelab open`` (a terminal of the real server) and
``%codelab`` (a kernel it started), against the simulated OBS and the stand-in repository host."""

import json

from tests.server.helpers import until

from .conftest import notebook_bytes
from .test_send_cli import codelab, terminal_env
from .test_send_magics import run, session_kernel, text_of  # noqa: F401 - session_kernel is a fixture
from .test_send_repository import codelab_config, host, page  # noqa: F401 - fixtures: the stand-in host's settings

READER = "import utils\nrows = open('data/train.csv').read()"


def write_tree(root) -> dict[str, bytes]:
    files = {"work/data/train.csv": b"a,b\n1,2\n", "work/data/test.csv": b"a,b\n", "work/utils.py": b"X = 1\n"}
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    (root / "work/lab.ipynb").write_bytes(notebook_bytes(READER))
    (root / "work/plain.ipynb").write_bytes(notebook_bytes("print(1)"))
    return files


async def sent_copy(simulator) -> dict:
    download = await until(lambda: simulator.obs.downloads and simulator.obs.downloads[-1].ended and simulator.obs.downloads[-1])
    return json.loads(download.body)


def fetched_paths(copy: dict) -> list[str]:
    cell = "".join(copy["cells"][0]["source"])
    assert copy["cells"][0]["metadata"]["tags"] == ["codelab-files"]
    return sorted(line.split("'")[1] for line in cell.splitlines() if line.startswith("    ('"))


async def test_cli_with_and_with_detected(jp_serverapp, http_server, jp_root_dir, simulator):
    write_tree(jp_root_dir)
    cwd = jp_root_dir / "work"
    code, out, err = await codelab(cwd, "open", "./lab.ipynb", "--no-wait", env=terminal_env())
    assert code == 2 and "It reads work/data/train.csv, work/utils.py here, not sent: add --with PATH" in out + err, out
    code, out, err = await codelab(cwd, "open", "./lab.ipynb", "--with", "data/", "--create-bucket", "--no-wait",
                                   env=terminal_env())  # fmt: skip
    assert code == 0, err
    assert "With 2 files (0.00 MB): work/data/test.csv, work/data/train.csv." in out and "With 2 files: 2 uploaded" in out
    assert fetched_paths(await sent_copy(simulator)) == ["data/test.csv", "data/train.csv"]
    code, out, err = await codelab(cwd, "open", "lab.ipynb", "--with-detected", "--no-wait", env=terminal_env())
    assert code == 0 and "With 2 files: 1 uploaded" in out, out  # train.csv was in OBS already
    assert fetched_paths(await sent_copy(simulator)) == ["data/train.csv", "utils.py"]
    code, out, err = await codelab(cwd, "open", "./lab.ipynb", "--with", "../../outside.csv", env=terminal_env())
    assert code == 2 and "outside the Jupyter server's root" in err
    code, out, err = await codelab(cwd, "open", "--share-url", "https://x.org/a.ipynb", "--with", "data", env=terminal_env())
    assert code == 2 and "--with and --with-detected send files from here with a local notebook" in err


async def test_cli_with_repo_opens_the_repository_s_notebook(jp_serverapp, http_server, jp_root_dir, simulator, host):
    code, out, err = await codelab(jp_root_dir, "open", "--share-url", page(host, "week1/lab.ipynb"), "--with-repo",
                                   "--create-bucket", "--no-wait", "--json", env=terminal_env())  # fmt: skip
    assert code == 0, err
    assert "Simulated: the notebook and its repository cell went to the simulated OBS" in err
    assert "repository" not in json.loads(out) and "codelab_unpack_repository(" in "".join(
        (await sent_copy(simulator))["cells"][0]["source"]
    )
    code, out, err = await codelab(jp_root_dir, "open", "--with-repo", env=terminal_env())
    assert code == 2 and "--with-repo goes with --share-url" in err


async def test_magics_with_with_detected_and_with_repo(session_kernel, jp_root_dir, simulator, host):  # noqa: F811
    write_tree(jp_root_dir)
    async with session_kernel("work/lab.ipynb") as km:
        cells = await run(
            km,
            "%load_ext jupyter_codelab",
            "%codelab send --with utils.py --with data/train.csv --create-bucket --no-wait",
            "%codelab send plain.ipynb --with-detected --no-wait",
            f"%codelab open --share-url {page(host, 'week1/lab.ipynb')} --with-repo --no-wait",
        )
    assert "With 2 files" in text_of(cells[1]) and "With 2 files: 2 uploaded" in text_of(cells[1]), text_of(cells[1])
    first, plain, repository = (json.loads(d.body) for d in simulator.obs.downloads[-3:])
    assert fetched_paths(first) == ["data/train.csv", "utils.py"]
    assert plain == json.loads(notebook_bytes("print(1)"))  # reads nothing: nothing added
    assert "Simulated: the notebook and its repository cell" in text_of(cells[3]), text_of(cells[3])
    assert "codelab_unpack_repository(" in "".join(repository["cells"][0]["source"])
