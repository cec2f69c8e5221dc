"""``briefgen check``: a test per rule with the exact message, plus output format and exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from cli_kit import CliRunner

from briefgen.app.check import run_check
from briefgen.app.project import Project
from briefgen.app.staleness import staleness_rule
from briefgen.cli import cli
from briefgen.config import Settings
from briefgen.model import Article, Briefing
from briefgen.review.support import dropped_negations

from conftest import make_article

TALKS = "2025-11-01-talks"
BORDER = "2025-11-05-border"
BRIEFING = "content/briefings/demo.yaml"


def articles() -> list[Article]:
    """Two articles of topic ``demo`` with stated dates."""
    return [
        make_article(
            TALKS,
            paragraphs=(
                ("Talks did not resume on Thursday.", "Both sides blamed each other."),
                ("Traders report heavy losses at the crossing.",),
            ),
            published=dt.date(2025, 11, 1),
            published_basis="stated",
        ),
        make_article(
            BORDER,
            paragraphs=(
                ("The border crossings have been closed for weeks.", "Talks resume on Monday."),
            ),
            published=dt.date(2025, 11, 5),
            published_basis="stated",
        ),
    ]


def digest(project: Project, arts: list[Article], settings: Settings | None = None) -> str:
    """The digest summarize would store for topic demo (default settings: the project's)."""
    entry = next((t for t in project.store.topics() if t.slug == "demo"), None)
    return staleness_rule(settings or project.settings).digest("demo", arts, entry)


def briefing_data(project: Project, arts: list[Article]) -> dict[str, Any]:
    """Plain data of a briefing that passes every rule (with the right inputs digest)."""
    return {
        "topic": "demo",
        "title": "Demo",
        "as_of": "2025-11-05",
        "headline": {"text": "Talks resume on Monday.", "cite": [f"{BORDER}#s2"]},
        "current_status": [
            {"text": "Traders report heavy losses at the crossing.", "cite": [f"{TALKS}#s3"]},
            {"text": "The border crossings have been closed for weeks.", "cite": [f"{BORDER}#s1"]},
        ],
        "background": [{"text": "Talks did not resume on Thursday.", "cite": [f"{TALKS}#s1"]}],
        "stakes": [{"text": "Traders report heavy losses.", "cite": [f"{TALKS}#s3"]}],
        "timeline": [
            {"date": "2025-10-30", "text": "Talks did not resume.", "cite": [f"{TALKS}#s1"]},
            {
                "date": "2025-11-10",
                "status": "scheduled",
                "text": "Talks resume on Monday.",
                "cite": [f"{BORDER}#s2"],
            },
        ],
        "sources": [TALKS, BORDER],
        "inputs": digest(project, arts),
    }


def write(project: Project, data: dict[str, Any] | None = None, **changes: Any) -> Path:
    """Save the articles and a briefing (``changes`` override top-level keys); return its path."""
    arts = articles()
    for a in arts:
        project.store.save_article(a)
    data = {**(data or briefing_data(project, arts)), **changes}
    project.store.save_briefing(Briefing.validate(data))
    return project.store.briefing_path("demo")


def lines(project: Project) -> list[str]:
    """The findings of ``run_check`` as text lines."""
    return [str(f) for f in run_check(project).findings]


def test_valid_project_has_no_findings(project: Project) -> None:
    """A briefing that quotes, trims and dates correctly passes with exit 0."""
    write(project)
    report = run_check(project)
    assert report.findings == ()
    assert report.summary() == "checked 2 articles and 1 briefing: no problems"
    result = CliRunner().invoke(cli, ["-C", str(project.root), "check", "--strict"])
    assert result.exit_code == 0
    assert result.output == "checked 2 articles and 1 briefing: no problems\n"


def test_schema_error_in_briefing_is_located(project: Project) -> None:
    """An invalid briefing is reported with its file, line and field path."""
    path = write(project)
    path.write_text(path.read_text().replace("precision: day", "precision: decade", 1))
    (finding,) = run_check(project).findings
    assert str(finding) == (
        f"{BRIEFING}:22: error: timeline.0.precision: "
        "input should be 'day', 'week', 'month' or 'year'"
    )


def test_schema_error_in_article_is_located(project: Project) -> None:
    """An invalid article is reported with its file and line; its topic is not judged stale."""
    write(project)
    path = project.store.article_path("demo", TALKS)
    path.write_text(path.read_text().replace("published: 2025-11-01", "published: 2025-02-30"))
    assert lines(project)[0] == (
        f"content/articles/demo/{TALKS}.md:4: error: published: "
        "'2025-02-30' is not a valid date (YYYY-MM-DD): input should be a valid date or datetime, "
        "day value is outside expected range"
    )
    assert run_check(project).stale == ()


def test_malformed_yaml_is_an_error(project: Project) -> None:
    """A YAML syntax error in a briefing is a located error, and check exits 1."""
    path = write(project)
    path.write_text(path.read_text().replace("title: Demo", "title: Demo: talks"))
    assert lines(project) == [
        f"{BRIEFING}:4: error: YAML syntax error: mapping values are not allowed in this context"
    ]
    result = CliRunner().invoke(cli, ["-C", str(project.root), "check"])
    assert result.exit_code == 1


def test_citation_to_missing_sentence(project: Project) -> None:
    """A citation past the article's last sentence names the article and its sentence count."""
    data = briefing_data(project, articles())
    data["stakes"] = [{"text": "Traders report heavy losses.", "cite": [f"{TALKS}#s9"]}]
    write(project, data)
    assert lines(project) == [
        f"{BRIEFING}:19: error: stakes.0: cites {TALKS}#s9, but article '{TALKS}' has only "
        "3 sentences"
    ]


def test_citation_to_missing_article(project: Project) -> None:
    """A source and citation naming an article that does not exist are both errors."""
    data = briefing_data(project, articles())
    data["sources"] = ["2025-01-01-gone", TALKS, BORDER]
    data["stakes"] = [{"text": "Traders report heavy losses.", "cite": ["2025-01-01-gone#s1"]}]
    write(project, data)
    assert lines(project) == [
        f"{BRIEFING}:19: error: stakes.0: cites 2025-01-01-gone#s1, but article "
        "'2025-01-01-gone' does not exist",
        f"{BRIEFING}:32: error: sources.0: article '2025-01-01-gone' does not exist",
    ]


def test_unsupported_generated_statement(project: Project) -> None:
    """A generated statement with words its source lacks is an error naming the words."""
    data = briefing_data(project, articles())
    data["stakes"] = [{"text": "Traders report catastrophic losses.", "cite": [f"{TALKS}#s3"]}]
    write(project, data)
    assert lines(project) == [
        f"{BRIEFING}:18: error: stakes.0: statement is not supported by its citations "
        '(support 0.75 < 0.85; not in the cited sentences: "catastrophic")'
    ]


def test_dropped_negation_is_an_error(project: Project) -> None:
    """A trim that drops 'not' keeps every word yet reverses the meaning: an error."""
    data = briefing_data(project, articles())
    data["background"] = [{"text": "Talks did resume on Thursday.", "cite": [f"{TALKS}#s1"]}]
    write(project, data)
    assert lines(project) == [
        f'{BRIEFING}:15: error: background.0: statement drops the negation "not" from its '
        "cited sentences"
    ]


def test_trim_around_a_negated_clause_is_fine() -> None:
    """Leaving out a clause that holds a negation, outside the quoted words, drops nothing."""
    assert dropped_negations("Talks resumed.", ["Talks resumed, though no date was set."]) == ()
    assert dropped_negations("Talks have resumed.", ["Talks have not yet resumed."]) == ("not",)


def test_unsupported_edited_statement_is_a_warning(project: Project) -> None:
    """An edited statement its citations no longer support is a warning; --strict exits 1."""
    data = briefing_data(project, articles())
    data["stakes"] = [
        {"text": "Shops near the crossing shut.", "cite": [f"{TALKS}#s3"], "edited": True}
    ]
    write(project, data)
    assert lines(project) == [
        f"{BRIEFING}:18: warning: stakes.0: edited statement is not supported by its citations "
        '(support 0.40 < 0.85; not in the cited sentences: "shops", "near", "shut")'
    ]
    root = str(project.root)
    assert CliRunner().invoke(cli, ["-C", root, "check"]).exit_code == 0
    assert CliRunner().invoke(cli, ["-C", root, "check", "--strict"]).exit_code == 1


def test_stale_briefing_when_an_article_changes(project: Project) -> None:
    """Adding an article to the topic after summarizing makes the briefing stale (an error)."""
    write(project)
    project.store.save_article(make_article("2025-11-06-new", published=dt.date(2025, 11, 6)))
    report = run_check(project)
    assert report.stale == ("demo",)
    assert [str(f) for f in report.findings] == [
        f"{BRIEFING}:34: error: briefing is stale: its articles, its topics.yaml entry or the "
        "summarizer (or its settings) changed since it was summarized "
        "(run 'briefgen summarize demo')"
    ]
    assert (
        report.summary()
        == "checked 3 articles and 1 briefing: 1 error, 0 warnings, 1 stale briefing"
    )


def test_stale_when_summarizer_setting_changes(project: Project) -> None:
    """A digest made with other summarizer settings is stale."""
    arts = articles()
    s = project.settings.replace(section_max=3)
    write(project, inputs=digest(project, arts, s))
    assert run_check(project).stale == ("demo",)


def test_missing_inputs_digest_is_a_warning(project: Project) -> None:
    """A briefing without ``inputs`` cannot be judged stale: a warning says so."""
    write(project, inputs=None)
    assert lines(project) == [
        f"{BRIEFING}:1: warning: no 'inputs' digest, so staleness cannot be checked "
        "(run 'briefgen summarize demo')"
    ]


def test_topic_without_briefing_is_a_warning(project: Project) -> None:
    """Articles of a topic that has no briefing yet are reported as unsummarized."""
    write(project)
    project.store.save_article(make_article("2025-11-06-other", topic="other"))
    assert lines(project) == [
        "content/briefings/other.yaml: warning: topic 'other' has 1 article but no briefing "
        "(run 'briefgen summarize other')"
    ]


def test_happened_event_after_its_source(project: Project) -> None:
    """A happened event dated after its source was published must be marked scheduled."""
    data = briefing_data(project, articles())
    data["timeline"] = [
        {"date": "2025-11-03", "text": "Talks did not resume.", "cite": [f"{TALKS}#s1"]}
    ]
    write(project, data)
    assert lines(project) == [
        f"{BRIEFING}:21: error: timeline.0: dated 2025-11-03, after its sources were published "
        "(latest 2025-11-01); mark it 'status: scheduled' or correct the date"
    ]


def test_month_precision_event_in_the_source_month_is_fine(project: Project) -> None:
    """A month-precision event compares by the month's first day."""
    data = briefing_data(project, articles())
    data["timeline"] = [
        {
            "date": "2025-11-30",
            "precision": "month",
            "text": "Talks did not resume.",
            "cite": [f"{TALKS}#s1"],
        }
    ]
    write(project, data)
    assert lines(project) == []


def test_inferred_publication_date_is_bounded_by_the_newest_source(project: Project) -> None:
    """For an article with an inferred date, the bound is the newest source's date."""
    arts = articles()
    arts[0] = arts[0].replace(published_basis="inferred")
    for a in arts:
        project.store.save_article(a)
    data = briefing_data(project, arts)
    data["timeline"] = [
        {"date": "2025-11-03", "text": "Talks did not resume.", "cite": [f"{TALKS}#s1"]}
    ]
    project.store.save_briefing(Briefing.validate(data))
    assert [f.rule for f in run_check(project).findings] == ["date-inferred"]


def test_json_format(project: Project) -> None:
    """--format json lists findings with path, line, severity, rule and message."""
    write(project, inputs=None)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "check", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["errors"] == 0 and data["warnings"] == 1 and data["stale"] == []
    assert data["findings"] == [
        {
            "path": BRIEFING,
            "line": 1,
            "severity": "warning",
            "rule": "stale",
            "message": "no 'inputs' digest, so staleness cannot be checked "
            "(run 'briefgen summarize demo')",
        }
    ]


def test_text_output_then_summary_and_exit_1(project: Project) -> None:
    """Text output is one line per finding then the summary line; errors exit 1."""
    data = briefing_data(project, articles())
    data["stakes"] = [{"text": "Traders report catastrophic losses.", "cite": [f"{TALKS}#s3"]}]
    write(project, data)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{BRIEFING}:18: error: stakes.0: statement is not supported by its citations "
        '(support 0.75 < 0.85; not in the cited sentences: "catastrophic")',
        "checked 2 articles and 1 briefing: 1 error, 0 warnings",
    ]


def test_not_a_project_is_an_error(tmp_path: Path) -> None:
    """check outside a project names the folder and exits 1."""
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "check"])
    assert result.exit_code == 1
    assert "not a briefgen project" in result.output


@pytest.mark.parametrize("threshold,expected", [(0.7, 0), (0.8, 1)])
def test_threshold_comes_from_config(project: Project, threshold: float, expected: int) -> None:
    """support_threshold in mkdocs.yml decides what counts as supported."""
    cfg = project.config_file
    cfg.write_text(cfg.read_text().replace("timeline_cap: 12", f"support_threshold: {threshold}"))
    project = Project.load(project.root)
    data = briefing_data(project, articles())
    data["stakes"] = [{"text": "Traders report catastrophic losses.", "cite": [f"{TALKS}#s3"]}]
    write(project, data)
    assert len(run_check(project).errors) == expected
