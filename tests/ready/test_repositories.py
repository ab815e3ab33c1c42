"""Repository links: the parts of a notebook's link on each host, and its raw and archive links."""

from __future__ import annotations

import pytest

from jupyter_codelab.modelarts.repository_url import REPOSITORY_HOSTS
from jupyter_codelab.modelarts.share_url import ShareUrlError, encode_share_url
from jupyter_codelab.ready.repositories import hosts_from_config, repository_link

CASES = [
    (
        "github blob",
        "https://github.com/org/repo/blob/main/notebooks/ch1/intro.ipynb",
        ("github", "org", "repo", "main", "notebooks/ch1/intro.ipynb"),
        "https://raw.githubusercontent.com/org/repo/main/notebooks/ch1/intro.ipynb",
        "https://codeload.github.com/org/repo/tar.gz/main",
    ),
    (
        "github raw host, a tag",
        "https://raw.githubusercontent.com/org/repo/v1.2/intro.ipynb",
        ("github", "org", "repo", "v1.2", "intro.ipynb"),
        "https://raw.githubusercontent.com/org/repo/v1.2/intro.ipynb",
        "https://codeload.github.com/org/repo/tar.gz/v1.2",
    ),
    (
        "github /raw/ page at a commit, pasted without scheme",
        "github.com/o/r/raw/0123abcd/a/b.ipynb",
        ("github", "o", "r", "0123abcd", "a/b.ipynb"),
        "https://raw.githubusercontent.com/o/r/0123abcd/a/b.ipynb",
        "https://codeload.github.com/o/r/tar.gz/0123abcd",
    ),
    (
        "gitlab subgroup blob with ref_type",
        "https://gitlab.com/g/sub/proj/-/blob/v2/d/x.ipynb?ref_type=tags",
        ("gitlab", "g/sub", "proj", "v2", "d/x.ipynb"),
        "https://gitlab.com/g/sub/proj/-/raw/v2/d/x.ipynb?ref_type=tags",
        "https://gitlab.com/g/sub/proj/-/archive/v2/proj-v2.tar.gz",
    ),
    (
        "gitlab raw",
        "https://gitlab.com/g/proj/-/raw/main/x.ipynb",
        ("gitlab", "g", "proj", "main", "x.ipynb"),
        "https://gitlab.com/g/proj/-/raw/main/x.ipynb",
        "https://gitlab.com/g/proj/-/archive/main/proj-main.tar.gz",
    ),
    (
        "gitee blob",
        "https://gitee.com/o/r/blob/master/lesson/x.ipynb",
        ("gitee", "o", "r", "master", "lesson/x.ipynb"),
        "https://gitee.com/o/r/raw/master/lesson/x.ipynb",
        "https://gitee.com/o/r/repository/archive/master.zip",
    ),
    (
        "gitee raw, given as Base64",
        encode_share_url("https://gitee.com/o/r/raw/dev/x.ipynb"),
        ("gitee", "o", "r", "dev", "x.ipynb"),
        "https://gitee.com/o/r/raw/dev/x.ipynb",
        "https://gitee.com/o/r/repository/archive/dev.zip",
    ),
]


@pytest.mark.parametrize(("pasted", "parts", "raw", "archive"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_host_s_links_parse_to_their_parts_raw_and_archive_links(pasted, parts, raw, archive):
    link = repository_link(pasted)
    assert (link.file.kind, link.file.owner, link.file.repo, link.file.ref, link.file.path) == parts
    assert link.raw_url == raw and link.archive_url == archive
    assert encode_share_url(pasted) == encode_share_url(raw)  # what ModelArts is given: the same raw link


def test_folder_names_and_the_notebook_s_folder():
    link = repository_link("https://github.com/o/My%20Repo/blob/feature%2Fx/deep/dir%20x/n.ipynb")
    assert link.folder == "My-Repo-feature-x" and link.notebook_folder == "deep/dir x"
    assert repository_link("https://github.com/o/r/blob/main/n.ipynb").notebook_folder == ""


@pytest.mark.parametrize(
    "pasted",
    ["https://example.com/x.ipynb", "https://github.com/o/r/issues/1.ipynb", "https://git.example.org/t/p/-/blob/main/x.ipynb"],
)
def test_links_elsewhere_are_no_repository(pasted):
    assert repository_link(pasted) is None  # a self-hosted GitLab is fetched only when configured


def test_not_a_notebook_link_and_dot_dot_paths_are_refused():
    with pytest.raises(ShareUrlError, match="notebook file"):
        repository_link("https://github.com/o/r/blob/main/train.py")
    with pytest.raises(ShareUrlError, match="'..'"):
        repository_link("https://github.com/o/r/blob/main/../../x.ipynb")


def test_configured_hosts_replace_the_defaults():
    hosts = hosts_from_config({"github": {"kind": "github", "web": "http://127.0.0.1:9/gh", "raw": "http://127.0.0.1:9/ghraw",
                                          "archive": "http://127.0.0.1:9/codeload/"},
                               "corp": {"kind": "gitlab", "web": "https://git.corp.example"}})  # fmt: skip
    link = repository_link("http://127.0.0.1:9/gh/o/r/blob/main/n.ipynb", hosts)
    assert link.raw_url == "http://127.0.0.1:9/ghraw/o/r/main/n.ipynb"
    assert link.archive_url == "http://127.0.0.1:9/codeload/o/r/tar.gz/main"
    corp = repository_link("https://git.corp.example/t/p/-/blob/main/x.ipynb", hosts)
    assert corp.archive_url == "https://git.corp.example/t/p/-/archive/main/p-main.tar.gz"
    assert repository_link("https://github.com/o/r/blob/main/n.ipynb", hosts) is None  # only the configured hosts
    assert set(REPOSITORY_HOSTS) == {"github", "gitlab", "gitee"}


@pytest.mark.parametrize(
    ("entry", "sentence"),
    [
        ({"kind": "svn", "web": "https://x.example"}, "kind must be one of github, gitlab, gitee"),
        ({"kind": "github"}, "web must be a base URL"),
        ({"kind": "gitee", "web": "ftp://x.example"}, "web must be a base URL"),
        ({"kind": "gitee", "web": "https://user:pw@x.example"}, "web must be a base URL"),
        ({"kind": "gitee", "web": "https://x.example", "archive": "https://x.example/?token=1"}, "archive must be a base URL"),
    ],
)
def test_bad_host_settings_say_which_and_why(entry, sentence):
    with pytest.raises(ValueError, match=sentence):
        hosts_from_config({"h": entry})
