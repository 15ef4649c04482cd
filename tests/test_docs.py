"""Every command and option of the CLI is documented in docs/cli.md, and every API method the CLI calls exists."""

import re
from pathlib import Path

import pytest
import typer.main

from vigil import Vigil
from vigil.cli import app

CLI_DOC = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands


def section(name: str) -> str:
    match = re.search(rf"^## vigil {name}\b(.*?)(?=^## |\Z)", CLI_DOC, re.S | re.M)
    return match.group(1) if match else ""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_every_command_has_a_section(name):
    assert section(name), f"docs/cli.md has no '## vigil {name}' section"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_docs_every_option_is_documented(name):
    text = section(name)
    for param in COMMANDS[name].params:
        if param.param_type_name == "option":
            long_name = next(o for o in param.opts if o.startswith("--"))
            assert long_name in text, f"'vigil {name}' option {long_name} is not in docs/cli.md"


@pytest.mark.parametrize("name", ["ingest", "search", "show", "export", "events", "actors", "places", "quotes",
                                  "failures", "stats", "spread", "watch"])
def test_docs_cli_command_mirrors_api_method(name):
    assert callable(getattr(Vigil, name, None)), f"Vigil.{name} is missing: the CLI must mirror the Python API"
