"""Every command documents itself: summary + example in the docstring, help on every option."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from graph.cli import main

COMMANDS = sorted(main.commands)


def test_there_are_commands() -> None:
    assert {"build", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_summary_and_example(name: str) -> None:
    command = main.commands[name]
    doc = command.help or ""
    summary = doc.strip().splitlines()[0]
    assert summary.endswith(".") and len(summary) <= 80
    assert f"Example: polgraph {name}" in doc


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_has_help(name: str) -> None:
    for param in main.commands[name].params:
        if isinstance(param, click.Option):
            assert param.help, f"polgraph {name} {param.opts}: no help text"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_runs(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
