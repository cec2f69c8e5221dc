"""The record machinery every domain type and the settings share: one home for validating,
copying and dumping msgspec Structs.

The types are :class:`Record` subclasses (frozen msgspec Structs that refuse unknown keys).
Values built in Python are not checked; data read from files or assembled from other records
goes through :meth:`Record.validate`, which applies every type, constraint and ``__post_init__``
check, coercing as the files need (``"5"`` for an int, ``"2025-11-05"`` for a date). A failure is
a :class:`ValidationError`; :func:`briefgen.problems.problem` turns it into the path, kind and
message users see ("input should be a valid integer, unable to parse string as an integer").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import typing
from typing import Annotated, Any, ClassVar, Literal, Self, get_args, get_origin

import msgspec

ValidationError = msgspec.ValidationError
"""What :meth:`Record.validate` raises (one error: the first found)."""


class CheckError(ValueError):
    """A record's own check (its ``__post_init__``) failed. Raised as is when the record is built
    in code; validation reports it as a :class:`ValidationError` at the record's path."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.message = message
        """The message without the field (which a ``__field_checks__`` field puts first)."""


class Scalar:
    """A value type written as one string in files (a citation): :meth:`parse` reads it,
    ``str()`` writes it, :meth:`json_schema` describes it."""

    __slots__ = ()

    @classmethod
    def parse(cls, value: str) -> Self:
        """The value a string stands for; raise ``ValueError`` saying what was expected."""
        raise NotImplementedError

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the string form."""
        return {"type": "string"}


def _dec_hook(kind: type, value: Any) -> Any:
    if isinstance(kind, type) and issubclass(kind, Scalar):
        return value if isinstance(value, kind) else kind.parse(value)
    raise NotImplementedError(f"no decoder for {kind!r}")


def _enc_hook(value: Any) -> Any:
    if isinstance(value, Scalar):
        return str(value)
    raise NotImplementedError(f"no encoder for {type(value)!r}")


def schema_hook(kind: type) -> dict[str, Any]:
    """The JSON Schema of a :class:`Scalar` type (for ``msgspec.json.schema``)."""
    if isinstance(kind, type) and issubclass(kind, Scalar):
        return kind.json_schema()
    raise NotImplementedError(f"no schema for {kind!r}")


_END = r"\Z"


def whole(pattern: str, **constraints: Any) -> msgspec.Meta:
    """The constraint that a whole string matches ``pattern`` (anchored ``^...$``, as JSON
    Schema writes it). msgspec searches with Python's ``re``, whose ``$`` also matches before a
    final newline ("abc\\n" would pass a slug); validation uses ``\\Z``, and the JSON Schemas
    and messages write ``$``, its end of input there (:func:`schema_pattern`)."""
    if not (pattern.startswith("^") and pattern.endswith("$")):
        raise ValueError(f"pattern {pattern!r} is not anchored ^...$")
    return msgspec.Meta(pattern=pattern[:-1] + _END, **constraints)


def schema_pattern(pattern: str) -> str:
    """A pattern made by :func:`whole` as its JSON Schema (and messages) write it."""
    return pattern[: -len(_END)] + "$" if pattern.endswith(_END) else pattern


_ENCODER = msgspec.json.Encoder(enc_hook=_enc_hook)
_DECODER = msgspec.json.Decoder()


class Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A frozen, typed record: fields in declaration order, unknown keys refused."""

    __field_checks__: ClassVar[tuple[str, ...]] = ()
    """Fields whose ``__post_init__`` checks raise ``"<field>: <message>"``: such an error is
    reported at the field, not at the record."""

    @classmethod
    def validate(cls, data: Any) -> Self:
        """``data`` (a mapping, or a record) as this type, every constraint checked; raise
        :class:`ValidationError` naming the first problem."""
        try:
            return msgspec.convert(data, cls, strict=False, dec_hook=_dec_hook)
        except ValidationError as exc:
            return cls._lenient(data, exc)

    @classmethod
    def _lenient(cls, data: Any, exc: ValidationError) -> Self:
        """Accept what the files have always been allowed to say beyond msgspec's coercions
        (``yes``/``off`` for a boolean, ``true`` for an integer, a whole-day Unix time for a
        date), retrying with each such value read; else raise ``exc``."""
        for _ in range(64):
            loc, _text = located(exc)
            value = input_at(data, loc)
            fixed = _lenient_value(bare(hint_at(cls, loc)), value)
            if fixed is MISSING or not loc:
                raise exc
            try:
                data = _replaced(data, loc, fixed)
            except LookupError:
                raise exc from None
            try:
                return msgspec.convert(data, cls, strict=False, dec_hook=_dec_hook)
            except ValidationError as again:
                exc = again
        raise exc

    def checked(self) -> Self:
        """This record validated as if read from a file (for records built or changed in code
        from outside data): raise :class:`ValidationError` naming the first problem."""
        return self.validate(_DECODER.decode(_ENCODER.encode(self)))

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied (not validated: :meth:`validate` the result when the
        changes come from outside)."""
        return msgspec.structs.replace(self, **changes)

    def to_json(self, *, exclude_none: bool = False) -> bytes:
        """Compact UTF-8 JSON in field order (dates ISO, citations as strings): the bytes digests
        hash. ``exclude_none`` leaves out every key whose value is ``None``, at any depth."""
        if not exclude_none:
            return _ENCODER.encode(self)
        return _ENCODER.encode(_reshaped(self, True, frozenset()))

    def to_dict(
        self, *, exclude_none: bool = False, exclude: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        """The record as JSON-ready builtins (lists, strings, numbers, ``None``), keys as in the
        files; ``exclude`` drops top-level keys, ``exclude_none`` every ``None`` value."""
        shaped = _reshaped(self, exclude_none, exclude) if exclude_none or exclude else self
        data: dict[str, Any] = _DECODER.decode(_ENCODER.encode(shaped))
        return data

    @classmethod
    def field_defaults(cls) -> dict[str, Any]:
        """Every field's default, in declaration order (``msgspec.NODEFAULT`` for none)."""
        defaults = (msgspec.NODEFAULT,) * (
            len(cls.__struct_fields__) - len(cls.__struct_defaults__)
        ) + cls.__struct_defaults__
        return dict(zip(cls.__struct_fields__, defaults, strict=True))


def _reshaped(record: Record, exclude_none: bool, exclude: frozenset[str]) -> msgspec.Struct:
    """``record`` copied (in C) into its :func:`_shape`: encoding the copy leaves out the
    ``exclude`` fields and, with ``exclude_none``, every ``None`` at any depth."""
    shape = _shape(type(record), exclude_none, exclude)
    copied: msgspec.Struct = msgspec.convert(record, shape, from_attributes=True)
    return copied


@functools.cache
def _shape(kind: type[Record], exclude_none: bool, exclude: frozenset[str]) -> type[msgspec.Struct]:
    """A plain Struct with ``kind``'s fields (names as in the files) minus ``exclude``, values
    taken as they are; with ``exclude_none`` a field whose default is ``None`` keeps it and is
    left out when it holds it (``omit_defaults``), and nested records get the same shape. Every
    field that may hold ``None`` defaults to it, so that is exactly "every ``None`` left out"."""
    hints = typing.get_type_hints(kind, include_extras=True)
    defaults = kind.field_defaults()
    fields: list[tuple[str, Any, Any]] = []
    for attr, name in zip(kind.__struct_fields__, kind.__struct_encode_fields__, strict=True):
        if name in exclude:
            continue
        hint = _shaped_hint(hints[attr], exclude_none)
        if exclude_none and _admits_none(hints[attr]) and defaults[attr] is not None:
            raise TypeError(f"{kind.__name__}.{attr} may be None but does not default to it")
        default = None if exclude_none and defaults[attr] is None else msgspec.NODEFAULT
        fields.append((attr, hint, msgspec.field(default=default, name=name)))
    return msgspec.defstruct(
        f"{kind.__name__}Shape", fields, kw_only=True, omit_defaults=exclude_none
    )


def _shaped_hint(hint: Any, exclude_none: bool) -> Any:
    """``hint`` with every record type replaced by its shape and everything else ``Any``."""
    inner = bare(hint)
    if isinstance(inner, type) and issubclass(inner, Record):
        shape = _shape(inner, exclude_none, frozenset())
        return shape | None if _admits_none(hint) else shape
    hint = inner
    if get_origin(hint) is tuple and get_args(hint)[1:] == (...,):
        return tuple[_shaped_hint(get_args(hint)[0], exclude_none), ...]  # type: ignore[misc]
    return Any


def _admits_none(hint: Any) -> bool:
    while get_origin(hint) is Annotated:
        hint = get_args(hint)[0]
    return type(None) in get_args(hint) and get_origin(hint) is not Literal


# --- reading a validation error back -----------------------------------------------------------


_AT = r"^(.*) - at `\$(.*)`$"
_PATH_PART = r"\.([^.\[]+)|\[(\d+)\]"
# patterns, not compiled objects: they are compiled (by ``re``) only when a validation fails
MISSING = object()
"""What :func:`input_at` gives for a path the data does not have."""


def located(exc: ValidationError) -> tuple[tuple[str | int, ...], str]:
    """The path and the bare message of a msgspec error (``... - at `$.a[0].b```)."""
    text = str(exc)
    m = re.match(_AT, text, re.S)
    if m is None:
        return (), text
    path = m.group(2)
    loc = tuple(int(index) if index else name for name, index in re.findall(_PATH_PART, path))
    return loc, m.group(1)


_BOOL_WORDS = {
    **dict.fromkeys(("0", "off", "f", "false", "n", "no"), False),
    **dict.fromkeys(("1", "on", "t", "true", "y", "yes"), True),
}


def _lenient_value(hint: Any, value: Any) -> Any:
    """``value`` read as ``hint`` the lenient way, or ``MISSING``."""
    if hint is int and isinstance(value, bool):
        return int(value)
    if hint in (int, float) and isinstance(value, str) and value.strip().isascii():
        with contextlib.suppress(ValueError):
            return hint(value.strip())
    if hint is bool and isinstance(value, str) and value.lower() in _BOOL_WORDS:
        return _BOOL_WORDS[value.lower()]
    if hint is dt.date and isinstance(value, str) and len(value) > 10 and value[10] in "Tt_ ":
        moment = midnight(value)
        if moment is not None and moment.time() == dt.time(0):
            return moment.date()
    if hint is dt.date and isinstance(value, str) and is_number(value):
        value = float(value)
    if hint is bool and isinstance(value, float) and value in (0.0, 1.0):
        return value == 1.0
    if hint is dt.date and isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 2e10 else value
        if seconds == int(seconds) and int(seconds) % 86400 == 0:
            with contextlib.suppress(OverflowError, ValueError):
                return _EPOCH + dt.timedelta(days=int(seconds) // 86400)
    return MISSING


_EPOCH = dt.date(1970, 1, 1)


def _replaced(data: Any, loc: tuple[str | int, ...], value: Any) -> Any:
    """A copy of ``data`` (dicts and lists) with the value at ``loc`` replaced."""
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict) and head in data:
        return {**data, head: _replaced(data[head], rest, value)}
    if isinstance(data, (list, tuple)) and isinstance(head, int) and head < len(data):
        items = list(data)
        items[head] = _replaced(items[head], rest, value)
        return items
    raise LookupError(loc)


def is_number(text: str) -> bool:
    """Whether a date is written as a number (a Unix time)."""
    return re.fullmatch(r"[0-9]+(?:[.][0-9]+)?", text) is not None


def midnight(text: str) -> dt.datetime | None:
    """``YYYY-MM-DDTHH:MM[:SS...]`` read as a date and time, or None."""
    try:
        return dt.datetime.fromisoformat(text[:10] + "T" + text[11:])
    except ValueError:
        return None


def input_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    """The value at ``loc`` in ``data`` (mappings, lists, records), or :data:`MISSING`."""
    for part in loc:
        if isinstance(data, dict):
            if part not in data:
                return MISSING
            data = data[part]
        elif isinstance(data, (list, tuple)) and isinstance(part, int) and part < len(data):
            data = data[part]
        elif isinstance(data, msgspec.Struct) and isinstance(part, str):
            names = dict(zip(data.__struct_encode_fields__, data.__struct_fields__, strict=True))
            if part not in names:
                return MISSING
            data = getattr(data, names[part])
        else:
            return MISSING
    return data


def bare(hint: Any) -> Any:
    """``hint`` without ``Annotated`` and without ``| None``."""
    while True:
        if get_origin(hint) is Annotated:
            hint = get_args(hint)[0]
            continue
        args = get_args(hint)
        if args and type(None) in args and get_origin(hint) is not Literal:
            rest = [a for a in args if a is not type(None)]
            if len(rest) == 1:
                hint = rest[0]
                continue
        return hint


def literal_values(hint: Any) -> tuple[Any, ...]:
    """The values of a ``Literal[...]`` annotation (through ``Annotated`` and ``| None``)."""
    hint = bare(hint)
    return get_args(hint) if get_origin(hint) is Literal else ()


def hint_at(kind: Any, loc: tuple[str | int, ...]) -> Any:
    """The type annotation of the value at ``loc`` inside a ``kind`` record (None if unknown)."""
    hint: Any = kind
    for part in loc:
        hint = bare(hint)
        if isinstance(hint, type) and issubclass(hint, msgspec.Struct) and isinstance(part, str):
            names = dict(zip(hint.__struct_encode_fields__, hint.__struct_fields__, strict=True))
            hints = typing.get_type_hints(hint, include_extras=True)
            hint = hints.get(names.get(part, part))
        elif isinstance(part, int) and get_origin(hint) in (tuple, list):
            hint = get_args(hint)[0]
        else:
            return None
    return hint
