"""The README tells the truth: every command has an example, every option is documented."""

from __future__ import annotations

import re

import pytest

from briefgen.cli import cli
from briefgen.cliparse import Group
from briefgen.config import Settings

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    names = []
    for name, cmd in sorted(cli.commands.items()):
        if cmd.hidden:
            continue
        if isinstance(cmd, Group):
            names.extend(f"{name} {sub}" for sub in sorted(cmd.commands))
        else:
            names.append(name)
    return names


@pytest.mark.parametrize("command", _commands())
def test_readme_has_an_example_of_every_command(command: str) -> None:
    """Each CLI command appears in a README code block as `briefgen <command> ...`."""
    blocks = "\n".join(re.findall(r"```(?:sh|console|bash)\n(.*?)```", README, flags=re.S))
    assert re.search(rf"(^|\s|\$ )briefgen (-\S+ \S+ )?{command}\b", blocks, flags=re.M), command


@pytest.mark.parametrize("option", sorted(Settings.__struct_fields__))
def test_readme_documents_every_config_key(option: str) -> None:
    """Each briefgen plugin option appears in the README's configuration table."""
    assert re.search(rf"^\| `{option}` \|", README, flags=re.M), option


def test_quickstart_markers_precede_fenced_blocks() -> None:
    """Both quick-start markers sit directly above a fenced shell block."""
    for kind in ("build", "test"):
        assert re.search(rf"<!-- quickstart:{kind} -->\n```sh\n[^\n]+\n```", README), kind
