"""No order dependence: a year borrowed from the topic's other articles is the same whether the
files are ingested one at a time or in one batch, in any order within the batch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.ingest.dates import anchors_year
from briefgen.model import Topic

DATED = """Dock strike spreads to a second port in the north

Published 3 January 2025

The strike by dock workers spread to a second port on 2 January 2025, union leaders said.
"""

YEARLESS = """Dock strike talks collapse as operators walk out

GENEVA, DEC 30 (Reuters) - The talks between the dock union and the operators collapsed, both
sides said, and the strike went on.

The talks had opened on 2 October 2023, the union said.
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(DATED, encoding="utf-8")
    b.write_text(YEARLESS, encoding="utf-8")
    return a, b


def _ingest(project: Project, *paths: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(project.root), "ingest", *map(str, paths)])
    assert result.exit_code == 0, result.output


def _content(project: Project) -> dict[str, str]:
    """Every article file by relative path, without the ``ingested`` stamp."""
    root = project.root / "content" / "articles"
    return {
        p.relative_to(root).as_posix(): re.sub(r"(?m)^ingested: .*\n", "", p.read_text("utf-8"))
        for p in sorted(root.rglob("*.md"))
    }


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_batch_equals_one_at_a_time(project: Project, tmp_path: Path, order: str) -> None:
    """A then B one at a time, and B,A or A,B in one batch, write byte-identical articles."""
    topics = [Topic.validate(dict(slug="ports", title="Ports", keywords=("strike", "dock")))]
    project.store.save_topics(topics)
    a, b = _files(tmp_path)
    _ingest(project, a)
    _ingest(project, b)
    one_at_a_time = _content(project)
    for p in (project.root / "content" / "articles").rglob("*.md"):
        p.unlink()
    _ingest(project, *((a, b) if order == "ab" else (b, a)))
    assert _content(project) == one_at_a_time
    dates = sorted(name.split("/")[1][:10] for name in one_at_a_time)
    assert dates == ["2024-12-30", "2025-01-03"]  # the dateline's year from the topic, not 2023
    [borrowed] = [a for a in project.store.articles("ports") if a.published.year == 2024]
    assert "year 2024 from the topic's other articles (latest 2025-01-03)" in (
        borrowed.published_evidence or ""
    )


def test_a_borrowed_year_is_never_lent_on() -> None:
    """Dates whose year was borrowed from the topic or guessed from the text anchor no year."""
    assert anchors_year('line 3: "Published 3 January 2025"')
    assert anchors_year('dateline "GENEVA, DEC 30" (year 2024 from --year)')
    assert not anchors_year(
        'dateline "GENEVA, DEC 30" (year 2024 from the topic\'s other articles (latest 2025-01-03))'
    )
    assert not anchors_year(
        'dateline "GENEVA, DEC 30" (year 2023 inferred from the years the text mentions)'
    )
