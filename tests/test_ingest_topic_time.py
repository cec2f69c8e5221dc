"""Topic assignment that respects time: an article matched by keywords whose dates lie months
outside the topic's period is refused (exit 2) naming the gap, and ``--topic`` assigns it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cli_kit import CliRunner

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.ingest.topics import TopicChoice, time_gap
from briefgen.model import Topic

from conftest import make_article

EARLIER = """Dock strike shuts the northern port

Published 14 March 2019

The dock workers' strike shut the northern port on 12 March 2019, the union said.

Operators said on 13 March 2019 that the strike was costing millions.
"""

FOLLOW_UP = """Dock strike ends after the port deal

Published 20 June 2020

The dock workers' strike ended on 18 June 2020 after the port deal, the union said.
"""


def _project(project: Project) -> None:
    project.store.save_topics(
        [Topic.validate(dict(slug="ports", title="Ports", keywords=("strike", "dock")))]
    )
    for day in (dt.date(2020, 5, 4), dt.date(2020, 6, 11)):
        project.store.save_article(
            make_article(f"{day}-strike", topic="ports", published=day, published_basis="stated")
        )


def test_events_months_before_the_topic_ask_for_topic(project: Project, tmp_path: Path) -> None:
    """March 2019 events against a May-June 2020 topic: exit 2 with the gap; nothing written."""
    _project(project)
    src = tmp_path / "earlier.txt"
    src.write_text(EARLIER, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(project.root), "ingest", str(src)])
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == (
        f"Error: {src}: matched topic 'ports' by keywords strike (3), dock (2), but its events "
        "are in March 2019, 14 months before the topic's articles (May 2020 – Jun 2020); "
        "pass --topic to assign it"
    )
    assert len(project.store.articles("ports")) == 2
    forced = runner.invoke(cli, ["-C", str(project.root), "ingest", "--topic", "ports", str(src)])
    assert forced.exit_code == 0, forced.output
    assert len(project.store.articles("ports")) == 3


def test_follow_up_within_the_period_is_assigned(project: Project, tmp_path: Path) -> None:
    """An article dated within the topic's period is assigned by keywords as before."""
    _project(project)
    src = tmp_path / "follow.txt"
    src.write_text(FOLLOW_UP, encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(project.root), "ingest", str(src)])
    assert result.exit_code == 0, result.output
    assert "(topic ports: keywords strike (2), dock (2);" in result.output


def test_time_gap_rule() -> None:
    """Gap > 90 days before or after the period is named; within 90 days or no period is not."""
    choice = TopicChoice("ports", "keywords strike (2), dock (1)")
    period = (dt.date(2020, 5, 4), dt.date(2020, 6, 11))
    assert time_gap(choice, [dt.date(2020, 10, 1), dt.date(2020, 11, 2)], period) == (
        "matched topic 'ports' by keywords strike (2), dock (1), but its events are in "
        "October 2020 – November 2020, 4 months after the topic's articles (May 2020 – "
        "Jun 2020); pass --topic to assign it"
    )
    assert time_gap(choice, [dt.date(2020, 2, 5)], period) is None  # 89 days before
    assert time_gap(choice, [dt.date(2019, 3, 1), dt.date(2020, 6, 1)], period) is None
    assert time_gap(choice, [dt.date(2019, 3, 1)], None) is None
