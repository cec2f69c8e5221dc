"""Import direction: no cycle between briefgen's packages; no stage imports the app layer or CLI."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "briefgen"
ADAPTERS = frozenset({"cli", "plugin", "__main__"})
"""Entry points (the command line and the MkDocs plugin): they call the application layer."""
APP = "app"
STAGES = frozenset(
    {"ingest", "nlp", "summarize", "timeline", "render", "publish", "review", "evaluate"}
)


def _unit(path: Path) -> str:
    """A module's unit: its sub-package (``render``), or its own name (``store``)."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> set[str]:
    """Every briefgen unit ``path`` imports (at any depth: lazy imports count too)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "briefgen":
                names = [f"briefgen.{a.name}" for a in node.names]
        units = (n.split(".")[1] for n in names if n.startswith("briefgen."))
        out.update(u for u in units if (PACKAGE / u).is_dir() or (PACKAGE / f"{u}.py").is_file())
    return out


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = _unit(path)
        graph[unit] |= _imports(path) - {unit}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle between units, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)) is not None:
            return found
    return None


def test_graph_sees_the_known_edges() -> None:
    """The walker finds real imports, lazy ones included (so the rules below are not vacuous)."""
    graph = _graph()
    assert "app" in graph["cli"] and "app" in graph["plugin"]
    assert {"render", "changes"} <= graph["publish"]
    assert "tense" not in graph and "nlp" in graph["timeline"]
    assert "timeline" in graph["summarize"]  # a function-level or plain import alike


def test_no_cycle_between_packages() -> None:
    """No two packages (or top-level modules) of briefgen import each other, even indirectly."""
    assert _cycle(_graph()) is None


def test_cycle_detector_finds_a_cycle() -> None:
    """The cycle check itself reports a planted render <-> publish cycle."""
    assert _cycle({"render": {"publish"}, "publish": {"render"}}) == [
        "publish",
        "render",
        "publish",
    ]


def test_stages_never_import_the_app_layer_or_an_adapter() -> None:
    """Stages and shared modules import neither briefgen.app nor the CLI/plugin adapters."""
    offenders = {
        unit: sorted(deps & (ADAPTERS | {APP}))
        for unit, deps in _graph().items()
        if unit not in ADAPTERS | {APP} and deps & (ADAPTERS | {APP})
    }
    assert offenders == {}


def test_adapters_call_only_the_app_layer() -> None:
    """cli.py and the MkDocs plugin reach the stages only through briefgen.app."""
    graph = _graph()
    for adapter in ("cli", "plugin"):
        assert graph[adapter] & STAGES == set(), adapter


def test_stage_packages_exist() -> None:
    """Every stage named in the rules is a package here (renames must update this test)."""
    assert all((PACKAGE / s / "__init__.py").is_file() for s in STAGES)
