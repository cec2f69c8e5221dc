"""Carry an editor's YAML comments from a file's previous text into its regenerated text.

briefgen writes YAML with one deterministic dumper (:func:`briefgen.yamlio.dump`); a comment an
editor adds to a briefing would be lost the next time ``summarize`` rewrites it. This module
re-attaches each comment of the old text to the node it was written on or above, found again in
the new text by its path, so the new text keeps its exact bytes and only gains comment lines:

* a comment on a line of its own belongs to the next node (a statement, a key); it is written
  above that node, at that line's indentation;
* a comment at the end of a line belongs to the first key on that line (else its first node) and
  is written at the end of that line, with the spacing it had;
* comments above the first node stay at the top (below ``ignore``d lines such as the schema
  comment), and comments after the last node stay at the end.

A node's path is its chain of mapping keys and, for a list item, an identity: the item's
citations (``cite``), else its ``text``, else its value; a statement that moved keeps its
comments. A comment whose node is gone goes above the nearest surviving parent, never dropped.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from typing import Any

import msgspec
import yaml

log = logging.getLogger(__name__)

Step = str | tuple[str, str]
"""A mapping key, or a list item's identity ``(kind, value)``."""
Path = tuple[Step, ...]

_Safe: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Base: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_MAYBE_COMMENT = re.compile(r"(?:^|[ \t])#", re.MULTILINE)


class _Comments(msgspec.Struct):
    head: list[str] = msgspec.field(default_factory=list)
    tail: list[str] = msgspec.field(default_factory=list)
    above: list[tuple[list[Path], str]] = msgspec.field(default_factory=list)
    """(the node's paths, most specific identity first; the comment from its ``#``)."""
    inline: list[tuple[list[Path], str]] = msgspec.field(default_factory=list)
    """(paths; the comment with the blanks before it)."""


def _identities(node: yaml.Node, index: int) -> list[tuple[str, str]]:
    """How a list item is recognised after the list changed, most specific first."""
    if isinstance(node, yaml.ScalarNode):
        return [("value", str(node.value))]
    out: list[tuple[str, str]] = []
    if isinstance(node, yaml.MappingNode):
        fields = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
        cite = fields.get("cite")
        if isinstance(cite, yaml.SequenceNode):
            out.append(("cite", " ".join(str(getattr(c, "value", "")) for c in cite.value)))
        text = fields.get("text")
        if isinstance(text, yaml.ScalarNode):
            out.append(("text", str(text.value)))
    return out or [("index", str(index))]


def _walk(
    node: yaml.Node, paths: list[Path], seen: set[int]
) -> Iterator[tuple[int, list[Path], bool]]:
    """(0-based start line, paths, is a mapping key) for every key and list item below ``node``;
    a node reached twice (through an alias) is walked once, so the walk stays linear."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = [(*p, str(key.value)) for p in paths]
            yield key.start_mark.line, sub, True
            yield from _walk(value, sub, seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            ids = _identities(item, i)
            sub = [(*p, ident) for p, ident in itertools.product(paths, ids)]
            yield item.start_mark.line, sub, False
            yield from _walk(item, sub, seen)


def _nodes_by_line(text: str) -> dict[int, list[tuple[list[Path], bool]]]:
    root = yaml.compose(text, Loader=_Safe)
    lines: dict[int, list[tuple[list[Path], bool]]] = {}
    if root is None:
        return lines
    for line, paths, is_key in _walk(root, [()], set()):
        lines.setdefault(line, []).append((paths, is_key))
    return lines


def _comment_starts(text: str) -> dict[int, int]:
    """0-based line -> column of the comment on it (a ``#`` outside every token)."""
    lines = text.split("\n")
    covered = [bytearray(len(line) + 1) for line in lines]
    loader = _Safe(text)
    try:
        while loader.check_token():
            tok = loader.get_token()  # type: ignore[no-untyped-call]
            start, end = tok.start_mark, tok.end_mark
            for ln in range(start.line, min(end.line, len(lines) - 1) + 1):
                a = start.column if ln == start.line else 0
                b = end.column if ln == end.line else len(lines[ln]) + 1
                covered[ln][a:b] = b"\x01" * (b - a)
    finally:
        loader.dispose()
    out: dict[int, int] = {}
    for ln, line in enumerate(lines):
        for m in re.finditer("#", line):
            col = m.start()
            if (col == 0 or line[col - 1] in " \t") and not covered[ln][col]:
                out[ln] = col
                break
    return out


def _extract(text: str, ignore: frozenset[str]) -> _Comments:
    lines = text.split("\n")
    nodes = _nodes_by_line(text)
    starts = _comment_starts(text)
    first = min(nodes, default=len(lines))
    out = _Comments()
    for ln in sorted(starts):
        col = starts[ln]
        comment = lines[ln][col:].rstrip()
        own_line = not lines[ln][:col].strip()
        if own_line and comment in ignore:
            continue
        if own_line and ln < first:
            out.head.append(comment)
            continue
        on_line = nodes.get(ln)
        if not own_line and on_line:
            keys = [p for p, is_key in on_line if is_key]
            gap = lines[ln][:col]
            blanks = gap[len(gap.rstrip()) :] or " "
            out.inline.append((keys[0] if keys else on_line[0][0], blanks + comment))
            continue
        nxt = next((n for n in sorted(nodes) if n > ln), None)
        if nxt is None:
            out.tail.append(comment)
        else:
            out.above.append((nodes[nxt][0][0], comment))
    return out


def _find(index: dict[Path, int], paths: list[Path]) -> tuple[int, bool] | None:
    """The line of the first of ``paths`` found (exact: True), else of the nearest parent."""
    for p in paths:
        if p in index:
            return index[p], True
    for cut in range(max(len(p) for p in paths) - 1, 0, -1):
        for p in paths:
            if p[:cut] in index:
                return index[p[:cut]], False
    return None


def keep_comments(old: str, new: str, *, ignore: frozenset[str] = frozenset()) -> str:
    """``new`` with the comments of ``old`` re-attached to the same nodes (see the module doc).

    ``new`` comes back unchanged when ``old`` has no comment; comment lines in ``ignore`` (such
    as a header ``new`` already carries) are not copied."""
    probe = "\n".join(ln for ln in old.split("\n") if ln.strip() not in ignore)
    if not _MAYBE_COMMENT.search(probe):
        return new
    try:
        found = _extract(old, ignore)
        targets = _nodes_by_line(new)
    except yaml.YAMLError:
        return new
    if not (found.head or found.tail or found.above or found.inline):
        return new
    index: dict[Path, int] = {}
    for n in sorted(targets):
        for paths, _ in targets[n]:
            for p in paths:
                index.setdefault(p, n)
    lines = new.removesuffix("\n").split("\n")
    above: dict[int, list[str]] = {}
    inline: dict[int, str] = {}
    first = min(targets, default=len(lines))
    above.setdefault(first, []).extend(found.head)
    for paths, comment in found.above:
        at = _find(index, paths)
        above.setdefault(first if at is None else at[0], []).append(comment)
    for paths, comment in found.inline:
        at = _find(index, paths)
        if at is not None and at[1] and at[0] not in inline:
            inline[at[0]] = comment
        else:
            above.setdefault(first if at is None else at[0], []).append(comment.lstrip())
    out: list[str] = []
    for ln, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" "))]
        out.extend(indent + c for c in above.get(ln, []))
        out.append(line + inline.get(ln, ""))
    out.extend(found.tail)
    result = "\n".join(out) + "\n"
    if _data(result) != _data(new):  # never change what the file says, only its comments
        log.warning("could not keep the comments of the previous text; they were dropped")
        return new
    return result


def _data(text: str) -> Any:
    return yaml.load(text, Loader=_Base)
