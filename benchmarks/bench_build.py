"""Benchmark: ``briefgen build`` vs bare ``mkdocs build`` of the same Markdown; no-op rebuild.

Generates a project of TOPICS topics with ARTICLES_PER_TOPIC articles each (briefings carry their
inputs digest, so the build does not summarize), then measures, each in a fresh process:

1. ``briefgen build`` of the one (working) edition into an empty site/;
2. ``mkdocs build`` of exactly the Markdown briefgen generated (dumped into docs/, same theme, nav,
   CSS and search plugin, no briefgen plugin);
3. ``briefgen build`` again with nothing changed (the no-op rebuild).

Targets (issue: Site): (1) <= 1.2 x (2); (3) <= 1 s. Usage::

    python -m benchmarks.bench_build [--topics 200] [--articles 10]

Work files go to benchmarks/.work/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from briefgen.app.project import Project
from briefgen.app.staleness import staleness_rule
from briefgen.model import Article, Briefing, Statement, TimelineEvent, Topic
from briefgen.plugin import CSS_URI, mkdocs_nav
from briefgen.publish.editions import plan_editions
from briefgen.publish.site import edition_input
from briefgen.render.env import PACKAGE_TEMPLATES, make_env
from briefgen.render.outputs import render_edition
from briefgen.scaffold import init_project

WORK = Path(__file__).resolve().parent / ".work"
WORDS = (
    "ceasefire talks border crossing delegates ministry statement trade convoy negotiators "
    "province officials agreement monitors refugees shipment harbour council envoy mediation "
    "pledge deadline corridor inspection tariff assembly coalition"
).split()


def _sentence(seed: int) -> str:
    words = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(9 + seed % 7)]
    return f"{words[0].capitalize()} {' '.join(words[1:])} number {seed}."


def _article(topic: str, t: int, a: int) -> Article:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=(t * 3 + a * 5) % 300)
    base = (t * 1000 + a * 20) * 3
    paragraphs = [[_sentence(base + p * 4 + s) for s in range(4)] for p in range(3)]
    body = "\n\n".join("\n".join(p) for p in paragraphs)
    return Article.validate(
        {
            "id": f"{day.isoformat()}-report-{t}-{a}",
            "topic": topic,
            "title": f"Report {a} on topic {t}",
            "publisher": "Bench Wire",
            "url": f"https://example.org/{t}/{a}",
            "published": day,
            "published_basis": "given",
            "ingested": dt.date(2025, 12, 1),
            "sha256": hashlib.sha256(body.encode()).hexdigest(),
            "paragraphs": paragraphs,
        }
    )


def _briefing(project: Project, topic: Topic, articles: list[Article]) -> Briefing:
    def st(a: Article, n: int) -> Statement:
        return Statement.validate(
            dict(text=a.sentences[n - 1].text, cite=[str(a.sentences[n - 1].citation)])
        )

    newest = max(articles, key=lambda a: a.published)
    events = [
        TimelineEvent.validate(
            dict(date=a.published, text=a.sentences[4].text, cite=[f"{a.id}#s5"])
        )
        for a in articles
    ]
    settings = project.settings
    return Briefing.validate(
        {
            "topic": topic.slug,
            "title": topic.title,
            "as_of": newest.published,
            "headline": st(newest, 1),
            "current_status": [st(a, 2) for a in articles[:3]],
            "background": [st(a, 3) for a in articles[3:6]],
            "stakes": [st(a, 7) for a in articles[6:9]],
            "timeline": events,
            "sources": sorted(a.id for a in articles),
            "inputs": staleness_rule(settings).digest(topic.slug, articles, topic),
        }
    )


def make_project(root: Path, topics: int, per_topic: int) -> Project:
    """Scaffold and fill the benchmark project."""
    init_project(root, title="Benchmark briefings")
    project = Project.load(root)
    store = project.store
    registry = [
        Topic.validate(dict(slug=f"topic-{t:03d}", title=f"Topic {t:03d}")) for t in range(topics)
    ]
    store.save_topics(registry)
    for t, topic in enumerate(registry):
        articles = [_article(topic.slug, t, a) for a in range(per_topic)]
        for article in articles:
            store.save_article(article)
        store.save_briefing(_briefing(project, topic, articles))
    return project


def make_bare(project: Project, bare: Path) -> None:
    """The Markdown briefgen generates, as a plain MkDocs project without the briefgen plugin."""
    planned = plan_editions(project.store)[-1]
    rendered = render_edition(
        edition_input(planned, project.settings), make_env(project.templates_dir)
    )
    docs = bare / "docs"
    for page in rendered.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, "utf-8")
    css = docs / CSS_URI
    css.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(PACKAGE_TEMPLATES.parent / "assets" / "briefgen.css", css)
    from mkdocs.utils.yaml import get_yaml_loader  # mkdocs.yml may use !ENV and !relative

    text = project.config_file.read_text("utf-8")
    config = dict(yaml.load(text, Loader=get_yaml_loader()))  # trusted: mkdocs.yml is code
    config["plugins"] = ["search"]
    config["nav"] = mkdocs_nav(rendered.nav)
    config["extra_css"] = [CSS_URI]
    config["site_url"] = "http://localhost/bare/"
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")


def _timed(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=200)
    parser.add_argument("--articles", type=int, default=10)
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    project = make_project(WORK / "project", args.topics, args.articles)
    make_bare(project, WORK / "bare")
    briefgen = [sys.executable, "-m", "briefgen", "-C", str(project.root), "build", "--quiet"]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(WORK / "bare/mkdocs.yml")]
    pages = sum(1 for _ in (WORK / "bare/docs").rglob("*.md"))
    bare_s = _timed(mkdocs, WORK / "bare")
    full_s = _timed(briefgen, project.root)
    noop_s = _timed(briefgen, project.root)
    print(f"{args.topics} topics, {args.topics * args.articles} articles, {pages} pages")
    print(f"bare mkdocs build:       {bare_s:7.2f} s")
    ratio = full_s / bare_s
    print(f"briefgen build:          {full_s:7.2f} s  ({ratio:.2f} x bare; target <= 1.2)")
    print(f"briefgen no-op rebuild:  {noop_s:7.2f} s  (target <= 1 s)")


if __name__ == "__main__":
    main()
