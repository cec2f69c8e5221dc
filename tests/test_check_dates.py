"""``check`` warns on each inferred and each suspect publication date, at its ``published`` line."""

from __future__ import annotations

import datetime as dt

from cli_kit import CliRunner

from briefgen.app.check import run_check
from briefgen.app.project import Project
from briefgen.cli import cli

from conftest import make_article

PATH = "content/articles/demo/{}.md"


def test_inferred_and_suspect_dates_are_warnings_with_evidence(project: Project) -> None:
    """Each inferred and each suspect date is one warning naming the file, line and evidence."""
    inferred = make_article(
        "2025-11-03-talks",
        published=dt.date(2025, 11, 3),
        published_basis="inferred",
        published_evidence='latest date the text reports as past: "3 November 2025" (sentence 1)'
        " -> 2025-11-03; range 2025-11-03 to 2025-11-20 (the earliest date the text puts ahead)",
    )
    suspect = make_article(
        "2025-01-02-border",
        published=dt.date(2025, 1, 2),
        published_basis="stated-suspect",
        published_evidence='line 1: "Published 2 January 2025"; suspect: every dated event the '
        "text reports as past lies after it (earliest 2025-03-01, 2 reported)",
        paragraphs=(("The border closed on 1 March 2025.",),),
    )
    given = make_article("2025-11-05-given", published=dt.date(2025, 11, 5))
    for a in (inferred, suspect, given):
        project.store.save_article(a)
    findings = [f for f in run_check(project).findings if f.rule.startswith("date-")]
    assert [str(f) for f in findings] == [
        f"{PATH.format('2025-01-02-border')}:4: warning: "
        'publication date 2025-01-02 is stated but suspect (line 1: "Published 2 January 2025"; '
        "suspect: every dated event the text reports as past lies after it (earliest 2025-03-01,"
        " 2 reported)); check the page's date or re-ingest with --published",
        f"{PATH.format('2025-11-03-talks')}:4: warning: "
        "publication date 2025-11-03 is inferred, not stated (latest date the text reports as "
        'past: "3 November 2025" (sentence 1) -> 2025-11-03; range 2025-11-03 to 2025-11-20 '
        "(the earliest date the text puts ahead)); confirm it or re-ingest with --published",
    ]
    text = project.store.article_path("demo", "2025-11-03-talks").read_text(encoding="utf-8")
    assert text.split("\n")[3] == "published: 2025-11-03"
    assert [(f.rule, f.severity) for f in findings] == [
        ("date-suspect", "warning"),
        ("date-inferred", "warning"),
    ]


def test_inferred_date_without_evidence_still_warns(project: Project) -> None:
    """A hand-written inferred record without evidence says so rather than staying silent."""
    project.store.save_article(make_article(published_basis="inferred"))
    [finding] = [f for f in run_check(project).findings if f.rule == "date-inferred"]
    assert finding.message == (
        "publication date 2025-11-05 is inferred, not stated (no evidence recorded); "
        "confirm it or re-ingest with --published"
    )


def test_date_warnings_fail_only_strict_check(project: Project) -> None:
    """Date warnings leave exit 0, and --strict turns them into a failure (exit 1)."""
    project.store.save_article(make_article(published_basis="inferred"))
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(project.root), "check"]).exit_code == 0
    assert runner.invoke(cli, ["-C", str(project.root), "check", "--strict"]).exit_code == 1


def test_given_stated_and_metadata_dates_are_not_flagged(project: Project) -> None:
    """Bases given, stated and metadata produce no date finding."""
    for n, basis in enumerate(("given", "stated", "metadata"), 1):
        project.store.save_article(
            make_article(
                f"2025-11-0{n}-a{n}", published=dt.date(2025, 11, n), published_basis=basis
            )
        )
    assert not [f for f in run_check(project).findings if f.rule.startswith("date-")]
