"""Scraped page text -> headline, body paragraphs and the lines dropped as noise (with reasons).

The cleaner works on lines, the way scraped text arrives, in four passes:

1. each line on its own (:mod:`briefgen.ingest.noise`): numbers, calls to action, credits, bylines,
   date labels, truncated teasers, share buttons, tags, adverts;
2. the page as a whole: a line that occurs more than once is boilerplate (donation boxes, menus);
3. position: the headline is the first heading-like line above the body; lines above the body that
   repeat or extend the headline are breadcrumbs; a link-list heading after the body ("Latest
   articles") starts a list of teasers that runs until prose resumes;
4. the body is the prose lines that survive; trailing author bios and reader appeals are cut.

A line that is not prose (no sentence punctuation) never enters the body: inside the body it is a
subheading, elsewhere a menu item or teaser. Every dropped line is reported with its reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from briefgen.ingest import noise
from briefgen.nlp.boilerplate import addresses_reader
from briefgen.nlp.sentences import normalize

_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[|–—-]\s+(?P<site>[^|–—-]{2,40})$")
_KEY = re.compile(r"[^\w]+")
_WORD_RUN = re.compile(r"\w+")
_QUOTE = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class Dropped:
    """A source line left out of the body, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class DateLine:
    """A line that states a date about the page ("Published on 24 October 2025")."""

    line: int
    text: str
    label: str
    """Lower-cased label ("published", "updated", "today"...), empty for a bare date."""


@dataclass(frozen=True)
class CleanPage:
    """The result of cleaning one page of text."""

    title: str | None
    publisher: str | None
    """A site name split off the headline ("Headline – Site"), if any."""
    author: str | None
    paragraphs: tuple[str, ...]
    dropped: tuple[Dropped, ...]
    date_lines: tuple[DateLine, ...]


@dataclass
class _Unit:
    line: int
    text: str
    reason: str | None = None
    good: bool = False
    key: str = ""


def _key(text: str) -> str:
    """The line's words (``\\w`` runs), lower-cased, joined by single spaces: what
    ``_KEY.sub(" ", text.lower()).strip()`` gives. Whitespace is never part of a word, so the
    runs are those of each whitespace-separated token; a token of letters and digits only is
    one run as it stands, and only the others go through the regex."""
    parts: list[str] = []
    for token in text.lower().split():
        if token.isalnum():
            parts.append(token)
        else:
            parts.extend(_WORD_RUN.findall(token))
    return " ".join(parts)


def units(text: str) -> list[_Unit]:
    """Non-blank lines with their 1-based line numbers; a line broken mid-sentence (the next one
    starts in lower case) is joined to the next."""
    out: list[_Unit] = []
    prev_blank = True
    for no, raw in enumerate(text.split("\n"), 1):
        line = normalize(raw.replace("\u00ad", "").replace("\u200b", ""))
        if not line:
            prev_blank = True
            continue
        if (
            out
            and not prev_blank
            and line[0].islower()
            and not noise.is_sentence_like(out[-1].text)
            and not out[-1].text.endswith(("...", "…"))
        ):
            out[-1].text = f"{out[-1].text} {line}"
        else:
            out.append(_Unit(no, line))
        prev_blank = False
    return out


def _split_site(title: str) -> tuple[str, str | None]:
    m = _SITE_SUFFIX.match(title)
    if m and noise.word_count(m.group("title")) >= 3 and noise.word_count(m.group("site")) <= 4:
        return m.group("title").strip(), m.group("site").strip()
    return title, None


_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{1,4}T|[A-Z]{2,4})"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?(?![\w:])",
    re.IGNORECASE,
)
"""A clock time with an optional zone ("14:02 GMT", "09:12 GMT+10", "3:56 pm EDT")."""
_DATELINE_PLACE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?\s*[,—–-]+\s*"
)
"""The place of a dateline ("NAIROBI, Kenya — ", "GENEVA, "): capitals, an optional region."""
_PROBE = dt.date(2000, 6, 15)
_CAPS_MONTH = re.compile(
    r"\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)(UARY|RUARY|CH|IL|E|Y|UST|EMBER|OBER)?\b"
)


def caps_months(text: str) -> str:
    """Upper-case month names written as the resolver reads them ("MAR 9" -> "Mar 9")."""
    return _CAPS_MONTH.sub(lambda m: m.group(0).capitalize(), text)


def _is_date_only(text: str) -> bool:
    if noise.word_count(text) > 8 or not any(ch.isdigit() for ch in text):
        return False
    from briefgen.nlp.temporal import extract  # lazy (dateparser); a per-call cost, so after the
    # cheap tests

    text = caps_months(_DATELINE_PLACE.sub("", text, count=1))
    refs = extract(text, None) or [  # a year-less "Mar 9" (the year is found later)
        r for r in extract(text, _PROBE) if r.kind in ("mdy", "dmy")
    ]
    covered = sum(r.end - r.start for r in refs)
    rest = _CLOCK.sub("", text).strip(" ,.|:-–—")
    return bool(refs) and covered >= 0.5 * len(rest)


def _first_pass(items: list[_Unit]) -> tuple[list[DateLine], str | None]:
    dates: list[DateLine] = []
    author: str | None = None
    counts: dict[str, int] = {}
    for u in items:
        u.key = _key(u.text)
        counts[u.key] = counts.get(u.key, 0) + 1
    for u in items:
        label = noise.date_label(u.text)
        name = noise.byline(u.text)
        if label is not None and not noise.is_sentence_like(u.text):
            # _is_date_only(rest) needs a digit in the rest, so a digit anywhere decides alone
            has_date = any(ch.isdigit() for ch in u.text)
            if label == "today":
                u.reason = "render date (the day the page was shown, not published)"
            else:
                u.reason = "date line" if has_date else "date label with no date"
            if has_date:
                dates.append(DateLine(u.line, u.text, label))
        elif name is not None:
            u.reason = "byline"
            author = author or name
        elif _is_date_only(u.text):
            u.reason = "date line"
            dates.append(DateLine(u.line, u.text, ""))
        else:
            u.reason = noise.line_noise(u.text)
        if u.reason is None and counts[u.key] > 1 and u.key:
            u.reason = "repeated on the page (boilerplate)"
        u.good = u.reason is None and noise.is_sentence_like(u.text)
    return dates, author


def _find_title(items: list[_Unit], first_body: int) -> int | None:
    """The headline: the longest heading-like line above the body (menus, kickers, bylines and
    standfirst fragments are shorter), first one on a tie."""
    best: int | None = None
    for i, u in enumerate(items[:first_body]):
        n = noise.word_count(u.text)
        heading = (u.reason is None or u.reason.startswith("repeated")) and 3 <= n <= 30
        if heading and (best is None or n > noise.word_count(items[best].text)):
            best = i
    if best is None:
        for i, u in enumerate(items[:first_body]):
            if u.reason is None and noise.word_count(u.text) == 2:
                return i
    return best


def clean_text(text: str, *, title: str | None = None) -> CleanPage:
    """Split scraped page text into headline, body paragraphs and dropped lines."""
    items = units(text)
    dates, author = _first_pass(items)
    first_body = next((i for i, u in enumerate(items) if u.good), len(items))
    t_index = _find_title(items, first_body)
    publisher: str | None = None
    headline_key = ""
    if t_index is not None:
        found, publisher = _split_site(items[t_index].text)
        headline_key = _key(found)
        title = title or found
    title_key = _key(title) if title else ""
    dropped: dict[int, str] = {}
    for i, u in enumerate(items):
        if i == t_index:
            continue
        if i < first_body and u.reason is None:
            k = u.key
            if title_key and (title_key in k or (headline_key and headline_key in k)):
                dropped[i] = "breadcrumb or headline repeat"
            else:
                dropped[i] = "above the body (kicker, menu or standfirst without a sentence)"
        elif u.reason is not None:
            dropped[i] = u.reason
        elif title_key and u.key in (title_key, headline_key):
            dropped[i] = "headline repeat"
    # position: link lists after the body run until two prose lines in a row resume it
    in_list = False
    for i in range(first_body, len(items)):
        u = items[i]
        if i in dropped:
            if noise.is_list_heading(u.text) and not u.good:
                in_list = True
            continue
        if noise.is_list_heading(u.text) and not u.good:
            in_list = True
            dropped[i] = "link-list heading"
            continue
        if in_list:
            nxt = next((j for j in range(i + 1, len(items)) if j not in dropped), None)
            if u.good and nxt is not None and items[nxt].good:
                in_list = False
            else:
                dropped[i] = "related-story list"
                continue
        if not u.good:
            after = any(items[j].good and j not in dropped for j in range(i + 1, len(items)))
            dropped[i] = "subheading (not a sentence)" if after else "short line after the body"
    # trailing author bios and appeals to the reader
    for i in range(len(items) - 1, first_body - 1, -1):
        if i in dropped or i == t_index:
            continue
        u = items[i]
        if noise.is_bio(u.text):
            dropped[i] = "author bio"
        elif not _QUOTE.search(u.text) and addresses_reader(u.text):
            dropped[i] = "appeal to the reader"
        else:
            break
    paragraphs = tuple(u.text for i, u in enumerate(items) if i not in dropped and i != t_index)
    return CleanPage(
        title=title,
        publisher=publisher,
        author=author,
        paragraphs=paragraphs,
        dropped=tuple(Dropped(items[i].line, items[i].text, r) for i, r in sorted(dropped.items())),
        date_lines=tuple(dates),
    )
