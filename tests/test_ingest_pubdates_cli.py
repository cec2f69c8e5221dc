"""`briefgen ingest` tells the editor which publication dates were inferred or look wrong."""

from __future__ import annotations

from pathlib import Path

from cli_kit import CliRunner

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.model import Topic

SUSPECT = """Dock strike spreads to a second port in the north

Published 3 January 2024

The strike by dock workers spread to a second port on 2 March 2024, union leaders said.

Operators said on 5 March 2024 that the dispute was costing millions each day.
"""

UNDATED = """Dock strike talks collapse as operators walk out of the meeting

The talks between the union and the operators collapsed on 9 April 2024, both sides said.

A new round of talks will be held on 30 April 2024 at the ministry.
"""


def test_summary_counts_inferred_and_suspect_dates(project: Project, tmp_path: Path) -> None:
    """A suspect stamp is kept with a warning line; the summary counts inferred and suspect."""
    project.store.save_topics(
        [Topic.validate(dict(slug="ports", title="Ports", keywords=("strike", "dock")))]
    )
    (tmp_path / "a.txt").write_text(SUSPECT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(UNDATED, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["-C", str(project.root), "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "published 2024-01-03 [stated-suspect])" in lines[0]
    assert lines[1] == (
        f"warning: {tmp_path / 'a.txt'}: the stated date 2024-01-03 may be wrong: every dated "
        "event the text reports as past lies after it (earliest 2024-03-05, 1 reported)"
    )
    assert "published 2024-04-09 [inferred])" in lines[2]
    assert lines[-1] == (
        "2 ingested, 0 skipped (duplicates), 0 failed; dates: 1 inferred, 1 suspect "
        "(check the evidence)"
    )
    bases = sorted(a.published_basis for a in project.store.articles("ports"))
    assert bases == ["inferred", "stated-suspect"]
