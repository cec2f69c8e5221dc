"""The trust marks of a briefing unit as a reader sees them: resolved relative times, conflicting
figures, the single-source mark and the "scheduled, no report since" state.

- **Times.** Each :class:`~briefgen.model.TimeRef` phrase in a statement's or event's text is
  followed by the date it resolves to: ``two weeks ago — about 10 Oct``. The date reads ``10 Oct``
  (day), ``about 10 Oct`` (week), ``about Oct 2025`` (month) or ``2025`` (year), with the year when
  it is not the briefing's; ``about`` also when the cited source's own date was inferred.
  The text is untrusted: it is split on the *raw* text at each phrase and every piece is escaped
  on its own (escaping changes lengths, so positions are never looked up in escaped text).
- **Conflicts.** Items sharing a ``conflict`` key are grouped where the first of them stands, under
  a "Conflicting figures: <quantity>" badge, each keeping its own source marks.
- **Single source.** The "1 source" mark shows when the cited publishers are one *or* the unit
  says ``single_source`` (an editor may know two outlets ran the same wire copy): then it reads
  ``single source``.
- **Scheduled, no report since.** A ``scheduled`` event whose date (its whole period, at its
  precision) ended before the briefing's ``as_of`` is shown as such, never as upcoming.

Every function returns :class:`~markupsafe.Markup` built from briefgen's own tags and text escaped
by one :mod:`briefgen.escape` function, so it is safe in a Markdown page (``md_inline``) or in
TimelineJS's HTML (``html_text``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

import msgspec
from markupsafe import Markup

from briefgen.escape import md_inline
from briefgen.model import Precision, TimeRef, date_period

MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS_LONG = (
    "January February March April May June July August September October November December"
).split()

Escaper = Callable[[object], Markup]


def time_label(ref: TimeRef, year: int | None, inferred: bool = False) -> str:
    """The resolved date of a relative time as shown after it: ``10 Oct``, ``about 10 Oct``
    (week, or the source's date inferred), ``about Oct 2025`` (month), ``2025`` (year); a day or
    week date carries its year when it is not ``year`` (the briefing's)."""
    day = ref.date
    if ref.precision == "year":
        text = str(day.year)
    elif ref.precision == "month":
        text = f"{MONTHS_SHORT[day.month - 1]} {day.year}"
    else:
        text = f"{day.day} {MONTHS_SHORT[day.month - 1]}"
        if day.year != year:
            text += f" {day.year}"
    return f"about {text}" if inferred or ref.precision in ("week", "month") else text


def _long(day: dt.date, precision: Precision) -> str:
    month = _MONTHS_LONG[day.month - 1]
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{month} {day.year}"
    text = f"{day.day} {month} {day.year}"
    return f"the week of {text}" if precision == "week" else text


def time_title(ref: TimeRef, inferred: bool = False) -> str:
    """The tooltip of a resolved time: the full date and what it was counted from."""
    text = f"{_long(ref.date, ref.precision)}, counted from the source's publication date"
    return text + (", itself inferred (approximate)" if inferred else "")


def _spans(text: str, times: Sequence[TimeRef]) -> list[tuple[int, int, TimeRef]]:
    """Where each phrase stands in ``text``: its first occurrence not inside an earlier one's,
    in text order (a phrase that no longer occurs is skipped)."""
    taken: list[tuple[int, int, TimeRef]] = []
    for ref in times:
        start = text.find(ref.phrase)
        while start != -1:
            end = start + len(ref.phrase)
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, ref))
                break
            start = text.find(ref.phrase, start + 1)
    return sorted(taken, key=lambda t: t[0])


def _piece(raw: str, escape: Escaper) -> Markup:
    """One plain piece of the text, escaped, keeping a space at either edge (the escapers trim)."""
    out = escape(raw.strip()) if raw.strip() else Markup("")
    lead = " " if raw[:1].isspace() else ""
    tail = " " if raw[-1:].isspace() and raw.strip() else ""
    return Markup(lead) + out + Markup(tail)


def marked_text(
    text: str,
    times: Sequence[TimeRef],
    year: int | None,
    inferred: bool = False,
    escape: Escaper = md_inline,
) -> Markup:
    """``text`` escaped with ``escape``, each relative-time phrase followed by its date:
    ``<span class="bg-time" title="…">two weeks ago<span class="bg-when"> — about 10 Oct</span>
    </span>``. Without times, exactly ``escape(text)``."""
    spans = _spans(text, times)
    if not spans:
        return escape(text)
    parts: list[Markup] = []
    pos = 0
    for start, end, ref in spans:
        if start > pos:
            parts.append(_piece(text[pos:start], escape))
        title = escape(time_title(ref, inferred))
        when = escape(f"— {time_label(ref, year, inferred)}")
        parts.append(
            Markup(
                '<span class="bg-time" title="{}">{}<span class="bg-when"> {}</span></span>'
            ).format(title, escape(ref.phrase), when)
        )
        pos = end
    if pos < len(text):
        parts.append(_piece(text[pos:], escape))
    return Markup("").join(parts)


def quantity(key: str) -> str:
    """A conflict key as words: ``death-toll`` -> ``death toll``."""
    return key.replace("-", " ")


def conflict_badge(key: str, escape: Escaper = md_inline) -> Markup:
    """The "Conflicting figures: <quantity>" badge of a group of items whose figures disagree."""
    title = "the sources disagree on this figure; each is shown with its own source"
    return Markup('<span class="bg-conflict" title="{}">Conflicting figures: {}</span>').format(
        escape(title), escape(quantity(key))
    )


def period_end(day: dt.date, precision: Precision) -> dt.date:
    """The last day of the period a date stands for at its precision (a week ends on the
    Sunday of the date's week): :func:`briefgen.model.date_period`."""
    return date_period(day, precision)[1]


def unreported(status: str, day: dt.date, precision: Precision, as_of: dt.date) -> bool:
    """A ``scheduled`` event whose whole period ended before ``as_of``: planned, and no source
    has reported it happening since."""
    return status == "scheduled" and period_end(day, precision) < as_of


def status_mark(status: str, overdue: bool, as_of: dt.date) -> Markup:
    """The status badge of a timeline entry: ``happened``, ``scheduled`` or, for a scheduled
    event whose date has passed, ``scheduled, no report since`` (class ``bg-unreported``)."""
    if overdue:
        title = f"planned for this date; no source reported it by {as_of.day} " + (
            f"{_MONTHS_LONG[as_of.month - 1]} {as_of.year}"
        )
        return Markup(
            '<span class="bg-status bg-unreported" title="{}">scheduled, no report since</span>'
        ).format(md_inline(title))
    return Markup('<span class="bg-status bg-{}">{}</span>').format(
        md_inline(status), md_inline(status)
    )


T = TypeVar("T")


class Group(msgspec.Struct, Generic[T], frozen=True):
    """Items shown together: one item alone (``conflict`` ``None``), or every item sharing a
    conflict key, at the place of the first of them, under its badge."""

    items: tuple[T, ...]
    conflict: str | None = None
    badge: Markup = msgspec.field(default_factory=Markup)

    @property
    def first(self) -> T:
        """The group's first item (the only one of a group without conflict)."""
        return self.items[0]


def group_conflicts(
    items: Sequence[T], key: Callable[[T], Hashable | None], label: Callable[[T], str | None]
) -> list[Group[T]]:
    """``items`` in their order, those sharing a conflict ``key`` gathered at the first one's
    place. A key held by one item only stays a group of one, with its badge."""
    by_key: dict[Hashable, list[T]] = {}
    for item in items:
        k = key(item)
        if k is not None:
            by_key.setdefault(k, []).append(item)
    out: list[Group[T]] = []
    for item in items:
        k = key(item)
        if k is None:
            out.append(Group((item,)))
        elif by_key[k] and by_key[k][0] is item:
            name = label(item) or ""
            out.append(Group(tuple(by_key[k]), name, conflict_badge(name)))
    return out
