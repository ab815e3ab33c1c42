"""share_url normalisation: what people paste -> the Base64 ModelArts expects."""

from __future__ import annotations

import base64
import string
from urllib.parse import parse_qs, urlsplit

import pytest

from jupyter_codelab.modelarts.share_url import (
    BADGE_IMAGE_URL,
    MAX_URL_LENGTH,
    RUN_IN_MODELARTS_BASE,
    ImageIdError,
    ShareUrlError,
    badge_markdown,
    decode_share_url,
    encode_share_url,
    run_in_modelarts_url,
)

RAW = "https://raw.githubusercontent.com/huaweicloud/ModelArts-Lab/master/notebook/DL_image_recognition/image_recongition.ipynb"
IMAGE_ID = "e1a07296-22a8-4f05-8bc8-e936c8e54090"


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def urlsafe_b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii")


# Chosen so that their Base64 has "+" or "/" and padding, to exercise both alphabets.
NEEDS_SYMBOLS = "https://example.com/x.ipynb?v=~?~~?"  # ...fj9+fj8=
NEEDS_SLASH = "https://example.com/x.ipynb?v=~~?~"  # ...fn4/fg==
assert "+" in b64(NEEDS_SYMBOLS) and b64(NEEDS_SYMBOLS).endswith("=")
assert "/" in b64(NEEDS_SLASH) and b64(NEEDS_SLASH).endswith("==")

GOOD = [
    ("plain raw url", RAW, RAW),
    ("http is allowed", "http://example.com/a/b.ipynb", "http://example.com/a/b.ipynb"),
    ("surrounding whitespace", f"  \n\t{RAW} \r\n", RAW),
    (
        "github blob, nested path",
        "https://github.com/org/repo/blob/main/a/b/c/x.ipynb",
        "https://raw.githubusercontent.com/org/repo/main/a/b/c/x.ipynb",
    ),
    (
        "github blob, named branch",
        "https://github.com/org/repo/blob/release-2.1/x.ipynb",
        "https://raw.githubusercontent.com/org/repo/release-2.1/x.ipynb",
    ),
    (
        "github blob, commit sha",
        "https://github.com/o/r/blob/0123abcd/dir/x.ipynb",
        "https://raw.githubusercontent.com/o/r/0123abcd/dir/x.ipynb",
    ),
    (
        "github blob, view params and fragment",
        "https://github.com/o/r/blob/main/x.ipynb?plain=1#L12-L20",
        "https://raw.githubusercontent.com/o/r/main/x.ipynb",
    ),
    (
        "github blob ?raw=true",
        "https://github.com/o/r/blob/main/x.ipynb?raw=true",
        "https://raw.githubusercontent.com/o/r/main/x.ipynb",
    ),
    ("github /raw/ page", "https://github.com/o/r/raw/main/x.ipynb", "https://raw.githubusercontent.com/o/r/main/x.ipynb"),
    ("www.github.com", "https://www.github.com/o/r/blob/dev/x.ipynb", "https://raw.githubusercontent.com/o/r/dev/x.ipynb"),
    ("github without scheme", "github.com/o/r/blob/main/x.ipynb", "https://raw.githubusercontent.com/o/r/main/x.ipynb"),
    ("gitlab blob", "https://gitlab.com/g/p/-/blob/ref/x.ipynb", "https://gitlab.com/g/p/-/raw/ref/x.ipynb"),
    (
        "gitlab subgroup, keeps ref_type",
        "https://gitlab.com/g/sub/p/-/blob/v1/d/x.ipynb?ref_type=tags&plain=1",
        "https://gitlab.com/g/sub/p/-/raw/v1/d/x.ipynb?ref_type=tags",
    ),
    (
        "self-hosted gitlab",
        "https://git.example.org/team/p/-/blob/main/x.ipynb",
        "https://git.example.org/team/p/-/raw/main/x.ipynb",
    ),
    ("gitee blob", "https://gitee.com/o/r/blob/ref/x.ipynb", "https://gitee.com/o/r/raw/ref/x.ipynb"),
    ("gitee raw kept", "https://gitee.com/o/r/raw/ref/x.ipynb", "https://gitee.com/o/r/raw/ref/x.ipynb"),
    (
        "other host keeps its query (signed download)",
        "https://bucket.obs.example.com/x.ipynb?AccessKeyId=A&Signature=s%2B1",
        "https://bucket.obs.example.com/x.ipynb?AccessKeyId=A&Signature=s%2B1",
    ),
    ("fragment dropped", "https://example.com/x.ipynb#section", "https://example.com/x.ipynb"),
    ("scheme lower-cased", "HTTPS://example.com/x.ipynb", "https://example.com/x.ipynb"),
    ("upper-case extension", "https://example.com/X.IPYNB", "https://example.com/X.IPYNB"),
    ("non-ascii path percent-encoded", "https://example.com/笔记.ipynb", "https://example.com/%E7%AC%94%E8%AE%B0.ipynb"),
    ("existing escapes kept", "https://example.com/my%20notes.ipynb", "https://example.com/my%20notes.ipynb"),
    ("international host name", "https://bücher.example/x.ipynb", "https://xn--bcher-kva.example/x.ipynb"),
    ("already base64", b64(RAW), RAW),
    ("already base64 with symbols", b64(NEEDS_SYMBOLS), NEEDS_SYMBOLS),
    ("already base64 with slash", b64(NEEDS_SLASH), NEEDS_SLASH),
    ("url-safe base64", urlsafe_b64(NEEDS_SYMBOLS), NEEDS_SYMBOLS),
    ("url-safe base64 with slash", urlsafe_b64(NEEDS_SLASH), NEEDS_SLASH),
    ("unpadded base64", b64(NEEDS_SYMBOLS).rstrip("="), NEEDS_SYMBOLS),
    ("unpadded base64, two missing", b64(NEEDS_SLASH).rstrip("="), NEEDS_SLASH),
    ("url-safe and unpadded", urlsafe_b64(NEEDS_SLASH).rstrip("="), NEEDS_SLASH),
    ("%3D-encoded padding", b64(NEEDS_SYMBOLS).replace("=", "%3D"), NEEDS_SYMBOLS),
    ("%3D-encoded double padding", b64(NEEDS_SLASH).replace("=", "%3D"), NEEDS_SLASH),
    ("%3d lower-case", b64(NEEDS_SYMBOLS).replace("=", "%3d"), NEEDS_SYMBOLS),
    ("base64 with whitespace around", f"  {b64(RAW)}\n", RAW),
    (
        "base64 of a blob page",
        b64("https://github.com/o/r/blob/main/x.ipynb"),
        "https://raw.githubusercontent.com/o/r/main/x.ipynb",
    ),
]


@pytest.mark.parametrize(("pasted", "expected"), [case[1:] for case in GOOD], ids=[case[0] for case in GOOD])
def test_good_input_encodes_to_the_expected_url(pasted: str, expected: str) -> None:
    encoded = encode_share_url(pasted)
    assert encoded == b64(expected)  # standard alphabet, padded
    assert decode_share_url(encoded) == expected


BAD = [
    ("empty", "", "empty"),
    ("only whitespace", " \n\t ", "empty"),
    ("ftp", "ftp://example.com/x.ipynb", "'ftp:'"),
    ("javascript", "javascript:alert(1)//x.ipynb", "'javascript:'"),
    ("file", "file:///home/me/x.ipynb", "'file:'"),
    ("data", "data:text/plain,x.ipynb", "'data:'"),
    ("no scheme, no host", "/home/me/x.ipynb", "no scheme"),
    ("no host", "https:///x.ipynb", "no host"),
    ("credentials", "https://user:hunter2@example.com/x.ipynb", "user name or password"),
    ("user only", "https://token@example.com/x.ipynb", "user name or password"),
    ("bad port", "https://example.com:99999/x.ipynb", "port"),
    ("too long", "https://example.com/" + "a" * MAX_URL_LENGTH + ".ipynb", "too long"),
    ("too long as base64", b64("https://example.com/" + "a" * MAX_URL_LENGTH + ".ipynb"), "too long"),
    ("not a notebook", "https://github.com/o/r/blob/main/train.py", ".ipynb"),
    ("repository page", "https://github.com/o/r", ".ipynb"),
    ("notebook only in query", "https://example.com/download?file=x.ipynb", ".ipynb"),
    ("space inside", "https://example.com/my notes.ipynb", "space or control character"),
    ("tab inside", "https://example.com/a\tb.ipynb", "space or control character"),
    ("newline inside", "https://example.com/a\nb.ipynb", "space or control character"),
    ("nul inside", "https://example.com/a\x00b.ipynb", "space or control character"),
    ("zero-width space inside", "https://example.com/a\u200bb.ipynb", "space or control character"),
    ("base64 of ftp", b64("ftp://example.com/x.ipynb"), "neither an http(s) link nor the Base64"),
    ("base64 of javascript", b64("javascript:alert(1)"), "neither an http(s) link nor the Base64"),
    ("base64 of a .py link", b64("https://example.com/x.py"), ".ipynb"),
    ("base64 with control char inside", b64("https://example.com/a\x07.ipynb"), "control character"),
    ("a plain word", "notebook", "neither an http(s) link nor the Base64"),
    ("broken base64", b64(RAW)[:-5] + "*", "no scheme"),
]


@pytest.mark.parametrize(("pasted", "reason"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_input_is_refused_with_a_sentence_naming_the_field(pasted: str, reason: str) -> None:
    with pytest.raises(ShareUrlError) as caught:
        encode_share_url(pasted)
    message = str(caught.value)
    assert message.startswith("share_url")
    assert reason in message
    assert ":" in message and message.endswith(".")  # what is wrong, then the fix
    assert caught.value.field == "share_url"
    assert isinstance(caught.value, ValueError)


def test_credentials_never_appear_in_the_message() -> None:
    with pytest.raises(ShareUrlError) as caught:
        encode_share_url("https://alice:s3cr3t-pa55@example.com/x.ipynb")
    assert "s3cr3t" not in str(caught.value) and "alice" not in str(caught.value)


def test_non_text_is_refused() -> None:
    with pytest.raises(ShareUrlError, match="share_url must be text"):
        encode_share_url(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("pasted", [case[1] for case in GOOD], ids=[case[0] for case in GOOD])
def test_encoding_is_idempotent(pasted: str) -> None:
    once = encode_share_url(pasted)
    assert encode_share_url(once) == once
    assert encode_share_url(decode_share_url(once)) == once


def test_decode_accepts_every_base64_spelling() -> None:
    for url in (NEEDS_SYMBOLS, NEEDS_SLASH):
        for spelling in (b64(url), urlsafe_b64(url), b64(url).rstrip("="), b64(url).replace("=", "%3D")):
            assert decode_share_url(spelling) == url


@pytest.mark.parametrize("value", ["", "   ", "not base64!", "a", b64("x")[:-2] + "*"])
def test_decode_refuses_what_is_not_base64(value: str) -> None:
    with pytest.raises(ShareUrlError, match="^share_url"):
        decode_share_url(value)


def test_run_in_modelarts_link() -> None:
    link = run_in_modelarts_url(NEEDS_SYMBOLS, IMAGE_ID)
    assert link.startswith(RUN_IN_MODELARTS_BASE + "?share-url-b64=")
    query = link.split("?", 1)[1]
    # The Base64 is fully URL-encoded: no raw "+", "/" or "=" that a browser would misread.
    value = query.split("&")[0].split("=", 1)[1]
    assert not set("+/=") & set(value)
    assert "%2B" in value
    assert value.endswith("%3D")
    params = parse_qs(urlsplit(link).query, strict_parsing=True)
    assert params == {"share-url-b64": [b64(NEEDS_SYMBOLS)], "imageid": [IMAGE_ID]}


def test_run_in_modelarts_link_without_image_omits_imageid() -> None:
    link = run_in_modelarts_url("https://github.com/o/r/blob/main/x.ipynb")
    assert "imageid" not in link
    assert parse_qs(urlsplit(link).query) == {"share-url-b64": [b64("https://raw.githubusercontent.com/o/r/main/x.ipynb")]}


def test_image_id_is_normalised() -> None:
    link = run_in_modelarts_url(RAW, f"  {IMAGE_ID.upper()} ")
    assert link.endswith(f"&imageid={IMAGE_ID}")


@pytest.mark.parametrize(
    "image_id",
    [
        "",
        "latest",
        "e1a07296-22a8-4f05-8bc8-e936c8e5409",
        "e1a07296-22a8-4f05-8bc8-e936c8e54090&x=1",
        "g1a07296-22a8-4f05-8bc8-e936c8e54090",
        42,
    ],
)
def test_bad_image_id_is_refused_naming_image_id(image_id) -> None:
    with pytest.raises(ImageIdError) as caught:
        run_in_modelarts_url(RAW, image_id)
    assert str(caught.value).startswith("image_id must be")
    assert caught.value.field == "image_id"
    assert isinstance(caught.value, ValueError)


def test_bad_share_url_is_reported_before_image_id() -> None:
    with pytest.raises(ShareUrlError):
        run_in_modelarts_url("ftp://x/y.ipynb", "nope")


def test_badge_markdown() -> None:
    badge = badge_markdown("https://gitee.com/o/r/blob/main/x.ipynb", IMAGE_ID)
    link = run_in_modelarts_url("https://gitee.com/o/r/blob/main/x.ipynb", IMAGE_ID)
    assert badge == f"[![Run in ModelArts]({BADGE_IMAGE_URL})]({link})"
    assert BADGE_IMAGE_URL.startswith("https://") and " " not in BADGE_IMAGE_URL
    # Markdown link targets end at the first ")" or space: neither may appear inside.
    assert ")" not in link and " " not in link


try:  # hypothesis ships with schemathesis (a test dependency)
    from hypothesis import assume, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _label = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12)
    _segment = st.text(alphabet=string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@%", min_size=1, max_size=16).filter(
        lambda s: s not in (".", "..")
    )

    @st.composite
    def notebook_urls(draw) -> str:
        host = ".".join(draw(st.lists(_label, min_size=2, max_size=4)))
        port = draw(st.one_of(st.just(""), st.integers(1, 65535).map(lambda p: f":{p}")))
        segments = draw(st.lists(_segment, min_size=0, max_size=5))
        name = draw(_segment.filter(lambda s: "%" not in s))
        query = draw(
            st.one_of(
                st.just(""),
                st.text(alphabet=string.ascii_letters + string.digits + "=&-_.", max_size=30).map(lambda q: "?" + q if q else ""),
            )
        )
        path = "/".join(["", *segments, name + ".ipynb"])
        assume("/-/blob/" not in path and "/-/raw/" not in path)  # GitLab file pages are rewritten on purpose
        return f"https://{host}{port}{path}{query}"

    @given(notebook_urls())
    @settings(max_examples=300, deadline=None, database=None)
    def test_any_valid_https_notebook_url_round_trips(url: str) -> None:
        encoded = encode_share_url(url)
        assert base64.b64decode(encoded, validate=True).decode("utf-8") == url
        assert decode_share_url(encoded) == url
        assert encode_share_url(encoded) == encoded

    @given(st.text(max_size=200))
    @settings(max_examples=300, deadline=None, database=None)
    def test_any_text_either_encodes_or_raises_share_url_error(text: str) -> None:
        try:
            encoded = encode_share_url(text)
        except ShareUrlError as error:
            assert str(error).startswith("share_url")
        else:
            assert urlsplit(decode_share_url(encoded)).scheme in ("http", "https")
            assert encode_share_url(encoded) == encoded
