"""Every command explains itself, and the README names every command (as sqlite-utils' test_docs)."""

from __future__ import annotations

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from kg.cli import app

from .conftest import ROOT

COMMANDS = sorted(get_command(app).commands)


def test_the_command_list_is_what_we_document():
    assert COMMANDS == sorted(["add", "build", "extract", "query", "remove", "serve", "stats",
                               "validate", "view"])


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_every_option_is_explained(name):
    command = get_command(app).commands[name]
    assert command.help and len(command.help.split()) >= 5
    for param in command.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"kg {name} {param.opts[0]} has no help text"
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_mentions_command(name):
    assert f"kg {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert ci == "bash scripts/test.sh -q --slow"
    assert f"```bash\n{ci}\n```" in readme
