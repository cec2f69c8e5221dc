"""Trust marks on the pages and in the data files: resolved relative times, conflicting figures
side by side, the single-source mark and "scheduled, no report since" (briefgen/render/marks.py).
Briefing units are written by hand here: summarize fills these fields, render only shows them."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

import markdown

from briefgen.model import Article, Briefing, Edition, Statement, TimelineEvent, TimeRef
from briefgen.render.data import briefings_json, timelinejs_json
from briefgen.render.env import make_env
from briefgen.render.marks import marked_text, time_label
from briefgen.render.outputs import render_edition
from briefgen.render.pages import EditionInput

from conftest import make_article
from conftest import make_briefing as _make_briefing

TALKS = "2025-11-05-talks"
POST = "2025-11-04-post"
CLOSE = "</span></span>"
HOSTILE = '<script>window.__pwned=1</script> "q" </span> ago'


def _talks() -> Article:
    return make_article(
        TALKS,
        paragraphs=(
            (
                "Talks began two weeks ago in Doha.",
                "Officials said 40 people died.",
                "The vote was set for 1 November.",
                f"Observers said {HOSTILE} things changed.",
            ),
        ),
        publisher="Example Wire",
        url="https://example.org/talks",
    )


def _post(**extra: object) -> Article:
    return make_article(
        POST,
        paragraphs=(("Medics said 52 people died.", "Talks began last month."),),
        published=dt.date(2025, 11, 4),
        publisher="Other Post",
        **extra,
    )


def make_briefing(article: Article, **extra: object) -> Briefing:
    """conftest's briefing with an empty current status (its statement would repeat a test's)."""
    return _make_briefing(article, **{"current_status": [], **extra})


def _week(phrase: str = "two weeks ago") -> TimeRef:
    return TimeRef.validate(dict(phrase=phrase, date=dt.date(2025, 10, 22), precision="week"))


def _pages(briefing: Briefing, articles: tuple[Article, ...], cap: int = 12) -> dict[str, str]:
    edition = Edition.validate(
        dict(
            id="2025-11-05", released=dt.date(2025, 11, 5), briefings=(briefing,), articles=articles
        )
    )
    inp = EditionInput(
        edition=edition, previous_id=None, changes=None, last_changed=(), timeline_cap=cap
    )
    return {p.path: p.markdown for p in render_edition(inp, make_env()).pages}


def _section(page: str, title: str) -> str:
    return page.split(f"## {title}\n")[1].split("\n## ")[0]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def _html(md: str) -> _Text:
    parser = _Text()
    parser.feed(markdown.markdown(md))
    parser.close()
    return parser


def test_time_labels_follow_precision_year_and_inferred_dates() -> None:
    """A day reads 10 Oct (its year when not the briefing's), a week "about", a month "about Oct
    2025", a year "2024"; an inferred source date makes any of them "about"."""
    day = dt.date(2025, 10, 10)
    assert time_label(TimeRef.validate(dict(phrase="x", date=day)), 2025) == "10 Oct"
    assert time_label(TimeRef.validate(dict(phrase="x", date=day)), 2026) == "10 Oct 2025"
    assert (
        time_label(TimeRef.validate(dict(phrase="x", date=day)), 2025, inferred=True)
        == "about 10 Oct"
    )
    assert (
        time_label(TimeRef.validate(dict(phrase="x", date=day, precision="week")), 2025)
        == "about 10 Oct"
    )
    assert (
        time_label(TimeRef.validate(dict(phrase="x", date=day, precision="month")), 2025)
        == "about Oct 2025"
    )
    assert (
        time_label(TimeRef.validate(dict(phrase="x", date=day, precision="year")), 2025) == "2025"
    )


def test_statement_time_is_followed_by_its_resolved_date() -> None:
    """On the topic page the phrase is wrapped and followed by "— about 22 Oct", the full date
    and its basis in the tooltip; the text around it is unchanged."""
    a = _talks()
    st = Statement.validate(dict(text=a.sentences[0].text, cite=[f"{TALKS}#s1"], times=[_week()]))
    page = _pages(make_briefing(a, background=[st]), (a,))["topics/demo.md"]
    assert (
        '- Talks began <span class="bg-time" title="the week of 22 October 2025, counted from '
        'the source&#39;s publication date">two weeks ago<span class="bg-when"> — about 22 Oct'
        "</span></span> in Doha. <span"
    ) in _section(page, "Background")
    shown = _html(_section(page, "Background"))
    assert "Talks began two weeks ago — about 22 Oct in Doha." in shown.text


def test_time_of_a_source_with_an_inferred_date_reads_about() -> None:
    """A day-precision time counted from a source whose date was inferred reads "about 21 Oct"
    and says so in its tooltip."""
    a = _talks()
    post = _post(published_basis="inferred")
    ref = TimeRef.validate(dict(phrase="last month", date=dt.date(2025, 10, 21)))
    st = Statement.validate(dict(text=post.sentences[1].text, cite=[f"{POST}#s2"], times=[ref]))
    page = _pages(make_briefing(a, stakes=[st], sources=[POST, TALKS]), (a, post))
    assert (
        'title="21 October 2025, counted from the source&#39;s publication date, itself inferred '
        '&#40;approximate&#41;">last month<span class="bg-when"> — about 21 Oct</span></span>'
    ) in page["topics/demo.md"]


def test_hostile_time_phrase_is_escaped_piece_by_piece() -> None:
    """A phrase holding <script>, quotes and </span> is escaped inside the mark; the Markdown
    renders to no script tag and shows the phrase verbatim before its date."""
    text = f"Observers said {HOSTILE} things changed."
    ref = TimeRef.validate(dict(phrase=HOSTILE, date=dt.date(2024, 10, 22)))
    out = marked_text(text, (ref,), 2025)
    assert out == (
        'Observers said <span class="bg-time" title="22 October 2024, counted from the source&#39;s'
        ' publication date">&#60;script&#62;window.__pwned&#61;1&#60;/script&#62; &#34;q&#34; '
        '&#60;/span&#62; ago<span class="bg-when"> — 22 Oct 2024</span></span> things changed.'
    ).replace("__", "&#95;&#95;")
    shown = _html(f"- {out}")
    assert shown.tags == ["ul", "li", "span", "span"]
    assert shown.text.strip() == f"Observers said {HOSTILE} — 22 Oct 2024 things changed."


def test_several_times_and_a_phrase_at_the_start() -> None:
    """Two phrases are each marked in text order; a phrase opening the text is marked too and
    a list marker after it stays text."""
    refs = (
        TimeRef.validate(dict(phrase="Yesterday", date=dt.date(2025, 11, 4))),
        _week("2 weeks ago"),
    )
    out = marked_text("Yesterday - as 2 weeks ago - talks", refs, 2025)
    assert out.count('class="bg-time"') == 2
    assert out.startswith('<span class="bg-time" title="4 November 2025, counted')
    assert _html(f"- {out}").text.strip() == (
        "Yesterday — 4 Nov - as 2 weeks ago — about 22 Oct - talks"
    )


def _conflicting() -> tuple[Briefing, tuple[Article, ...]]:
    a, post = _talks(), _post()
    forty = Statement.validate(
        dict(text=a.sentences[1].text, cite=[f"{TALKS}#s2"], conflict="death-toll")
    )
    plain = Statement.validate(dict(text=a.sentences[0].text, cite=[f"{TALKS}#s1"]))
    fifty = Statement.validate(
        dict(text=post.sentences[0].text, cite=[f"{POST}#s1"], conflict="death-toll")
    )
    events = [
        TimelineEvent.validate(
            dict(date=dt.date(2025, 11, 4), text=post.sentences[0].text, cite=[f"{POST}#s1"])
        ),
        TimelineEvent.validate(
            dict(date=dt.date(2025, 11, 5), text=a.sentences[0].text, cite=[f"{TALKS}#s1"])
        ),
        TimelineEvent.validate(
            dict(
                date=dt.date(2025, 11, 3),
                text=a.sentences[1].text,
                cite=[f"{POST}#s1", f"{TALKS}#s2"],
                conflict="death-toll",
            )
        ),
        TimelineEvent.validate(
            dict(
                date=dt.date(2025, 11, 2),
                text=post.sentences[0].text + " (earlier count)",
                cite=[f"{POST}#s1"],
                conflict="death-toll",
            )
        ),
    ]
    b = make_briefing(a, background=[forty, plain, fifty], timeline=events, sources=[POST, TALKS])
    return b, (a, post)


BADGE = (
    '<span class="bg-conflict" title="the sources disagree on this figure; each is shown with '
    'its own source">Conflicting figures: death toll</span>'
)


def test_conflicting_statements_stand_together_under_one_badge() -> None:
    """Two statements of a section sharing a conflict key are listed together, where the first
    stood, under the badge naming the quantity, each with its own publisher and date."""
    b, articles = _conflicting()
    section = _section(_pages(b, articles)["topics/demo.md"], "Background")
    lines = section.strip().splitlines()
    assert lines[0] == f"- {BADGE}"
    assert lines[1].startswith('    - Officials said 40 people died. <span class="bg-prov">')
    assert "[Example Wire · 5 Nov](../sources/demo/2025-11-05-talks.md#s2)" in lines[1]
    assert lines[2].startswith('    - Medics said 52 people died. <span class="bg-prov">')
    assert "[Other Post · 4 Nov](../sources/demo/2025-11-04-post.md#s1)" in lines[2]
    assert lines[3].startswith("- Talks began two weeks ago in Doha. <span")
    assert len(lines) == 4
    shown = _html(section)
    assert shown.tags[:4] == ["ul", "li", "span", "ul"]


def test_conflicting_events_are_grouped_and_kept_when_the_timeline_is_capped() -> None:
    """Timeline events sharing a key stand together at the newest one's place; a cap that
    keeps one (the 3 Nov event, cited by two articles) keeps its partner (2 Nov, which the cap
    alone would drop for 4 Nov); the cross-topic timeline marks each compactly."""
    b, articles = _conflicting()
    pages = _pages(b, articles, cap=2)
    timeline = _section(pages["topics/demo.md"], "Timeline").strip().splitlines()
    grouped = [line for line in timeline if line.startswith(("- ", "    - "))]
    assert grouped[0].startswith("- **5 November 2025** — Talks began")
    assert grouped[1] == f"- {BADGE}"
    assert grouped[2].startswith("    - **3 November 2025** — Officials said 40 people died.")
    assert grouped[2].endswith('title="2 independent publishers">2 sources</span></span>')
    assert grouped[3].startswith("    - **2 November 2025** — Medics said 52 people died.")
    assert len(grouped) == 4
    assert "Showing the 3 most important of 4 events" in pages["topics/demo.md"]
    cross = pages["timeline.md"]
    assert cross.count(BADGE) == 2
    assert 'Officials said 40 people died. <span class="bg-prov">' in cross


def test_a_conflict_key_held_once_in_a_section_shows_its_badge_inline() -> None:
    """A statement whose conflict partner is elsewhere keeps its place, with the badge after
    its source marks; so does a headline."""
    a = _talks()
    st = Statement.validate(dict(text=a.sentences[1].text, cite=[f"{TALKS}#s2"], conflict="deaths"))
    head = Statement.validate(
        dict(text=a.sentences[0].text, cite=[f"{TALKS}#s1"], conflict="deaths")
    )
    page = _pages(make_briefing(a, stakes=[st], headline=head), (a,))["topics/demo.md"]
    headline = next(line for line in page.splitlines() if line.startswith("> "))
    assert headline.endswith("1 source</span></span> " + BADGE.replace("death toll", "deaths"))
    section = _section(page, "Stakes")
    assert section.strip().startswith('- Officials said 40 people died. <span class="bg-prov">')
    assert section.strip().endswith(
        "1 source</span></span> " + BADGE.replace("death toll", "deaths")
    )


def test_single_source_mark_follows_the_units_flag_or_one_publisher() -> None:
    """Two publishers make "2 sources" unless the unit says single_source ("single source");
    one publisher is "1 source" whatever the flag says."""
    a, post = _talks(), _post()
    cites = [f"{TALKS}#s2", f"{POST}#s1"]
    two = Statement.validate(dict(text="Dozens died.", cite=cites))
    flagged = Statement.validate(dict(text="Dozens were hurt.", cite=cites, single_source=True))
    one = Statement.validate(dict(text="Talks began.", cite=[f"{TALKS}#s1"], single_source=True))
    b = make_briefing(a, stakes=[two, flagged, one], sources=[POST, TALKS])
    stakes = _section(_pages(b, (a, post))["topics/demo.md"], "Stakes").strip().splitlines()
    assert stakes[0].endswith(
        '<span class="bg-support" title="2 independent publishers">2 sources</span></span>'
    )
    assert stakes[1].endswith(
        '<span class="bg-support bg-single" title="marked as resting on one source: the 2 '
        'publishers cited do not confirm it independently">single source</span></span>'
    )
    assert stakes[2].endswith(
        '<span class="bg-support bg-single" title="only one independent source says this">'
        "1 source</span></span>"
    )


def _scheduled() -> tuple[Briefing, tuple[Article, ...]]:
    a = _talks()
    vote = a.sentences[2].text

    def ev(day: dt.date, precision: str = "day", text: str = vote) -> TimelineEvent:
        return TimelineEvent.validate(
            {
                "date": day,
                "precision": precision,
                "status": "scheduled",
                "text": text,
                "cite": [f"{TALKS}#s3"],
            }
        )

    events = [
        ev(dt.date(2025, 11, 1)),
        ev(dt.date(2025, 12, 1), text="The summit is set for December."),
        ev(dt.date(2025, 11, 1), "month", text="A census is planned for November."),
        TimelineEvent.validate(
            dict(date=dt.date(2025, 11, 5), text=a.sentences[0].text, cite=[f"{TALKS}#s1"])
        ),
    ]
    return make_briefing(a, timeline=events), (a,)


UNREPORTED = (
    '<span class="bg-status bg-unreported" title="planned for this date; no source reported it '
    'by 5 November 2025">scheduled, no report since</span>'
)


def test_a_scheduled_event_whose_date_passed_reads_no_report_since() -> None:
    """A scheduled event dated before as_of reads "scheduled, no report since" on the topic and
    the cross-topic timeline; one ahead, or whose month has not ended, reads "scheduled"."""
    b, articles = _scheduled()
    pages = _pages(b, articles)
    topic = _section(pages["topics/demo.md"], "Timeline")
    upcoming = '<span class="bg-status bg-scheduled">scheduled</span>'
    assert f"- **1 November 2025** {UNREPORTED} — The vote was set for 1 November." in topic
    assert f"- **1 December 2025** {upcoming} — The summit is set for December." in topic
    assert f"- **November 2025** {upcoming} — A census is planned" in topic
    cross = pages["timeline.md"]
    assert f"· {UNREPORTED} — The vote was set for 1 November." in cross
    assert cross.count(UNREPORTED) == 1


def test_chart_counts_unreported_and_conflicting_events_apart() -> None:
    """A chart column names its unreported scheduled events and its conflicting figures, draws
    the unreported in their own bar and the legend explains both."""
    b, articles = _scheduled()
    events = [
        *b.timeline,
        TimelineEvent.validate(
            dict(
                date=dt.date(2025, 11, 1),
                text="Officials said 40 people died.",
                cite=[f"{TALKS}#s2"],
                conflict="deaths",
            )
        ),
    ]
    cross = _pages(b.replace(timeline=tuple(events)), articles)["timeline.md"]
    label = (
        "week of 27 October 2025&#58; 1 happened, 1 scheduled, no report since, "
        "1 with conflicting figures"
    )
    assert f'aria-label="{label}"' in cross
    flag = '<span class="bg-col-conflict" aria-hidden="true">≠</span>'
    assert f'<span class="bg-count">2{flag}</span>' in cross
    assert '<span class="bg-bar bg-bar-unreported bg-h-' in cross
    assert "</span>scheduled, no report since " in cross
    assert '<span class="bg-col-conflict">≠</span> conflicting figures</p>' in cross


def test_data_files_carry_times_conflict_and_single_source() -> None:
    """briefings.json carries the unit's times, conflict and single_source as written;
    TimelineJS carries them too, its headline marking the time in escaped HTML."""
    a = _talks()
    ref = TimeRef.validate(dict(phrase=HOSTILE, date=dt.date(2025, 10, 22), precision="week"))
    event = TimelineEvent.validate(
        dict(
            date=dt.date(2025, 11, 1),
            status="scheduled",
            text=a.sentences[3].text,
            cite=[f"{TALKS}#s4"],
            times=[ref],
            conflict="death-toll",
            single_source=True,
        )
    )
    b = make_briefing(a, timeline=[event])
    edition = Edition.validate(
        dict(id="e", released=dt.date(2025, 11, 5), briefings=(b,), articles=(a,))
    )
    raw = briefings_json(edition)
    assert "<" not in raw
    unit = json.loads(raw)["briefings"][0]["timeline"][0]
    assert unit["times"] == [{"phrase": HOSTILE, "date": "2025-10-22", "precision": "week"}]
    assert unit["conflict"] == "death-toll" and unit["single_source"] is True
    js = json.loads(timelinejs_json(b, {a.id: a}))["events"][0]
    assert js["times"] == [
        {
            "phrase": "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#34;q&#34; &lt;/span&gt; ago",
            "date": "2025-10-22",
            "precision": "week",
        }
    ]
    assert js["conflict"] == "death-toll" and js["single_source"] is True
    assert js["text"]["headline"] == (
        'Observers said <span class="bg-time" title="the week of 22 October 2025, counted from '
        'the source&#39;s publication date">&lt;script&gt;window.__pwned=1&lt;/script&gt; '
        '&#34;q&#34; &lt;/span&gt; ago<span class="bg-when"> — about 22 Oct</span></span> '
        "things changed."
    )
    assert js["text"]["text"].startswith(
        '<p class="bg-unreported">Scheduled, no report since.</p>'
        '<p class="bg-conflict">Conflicting figures: death toll</p><p>Example Wire, 5 Nov 2025: '
    )
    assert js["text"]["text"].endswith(
        '<p class="bg-single">Single source: no independent publisher confirms it.</p>'
    )
