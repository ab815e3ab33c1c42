"""`jupyter codelab X --help` (a child process) and `%codelab X?` (an IPython shell) list the same
options with the same meanings: the same option strings, metavars and help texts, read from what
each face prints, in English and in Chinese. Only the options each face has for a reason may differ."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from cli_runner import cli_env

# The ten subcommands both faces have; the CLI alone runs the simulator, the magics alone show panels.
PAIRS = {"open", "status", "start", "images", "extend", "stop", "badge", "login", "logout", "doctor"}
CLI_ALONE, MAGICS_ALONE = {"simulate"}, {"panel", "send"}
# How the CLI reaches a server, and its JSON for scripts; the magics' older spelling of NOTEBOOK.
CLI_ONLY_OPTIONS = {"--server-url", "--token", "--json"}
MAGIC_ONLY_OPTIONS = {"--local"}
WIDE = "1000"  # no wrapping: a help text is one line in both faces
LANGUAGES = {"en": "C.UTF-8", "zh_CN": "zh_CN.UTF-8"}


def cli_help(tmp_path, language: str, *args: str) -> str:
    env = {k: v for k, v in cli_env(tmp_path).items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "CODELAB_LANGUAGE")}
    done = subprocess.run([sys.executable, "-m", "jupyter_codelab.cli", *args, "--help"], capture_output=True, text=True,
                          env={**env, "LANG": LANGUAGES[language], "COLUMNS": WIDE}, timeout=60, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def magic_help(monkeypatch, capsys):
    """``%codelab X?`` typed into an IPython shell with the extension loaded, in a language."""
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("COLUMNS", WIDE)
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "jupyter_codelab")

    def ask(language: str, subcommand: str) -> str:
        monkeypatch.setenv("CODELAB_LANGUAGE", language)
        capsys.readouterr()
        result = shell.run_cell(f"%codelab {subcommand}?")
        assert result.success, result.error_in_exec
        return capsys.readouterr().out

    return ask


def options(help_text: str) -> dict[str, tuple[str, str]]:
    """``{option string or positional name: (metavar, help)}`` from argparse's help (either face's)."""
    found: dict[str, list[str]] = {}
    current = None
    in_section = False
    for line in help_text.splitlines():
        if line and not line[0].isspace():
            in_section = line.rstrip().endswith((":", "：")) and not line.lower().startswith(("usage", "用法"))
            current = None
            continue
        if not in_section or not line.strip():
            continue
        if re.match(r"  \S", line):
            invocation, _gap, text = line.strip().partition("  ")
            words = invocation.replace(",", "").split()
            key = next((w for w in words if w.startswith("--")), words[0])
            metavar = "" if key == words[-1] or words[-1].startswith("-") else words[-1].strip("<>")
            current = key
            found[key] = [metavar, text.strip()]
        elif current is not None:
            found[current][1] = (found[current][1] + " " + line.strip()).strip()
    return {key: (metavar, re.sub(r"jupyter codelab|%codelab", "{codelab}", text)) for key, (metavar, text) in found.items()}


def subcommands(cli_text: str) -> set[str]:
    return set(re.findall(r"^    (\w+) ", cli_text, re.MULTILINE))


def first_sentence(description: str) -> str:
    return re.split(r"(?<=[.。])\s*", re.sub(r"\s+", " ", description).strip())[0]


def description(help_text: str) -> str:
    """The text between the usage and the first section."""
    body = re.split(r"\n\n", help_text.strip(), maxsplit=1)[1]
    lines = []
    for line in body.splitlines():
        if line and not line[0].isspace() and line.rstrip().endswith((":", "：")):
            break
        lines.append(line)
    return " ".join(lines).replace("jupyter codelab", "{codelab}").replace("%codelab", "{codelab}")


def test_the_faces_have_the_ten_pairs(tmp_path, magic_help):
    cli = subcommands(cli_help(tmp_path, "en"))
    usage = re.search(r"subcommands: ([\w, ]+);", magic_help("en", "open").replace("\n", " "))
    assert usage is None  # a subcommand's help is its own, not the whole magic's
    from jupyter_codelab.kernel.magics import CodeLabMagics

    magics = set(re.search(r"subcommands: ([\w, ]+);", CodeLabMagics.codelab.__doc__).group(1).split(", "))
    assert cli & magics == PAIRS and cli - magics == CLI_ALONE and magics - cli == MAGICS_ALONE


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("subcommand", sorted(PAIRS))
def test_both_faces_list_the_same_options_with_the_same_meanings(tmp_path, magic_help, subcommand, language):
    cli_text, magic_text = cli_help(tmp_path, language, subcommand), magic_help(language, subcommand)
    cli, magic = options(cli_text), options(magic_text)
    cli.pop("--help")  # argparse's own (the magics answer -h and --help too); also proves the parser read the CLI's
    assert magic or subcommand == "stop", "no options read from the magic's help: its layout changed"
    assert set(cli) - set(magic) <= CLI_ONLY_OPTIONS, set(cli) - set(magic)
    assert set(magic) - set(cli) <= MAGIC_ONLY_OPTIONS, set(magic) - set(cli)
    for option in set(cli) & set(magic):
        assert cli[option] == magic[option], option
    assert first_sentence(description(cli_text)) == first_sentence(description(magic_text))
    if language == "zh_CN":
        said = description(magic_text) + " ".join(text for _metavar, text in magic.values())
        assert re.search(r"[\u4e00-\u9fff]", said) and not re.search(r"\b(the|your|instance)\b", said), said


def test_the_parser_reads_what_argparse_prints():
    text = (
        "usage: x [-h] [--until HH:MM] [NOTEBOOK]\n\nDoes x.\n\npositional arguments:\n  NOTEBOOK     a file\n\n"
        "options:\n  -h, --help   show help\n  --until <HH:MM>\n               stop at\n               this time\n"
        "  --flag       on (see `%codelab images`)\n"
    )
    assert options(text) == {
        "NOTEBOOK": ("", "a file"),
        "--help": ("", "show help"),
        "--until": ("HH:MM", "stop at this time"),
        "--flag": ("", "on (see `{codelab} images`)"),
    }
