"""Render a :class:`~briefgen.changes.ChangeSet` as a Markdown review report or JSON data.

The Markdown starts with a one-line summary, then one section per changed topic: title and headline
changes, statements added / removed / changed per section (changed ones as a word-level diff:
``~~removed~~ **added**``), timeline events, sources and citations. The report is posted as a
pull-request comment, and article text is untrusted: every piece of it passes
:func:`briefgen.escape.md_pr_comment`, so it renders as inert text (no link, image, HTML, heading or
table) that mentions no one and references no issue.
"""

from __future__ import annotations

from typing import Any

import msgspec

from briefgen.changes import (
    ChangeSet,
    ChangeSummary,
    EventChange,
    StatementChange,
    TopicChange,
    word_diff,
)
from briefgen.escape import md_pr_comment
from briefgen.model import Statement, TimelineEvent

SECTION_TITLES = {
    "current_status": "Current status",
    "background": "Background",
    "stakes": "Stakes",
    "headline": "Headline",
    "timeline": "Timeline",
}


def _label(text: str) -> str:
    return "`" + text.replace("`", "'") + "`"


def _cites(item: Statement | TimelineEvent) -> str:
    return ", ".join(f"`{c}`" for c in item.cite)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def summary_line(changes: ChangeSet, base: str, head: str) -> str:
    """The report's first line: what changed between ``base`` and ``head``, in counts."""
    head_part = f"**Briefing changes** from {_label(base)} to {_label(head)}"
    if changes.empty:
        return f"{head_part}: none."
    s: ChangeSummary = changes.summary
    total = len(changes.topics)
    extra = [
        f"{n} {what}" for n, what in ((s.topics_added, "added"), (s.topics_removed, "removed")) if n
    ]
    parts = [_plural(total, "topic") + " changed" + (f" ({', '.join(extra)})" if extra else "")]
    groups: list[tuple[str, list[tuple[int, str]]]] = [
        (
            "statement",
            [
                (s.statements_added, "added"),
                (s.statements_removed, "removed"),
                (s.statements_changed, "changed"),
            ],
        ),
        (
            "timeline event",
            [
                (s.events_added, "added"),
                (s.events_removed, "removed"),
                (s.events_moved, "moved"),
                (s.events_changed, "changed"),
            ],
        ),
        ("source", [(s.sources_added, "added"), (s.sources_removed, "removed")]),
    ]
    for noun, counts in groups:
        items = [(n, verb) for n, verb in counts if n]
        if items:
            (n0, verb0), rest = items[0], items[1:]
            parts.append(
                ", ".join([f"{_plural(n0, noun)} {verb0}", *(f"{n} {v}" for n, v in rest)])
            )
    if s.citations_changed:
        parts.append(_plural(s.citations_changed, "citation") + " changed")
    return f"{head_part}: {'; '.join(parts)}."


def diff_words(old: str, new: str) -> str:
    """A word-level diff in Markdown: ``~~dropped~~`` and ``**added**`` runs, the rest as is."""
    out: list[str] = []
    ops = word_diff(old, new)
    for k, op in enumerate(ops):
        core = md_pr_comment(op.text)
        space = " " if op.text[len(op.text.rstrip()) :] else ""
        if op.kind == "delete":
            follows = k + 1 < len(ops) and ops[k + 1].kind == "insert"
            out.append(f"~~{core}~~" + (" " if follows else space))
        elif op.kind == "insert":
            out.append(f"**{core}**{space}")
        else:
            out.append(core + space)
    return "".join(out).rstrip()


def changed_text(old: str, new: str) -> str:
    """A word diff when the two texts share most words, else ``~~old~~ → new`` (more readable)."""
    ops = word_diff(old, new)
    kept = sum(len(op.text.split()) for op in ops if op.kind == "equal")
    if kept * 2 >= max(len(old.split()), len(new.split())):
        return diff_words(old, new)
    return f"~~{md_pr_comment(old)}~~ → {md_pr_comment(new)}"


def _statement_line(change: StatementChange) -> str:
    if change.kind == "changed":
        assert change.old is not None and change.new is not None
        cites = _cites(change.new)
        if change.old.cite != change.new.cite:
            cites = f"{_cites(change.old)} → {cites}"
        edited = " *(edited)*" if change.new.edited else ""
        return f"- Changed{edited}: {changed_text(change.old.text, change.new.text)} — {cites}"
    item = change.new if change.kind == "added" else change.old
    assert item is not None
    kind = change.kind.capitalize()
    if change.moved is not None:
        where = SECTION_TITLES[change.moved]
        kind = f"Moved from {where}" if change.kind == "added" else f"Moved to {where}"
    return f"- {kind}: {md_pr_comment(item.text)} — {_cites(item)}"


def _when(ev: TimelineEvent) -> str:
    date = ev.date.isoformat()
    if ev.precision != "day":
        date += f" ({ev.precision})"
    return f"{date}, {ev.status}" if ev.status != "happened" else date


def _event_line(change: EventChange) -> str:
    o, n = change.old, change.new
    if change.kind in ("added", "removed"):
        ev = n or o
        assert ev is not None
        return f"- {change.kind.capitalize()}: {_when(ev)}: {md_pr_comment(ev.text)} — {_cites(ev)}"
    assert o is not None and n is not None
    when = _when(n) if _when(o) == _when(n) else f"{_when(o)} → {_when(n)}"
    text = md_pr_comment(n.text) if o.text == n.text else changed_text(o.text, n.text)
    cites = _cites(n) if set(o.cite) == set(n.cite) else f"{_cites(o)} → {_cites(n)}"
    return f"- {change.kind.capitalize()}: {when}: {text} — {cites}"


def _topic_lines(t: TopicChange) -> list[str]:
    out = [f"## {md_pr_comment(t.title)} ({_label(t.topic)}): {t.kind}", ""]
    if t.kind == "removed":
        n_st = t.count("removed")
        n_ev = len(t.events)
        out += [
            f"The briefing was removed ({_plural(n_st, 'statement')}, "
            f"{_plural(n_ev, 'timeline event')}, {_plural(len(t.sources_removed), 'source')}).",
            "",
        ]
        return out
    if t.title_old is not None:
        out += [f"**Title:** {changed_text(t.title_old, t.title)}", ""]
    if t.headline_changed and t.headline_new is not None:
        text = (
            changed_text(t.headline_old.text, t.headline_new.text)
            if t.headline_old is not None
            else md_pr_comment(t.headline_new.text)
        )
        out += ["**Headline**", "", f"{text} — {_cites(t.headline_new)}", ""]
    sections: dict[str, list[str]] = {}
    for change in t.statements:
        sections.setdefault(change.section, []).append(_statement_line(change))
    for section, lines in sections.items():
        out += [f"**{SECTION_TITLES[section]}**", "", *lines, ""]
    if t.events:
        out += ["**Timeline**", "", *(_event_line(c) for c in t.events), ""]
    if t.sources_added or t.sources_removed:
        out += ["**Sources**", ""]
        out += [f"- Added: `{s}`" for s in t.sources_added]
        out += [f"- Removed: `{s}`" for s in t.sources_removed]
        out.append("")
    if t.citations_changed:
        out += ["**Citations changed**", ""]
        for c in t.citations_changed:
            old = ", ".join(f"`{x}`" for x in c.old)
            new = ", ".join(f"`{x}`" for x in c.new)
            out.append(
                f"- {SECTION_TITLES.get(c.where, c.where)}: {md_pr_comment(c.text)} — {old} → {new}"
            )
        out.append("")
    return out


def changeset_markdown(changes: ChangeSet, base: str, head: str) -> str:
    """The full review report as Markdown, ending in one newline."""
    lines = [summary_line(changes, base, head), ""]
    for topic in changes.topics:
        lines += _topic_lines(topic)
    return "\n".join(lines).rstrip("\n") + "\n"


# --- JSON -------------------------------------------------------------------------------------


_MARK_DEFAULTS: dict[str, Any] = {"times": [], "conflict": None, "single_source": False}


def _item(item: Statement | TimelineEvent | None) -> dict[str, Any] | None:
    """A statement or event as JSON; trust marks only when set, as in the unit."""
    if item is None:
        return None
    data: dict[str, Any] = item.to_dict()
    return {k: v for k, v in data.items() if k not in _MARK_DEFAULTS or v != _MARK_DEFAULTS[k]}


def _topic_json(t: TopicChange) -> dict[str, Any]:
    return {
        "topic": t.topic,
        "title": t.title,
        "kind": t.kind,
        "title_old": t.title_old,
        "as_of_old": t.as_of_old.isoformat() if t.as_of_old else None,
        "as_of_new": t.as_of_new.isoformat() if t.as_of_new else None,
        "headline_old": _item(t.headline_old),
        "headline_new": _item(t.headline_new),
        "statements": [
            {
                "section": c.section,
                "kind": c.kind,
                "moved": c.moved,
                "old": _item(c.old),
                "new": _item(c.new),
            }
            for c in t.statements
        ],
        "events": [{"kind": c.kind, "old": _item(c.old), "new": _item(c.new)} for c in t.events],
        "sources_added": list(t.sources_added),
        "sources_removed": list(t.sources_removed),
        "citations_changed": [
            {
                "where": c.where,
                "text": c.text,
                "old": [str(x) for x in c.old],
                "new": [str(x) for x in c.new],
            }
            for c in t.citations_changed
        ],
    }


def changeset_json(changes: ChangeSet) -> dict[str, Any]:
    """Plain JSON-ready data: the summary counts and every topic change."""
    return {
        "summary": msgspec.structs.asdict(changes.summary),
        "topics": [_topic_json(t) for t in changes.topics],
    }
