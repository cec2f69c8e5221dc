"""``briefgen summarize``: briefings with citations, incremental runs, editor edits, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec
import pytest
from cli_kit import CliRunner
from summarize_helpers import add_harbor

from briefgen.app.project import Project
from briefgen.app.staleness import staleness_rule
from briefgen.app.summarize import summarize_project
from briefgen.cli import cli
from briefgen.config import Settings
from briefgen.errors import ConfigError, SummarizeError
from briefgen.model import SECTIONS, Article, Briefing, Statement, Topic
from briefgen.nlp.similarity import support
from briefgen.records import briefing_to_text
from briefgen.summarize import extractive
from briefgen.summarize.base import Summarizer
from briefgen.summarize.extractive import ExtractiveSummarizer
from briefgen.summarize.registry import get_summarizer

from conftest import make_article, require


def _run(project: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(project.root), "summarize", "--quiet", *args])
    return result.exit_code, result.output


def _briefing(project: Project, topic: str = "harbor-strike") -> Briefing:
    return project.store.load_briefing(project.store.briefing_path(topic))


def _cited_texts(project: Project, st: Statement) -> list[str]:
    arts = {a.id: a for a in project.store.articles()}
    out = []
    for c in st.cite:
        s = arts[c.article_id].sentence(c.sentence)
        assert s is not None, f"{c} does not resolve"
        out.append(s.text)
    return out


def test_writes_a_cited_briefing(project: Project) -> None:
    """Every statement cites resolving sentences that support it fully; sections hold 2-7 items."""
    add_harbor(project)
    code, out = _run(project)
    assert code == 0, out
    assert "harbor-strike: written" in out
    b = _briefing(project)
    assert b.as_of == dt.date(2026, 3, 16)
    assert b.title == "Port Calder strike (harbor-strike)"
    assert list(b.sources) == sorted(a.id for a in project.store.articles("harbor-strike"))
    for st, where in b.iter_cited():
        assert support(st.text, _cited_texts(project, st)) == 1.0, where
    for section in SECTIONS:
        assert 2 <= len(b.section(section)) <= 7, section
    entry = next(t for t in project.store.topics() if t.slug == "harbor-strike")
    assert entry == Topic.validate(
        dict(slug="harbor-strike", title="Port Calder strike (harbor-strike)")
    )
    assert b.inputs == staleness_rule(project.settings).digest(
        "harbor-strike", project.store.articles("harbor-strike"), entry
    )


def test_sections_follow_the_evidence(project: Project) -> None:
    """Newest news is status, history is background (chronological), risks are stakes."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    status = " ".join(st.text for st in (b.headline, *b.current_status))
    assert "appointed a mediator" in status
    background = [st.text for st in b.background]
    assert any(
        t.startswith(("The strike began on 2 March", "The dispute began")) for t in background
    )
    assert not any("walked off the job" in st.text for st in b.current_status)
    stakes = " ".join(st.text for st in b.stakes)
    assert "could go bankrupt" in stakes or "could face storage fees" in stakes
    every = [st.text for st, _ in b.iter_cited()]
    assert not any("donate" in t.lower() or "subscribe" in t.lower() for t in every)
    assert not any(t.startswith("Read more") for t in every)


def test_older_status_is_superseded(project: Project) -> None:
    """The truce is status while it is the newest news and moves to background once it collapsed."""
    add_harbor(
        project,
        without=(
            "2026-03-11-truce-collapses-as-port-strike-resumes",
            "2026-03-13-exporters-count-the-cost-of-port-strike",
            "2026-03-16-mediator-appointed-in-port-dispute",
        ),
    )
    _run(project)
    early = _briefing(project)
    truce = "Striking dock workers agreed on Friday to a 72-hour truce"
    assert any(truce in st.text for st in (early.headline, *early.current_status))
    add_harbor(project)
    _run(project)
    late = _briefing(project)
    assert not any(truce in st.text for st in (late.headline, *late.current_status))
    assert any(truce in st.text for st in late.background) or any(
        truce in ev.text for ev in late.timeline
    )


def test_same_fact_across_sources_is_one_statement(project: Project) -> None:
    """Two articles reporting the collapse merge into one statement citing both."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    merged = [st for st, _ in b.iter_cited() if "collapsed" in st.text and len(st.cite) > 1]
    assert merged, "the collapse reported twice should be one statement with two citations"
    ids = {c.article_id for c in merged[0].cite}
    assert ids == {
        "2026-03-11-truce-collapses-as-port-strike-resumes",
        "2026-03-13-exporters-count-the-cost-of-port-strike",
    }


def test_conflicting_figures_stay_side_by_side() -> None:
    """Different casualty figures are never merged or averaged: both statements are kept."""
    a = make_article(
        "2026-01-10-clash-a",
        paragraphs=(
            (
                "Over 70 people were killed in the clashes on Friday, officials said.",
                "Talks will resume on Monday in the capital.",
            ),
        ),
        published=dt.date(2026, 1, 10),
    )
    b = make_article(
        "2026-01-10-clash-b",
        paragraphs=(
            (
                "Dozens of people were killed in the clashes on Friday, witnesses said.",
                "Negotiators will meet again on Monday, a spokesman said.",
            ),
        ),
        published=dt.date(2026, 1, 10),
    )
    out = ExtractiveSummarizer().summarize(
        Topic.validate(dict(slug="demo", title="Demo")), [a, b], None
    )
    texts = [st.text for st, where in out.iter_cited() if where.split(".")[0] in SECTIONS]
    over = next(i for i, t in enumerate(texts) if t.startswith("Over 70 people were killed"))
    dozens = next(i for i, t in enumerate(texts) if t.startswith("Dozens of people were killed"))
    assert abs(over - dozens) == 1, "the two figures stand side by side"
    assert texts[min(over, dozens)].endswith(("officials said.", "witnesses said."))


def test_rerun_changes_no_bytes_and_is_incremental(project: Project) -> None:
    """A second run skips the unchanged topic; --force recomputes the very same bytes."""
    add_harbor(project)
    _run(project)
    path = project.store.briefing_path("harbor-strike")
    first = path.read_bytes()
    code, out = _run(project)
    assert code == 0 and "harbor-strike: up to date" in out
    code, out = _run(project, "--force")
    assert code == 0 and "harbor-strike: unchanged" in out
    assert path.read_bytes() == first


def test_parallel_equals_serial(project: Project, tmp_path: Path) -> None:
    """Two topics summarized by a process pool give the same bytes as a serial run."""
    add_harbor(project)
    add_harbor(
        project, topic="harbor-copy", without=("2026-03-16-mediator-appointed-in-port-dispute",)
    )
    parallel = summarize_project(project, force=True, jobs=2)
    assert [r.state for r in parallel.results] == ["written", "written"]
    texts = {
        t: project.store.briefing_path(t).read_bytes() for t in ("harbor-copy", "harbor-strike")
    }
    for t in texts:
        project.store.briefing_path(t).unlink()
    seen: list[tuple[int, int, str]] = []
    summarize_project(project, force=True, jobs=1, progress=lambda *a: seen.append(a))
    assert seen == [(1, 2, "harbor-copy"), (2, 2, "harbor-strike")]
    for t, data in texts.items():
        assert project.store.briefing_path(t).read_bytes() == data


def test_big_topic_parallel_equals_serial(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Analysing one topic in two processes gives exactly the serial briefing."""
    add_harbor(project)
    monkeypatch.setattr(extractive, "PARALLEL_MIN_ARTICLES", 2)
    topic = Topic.validate(dict(slug="harbor-strike", title="Harbor"))
    articles = project.store.articles("harbor-strike")
    serial = ExtractiveSummarizer(project.settings, jobs=1).summarize(topic, articles, None)
    parallel = ExtractiveSummarizer(project.settings, jobs=2).summarize(topic, articles, None)
    assert briefing_to_text(parallel) == briefing_to_text(serial)


def test_edited_statements_survive_in_place(project: Project) -> None:
    """Edited and hand-added statements (edited: true) keep their text and index across runs."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    first = b.stakes[0]
    mine = Statement.validate(
        dict(text="Port jobs depend on the outcome.", cite=first.cite, edited=True)
    )
    added = Statement.validate(
        dict(text="Editors' note: talks are fragile.", cite=b.background[1].cite, edited=True)
    )
    background = list(b.background)
    background.insert(1, added)
    edited = b.replace(stakes=(b.stakes[1], mine, *b.stakes[2:]), background=tuple(background))
    project.store.save_briefing(edited)
    code, out = _run(project, "--force")
    assert code == 0, out
    after = _briefing(project)
    assert after.stakes[1] == mine
    assert after.background[1] == added
    assert first.text not in [st.text for st in after.stakes], "the generated copy is suppressed"
    before = project.store.briefing_path("harbor-strike").read_bytes()
    _run(project, "--force")
    assert project.store.briefing_path("harbor-strike").read_bytes() == before


def test_edited_timeline_event_survives(project: Project) -> None:
    """An edited timeline event is kept verbatim; the generated event it replaces is dropped."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    require(bool(b.timeline), "the timeline stage is not available")
    old = b.timeline[0]
    # a new wording drops the relative times of the old text (they must occur in the text)
    mine = old.replace(text="Editor's wording of the event.", edited=True, times=())
    project.store.save_briefing(b.replace(timeline=(mine, *b.timeline[1:])))
    code, out = _run(project, "--force")
    assert code == 0, out
    after = _briefing(project)
    assert mine in after.timeline
    assert old.text not in [ev.text for ev in after.timeline if ev.cite == old.cite]
    assert [ev.date for ev in after.timeline] == sorted(ev.date for ev in after.timeline)


def test_unmarked_hand_edit_is_reported(project: Project) -> None:
    """A changed statement without edited: true is regenerated, and the run says so."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    changed = Statement.validate(dict(text="Something an editor typed.", cite=b.stakes[0].cite))
    project.store.save_briefing(b.replace(stakes=(changed, *b.stakes[1:])))
    code, out = _run(project, "--force")
    assert code == 0
    assert "stakes.0: text differs from its source but is not marked 'edited: true'" in out
    assert (
        "Something an editor typed." not in project.store.briefing_path("harbor-strike").read_text()
    )


def test_unresolvable_citation_is_reported(project: Project) -> None:
    """A generated statement citing a sentence that no longer exists is reported and replaced."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    aid = b.stakes[0].cite[0].article_id
    ghost = Statement.validate(dict(text=b.stakes[0].text, cite=[f"{aid}#s99"]))
    project.store.save_briefing(b.replace(stakes=(ghost, *b.stakes[1:])))
    code, out = _run(project, "--force")
    assert code == 0
    assert f"stakes.0: cites {aid}#s99, which no longer resolves; replaced" in out
    assert f"{aid}#s99" not in project.store.briefing_path("harbor-strike").read_text()


def test_edited_statement_citing_a_removed_article_stops(project: Project) -> None:
    """An edited statement whose article was removed stops the run, naming file and field."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    gone = "2026-03-02-dock-workers-walk-out-at-port-calder"
    mine = Statement.validate(dict(text="Kept by the editor.", cite=[f"{gone}#s1"], edited=True))
    project.store.save_briefing(b.replace(stakes=(mine, *b.stakes[1:])))
    before = project.store.briefing_path("harbor-strike").read_bytes()
    (project.store.articles_dir / "harbor-strike" / f"{gone}.md").unlink()
    code, out = _run(project)
    assert code == 1
    assert "harbor-strike.yaml: stakes.0: edited statement cites" in out
    assert f"{gone}#s1, whose article no longer exists" in out
    assert project.store.briefing_path("harbor-strike").read_bytes() == before


def test_unknown_topic_exits_2_listing_known(project: Project) -> None:
    """An unknown topic name exits 2 and lists the known topics."""
    add_harbor(project)
    code, out = _run(project, "no-such-topic")
    assert code == 2
    assert "unknown topic 'no-such-topic'; known topics: harbor-strike" in out


def test_topic_without_articles_writes_nothing(project: Project) -> None:
    """A registered topic with no articles gets a clear message and no briefing file."""
    project.store.save_topics([Topic.validate(dict(slug="empty-topic", title="Empty"))])
    code, out = _run(project, "empty-topic")
    assert code == 1
    assert "topic 'empty-topic' has no articles" in out and "nothing written" in out
    assert not project.store.briefing_path("empty-topic").exists()
    code, out = _run(project)
    assert code == 0 and "empty-topic: skipped: no articles, nothing written" in out


def test_corrupted_briefing_is_named_and_kept(project: Project) -> None:
    """A briefing that does not parse stops the run with its name; no file is overwritten."""
    add_harbor(project)
    add_harbor(project, topic="harbor-copy")
    path = project.store.briefing_path("harbor-strike")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("schema: briefgen/briefing@1\ntopic: [unclosed\n", encoding="utf-8")
    code, out = _run(project)
    assert code == 1
    assert "harbor-strike.yaml" in out and out.startswith("Error:")
    assert path.read_text(encoding="utf-8") == "schema: briefgen/briefing@1\ntopic: [unclosed\n"
    assert not project.store.briefing_path("harbor-copy").exists()


def test_article_without_usable_sentences_is_skipped(project: Project) -> None:
    """An article holding only boilerplate is skipped and reported by id."""
    add_harbor(project)
    noise = make_article(
        "2026-03-15-subscribe",
        topic="harbor-strike",
        paragraphs=(("Click here to subscribe to our newsletter.", "Read more"),),
        published=dt.date(2026, 3, 15),
    )
    project.store.save_article(noise)
    code, out = _run(project)
    assert code == 0
    assert "skipped article 2026-03-15-subscribe: no usable sentences" in out


class _FirstSentences:
    """A toy backend for the plug-in test: the first sentence of each article, as status."""

    name = "first"
    version = "1"

    def summarize(
        self, topic: Topic, articles: list[Article], previous: Briefing | None
    ) -> Briefing:
        """Quote each article's first sentence."""
        sts = [
            Statement.validate(dict(text=a.sentences[0].text, cite=[a.sentences[0].citation]))
            for a in articles
        ]
        return Briefing.validate(
            dict(
                topic=topic.slug,
                title=topic.title,
                as_of=max(a.published for a in articles),
                headline=sts[-1],
                current_status=tuple(sts),
                sources=tuple(sorted(a.id for a in articles)),
            )
        )


def test_backend_is_pluggable(project: Project) -> None:
    """summarizer: module:attribute selects another backend without touching callers."""
    assert isinstance(get_summarizer(Settings.validate({})), Summarizer)
    settings = Settings.validate({"summarizer": "test_summarize:_FirstSentences"})
    assert get_summarizer(settings).name == "first"
    with pytest.raises(ConfigError, match="unknown summarizer 'nope'"):
        get_summarizer(Settings.validate({"summarizer": "nope"}))
    add_harbor(project)
    custom = msgspec.structs.replace(project, settings=settings)
    summarize_project(custom)
    b = _briefing(project)
    assert len(b.current_status) == 6 and not b.background


def test_summarizer_refuses_an_empty_topic() -> None:
    """The extractive backend raises SummarizeError for a topic without articles."""
    with pytest.raises(SummarizeError, match="topic 'x' has no articles"):
        ExtractiveSummarizer().summarize(Topic.validate(dict(slug="x", title="X")), [], None)


def test_statement_extended_with_its_antecedent_is_not_a_hand_edit(project: Project) -> None:
    """A generated statement made of two consecutive cited sentences (a statement extended with
    the sentence that resolves its reference) is not reported as an unmarked hand edit."""
    add_harbor(project)
    _run(project)
    b = _briefing(project)
    aid = b.stakes[0].cite[0].article_id
    (path,) = [p for p in project.store.article_paths() if p.stem == aid]
    article = project.store.load_article(path)
    first, second = article.sentences[0], article.sentences[1]
    extended = Statement.validate(
        dict(text=f"{first.text} {second.text}", cite=(first.citation, second.citation))
    )
    project.store.save_briefing(b.replace(stakes=(extended, *b.stakes[1:])))
    code, out = _run(project, "--force")
    assert code == 0, out
    assert "differs from its source" not in out
