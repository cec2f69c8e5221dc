"""Scraped page text -> headline, body paragraphs and the lines dropped as noise (with reasons).

The cleaner works on lines, the way scraped text arrives, in five passes:

1. each line on its own (:mod:`briefgen.ingest.noise`): numbers, calls to action, credits, bylines,
   date labels, truncated teasers, share and follow buttons, section labels, embedded-post
   signatures, tags, adverts;
2. the page as a whole: a line that occurs more than once is boilerplate (donation boxes, menus);
3. position: the headline is the line repeating the page title, else the longest heading-like
   line above the body; a link-list heading ("Latest articles") starts a list of teasers;
4. the main text: the stretch of the page with the most prose (maximum-subsequence segmentation,
   below); prose outside it is a teaser, comment or box, and inside it subheadings, list items and
   the article's own repeated paragraphs are body;
5. the edges: trailing author bios and reader appeals are cut, a cut-off last sentence is
   dropped, and a dateline opening the body becomes metadata (:mod:`briefgen.ingest.dateline`).

``extracted=True`` (an HTML extractor's main text) runs pass 1, the headline repeat and pass 5
only. Every dropped line is reported with its reason.
"""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from briefgen.ingest import noise
from briefgen.ingest.dateline import Dateline, split_dateline
from briefgen.nlp.boilerplate import addresses_reader, call_to_action
from briefgen.nlp.patterns import lazy
from briefgen.nlp.sentences import normalize

_SITE_SUFFIX = lazy(r"^(?P<title>.+)\s+[|–—:-]\s+(?P<site>(?:(?!\s[|–—:-]\s).){2,40})$")
_KEY = lazy(r"[^\w]+")
_WORD_RUN = lazy(r"\w+")
_QUOTE = lazy(r"[\"“”]")
_BULLET = lazy(r"^[•·▪►*–-]\s")
_CRUMB_SEP = lazy(r"\s+[|/>›»]\s+|\s*[>›»]\s*")
_LABEL = lazy(r"(?:^|\s)[A-Z][\w ]{0,20}:\s")


# The main text is the stretch of the page with the most prose: each prose line gains its word
# count, every other line (menu item, teaser headline, date, credit...) costs _GAP_COST words.
# The stretch with the largest total (maximum-subsequence segmentation) is the article; prose
# outside it is a teaser, a comment or a box. A short run of noise inside a body costs less than
# the paragraphs around it bring, while a related-story grid (headline, author, date, summary)
# costs more per teaser than its summary brings. Inline boxes (adverts, appeals, captions,
# share rows) interrupt article bodies, so crossing one costs only _INLINE_COST.
_GAP_COST = 10.0
_INLINE_COST = 3.0
# A date stamp between paragraphs starts a new item (a teaser, a comment): bodies rarely carry one
_DATE_COST = 30.0
_INLINE = (
    "call to action",
    "advertisement",
    "photo caption",
    "page furniture",
    "share buttons",
    "appeal",
    "related-story link",
    "embedded post",
    "follow button",
)
_COMMENTS_AFTER = 30
_LIST_ITEM = "list item after the body"
_LIST_MARKS = frozenset("–—-@:|,•·/")
_OUTSIDE = "prose outside the main text (teaser, comment or box)"
_REPEATED = "repeated on the page (boilerplate)"
_SUBHEADING = "subheading (not a sentence)"
_AFTER_BODY = "short line after the body"
_LISTED = "related-story list"


class Dropped(msgspec.Struct, frozen=True):
    """A source line left out of the body, and why."""

    line: int
    text: str
    reason: str


class DateLine(msgspec.Struct, frozen=True):
    """A line that states a date about the page ("Published on 24 October 2025")."""

    line: int
    text: str
    label: str
    """Lower-cased label ("published", "updated", "today"...), empty for a bare date."""


class CleanPage(msgspec.Struct, frozen=True):
    """The result of cleaning one page of text."""

    title: str | None
    publisher: str | None
    """Who published the page: a site name split off the headline ("Headline – Site"), else a
    "Source:" credit, else the dateline's agency; ``None`` when nothing says it."""
    author: str | None
    paragraphs: tuple[str, ...]
    dropped: tuple[Dropped, ...]
    date_lines: tuple[DateLine, ...]
    dateline: Dateline | None = None
    """The dateline cut from the first paragraph ("GENEVA (Reuters) -"), if any."""


class _Unit(msgspec.Struct):
    line: int
    text: str
    reason: str | None = None
    good: bool = False
    key: str = ""


_NON_WORD_ASCII = bytes(b if chr(b).isalnum() or b == ord("_") else 32 for b in range(128)).ljust(
    256, b" "
)
"""Bytes table: an ASCII word character (what ``\\w`` matches) as it is, anything else a space."""


def _key(text: str) -> str:
    """The line's words (``\\w`` runs), lower-cased, joined by single spaces: what
    ``_KEY.sub(" ", text.lower()).strip()`` gives. ASCII text (nearly every line) maps each
    non-word byte to a space with one ``bytes.translate`` and splits; other text goes through
    the regex."""
    low = text.lower()
    if low.isascii():
        return " ".join(low.encode("ascii").translate(_NON_WORD_ASCII).decode("ascii").split())
    return " ".join(_WORD_RUN.findall(low))


def units(text: str) -> list[_Unit]:
    """Non-blank lines with their 1-based line numbers; a line broken mid-sentence (the next one
    starts in lower case and is more than one word) is joined to the next."""
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
            and (" " in line or noise.is_sentence_like(line))
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


_CLOCK = lazy(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{1,4}T|[A-Z]{2,4})"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?(?![\w:])",
    re.IGNORECASE,
)
"""A clock time with an optional zone ("14:02 GMT", "09:12 GMT+10", "3:56 pm EDT")."""
_DATELINE_PLACE = lazy(
    r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,2}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?\s*[,—–-]+\s*"
)
"""The place of a dateline ("NAIROBI, Kenya — ", "GENEVA, "): capitals, an optional region."""
_PROBE = dt.date(2000, 6, 15)
_CAPS_MONTH = lazy(
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


def _first_pass(items: list[_Unit], *, extracted: bool) -> tuple[list[DateLine], str | None]:
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
        if noise.embedded_signature(u.text):
            u.reason = "embedded post (signature or picture link)"
        if u.reason is None and counts[u.key] > 1 and u.key and not extracted:
            u.reason = _REPEATED
        u.good = u.reason is None and noise.is_sentence_like(u.text)
    return dates, author


def _heading(u: _Unit) -> bool:
    """A line that could be the headline: 3 to 30 words, no reason to drop it but repetition
    (bylines and date lines have theirs), not a run of labels ("Tested by: ... Price: ..."),
    a bullet or a breadcrumb."""
    n = noise.word_count(u.text)
    return (
        (u.reason is None or u.reason == _REPEATED)
        and 3 <= n <= 30
        and len(_LABEL.findall(u.text)) < 2
        and not _BULLET.match(u.text)
        and not _breadcrumb(u.text)
    )


def _breadcrumb(text: str) -> bool:
    """Short parts between separators ("Home | World", "Paris / Berlin", "News > Africa")."""
    parts = _CRUMB_SEP.split(text)
    return len(parts) >= 2 and all(noise.word_count(p) <= 3 for p in parts)


def _find_title(items: list[_Unit], first_body: int) -> tuple[int | None, str | None]:
    """The headline among the lines above the body, and the site name its page title gives.

    A first line "Headline | Site" is the HTML title: the line that repeats its headline part
    (the page's own heading) is the headline, else that first line. Otherwise the longest
    heading-like line wins (menus, kickers, bylines and standfirst fragments are shorter), first
    one on a tie."""
    above = items[:first_body]
    if above:
        page_title, site = _split_site(above[0].text)
        key = _key(page_title)
        if key and noise.word_count(page_title) >= 3:
            for i, u in enumerate(above[1:], 1):
                if u.key == key and _heading(u):
                    return i, site
            if site is not None and _heading(above[0]):
                return 0, site
    best: int | None = None
    for i, u in enumerate(above):
        n = noise.word_count(u.text)
        if _heading(u) and (best is None or n > noise.word_count(items[best].text)):
            best = i
    # a headline directly above a longer heading-like line: that line is its standfirst
    if (
        best is not None
        and best > 0
        and _heading(above[best - 1])
        and noise.word_count(above[best - 1].text) >= 4
    ):
        best -= 1
    if best is None:
        for i, u in enumerate(above):
            if u.reason is None and noise.word_count(u.text) == 2:
                return i, None
    return best, None


def clean_text(text: str, *, title: str | None = None, extracted: bool = False) -> CleanPage:
    """Split scraped page text into headline, body paragraphs and dropped lines.

    ``extracted``: the text is an HTML extractor's main text (trafilatura), not a whole page.
    Menus, related-story lists and repeated boxes are already gone, so only the rules about one
    line (credits, captions, bylines, date lines, calls to action...) and the headline repeat
    apply: a short line between paragraphs is the article's own subheading or list item, and a
    paragraph that occurs twice is the article's own repetition."""
    items = units(text)
    dates, author = _first_pass(items, extracted=extracted)
    first_body = next((i for i, u in enumerate(items) if u.good), len(items))
    t_index, publisher = (None, None) if extracted else _find_title(items, first_body)
    headline_key = ""
    if t_index is not None:
        found, site = _split_site(items[t_index].text)
        publisher = publisher or site
        headline_key = _key(found)
        title = title or found
    title_key = _key(title) if title else ""
    restored: set[int] = set()
    if extracted:
        dropped = _extracted_drops(items, title_key)
    else:
        dropped = _page_drops(items, first_body, t_index, title_key, headline_key)
        restored = _main_text(items, dropped, t_index)
    # trailing author bios and appeals to the reader
    for i in range(len(items) - 1, first_body - 1, -1):
        if i in dropped or i == t_index:
            continue
        u = items[i]
        if noise.is_bio(u.text):
            dropped[i] = "author bio"
        elif not _QUOTE.search(u.text) and addresses_reader(u.text) and call_to_action(u.text):
            dropped[i] = "appeal to the reader"
        else:
            break
    # a subheading or list item kept inside the main text must lead to prose
    for i in sorted(restored, reverse=True):
        nxt = i + 1
        if nxt >= len(items) or nxt in dropped or not (items[nxt].good or nxt in restored):
            dropped[i] = "heading over no body (box or list title)"
    texts = {i: u.text for i, u in enumerate(items) if i not in dropped and i != t_index}
    extra = _truncated_tail(items, dropped, texts)
    dateline = None
    if texts:
        first = min(texts)
        dateline, texts[first] = split_dateline(texts[first])
        if dateline is not None and dateline.stated:
            dates.append(DateLine(items[first].line, dateline.stated, "dated"))
    report = [Dropped(items[i].line, items[i].text, r) for i, r in sorted(dropped.items())]
    return CleanPage(
        title=title,
        publisher=publisher or _source_credit(items) or (dateline.agency if dateline else None),
        author=author,
        paragraphs=tuple(texts[i] for i in sorted(texts)),
        dropped=tuple(sorted([*report, *extra], key=lambda d: d.line)),
        date_lines=tuple(sorted(dates, key=lambda d: d.line)),
        dateline=dateline,
    )


def _truncated_tail(
    items: list[_Unit], dropped: dict[int, str], texts: dict[int, str]
) -> list[Dropped]:
    """A page cut off mid-sentence: the last paragraph (or the line right after it) keeps its
    complete sentences, and only the cut fragment is dropped."""
    if not texts:
        return []
    last = max(texts)
    nxt = last + 1
    if dropped.get(nxt) == _AFTER_BODY and nxt == len(items) - 1:
        cut = noise.cut_fragment(items[nxt].text)
        if cut is not None:
            del dropped[nxt]
            texts[nxt] = cut[0]
            return [Dropped(items[nxt].line, cut[1], "cut fragment of a truncated page")]
    cut = noise.cut_fragment(texts[last])
    if cut is None:
        return []
    texts[last] = cut[0]
    return [Dropped(items[last].line, cut[1], "cut fragment of a truncated page")]


def _source_credit(items: list[_Unit]) -> str | None:
    """The name a "Source: Name" credit line gives."""
    for u in items:
        name = noise.source_credit(u.text)
        if name is not None:
            return name
    return None


def _list_after(items: list[_Unit], dropped: dict[int, str], last: int) -> int:
    """The end of the main text, extended over a list that follows the last paragraph (tour
    dates, ingredients, results): an optional heading, then three or more lines of three or
    more words that share a separator (" – ", "@", ":", ",") and have no reason to be dropped but
    their position. Menus (one or two words an item) and link lists (dropped as such) are not."""
    j = last + 1
    positional = (_SUBHEADING, _AFTER_BODY)
    if j < len(items) and dropped.get(j) in positional and noise.word_count(items[j].text) <= 10:
        head = j
        j += 1
    else:
        head = None
    run = []
    while j < len(items) and dropped.get(j) in positional and noise.word_count(items[j].text) >= 3:
        run.append(j)
        j += 1
    if len(run) < 3:
        return last
    shared = set.intersection(*(set(items[k].text) & _LIST_MARKS for k in run))
    if not shared:
        return last
    for k in ([head] if head is not None else []) + run:
        dropped[k] = _LIST_ITEM
    return run[-1]


def _main_text(items: list[_Unit], dropped: dict[int, str], t_index: int | None) -> set[int]:
    """Drop prose outside the page's main stretch of prose; inside it, keep the subheadings and
    list items and the paragraphs the article itself repeats (returned)."""
    best = cur = 0.0
    start = first = 0
    last = -1
    seen = 0  # prose words so far; past a comments heading that follows some, prose is comments
    comments = False
    for i, u in enumerate(items):
        prose = i != t_index and u.good and (i not in dropped or dropped[i] == _LISTED)
        if seen >= _COMMENTS_AFTER and noise.is_comments_heading(u.text):
            comments = True
        if prose:
            seen += noise.word_count(u.text)
        if comments:
            gain = -_GAP_COST
        elif prose:
            gain = float(noise.word_count(u.text))
        elif dropped.get(i, "").startswith(_INLINE):
            gain = -_INLINE_COST
        elif dropped.get(i) == "date line" and seen:
            gain = -_DATE_COST
        else:
            gain = -_GAP_COST
        if cur <= 0:
            cur, start = gain, i
        else:
            cur += gain
        if cur > best:
            best, first, last = cur, start, i
    if last < 0:
        return set()
    last = _list_after(items, dropped, last)
    restored: set[int] = set()
    inside: dict[str, bool] = {}
    for i, u in enumerate(items):
        if dropped.get(i) == _REPEATED:
            inside[u.key] = inside.get(u.key, True) and first <= i <= last
    for i, u in enumerate(items):
        if i == t_index:
            continue
        reason = dropped.get(i)
        if not first <= i <= last:
            if reason is None:
                dropped[i] = _OUTSIDE
        elif reason == _LIST_ITEM or (reason == _LISTED and u.good):
            del dropped[i]
        elif reason == _SUBHEADING or (
            reason == _REPEATED and inside[u.key] and noise.is_sentence_like(u.text)
        ):
            del dropped[i]
            restored.add(i)
    return restored


def _extracted_drops(items: list[_Unit], title_key: str) -> dict[int, str]:
    """An extractor's main text: line-level reasons and headline repeats only."""
    dropped: dict[int, str] = {}
    for i, u in enumerate(items):
        if u.reason is not None:
            dropped[i] = u.reason
        elif title_key and u.key == title_key:
            dropped[i] = "headline repeat"
    return dropped


def _page_drops(
    items: list[_Unit], first_body: int, t_index: int | None, title_key: str, headline_key: str
) -> dict[int, str]:
    """A whole page's text: line-level reasons, then position (above the body, link lists,
    non-prose lines)."""
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
                dropped[i] = _LISTED
                continue
        if not u.good:
            after = any(items[j].good and j not in dropped for j in range(i + 1, len(items)))
            dropped[i] = _SUBHEADING if after else _AFTER_BODY
    return dropped
