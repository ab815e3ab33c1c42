"""The paths a notebook's code cells name, before anyone asks whether they exist. Pure and CPU-bound
(run it in a thread on the server).

- string literals, read with ``ast`` once IPython's ``%`` and ``!`` lines are set aside; a cell that does not
  parse is read with the tokenizer instead (its strings, as far as it gets);
- an f-string's leading folder (``f"data/{name}.csv"`` names ``data``), a glob's folder (``"images/*.png"``);
- ``import x`` and ``from x import y``: the module ``x`` (a file ``x.py`` or a package folder, found later);
- ``%run script.py``, ``!unzip data.zip``, ``%%bash`` cells: the words of the command line.
"""

from __future__ import annotations

import ast
import io
import re
import shlex
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass

from .paths import MAX_PATH_CHARS

MAX_CANDIDATES = 5000  # distinct texts read from one notebook: the rest are not looked up
READ, IMPORT = "read", "import"
# %%name cells whose body is shell, or Python; the others (%%html, %%writefile, %%sql...) name nothing to read.
SHELL_CELLS = {"bash", "sh", "script", "system", "!"}
PYTHON_MAGICS = {"time", "timeit", "capture", "prun", "debug"}
# A line IPython runs as a magic or a shell command: "%run x.py", "!ls data", "files = !ls data".
_IPYTHON_LINE = re.compile(r"^\s*(?:[\w.,\s\[\]()*]+=\s*)?([!%])")
_SHELL_OPERATORS = {"|", "||", "&", "&&", ";", ">", ">>", "2>", "2>&1", "<"}
_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Candidate:
    text: str  # as the cell writes it (relative to the notebook's folder)
    cell: int  # position of the cell in the notebook, from 1
    how: str  # READ, IMPORT, or the command that names it ("%run", "!unzip", "%%bash")


def candidates(notebook: dict) -> list[Candidate]:
    """Each text a code cell names, once (its first mention), in the notebook's order."""
    found: dict[tuple[str, bool], Candidate] = {}
    for index, cell in enumerate(notebook.get("cells") or [], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source") or ""
        source = "".join(source) if isinstance(source, list) else str(source)
        for candidate in cell_candidates(source, index):
            text = _glob_folder(candidate.text) if candidate.how != IMPORT else candidate.text
            if text and _plausible(text):
                found.setdefault((text, candidate.how == IMPORT), Candidate(text, candidate.cell, candidate.how))
                if len(found) >= MAX_CANDIDATES:
                    return list(found.values())
    return list(found.values())


def cell_candidates(source: str, cell: int) -> Iterator[Candidate]:
    lines = source.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].lstrip().startswith("%%"):
        name, _, rest = lines[first].lstrip()[2:].partition(" ")
        command = f"%%{name}"
        if name in SHELL_CELLS:
            for line in [rest, *lines[first + 1 :]]:
                yield from _words(line, cell, command)
            return
        if name not in PYTHON_MAGICS:
            return
        lines = lines[first + 1 :]
    yield from _python(lines, cell)


def _python(lines: list[str], cell: int) -> Iterator[Candidate]:
    code = []
    for line in lines:
        match = _IPYTHON_LINE.match(line)
        if match:
            code.append(line[: len(line) - len(line.lstrip())] + "pass")  # keeps the block structure
            yield from _ipython_line(line[match.start(1) :], cell)
        else:
            code.append(line)
    text = "\n".join(code)
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        yield from _tokens(text, cell)
        return
    yield from _from_ast(tree, cell)


def _ipython_line(line: str, cell: int) -> Iterator[Candidate]:
    if line.startswith("!"):
        command_line = line.lstrip("!")
        name = command_line.split(None, 1)[0] if command_line.strip() else ""
        yield from _words(command_line, cell, f"!{name}")
        return
    name, _, rest = line.lstrip("%").partition(" ")
    if name in PYTHON_MAGICS:  # %time x = load("a.csv"): the rest is Python
        yield from _python([rest], cell)
    else:
        yield from _words(rest, cell, f"%{name}")


def _words(line: str, cell: int, command: str) -> Iterator[Candidate]:
    try:
        words = shlex.split(line, comments=True)
    except ValueError:  # an unclosed quote
        words = line.split()
    if command.startswith(("!", "%%")) and words and "/" not in words[0]:
        words = words[1:]  # the program (a path like ./run.sh is kept)
    for word in words:
        if word.startswith("-"):
            if "=" not in word:
                continue
            word = word.split("=", 1)[1]  # --input=data.csv
        if word in _SHELL_OPERATORS or word.startswith(">") or "$" in word or "{" in word:
            continue
        yield Candidate(word.lstrip("<"), cell, command)


def _from_ast(tree: ast.AST, cell: int) -> Iterator[Candidate]:
    inside_fstrings: set[int] = set()
    for node in ast.walk(tree):  # breadth first: an f-string comes before its parts
        if isinstance(node, ast.JoinedStr):
            parts = node.values
            inside_fstrings.update(id(part) for part in parts)
            if parts and isinstance(parts[0], ast.Constant) and isinstance(parts[0].value, str):
                yield Candidate(parts[0].value if len(parts) == 1 else _leading_folder(parts[0].value), cell, READ)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstrings:
            yield Candidate(node.value, cell, READ)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield Candidate(alias.name.split(".")[0], cell, IMPORT)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield Candidate(node.module.split(".")[0], cell, IMPORT)


def _tokens(code: str, cell: int) -> Iterator[Candidate]:
    """A cell Python cannot parse: its string tokens (up to where tokenizing stops) and its import lines."""
    previous = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            name = tokenize.tok_name.get(token.type, "")
            if token.type == tokenize.STRING:
                yield Candidate(_token_text(token.string), cell, READ)
            elif name == "FSTRING_MIDDLE" and previous == "FSTRING_START":  # Python 3.12+ splits f-strings
                yield Candidate(_leading_folder(token.string), cell, READ)
            previous = name
    except (tokenize.TokenError, SyntaxError):
        pass
    for match in re.finditer(r"^\s*(?:from\s+(\w+)[\w.]*\s+import\b|import\s+([\w., ]+))", code, re.MULTILINE):
        for module in (match.group(1) or match.group(2)).split(","):
            if module.strip():
                yield Candidate(module.strip().split(".")[0].split(" ")[0], cell, IMPORT)


def _token_text(token: str) -> str:
    prefix = token[: len(token) - len(token.lstrip("rRbBuUfF"))].lower()
    if "b" in prefix:
        return ""
    if "f" in prefix:
        body = token[len(prefix) :].strip("'\"")
        return _leading_folder(body.split("{", 1)[0]) if "{" in body else body
    try:
        value = ast.literal_eval(token)
    except (ValueError, SyntaxError):
        return ""
    return value if isinstance(value, str) else ""


def _leading_folder(text: str) -> str:
    """``data/`` of ``data/{name}.csv``: the folder part before a placeholder ("" when there is none)."""
    return text[: text.rfind("/")] if "/" in text else ""


def _glob_folder(text: str) -> str:
    """``images`` of ``images/*.png``; a text without wildcards as it is; "" for ``*.csv``."""
    if not _GLOB.search(text):
        return text
    kept = []
    for part in text.replace("\\", "/").split("/"):
        if _GLOB.search(part):
            break
        kept.append(part)
    return "/".join(kept)


def _plausible(text: str) -> bool:
    return (
        len(text) <= MAX_PATH_CHARS
        and text == text.strip()
        and not any(ord(char) < 32 for char in text)
        and "://" not in text
        and text.strip("./") != ""
    )
