"""Every command documents itself: summary + example in the docstring, help on every option."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from polgraph.cli import main

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


README = Path(__file__).resolve().parents[1] / "README.md"


def help_text(name: str) -> str:
    """``polgraph NAME --help`` at a fixed width, so the README does not depend on the terminal."""
    command = main.commands[name]
    parent = click.Context(main, info_name="polgraph", terminal_width=80, max_content_width=80)
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=80)
    return command.get_help(ctx)


def readme_block(name: str) -> str:
    return f"<!-- help:{name} -->\n```\n{help_text(name)}\n```\n<!-- /help:{name} -->"


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_reference_matches_help(name: str) -> None:
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(rf"<!-- help:{name} -->.*?<!-- /help:{name} -->", re.S)
    assert pattern.search(text), f"README.md has no <!-- help:{name} --> block"
    if os.environ.get("UPDATE_README") == "1":
        text = pattern.sub(lambda _m: readme_block(name), text)
        README.write_text(text, encoding="utf-8")
    assert readme_block(name) in text, (
        f"README reference for '{name}' is stale; run UPDATE_README=1 pytest {__file__}"
    )


def test_readme_commands_are_the_ci_commands() -> None:
    """The README's quick start installs what a user needs (no test tools) and builds;
    its test command installs the test tools and runs the tests, as .ci/run does."""
    readme = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    install = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/polgraph build"
    test_command = ".venv/bin/python -m pytest -q"
    assert f"```sh\n{install}\n```" in readme
    assert f"```sh\n.venv/bin/pip install -e '.[test]' && {test_command}\n```" in readme
    assert ci.rstrip().endswith(test_command)
    assert "pip install -q -e '.[test]'" in ci
