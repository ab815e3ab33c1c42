"""The one command table (client/commands): each face has a function for every subcommand it
shows, and no function for one it does not; options are declared once and rendered per face."""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil

import pytest

from jupyter_codelab.client.commands.options import DEFAULT_TIMEOUT, TIMEOUT
from jupyter_codelab.client.commands.spec import CLI, MAGIC
from jupyter_codelab.client.commands.table import COMMANDS, for_face

PACKAGES = {CLI: "jupyter_codelab.cli.commands", MAGIC: "jupyter_codelab.kernel.commands"}


@pytest.mark.parametrize("face", sorted(PACKAGES))
def test_every_subcommand_of_a_face_has_its_function_there(face):
    for command in for_face(face).values():
        assert callable(command.handler(PACKAGES[face])), command.name


@pytest.mark.parametrize("face", sorted(PACKAGES))
def test_no_face_has_a_function_for_a_subcommand_it_does_not_show(face):
    package = importlib.import_module(PACKAGES[face])
    shown = set(for_face(face))
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("run_") and function.__module__ == module.__name__:
                assert name[4:] in shown, f"{module.__name__}.{name} is in no {face} entry of the table"


def test_names_are_unique_and_every_command_has_a_face():
    assert len({command.name for command in COMMANDS}) == len(COMMANDS)
    assert all(command.faces <= {CLI, MAGIC} and command.faces for command in COMMANDS)


@pytest.mark.parametrize("face", sorted(PACKAGES))
def test_each_face_renders_every_option_once_with_its_one_default(face):
    for command in for_face(face).values():
        parser = argparse.ArgumentParser(prog=command.name, add_help=False)
        command.add_options(parser, face)  # argparse refuses an option string given twice
        defaults = vars(parser.parse_args([] if command.name != "badge" else ["https://x/y.ipynb"]))
        if TIMEOUT in command.options:
            assert defaults["timeout"] == DEFAULT_TIMEOUT
