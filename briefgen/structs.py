"""The record machinery every domain type and the settings share: one home for validating,
copying and dumping msgspec Structs, and for reading a validation error back as a located,
human-worded problem.

The types are :class:`Record` subclasses (frozen msgspec Structs that refuse unknown keys).
Values built in Python are not checked; data read from files or assembled from other records
goes through :meth:`Record.validate`, which applies every type, constraint and ``__post_init__``
check, coercing as the files need (``"5"`` for an int, ``"2025-11-05"`` for a date). A failure is
a :class:`ValidationError`; :func:`problem` turns it into the path, kind and message users see
("input should be a valid integer, unable to parse string as an integer").
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal, Self, get_args, get_origin

import msgspec

ValidationError = msgspec.ValidationError
"""What :meth:`Record.validate` raises (one error: the first found)."""


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
        return msgspec.convert(data, cls, strict=False, dec_hook=_dec_hook)

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
        return _ENCODER.encode(_without_none(_DECODER.decode(_ENCODER.encode(self))))

    def to_dict(
        self, *, exclude_none: bool = False, exclude: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        """The record as JSON-ready builtins (lists, strings, numbers, ``None``), keys as in the
        files; ``exclude`` drops top-level keys, ``exclude_none`` every ``None`` value."""
        data: dict[str, Any] = _DECODER.decode(_ENCODER.encode(self))
        for key in exclude:
            data.pop(key, None)
        return _without_none(data) if exclude_none else data

    @classmethod
    def field_defaults(cls) -> dict[str, Any]:
        """Every field's default, in declaration order (``msgspec.NODEFAULT`` for none)."""
        defaults = (msgspec.NODEFAULT,) * (
            len(cls.__struct_fields__) - len(cls.__struct_defaults__)
        ) + cls.__struct_defaults__
        return dict(zip(cls.__struct_fields__, defaults, strict=True))


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
        return [_without_none(v) for v in value]
    return value


# --- reading a validation error back -----------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One validation problem: where (a key/index path), what kind, and the message."""

    loc: tuple[str | int, ...]
    kind: str
    """``missing``, ``extra_forbidden``, ``string_pattern_mismatch``, ``value_error``,
    ``date_from_datetime_parsing``... (pydantic's names, which briefgen's messages key on)."""
    msg: str
    """A sentence starting with a capital: ``Input should be a valid integer``."""
    input: Any = None
    pattern: str = ""
    has_input: bool = field(default=False)


_AT = re.compile(r"^(.*) - at `\$(.*)`$", re.S)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_MISSING = re.compile(r"^Object missing required field `(.+)`$")
_UNKNOWN = re.compile(r"^Object contains unknown field `(.+)`$")
_PATTERN = re.compile(r"^Expected `str` matching regex '(.*)'$", re.S)
_LENGTH = re.compile(r"^Expected `(\w+)` of length (>=|<=) (\d+)$")
_BOUND = re.compile(r"^Expected `(\w+)` (>=|<=|>|<) (\S+)$")
_TYPE = re.compile(r"^Expected `([^`]+)`, got `(\w+)`$")
_BOUND_WORDS = {
    ">=": ("greater_than_equal", "greater than or equal to"),
    ">": ("greater_than", "greater than"),
    "<=": ("less_than_equal", "less than or equal to"),
    "<": ("less_than", "less than"),
}
_MISSING_INPUT = object()


def problem(exc: ValidationError, kind: type[Record], data: Any) -> Problem:
    """The problem ``exc`` (raised validating ``data`` as ``kind``) reports, worded for users."""
    text = str(exc)
    loc: tuple[str | int, ...] = ()
    m = _AT.match(text)
    if m:
        text = m.group(1)
        loc = tuple(int(index) if index else name for name, index in _PATH_PART.findall(m.group(2)))
    if m := _MISSING.match(text):
        return Problem((*loc, m.group(1)), "missing", "Field required")
    if m := _UNKNOWN.match(text):
        return Problem((*loc, m.group(1)), "extra_forbidden", "Extra inputs are not permitted")
    value = _input_at(data, loc)
    has = value is not _MISSING_INPUT
    value = value if has else None
    hint = _hint_at(kind, loc)
    if literal_values(hint):
        options = [repr(v) for v in literal_values(hint)]
        listed = options[0] if len(options) == 1 else f"{', '.join(options[:-1])} or {options[-1]}"
        return Problem(loc, "literal_error", f"Input should be {listed}", value, has_input=has)
    if m := _PATTERN.match(text):
        return Problem(
            loc,
            "string_pattern_mismatch",
            f"String should match pattern '{m.group(1)}'",
            value,
            m.group(1),
            has_input=has,
        )
    if m := _LENGTH.match(text):
        return _length_problem(loc, m.group(1), m.group(2), int(m.group(3)), value, has)
    if m := _BOUND.match(text):
        code, words = _BOUND_WORDS[m.group(2)]
        return Problem(loc, code, f"Input should be {words} {m.group(3)}", value, has_input=has)
    if m := _TYPE.match(text):
        return _type_problem(loc, m.group(1), m.group(2), value, has, hint)
    if text == "Invalid RFC3339 encoded date" and isinstance(value, str):
        return Problem(
            loc,
            "date_from_datetime_parsing",
            f"Input should be a valid date or datetime, {_date_fault(value)}",
            value,
            has_input=has,
        )
    loc, text = _field_check(kind, loc, text)
    return Problem(loc, "value_error", text, value, has_input=has)


def _length_problem(
    loc: tuple[str | int, ...], kind: str, op: str, bound: int, value: Any, has: bool
) -> Problem:
    if kind == "str":
        plural = "" if bound == 1 else "s"
        if op == ">=":
            msg = f"String should have at least {bound} character{plural}"
            return Problem(loc, "string_too_short", msg, value, has_input=has)
        msg = f"String should have at most {bound} character{plural}"
        return Problem(loc, "string_too_long", msg, value, has_input=has)
    plural = "" if bound == 1 else "s"
    actual = len(value) if isinstance(value, (list, tuple)) else 0
    words = "at least" if op == ">=" else "at most"
    code = "too_short" if op == ">=" else "too_long"
    msg = f"Tuple should have {words} {bound} item{plural} after validation, not {actual}"
    return Problem(loc, code, msg, value, has_input=has)


def _type_problem(
    loc: tuple[str | int, ...], expected: str, got: str, value: Any, has: bool, hint: Any
) -> Problem:
    expected = expected.split(" | ")[0]
    if expected == "int":
        if got == "str":
            code, msg = "int_parsing", "unable to parse string as an integer"
        elif got == "float":
            code, msg = "int_from_float", "got a number with a fractional part"
        else:
            code, msg = "int_type", ""
        return _typed(loc, code, "a valid integer", msg, value, has)
    if expected == "float":
        code, msg = (
            ("float_parsing", "unable to parse string as a number")
            if got == "str"
            else (
                "float_type",
                "",
            )
        )
        return _typed(loc, code, "a valid number", msg, value, has)
    if expected == "bool":
        if got in ("str", "int"):
            return _typed(
                loc, "bool_parsing", "a valid boolean", "unable to interpret input", value, has
            )
        return _typed(loc, "bool_type", "a valid boolean", "", value, has)
    if expected == "str":
        return _typed(loc, "string_type", "a valid string", "", value, has)
    if expected == "array":
        return _typed(loc, "tuple_type", "a valid tuple", "", value, has)
    if expected == "date":
        return _typed(loc, "date_type", "a valid date", "", value, has)
    if expected == "object":
        name = getattr(_bare(hint), "__name__", "object")
        return _typed(
            loc, "model_type", f"a valid dictionary or instance of {name}", "", value, has
        )
    return _typed(loc, f"{expected}_type", f"a valid {expected}", "", value, has)


def _typed(
    loc: tuple[str | int, ...], code: str, what: str, detail: str, value: Any, has: bool
) -> Problem:
    msg = f"Input should be {what}" + (f", {detail}" if detail else "")
    return Problem(loc, code, msg, value, has_input=has)


def _date_fault(text: str) -> str:
    """Why ``text`` is not a ``YYYY-MM-DD`` date, in the words of the checks a date goes
    through in order (length, year, separators, month, day)."""
    if len(text) < 10:
        return "input is too short"
    if not text[:4].isascii() or not text[:4].isdigit():
        return "invalid character in year"
    if text[4] != "-" or text[7] != "-":
        return "invalid date separator, expected `-`"
    if not text[5:7].isascii() or not text[5:7].isdigit():
        return "invalid character in month"
    month = int(text[5:7])
    if not 1 <= month <= 12:
        return "month value is outside expected range of 1-12"
    if not text[8:10].isascii() or not text[8:10].isdigit():
        return "invalid character in day"
    try:
        dt.date(int(text[:4]), month, int(text[8:10]))
    except ValueError:
        return "day value is outside expected range"
    return "unexpected extra characters at the end of the input"


def _input_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, (list, tuple)) and isinstance(part, int) and part < len(data)
        ):
            data = data[part]
        elif isinstance(data, msgspec.Struct) and isinstance(part, str):
            names = dict(zip(data.__struct_encode_fields__, data.__struct_fields__, strict=True))
            if part not in names:
                return _MISSING_INPUT
            data = getattr(data, names[part])
        else:
            return _MISSING_INPUT
    return data


def _bare(hint: Any) -> Any:
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
    hint = _bare(hint)
    return get_args(hint) if get_origin(hint) is Literal else ()


def _hint_at(kind: Any, loc: tuple[str | int, ...]) -> Any:
    """The type annotation of the value at ``loc`` inside a ``kind`` record (None if unknown)."""
    hint: Any = kind
    for part in loc:
        hint = _bare(hint)
        if isinstance(hint, type) and issubclass(hint, msgspec.Struct) and isinstance(part, str):
            names = dict(zip(hint.__struct_encode_fields__, hint.__struct_fields__, strict=True))
            hints = typing.get_type_hints(hint, include_extras=True)
            hint = hints.get(names.get(part, part))
        elif isinstance(part, int) and get_origin(hint) in (tuple, list):
            hint = get_args(hint)[0]
        else:
            return None
    return hint


def _field_check(
    kind: type[Record], loc: tuple[str | int, ...], text: str
) -> tuple[tuple[str | int, ...], str]:
    """A ``"<field>: <message>"`` raised by a record's own field check, moved to the field."""
    record = _bare(_hint_at(kind, loc))
    if isinstance(record, type) and issubclass(record, Record):
        for name in record.__field_checks__:
            if text.startswith(f"{name}: "):
                return (*loc, name), text[len(name) + 2 :]
    return loc, text
