"""Scale work (issue 16): cached pysbd patterns, parallel ingest, build reports, the benchmark."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pysbd
import pytest

from briefgen.nlp import sentences

FIXTURES = Path(__file__).parent / "fixtures"


def _paragraphs() -> list[str]:
    lines = (FIXTURES / "timeline17" / "sentences.txt").read_text("utf-8").splitlines()
    return [" ".join(lines[i : i + 6]) for i in range(0, len(lines), 6)]


def test_cached_patterns_split_exactly_as_pysbd() -> None:
    """pysbd with its patterns compiled once splits the Timeline17 sample exactly as stock pysbd."""
    paragraphs = _paragraphs()
    sentences._segmenter()  # installs the cached ``re`` in pysbd's modules
    modules = [importlib.import_module(f"pysbd.{m}") for m in sentences._PYSBD_MODULES]
    assert all(isinstance(m.re, sentences._CachedRe) for m in modules if hasattr(m, "re"))
    cached = [pysbd.Segmenter(language="en", clean=False).segment(p) for p in paragraphs]
    saved = [m.re for m in modules]
    try:
        for m in modules:
            m.re = re  # type: ignore[attr-defined]
        stock = [pysbd.Segmenter(language="en", clean=False).segment(p) for p in paragraphs]
    finally:
        for m, r in zip(modules, saved, strict=True):
            m.re = r  # type: ignore[attr-defined]
    assert cached == stock
    assert sum(len(s) for s in stock) > 600


def _stock_segment(paragraphs: list[str]) -> list[list[str]]:
    """pysbd's own segmenter, with the module-level ``re`` it ships with."""
    modules = [importlib.import_module(f"pysbd.{m}") for m in sentences._PYSBD_MODULES]
    saved = [getattr(m, "re", None) for m in modules]
    try:
        for m in modules:
            if hasattr(m, "re"):
                m.re = re  # type: ignore[attr-defined]
        segmenter = pysbd.Segmenter(language="en", clean=False)
        return [segmenter.segment(p) for p in paragraphs]
    finally:
        for m, r in zip(modules, saved, strict=True):
            if r is not None:
                m.re = r  # type: ignore[attr-defined]


def test_segmenter_shortcuts_split_exactly_as_pysbd() -> None:
    """briefgen's segmenter (sentences located with str.find, abbreviations that are never
    followed by a period skipped) gives stock pysbd's sentences on the Timeline17 sample and on
    abbreviations, initials, repeated sentences, odd spaces and case-folding characters."""
    odd = [
        "Mr. Smith met Dr. Jones at 5 p.m. in the U.S. on Jan. 5. No. 10 was e.g. fine.",
        "St. Paul's Co. Ltd. is ſt. here. The ıd. and İnc. went on. NO. 5 and no. 6 rose.",
        "Gen. A. B. Smith, Ph.D., and Sen. John Doe Jr. arrived. Vol. 3 p. 12 fig. 4 shows it.",
        "It rained. It rained. It rained.\u00a0 It rained.\tThen it stopped.  ",
        "He said so. i.e. he did. Approx. 40 people came. Ave. Maria St. is near Mt. Hood.",
        "",
        "   ",
        "No period at all here",
    ]
    paragraphs = _paragraphs()[:200] + odd
    ours = [sentences._segmenter().segment(p) for p in paragraphs]
    assert ours == _stock_segment(paragraphs)
    assert sum(len(s) for s in ours) > 600


def test_case_folding_characters_listed() -> None:
    """The characters re.IGNORECASE matches to an ASCII letter or digit while str.lower does not
    lower them to it are exactly the ones the segmenter's shortcut hands to pysbd's own loop."""
    pattern = re.compile("[a-z0-9]", re.IGNORECASE)
    odd = {
        c
        for c in map(chr, range(128, 0x110000))
        if pattern.fullmatch(c) and not (c.lower().isascii() and len(c.lower()) == 1)
    }
    assert odd == set(sentences._FOLDS_TO_ASCII)


def test_benchmark_smoke(tmp_path: Path) -> None:
    """`python -m benchmarks` at size 20 writes its RESULTS section and raw figures, tables whole"""
    import json
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Other section\n\nkept\n", "utf-8")
    work = tmp_path / "work"
    env = {**os.environ, "PYTHONPATH": str(repo)}
    cmd = [sys.executable, "-m", "benchmarks", "--sizes", "20", "--runs", "1"]
    cmd += ["--work", str(work), "--results", str(results)]
    subprocess.run(cmd, cwd=repo, env=env, check=True, capture_output=True)
    assert sorted(p.name for p in work.iterdir()) == ["results.json", "size-20"]
    assert sorted(p.name for p in (work / "size-20").iterdir()) == ["bare0", "corpus", "run0"]
    assert len(list((work / "size-20" / "corpus").iterdir())) == 20
    raw = json.loads((work / "results.json").read_text("utf-8"))
    assert list(raw) == ["20"] and sorted(raw["20"][0]["stages"]) == [
        "build",
        "ingest",
        "summarize",
    ]
    text = results.read_text("utf-8")
    assert "## Other section\n\nkept\n" in text
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert [line.count("|") for line in rows] == [10, 10, 10, 7, 7, 7, 6, 6, 6]
    assert rows[2].startswith("| 20 / 2 |") and rows[5].startswith("| 20 |")
    assert rows[8].startswith("| 20 |")
    assert raw["20"][0]["stages"]["ingest"]["load"] >= 0  # the load average is recorded
    folders = raw["20"][0]["site_folders"]
    assert "sources" in folders and sum(folders.values()) <= raw["20"][0]["site_bytes"]
    assert "- 20 articles: `" in text  # the site's bytes per folder


def test_benchmark_section_replaced(tmp_path: Path) -> None:
    """Writing the benchmark's RESULTS section again replaces it and keeps the other sections."""
    from benchmarks.pipeline import MARK_END, MARK_START, write_results

    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n\n## Ingest\n\nfigures\n", "utf-8")
    write_results(path, f"{MARK_START}\nfirst\n{MARK_END}\n")
    write_results(path, f"{MARK_START}\nsecond\n{MARK_END}\n")
    text = path.read_text("utf-8")
    assert text == f"# Results\n\n## Ingest\n\nfigures\n\n{MARK_START}\nsecond\n{MARK_END}\n"


def test_release_after_build_rebuilds_nothing(tmp_path: Path) -> None:
    """`build`, then `release` of that state, then `build`: the second build builds no edition."""
    from test_publish_kit import make_site_project

    from briefgen.app.build import build_site
    from briefgen.app.release import release

    project = make_site_project(tmp_path / "p")
    first = build_site(project)
    assert first.built == ("2025-11-03", "2025-11-05")
    home = (project.root / "site" / "2025-11-05" / "index.html").read_bytes()
    assert release(project).id == "2025-11-05"
    again = build_site(project)
    assert again.editions == ("2025-11-03", "2025-11-05")
    assert again.built == ()
    assert (project.root / "site" / "2025-11-05" / "index.html").read_bytes() == home
    versions = (project.root / "site" / "versions.json").read_text("utf-8")
    assert '"2025-11-05"' in versions


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_parallel_summarize_writes_the_serial_bytes(tmp_path: Path) -> None:
    """Summarize with two worker processes writes content/ (articles and briefings)
    byte for byte as serial runs do."""
    import datetime as dt
    import shutil

    from benchmarks.corpus import topics_yaml, write_corpus
    from briefgen.app.ingest import IngestOptions, ingest_sources
    from briefgen.app.project import Project
    from briefgen.app.summarize import summarize_project
    from briefgen.scaffold import init_project

    corpus = tmp_path / "corpus"
    made = write_corpus(corpus, 40, 7, None)
    first = sorted(corpus.iterdir())[0]
    shutil.copy(first, corpus / "zz-copy.txt")  # an exact duplicate, found after its original
    trees = []
    for jobs in (1, 2):
        root = tmp_path / f"p{jobs}"
        init_project(root, title="T")
        (root / "content" / "topics.yaml").write_text(topics_yaml(made), "utf-8")
        project = Project.load(root)
        report = ingest_sources(project, [str(corpus)], IngestOptions(), today=dt.date(2026, 1, 1))
        assert report.exit_code == 0
        assert [r.outcome for r in report.results].count("duplicate") == 1
        summarized = summarize_project(project, jobs=jobs)
        assert [r.state for r in summarized.results] == ["written", "written"]
        trees.append(_tree(root / "content"))
    assert len([k for k in trees[0] if k.endswith(".md")]) == 40
    assert len([k for k in trees[0] if k.endswith(".yaml") and "/" in k]) == 2
    assert trees[0] == trees[1]


def test_source_and_period_pages_are_linked_not_in_nav(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Source pages and timeline period pages are built and linked (from the topic page, from
    the timeline entry), absent from the navigation, and a strict build passes even with
    `validation.nav.omitted_files: warn`."""
    from test_publish_kit import make_site_project

    from briefgen.app.build import build_site
    from briefgen.render import periods

    from conftest import newest_edition

    monkeypatch.setattr(periods, "PAGE_MAX", 0)
    project = make_site_project(tmp_path / "p")
    config = project.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + "validation:\n  nav:\n    omitted_files: warn\n", "utf-8"
    )
    assert build_site(project).built == ("2025-11-03", "2025-11-05")
    latest = newest_edition(project.root / "site")
    shared = project.root / "site" / "sources"  # one page per source for every edition
    sources = sorted(p.parent.name for p in shared.rglob("index.html"))
    assert len(sources) == 3
    topic = (latest / "topics" / "border-talks" / "index.html").read_text("utf-8")
    home = (latest / "index.html").read_text("utf-8")
    for name in sources:
        assert f'href="../../../sources/{name}/"' in topic
        assert f"sources/{name}/" not in home
    entry = (latest / "timeline" / "index.html").read_text("utf-8")
    months = sorted(p.parent.name for p in (latest / "timeline").glob("*/index.html"))
    assert months
    assert all(f'href="{m}/"' in entry and f"timeline/{m}/" not in home for m in months)
    # the chart's columns open their entries on the period pages (resolved by the plugin)
    targets = re.findall(r'class="bg-col-link" href="([^"]+)"', entry)
    assert targets and "briefgen-edition:" not in entry
    for target in targets:
        path, _, anchor = target.partition("#")
        assert path.startswith("../timeline/") and anchor.startswith("ev-")
        page = (latest / "timeline" / path.removeprefix("../timeline/") / "index.html").read_text()
        assert f'id="{anchor}"' in page


def test_noop_build_reads_no_unchanged_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a build, deciding that nothing changed reads no content file (the state file caches
    each file's stat and hash); a rewritten article is read, and its change is built."""
    from test_publish_kit import make_site_project

    from briefgen import store as store_module
    from briefgen.app.build import build_site

    monkeypatch.setattr(store_module, "RACY_NS", 0)
    project = make_site_project(tmp_path / "p")
    assert build_site(project).built == ("2025-11-03", "2025-11-05")
    reads: list[str] = []
    real_read = store_module.read_regular

    def counting(real: str | Path, shown: str | Path, *, checked: bool = False) -> bytes:
        reads.append(Path(shown).name)
        return real_read(real, shown, checked=checked)

    monkeypatch.setattr(store_module, "read_regular", counting)
    assert build_site(project).built == ()
    assert reads == []
    article = next(project.store.root.glob("articles/*/2025-11-05-*.md"))
    article.write_text(article.read_text("utf-8").replace("tabled", "shelved"), "utf-8")
    again = build_site(project)
    assert article.name in reads
    assert again.built == ("2025-11-05",)


def test_long_timeline_split_by_year(monkeypatch: pytest.MonkeyPatch) -> None:
    """A timeline longer than PAGE_MAX becomes an entry page and a page per year, newest first,
    each year linking the entry and the years before and after it."""
    import datetime as dt

    from briefgen.model import Edition, TimelineEvent
    from briefgen.render import outputs, periods
    from briefgen.render.env import make_env
    from briefgen.render.pages import EditionInput

    from conftest import make_article, make_briefing

    monkeypatch.setattr(periods, "PAGE_MAX", 2)
    article = make_article("2025-11-05-a")
    cite = [str(article.sentences[0].citation)]
    days = (dt.date(2025, 11, 5), dt.date(2025, 3, 1), dt.date(2024, 6, 1))
    events = [TimelineEvent.validate(dict(date=d, text=f"Event on {d}.", cite=cite)) for d in days]
    briefing = make_briefing(article, timeline=events)
    edition = Edition.validate(
        dict(id="e1", released=dt.date(2025, 11, 5), briefings=(briefing,), articles=(article,))
    )
    rendered = outputs.render_edition(EditionInput(edition, None, None, (), 12), make_env())
    pages = {p.path: p.markdown for p in rendered.pages}
    assert [p for p in pages if p.startswith("timeline")] == [
        "timeline.md",
        "timeline/2025.md",
        "timeline/2024.md",
    ]
    assert "- [2025](timeline/2025.md) — 2 events" in pages["timeline.md"]
    assert "- [2024](timeline/2024.md) — 1 event" in pages["timeline.md"]
    assert "Event on" not in pages["timeline.md"]
    assert "[All periods](../timeline.md) · Older: [2024](2024.md)" in pages["timeline/2025.md"]
    assert "[All periods](../timeline.md) · Newer: [2025](2025.md)\n" in pages["timeline/2024.md"]
    newest = pages["timeline/2025.md"]
    assert newest.index("Event on 2025-11-05") < newest.index("Event on 2025-03-01")
    assert "Event on 2024" not in newest
    assert [n.path for n in rendered.nav if n.title == "Timeline"] == ["timeline.md"]


def test_dense_month_split_into_parts_and_chart_links_to_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A month holding more than PAGE_MAX events (in a year that does) becomes a page per part
    of the month (1-7, 8-14, 15-21, 22-end), its month-only events on the month's page; each
    entry has the anchor the entry page's chart links to, on its own page."""
    import datetime as dt

    from briefgen.model import Edition, TimelineEvent
    from briefgen.render import outputs, periods
    from briefgen.render.env import make_env
    from briefgen.render.pages import EditionInput
    from briefgen.render.views import resolve_root_links

    from conftest import make_article, make_briefing

    monkeypatch.setattr(periods, "PAGE_MAX", 2)
    article = make_article("2025-11-05-a")
    cite = [str(article.sentences[0].citation)]
    days = [(dt.date(2025, 11, d), "day") for d in (2, 9, 30)] + [(dt.date(2025, 11, 1), "month")]
    events = [
        TimelineEvent.validate(dict(date=d, precision=p, text=f"Event on {d} as {p}.", cite=cite))
        for d, p in days
    ]
    briefing = make_briefing(article, timeline=events)
    edition = Edition.validate(
        dict(id="e1", released=dt.date(2025, 11, 5), briefings=(briefing,), articles=(article,))
    )
    rendered = outputs.render_edition(EditionInput(edition, None, None, (), 12), make_env())
    pages = {p.path: p.markdown for p in rendered.pages}
    assert [p for p in pages if p.startswith("timeline")] == [
        "timeline.md",
        "timeline/2025-11-22.md",
        "timeline/2025-11-08.md",
        "timeline/2025-11-01.md",
        "timeline/2025-11.md",
    ]
    entry = pages["timeline.md"]
    assert "- [22–30 November 2025](timeline/2025-11-22.md) — 1 event" in entry
    assert "- [November 2025](timeline/2025-11.md) — 1 event" in entry
    assert "Event on 2025-11-01 as month" in pages["timeline/2025-11.md"]
    part = pages["timeline/2025-11-08.md"]
    assert '<span class="bg-ev" id="ev-2"></span>**9 November 2025**' in part
    assert "Older: [1–7 November 2025](2025-11-01.md)" in part
    # the chart's columns link to the entries on their period pages, relative to the entry page
    assert 'href="briefgen-edition:timeline/2025-11-08.md#ev-2"' in entry
    html = resolve_root_links(entry, "timeline/", True)
    assert 'href="../timeline/2025-11-08/#ev-2"' in html
    flat = resolve_root_links(entry, "timeline.html", False)
    assert 'href="timeline/2025-11-08.html#ev-2"' in flat


def test_keyword_counts_match_a_scan_of_every_token() -> None:
    """Counting one-word keyword hits from the counted, sorted tokens gives what a scan of every
    token gives (exact words; prefixes of five letters or more)."""
    from briefgen.ingest.topics import _hits, _Tokens
    from briefgen.nlp.similarity import words

    text = " ".join(words(" ".join(_paragraphs()[:40])))
    tokens = text.split()
    counted = _Tokens.of(text)
    keywords = ["swine", "flu", "pandemic", "vaccin", "haiti", "the", "zz"]
    keywords += sorted(set(tokens))[:300:7]
    for kw in keywords:
        w = words(kw)[0]
        scan = sum(1 for t in tokens if t == w or (len(w) >= 5 and t.startswith(w)))
        assert _hits(kw, counted) == scan, kw
    assert _hits("vaccin", counted) > 0 and _hits("pandemic", counted) > 0


def test_every_publication_basis_has_reader_words() -> None:
    """Every publication-date basis an article can hold (stated-suspect included) has the words
    a citation mark shows for it: the 1,000-article benchmark's build failed on a suspect date."""
    from typing import get_args

    from briefgen.model import PublishedBasis
    from briefgen.render.views import BASIS_TEXT

    assert set(BASIS_TEXT) == set(get_args(PublishedBasis))
