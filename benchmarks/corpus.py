"""A seeded corpus of realistic news pages built from the Timeline17 development articles.

Each generated page is what a scraper saves: a menu, a share row, a headline, a stated publication
date, a byline, 15-40 body sentences (about half real Timeline17 sentences, detokenized; the rest
written around the topic with quotes, figures, abbreviations and dated events), a newsletter box
and a list of related stories. Every topic has two invented keywords that its pages mention, so
one ``briefgen ingest corpus/`` call assigns every page to its topic by keyword, as the README
shows. The same seed and size give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from briefgen.timeline.dataset import detokenize

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "timeline17" / "sentences.txt"
_SYLLABLES = (
    "ka ven dor mal tri sol bar nek pel zan rod ful gam hes tor lim quen vas dri mon sel kor "
    "bel tan rus pim hal dun"
).split()
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_MENU = (
    "Home | World | Politics | Business | Science | Opinion | Sport",
    "Share on Facebook  Share on X  Email  Print",
)
_NEWSLETTER = (
    "Sign up for our morning newsletter and get the day's top stories in your inbox.",
    "Subscribe now",
)


def find_timeline17(explicit: Path | None = None) -> Path | None:
    """The Timeline17 development folder: ``explicit``, else ``shared/data/timeline17`` beside
    the repository or any folder above it (``../shared`` in CI); ``None`` when absent."""
    if explicit is not None:
        return explicit
    for folder in (REPO, *REPO.parents):
        candidate = folder / "shared" / "data" / "timeline17"
        if candidate.is_dir():
            return candidate
    return None


def real_sentences(data: Path | None) -> list[str]:
    """Detokenized Timeline17 sentences (the fixture sample when the dataset is absent)."""
    raw: list[str] = []
    if data is not None:
        for path in sorted(data.glob("*/articles.jsonl")):
            for line in path.read_text("utf-8").splitlines():
                raw.extend(json.loads(line)["text"].split("\n"))
    else:
        raw = FIXTURE.read_text("utf-8").splitlines()
    out = []
    for text in raw:
        sentence = detokenize(text)
        if 40 <= len(sentence) <= 300 and sentence[0].isupper() and sentence[-1] in ".!?":
            out.append(sentence)
    return out


@dataclass(frozen=True)
class Topic:
    """One generated topic: its slug, title and two keywords the pages mention."""

    slug: str
    title: str
    place: str
    group: str
    start: dt.date


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(3))
        if word not in taken and not any(t.startswith(word) or word.startswith(t) for t in taken):
            taken.add(word)
            return word.capitalize()


def topics(count: int, rng: random.Random) -> list[Topic]:
    """``count`` topics with distinct invented place and group names."""
    taken: set[str] = set()
    out = []
    for i in range(count):
        place, group = _name(rng, taken), _name(rng, taken)
        start = dt.date(2009, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
        out.append(Topic(f"topic-{i:03d}", f"{place} {group} crisis", place, group, start))
    return out


def _day(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]}"


def _written(topic: Topic, rng: random.Random, published: dt.date) -> str:
    """A sentence about the topic: a quote, a figure, an abbreviation or a dated event."""
    past = published - dt.timedelta(days=rng.randrange(1, 40))
    figure = rng.randrange(3, 4000)
    officials = rng.choice(("U.S. officials", "Dr. Amal Reyes", "Gen. Tomas Ruiz", "the U.N."))
    forms = (
        f"On {_day(past)}, {topic.group} leaders met officials in {topic.place} to discuss "
        f"the crisis.",
        f"“We will not accept any deal that ignores {topic.place},” a {topic.group} "
        f"spokesman said on {_day(past)}.",
        f"At least {figure} people have been affected in {topic.place} since {_day(past)}, "
        f"according to {officials}.",
        f"{officials[0].upper()}{officials[1:]} said the "
        f"{topic.group} talks could resume next week if both sides agree.",
        f"The {topic.group} council approved a budget of ${figure} million for {topic.place} "
        f"on {_day(past)}.",
        f"Residents of {topic.place} said prices had risen by {figure % 90 + 5} percent "
        f"since the {topic.group} dispute began.",
        f"Talks between {topic.group} and {topic.place} officials were suspended on "
        f"{_day(past)} after a dispute over the agenda.",
    )
    return rng.choice(forms)


def page(topic: Topic, n: int, rng: random.Random, real: list[str]) -> tuple[str, dt.date]:
    """One scraped page of ``topic`` and its publication date."""
    published = topic.start + dt.timedelta(days=rng.randrange(0, 120))
    count = rng.randrange(15, 41)
    body = [
        rng.choice(real) if rng.random() < 0.5 else _written(topic, rng, published)
        for _ in range(count)
    ]
    body[0] = _written(topic, rng, published)
    paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    related = [f"{topic.place}: {rng.choice(real)[:60].rstrip()}" for _ in range(3)]
    lines = [
        *_MENU,
        "",
        f"{topic.place} and {topic.group}: report {n} on the crisis",
        "",
        f"Published on {_day(published)} {published.year}",
        f"By Staff Reporter {n % 17}",
        "",
        *(p + "\n" for p in paragraphs),
        *_NEWSLETTER,
        "",
        "Related stories",
        *related,
        "",
        "© 2026 Bench Wire. All rights reserved.",
    ]
    return "\n".join(lines) + "\n", published


def write_corpus(folder: Path, size: int, seed: int, data: Path | None) -> list[Topic]:
    """``size`` pages in ``folder`` (flat, as a scraper saves them) over ``size // 20`` topics
    (2-100); returns the topics."""
    rng = random.Random(seed)
    real = real_sentences(data)
    made = topics(min(100, max(2, size // 20)), rng)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(size):
        topic = made[n % len(made)]
        text, _ = page(topic, n, rng, real)
        (folder / f"{topic.slug}-{n:05d}.txt").write_text(text, "utf-8")
    return made


def topics_yaml(made: list[Topic]) -> str:
    """``content/topics.yaml`` registering the generated topics with their keywords."""
    lines = ["topics:"]
    for t in made:
        lines += [
            f"  - slug: {t.slug}",
            f"    title: {t.title}",
            f"    keywords: [{t.place.lower()}, {t.group.lower()}]",
        ]
    return "\n".join(lines) + "\n"
