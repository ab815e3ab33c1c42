"""Our translations: gettext catalogs in jupyter_codelab/locale, and which language to speak.

- Kernels and the CLI: ``CODELAB_LANGUAGE``, else gettext's own variables
  (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``); English when none names a catalog we have.
- The server: per request (``use_language``), the language JupyterLab's settings chose
  (jupyterlab_server's translator follows the ``@jupyterlab/translation-extension:plugin``
  locale), else the request's ``Accept-Language`` (a kernel sends its own language there).
- Upstream: ModelArts answers ``error_msg`` in the language of ``X-Language`` (``zh-cn`` / ``en-us``).

Python strings use ``{name}`` placeholders (``str.format``); the sidebar's use JupyterLab's ``%1``.
Where the kernel says what the sidebar says, it looks up the sidebar's msgid and fills it with ``lab_format``.
The same catalog serves both: jupyterlab_server hands its .json to the browser
(entry point ``jupyterlab.locale``), Python reads its .mo.
"""

from __future__ import annotations

import gettext
import os
import re
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "jupyter_codelab"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENGLISH = "en"
# The catalogs we ship (besides English, the source language).
LANGUAGES = ("zh_CN",)

_request_language: ContextVar[str | None] = ContextVar("codelab_language", default=None)


def normalize(tag: str | None) -> str | None:
    """``zh-CN``, ``zh_CN.UTF-8``, ``zh-cn``, ``zh-Hans``, ``zh`` -> ``zh_CN``; any English or C/POSIX -> ``en``; else None."""
    tag = (tag or "").strip().split(".")[0].split("@")[0].replace("-", "_")
    if not tag:
        return None
    language, _, region = tag.partition("_")
    language = language.lower()
    if language in ("c", "posix", "en"):
        return ENGLISH
    if language == "zh" and region.lower() in ("", "cn", "hans", "sg", "hans_cn"):
        return "zh_CN"
    return None


def process_language() -> str:
    """The language of this process (a kernel, the CLI): CODELAB_LANGUAGE, else the locale variables."""
    explicit = normalize(os.environ.get("CODELAB_LANGUAGE"))
    if explicit:
        return explicit
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            # LANGUAGE is a colon-separated list of preferences; the others one locale.
            for tag in value.split(":"):
                found = normalize(tag)
                if found:
                    return found
            return ENGLISH
    return ENGLISH


def current_language() -> str:
    return _request_language.get() or process_language()


def use_language(language: str | None):
    """Speak ``language`` in this context (a server request); returns the token to reset it."""
    return _request_language.set(normalize(language) or ENGLISH)


def from_accept_language(header: str | None) -> str | None:
    """The first language of an ``Accept-Language`` header we have a catalog for (English counts)."""
    ranked = []
    for index, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        ranked.append((-quality, index, tag))
    for _quality, _index, tag in sorted(ranked):
        found = normalize(tag)
        if found:
            return found
    return None


def lab_language() -> str | None:
    """The locale JupyterLab's settings chose, as jupyterlab_server's translator last read it (None without JupyterLab)."""
    try:
        from jupyterlab_server.translation_utils import translator
    except ImportError:
        return None
    return normalize(getattr(translator, "_LOCALE", None)) or ENGLISH


def server_language(accept_language: str | None, from_kernel: bool) -> str:
    """A server request's language: a kernel says its own; a browser's is JupyterLab's setting."""
    if from_kernel:
        return from_accept_language(accept_language) or ENGLISH
    return lab_language() or from_accept_language(accept_language) or ENGLISH


def x_language(language: str | None = None) -> str:
    """The ``X-Language`` header ModelArts understands for a language."""
    return "zh-cn" if (language or current_language()) == "zh_CN" else "en-us"


@cache
def translations(language: str) -> gettext.NullTranslations:
    if language == ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True)


def _(msgid: str) -> str:
    return translations(current_language()).gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    return translations(current_language()).pgettext(context, msgid)


def lab_format(text: str, *args: object) -> str:
    """Fill JupyterLab's ``%1``, ``%2`` placeholders: a msgid the sidebar shares reads the same in both."""
    return re.sub(r"%(\d+)", lambda m: str(args[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(args) else m.group(0), text)


def N_(msgid: str) -> str:
    """Mark a string for extraction only: it is translated where it is used (``_(variable)``)."""
    return msgid


def install_schema_translations() -> None:
    """Let jupyterlab_server translate our settings schema with our own catalog.

    Its translator finds .mo files only in language packs (translation_utils.TranslationBundle,
    "TODO: handle packages that provide their own .mo files"), so the bundle of our domain is
    one that looks in this package first.
    """
    try:
        from jupyterlab_server import translation_utils as tu
    except ImportError:
        return

    class PackageBundle(tu.TranslationBundle):
        def update_locale(self, locale_: str) -> None:
            self._locale = locale_
            self._translator = gettext.translation(self._domain, localedir=str(LOCALE_DIR), languages=(locale_,), fallback=True)

    registry = getattr(tu.translator, "_TRANSLATORS", None)
    if isinstance(registry, dict) and not isinstance(registry.get(DOMAIN), PackageBundle):
        registry[DOMAIN] = PackageBundle(DOMAIN, getattr(tu.translator, "_LOCALE", ENGLISH))
