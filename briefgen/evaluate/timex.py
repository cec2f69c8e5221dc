"""``briefgen eval timex``: briefgen's date resolver scored on TimeML news reports (TimeBank).

Each ``.tml`` file's ``<DCT>`` is the publication date; its ``<TEXT>`` element with every tag
stripped is the plain text the resolver reads (paragraph by paragraph, sentence by sentence, as
ingest does) and the inline ``TIMEX3`` tags give the gold spans in that text. Gold are the
``type="DATE"`` expressions whose value is a concrete date (``YYYY-MM-DD``, ``YYYY-Www``,
``YYYY-MM``, ``YYYY``). A gold expression is *found* when a system expression overlaps it, its
*value is right* when one of the overlapping system expressions has exactly its value, written at
the system's own precision; *not gold* counts system expressions that overlap no ``TIMEX3`` of any
type. Value recall = value right / gold; accuracy of found = value right / found.

The same scorer reads a predictions file (``{"<file stem>": [{"start", "end", "value"}, ...]}``),
so an outside system (HeidelTime, in ``benchmarks/bench_timex.py``) is scored by identical rules.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import msgspec

from briefgen.errors import SchemaError, UsageError
from briefgen.nlp.temporal import Precision, TimeRef, scan_document

CONCRETE = re.compile(r"\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?")
"""A concrete date value: a day, an ISO week, a month or a year."""


class Span(msgspec.Struct, frozen=True):
    """One temporal expression in a document's plain text, with its value."""

    start: int
    end: int
    value: str
    type: str = "DATE"
    text: str = ""

    def overlaps(self, other: Span) -> bool:
        """Do the two character ranges share at least one character?"""
        return self.start < other.end and other.start < self.end


class TimexDoc(msgspec.Struct, frozen=True):
    """One TimeML report: its creation time, plain text and gold TIMEX3 spans (all types)."""

    stem: str
    created: dt.date
    text: str
    timexes: tuple[Span, ...]

    @property
    def gold(self) -> tuple[Span, ...]:
        """The scored gold: DATE expressions with a concrete value."""
        return tuple(t for t in self.timexes if t.type == "DATE" and is_concrete(t.value))


class TimexScore(msgspec.Struct, frozen=True):
    """Counts over a set of documents (see the module docstring for each)."""

    gold: int
    found: int
    value_right: int
    not_gold: int
    predicted: int

    @property
    def value_recall(self) -> float:
        """Value right / gold: the headline figure."""
        return self.value_right / self.gold if self.gold else 0.0

    @property
    def found_share(self) -> float:
        """Found / gold."""
        return self.found / self.gold if self.gold else 0.0

    @property
    def accuracy_of_found(self) -> float:
        """Value right / found."""
        return self.value_right / self.found if self.found else 0.0


class TimexReport(msgspec.Struct, frozen=True):
    """``eval timex`` on one folder: the overall score and each document's predictions."""

    documents: int
    score: TimexScore
    predictions: dict[str, list[Span]]


def is_concrete(value: str) -> bool:
    """Is ``value`` a day, ISO week, month or year (not ``PRESENT_REF``, ``1998-Q1``, ...)?"""
    return CONCRETE.fullmatch(value) is not None


def format_value(date: dt.date, precision: Precision) -> str:
    """A resolved date written at its own precision, as TimeML does."""
    if precision == "week":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if precision == "year":
        return f"{date.year:04d}"
    return date.isoformat()


# ---------------------------------------------------------------- reading TimeML


def read_timeml(path: Path) -> TimexDoc:
    """Parse one ``.tml`` file. Raises :class:`SchemaError` naming the file when it is malformed."""
    try:
        root = ET.parse(path).getroot()  # local research data
    except (ET.ParseError, OSError) as exc:
        raise SchemaError(f"not readable TimeML: {exc}", file=path) from None
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise SchemaError("missing <DCT><TIMEX3> or <TEXT>", file=path)
    try:
        created = dt.date.fromisoformat(dct.get("value", "")[:10])
    except ValueError:
        raise SchemaError(f"creation time is not a date: {dct.get('value')!r}", file=path) from None
    parts: list[str] = []
    spans: list[Span] = []
    _walk(body, parts, spans)
    return TimexDoc(path.stem, created, "".join(parts), tuple(spans))


def _walk(node: ET.Element, parts: list[str], spans: list[Span]) -> None:
    """Append ``node``'s text (tags stripped) to ``parts``, and a span for each TIMEX3 inside."""
    start = sum(map(len, parts))
    if node.text:
        parts.append(node.text)
    for child in node:
        _walk(child, parts, spans)
        if child.tail:
            parts.append(child.tail)
    if node.tag == "TIMEX3":
        end = sum(map(len, parts))
        text = "".join(parts)[start:end]
        spans.append(Span(start, end, node.get("value", ""), node.get("type", ""), text))


def load_corpus(directory: Path) -> list[TimexDoc]:
    """Every ``*.tml`` file in ``directory``, in file-name order."""
    if not directory.is_dir():
        raise UsageError("not a folder", file=directory)
    files = sorted(directory.glob("*.tml"))
    if not files:
        raise UsageError("no .tml files", file=directory)
    return [read_timeml(f) for f in files]


# ---------------------------------------------------------------- running the resolver

_PARAGRAPH = re.compile(r"[^\n]+")


def resolve_text(text: str, published: dt.date) -> list[Span]:
    """briefgen's resolver on a plain text, as ingest feeds it (one line a paragraph, pysbd
    sentences, the report as context), with offsets into ``text``."""
    from briefgen.nlp.sentences import split_sentences

    pieces: list[tuple[int, str]] = []  # (offset in text, sentence as the resolver sees it)
    for para in _PARAGRAPH.finditer(text):
        pieces.extend(_locate(para.group(), para.start(), split_sentences(para.group())))
    scans = scan_document([s for _, s in pieces], published)
    out: list[Span] = []
    for (offset, sentence), found in zip(pieces, scans, strict=True):
        out.extend(_span(text, offset, sentence, ref) for ref in found.refs)
    return out


def _locate(raw: str, base: int, sentences: Sequence[str]) -> list[tuple[int, str]]:
    """Each sentence with the offset in the text where it starts. A sentence is ``raw`` with runs
    of whitespace collapsed, so it is found by matching its words with any whitespace between."""
    out: list[tuple[int, str]] = []
    cursor = 0
    for sentence in sentences:
        pattern = r"\s+".join(re.escape(w) for w in sentence.split())
        m = re.compile(pattern).search(raw, cursor)
        if m is None:  # NFC changed a character: keep the sentence, offsets from the cursor
            out.append((base + cursor, sentence))
            continue
        out.append((base + m.start(), raw[m.start() : m.end()]))
        cursor = m.end()
    return out


def _span(text: str, offset: int, sentence: str, ref: TimeRef) -> Span:
    start, end = offset + ref.start, offset + ref.end
    return Span(start, end, format_value(ref.date, ref.precision), "DATE", text[start:end])


def predict(docs: Iterable[TimexDoc]) -> dict[str, list[Span]]:
    """briefgen's predictions for each document, keyed by file stem."""
    return {d.stem: resolve_text(d.text, d.created) for d in docs}


# ---------------------------------------------------------------- scoring


def score(docs: Sequence[TimexDoc], predictions: Mapping[str, Sequence[Span]]) -> TimexScore:
    """Score ``predictions`` against the gold of ``docs`` (a document absent from
    ``predictions`` predicted nothing). Every predicted expression with a value counts (an
    outside system's ``P1W`` or ``PRESENT_REF`` too): it can make a gold expression found, and
    it is "not gold" when it overlaps no TIMEX3; only an exact value makes a value right."""
    gold = found = right = not_gold = predicted = 0
    for doc in docs:
        system = [p for p in predictions.get(doc.stem, ()) if p.value]
        predicted += len(system)
        for g in doc.gold:
            overlapping = [p for p in system if p.overlaps(g)]
            gold += 1
            found += bool(overlapping)
            right += any(p.value == g.value for p in overlapping)
        not_gold += sum(not any(p.overlaps(t) for t in doc.timexes) for p in system)
    return TimexScore(gold, found, right, not_gold, predicted)


def evaluate_timex(directory: Path, predictions: Path | None = None) -> TimexReport:
    """Run the resolver on every report in ``directory`` and score it; with ``predictions``,
    also write them there as JSON."""
    docs = load_corpus(directory)
    predicted = predict(docs)
    if predictions is not None:
        from briefgen.store import atomic_write

        atomic_write(predictions, predictions_to_json(predicted))
    return TimexReport(len(docs), score(docs, predicted), predicted)


def predictions_to_json(predicted: Mapping[str, Sequence[Span]]) -> str:
    """The predictions file: ``{"<stem>": [{"start", "end", "value"}, ...]}``, keys sorted."""
    blocks = []
    for stem, spans in sorted(predicted.items()):
        items = ",\n".join(
            "  " + json.dumps({"start": p.start, "end": p.end, "value": p.value}) for p in spans
        )
        key = json.dumps(stem)
        blocks.append(f" {key}: [\n{items}\n ]" if spans else f" {key}: []")
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def predictions_from_json(text: str, file: Path | None = None) -> dict[str, list[Span]]:
    """Read a predictions file (as :func:`predictions_to_json` writes it)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno) from None
    if not isinstance(data, dict):
        raise SchemaError("expected an object keyed by file stem", file=file)
    out: dict[str, list[Span]] = {}
    for stem, rows in data.items():
        try:
            out[stem] = [Span(int(r["start"]), int(r["end"]), str(r["value"])) for r in rows]
        except (KeyError, TypeError, ValueError):
            raise SchemaError("each item needs start, end, value", file=file, field=stem) from None
    return out


def format_report(report: TimexReport, label: str = "briefgen") -> str:
    """The figures as a one-row Markdown table (the README's columns)."""
    s = report.score
    return "\n".join(
        [
            f"{report.documents} reports, {s.gold} concrete DATE expressions",
            "",
            "| System | value recall | found | value right | accuracy of found | not gold |",
            "|---|---|---|---|---|---|",
            table_row(label, s),
        ]
    )


def table_row(label: str, s: TimexScore) -> str:
    """One system's row of the side-by-side table."""
    return (
        f"| {label} | {s.value_recall:.3f} | {s.found} ({100 * s.found_share:.1f} %) "
        f"| {s.value_right} | {s.accuracy_of_found:.3f} | {s.not_gold} |"
    )
