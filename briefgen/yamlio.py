"""Deterministic YAML out, located YAML in.

Dumping: block style, no line wrapping, UTF-8, insertion key order, dates unquoted, short lists of
citations in flow style. Loading: dates stay strings (validation parses them, so ``2025-02-30`` is a
field error rather than a crash), duplicate keys are errors, anchors and aliases are refused (an
alias bomb would make every later walk of the data exponential), and a validation error is mapped
back to the line of the offending key. Every content file (articles, briefings, topics.yaml,
briefings read from git refs) is parsed by :func:`load`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from briefgen.errors import SchemaError
from briefgen.structs import Record, ValidationError

if TYPE_CHECKING:
    from briefgen.problems import Problem

M = TypeVar("M", bound=Record)

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _without_timestamps(cls: Any) -> None:
    cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in cls.yaml_implicit_resolvers.items()
    }


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader that keeps dates as strings."""


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes date strings unquoted and indents lists under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_without_timestamps(_Loader)
_without_timestamps(_Dumper)


class FlowList(list[Any]):
    """A list dumped in flow style: ``[a, b]``."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_flow(dumper: yaml.SafeDumper, data: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(FlowList, _represent_flow)


_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,100}")
# Characters PyYAML's emitter treats as line breaks or as special (they force double quotes or a
# literal block); a string holding one is left to PyYAML.
_UNSURE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U0010ffff]")
_INDICATOR_FIRST = frozenset("#,[]{}&*!|>'\"%@`")
_FLOW_INDICATOR = re.compile(r"[,?\[\]{}:]")


def _tag(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar ``value`` (the dumper's own resolvers)."""
    for tag, regexp in _resolvers(value[0]):
        if regexp.match(value):
            return str(tag)
    return _STR_TAG


@functools.lru_cache(maxsize=256)
def _resolvers(first: str) -> tuple[tuple[Any, re.Pattern[str]], ...]:
    """The dumper's implicit resolvers tried for a scalar starting with ``first``, in order."""
    resolvers = _Dumper.yaml_implicit_resolvers
    return tuple(resolvers.get(first, []) + resolvers.get(None, []))


@functools.lru_cache(maxsize=1024)
def _plain_key(key: str) -> bool:
    """An identifier key PyYAML writes plain (it resolves to a string)."""
    return _KEY.fullmatch(key) is not None and _tag(key) == _STR_TAG


def _scalar(value: str, *, flow: bool = False) -> str | None:
    """``value`` as PyYAML's emitter writes it as a block-mapping value or sequence item (or, with
    ``flow``, as an item of a flow sequence): plain, else single quoted; ``None`` when the string
    is one whose style this shortcut does not decide (line breaks, control or special
    characters). The rules are those of ``Emitter.analyze_scalar`` and ``choose_scalar_style``."""
    if not value:
        return "''"  # the empty string resolves to null: quoted in either context
    if _UNSURE.search(value):
        return None
    first = value[0]
    plain = not (
        first in _INDICATOR_FIRST
        or (first in "?:-" and (len(value) == 1 or value[1] == " "))
        or value.startswith(("---", "..."))
        or first == " "
        or value[-1] == " "
        or value.find(": ", 1) >= 0
        or (len(value) > 1 and value[-1] == ":")
        or " #" in value
        or (flow and (first in "?:" or _FLOW_INDICATOR.search(value, 1) is not None))
    )
    if plain and _tag(value) == _STR_TAG:
        return value
    return "'" + value.replace("'", "''") + "'"


class _Unsure(Exception):
    """A value whose YAML this emitter does not decide: PyYAML writes the whole document."""


def _dump_tree(data: Any) -> str | None:
    """The YAML of a non-empty mapping, byte for byte what :func:`dump` gets from PyYAML (whose
    pure-Python emitter is a third of a summarize's CPU), or ``None`` when some value is not one
    this emitter decides: keys other than identifiers, floats, other types, a list directly in a
    list, multi-line strings, control or special characters, or one container reached twice
    (PyYAML would write an anchor). Lists are indented under their key, :class:`FlowList` items
    go in ``[a, b]``, empty containers are ``[]`` and ``{}``: the shapes of briefing units."""
    if type(data) is not dict or not data:
        return None
    out: list[str] = []
    try:
        _mapping(data, 0, out, {id(data)}, "")
    except _Unsure:
        return None
    out.append("\n")
    return "".join(out)


def _enter(value: Any, seen: set[int]) -> None:
    """Note a container; one seen before would be an alias in PyYAML's output."""
    if id(value) in seen:
        raise _Unsure
    seen.add(id(value))


def _mapping(data: dict[Any, Any], indent: int, out: list[str], seen: set[int], lead: str) -> None:
    """A block mapping's keys at ``indent``, the first after ``lead``."""
    pad = "\n" + " " * indent
    for key, value in data.items():
        if type(key) is not str or not _plain_key(key):
            raise _Unsure
        out.append(lead)
        out.append(key)
        out.append(":")
        kind = type(value)
        if kind is dict and value:
            _enter(value, seen)
            _mapping(value, indent + 2, out, seen, "\n" + " " * (indent + 2))
        elif kind is list and value:
            _enter(value, seen)
            _sequence(value, indent + 2, out, seen)
        else:
            out.append(" ")
            out.append(_inline(value, seen))
        lead = pad


def _sequence(data: list[Any], indent: int, out: list[str], seen: set[int]) -> None:
    """A block sequence's items at ``indent`` (``- `` then the item)."""
    pad = "\n" + " " * indent + "-"
    for item in data:
        out.append(pad)
        kind = type(item)
        if kind is dict and item:
            _enter(item, seen)
            _mapping(item, indent + 2, out, seen, " ")
        elif kind is list and item:
            raise _Unsure
        else:
            out.append(" ")
            out.append(_inline(item, seen))


def _inline(value: Any, seen: set[int]) -> str:
    """A value written on its key's or dash's line: a scalar, a flow list, an empty container."""
    kind = type(value)
    if kind is str:
        text = _scalar(value)
        if text is None:
            raise _Unsure
        return text
    if kind is FlowList:
        _enter(value, seen)
        return "[" + ", ".join(_flow_item(v) for v in value) + "]"
    if kind is list or kind is dict:  # empty (written in flow style by PyYAML)
        _enter(value, seen)
        return "[]" if kind is list else "{}"
    return _simple(value)


def _flow_item(value: Any) -> str:
    """An item of a flow sequence: a scalar (anything else is left to PyYAML)."""
    if type(value) is str:
        text = _scalar(value, flow=True)
        if text is None:
            raise _Unsure
        return text
    return _simple(value)


def _simple(value: Any) -> str:
    """An integer, boolean or null as PyYAML's safe representer writes it."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        text = str(value)
        if _tag(text) == _INT_TAG:
            return text
    raise _Unsure


def dump(data: Any) -> str:
    """Serialize plain data to deterministic block-style YAML ending in one newline."""
    fast = _dump_tree(data)
    return fast if fast is not None else pyyaml_dump(data)


def pyyaml_dump(data: Any) -> str:
    """What PyYAML writes for ``data`` with briefgen's settings: :func:`dump` without its fast
    emitter (the reference the emitter's bytes are tested against)."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,
        indent=2,
    )
    return text


ANCHOR_MESSAGE = (
    "YAML anchors and aliases are not allowed in content files ({found}); write the value out"
)


def _refuse_anchors(text: str, file: str | Path, line_offset: int) -> None:
    """Raise at the first anchor (``&a``) or alias (``*a``): one alias of an alias of a list can
    stand for billions of values, which every later walk (validation, checks, output) would
    expand. Content never needs them. Only the event stream is read, so this is linear."""
    if "&" not in text and "*" not in text:
        return
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                found = f"alias '*{event.anchor}'"
            elif getattr(event, "anchor", None) is not None:
                found = f"anchor '&{event.anchor}'"
            else:
                continue
            line = event.start_mark.line + 1 + line_offset
            raise SchemaError(ANCHOR_MESSAGE.format(found=found), file=file, line=line)
    finally:
        loader.dispose()


def load(text: str, file: str | Path, *, line_offset: int = 0) -> Any:
    """Parse YAML; a syntax error, duplicate key, anchor or alias raises a :class:`SchemaError`
    with its line."""
    try:
        _refuse_anchors(text, file, line_offset)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SchemaError(f"YAML syntax error: {problem}", file=file, line=line) from None
    if node is None:
        return None
    _check_duplicates(node, file, line_offset)
    loader = _Loader("")
    try:
        return loader.construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 + line_offset if mark else None
        raise SchemaError(f"YAML error: {exc.problem}", file=file, line=line) from None
    finally:
        loader.dispose()


def _check_duplicates(node: yaml.Node, file: str | Path, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key, value in node.value:
            if key.value in seen:
                raise SchemaError(
                    f"duplicate key {key.value!r}", file=file, line=key.start_mark.line + 1 + offset
                )
            seen.add(key.value)
            _check_duplicates(value, file, offset)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, file, offset)


@functools.lru_cache(maxsize=4)
def _composed(text: str) -> yaml.Node | None:
    """The node tree of ``text`` (cached: ``check`` locates every finding of a briefing in the
    same text, and composing it again for each took most of a ``check``). Raises YAMLError."""
    return yaml.compose(text, Loader=_Loader)


def locate(text: str, path: tuple[str | int, ...], *, line_offset: int = 0) -> int | None:
    """The 1-based line of the node at ``path`` (or of its nearest existing parent)."""
    try:
        node = _composed(text)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next((kv for kv in node.value if kv[0].value == str(part)), None)
            if match is None:
                break
            line = match[0].start_mark.line + 1
            node = match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return None if line is None else line + line_offset


_PATH_IN_MESSAGE = re.compile(r"^([a-z_]+(?:\.[a-z_0-9]+)*): ")

_FRIENDLY = {
    "missing": "required key is missing",
    "extra_forbidden": "unknown key",
}


def _message(err: Problem) -> str:
    kind = err.kind
    if kind in _FRIENDLY:
        return _FRIENDLY[kind]
    if kind == "string_pattern_mismatch":
        if "#s" in err.pattern:
            return f"{err.input!r} is not a citation of the form <article-id>#s<n>"
        return (
            f"{err.input!r} is not a valid slug "
            "(lowercase letters, digits and single hyphens; no '/', '..' or capitals)"
        )
    msg = err.msg
    if kind.startswith("date") and err.has_input:
        return f"{err.input!r} is not a valid date (YYYY-MM-DD): {msg[0].lower()}{msg[1:]}"
    return msg[0].lower() + msg[1:] if msg else kind


def validate(
    model: type[M],
    data: Any,
    *,
    file: str | Path,
    text: str | None = None,
    line_offset: int = 0,
) -> M:
    """Validate ``data`` as ``model``; the first error becomes a located :class:`SchemaError`."""
    try:
        return model.validate(data)
    except ValidationError as exc:
        from briefgen.problems import problem  # only for a file that does not validate

        err = problem(exc, model, data)
        loc = err.loc
        message = _message(err)
        m = _PATH_IN_MESSAGE.match(message)
        if not loc and m:
            loc = tuple(int(p) if p.isdigit() else p for p in m.group(1).split("."))
            message = message[m.end() :]
        field = ".".join(str(p) for p in loc) or None
        line = locate(text, loc, line_offset=line_offset) if text is not None else None
        raise SchemaError(message, file=file, line=line, field=field) from None
