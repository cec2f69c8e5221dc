"""A validation error read back as the problem users see: its key path, its kind and a
sentence such as "input should be a valid integer, unable to parse string as an integer".

msgspec stops at the first problem it meets, in the input's key order, and words it tersely
(``Expected `int`, got `str` - at `$.timeline_cap```). :func:`problem` names the first problem
in declaration order instead (a record's unknown keys after its fields, a missing key where it
belongs) and words it as briefgen's messages always have.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Any, get_args, get_origin

import msgspec

from briefgen.structs import (
    MISSING,
    Record,
    ValidationError,
    bare,
    hint_at,
    input_at,
    is_number,
    literal_values,
    located,
    midnight,
    schema_pattern,
)


class Problem(msgspec.Struct, frozen=True):
    """One validation problem: where (a key/index path), what kind, and the message."""

    loc: tuple[str | int, ...]
    kind: str
    """``missing``, ``extra_forbidden``, ``string_pattern_mismatch``, ``value_error``,
    ``date_from_datetime_parsing``... (pydantic's names, which briefgen's messages key on)."""
    msg: str
    """A sentence starting with a capital: ``Input should be a valid integer``."""
    input: Any = None
    pattern: str = ""
    has_input: bool = False


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


def _in_declared_order(hint: Any, data: Any) -> Any:
    """``data`` with every mapping's keys in the declaration order of its record (unknown keys
    last): validation then meets problems in the order a reader of the type expects."""
    hint = bare(hint)
    if isinstance(hint, type) and issubclass(hint, Record) and isinstance(data, dict):
        hints = typing.get_type_hints(hint, include_extras=True)
        names = dict(zip(hint.__struct_encode_fields__, hint.__struct_fields__, strict=True))
        known = [k for k in names if k in data]
        out = {k: _in_declared_order(hints[names[k]], data[k]) for k in known}
        out.update((k, v) for k, v in data.items() if k not in names)
        return out
    if get_origin(hint) in (tuple, list) and isinstance(data, (list, tuple)):
        item = get_args(hint)[0]
        return [_in_declared_order(item, v) for v in data]
    return data


def _missing_before(kind: type[Record], data: Any, loc: tuple[str | int, ...]) -> Problem | None:
    """A required key absent from a mapping on the way to ``loc`` and declared before the key
    the path goes on with: the problem to name first."""
    for depth in range(len(loc)):
        record = bare(hint_at(kind, loc[:depth]))
        mapping = input_at(data, loc[:depth])
        if not (isinstance(record, type) and issubclass(record, Record)):
            continue
        if not isinstance(mapping, dict):
            continue
        encoded = record.__struct_encode_fields__
        defaults = record.field_defaults().values()
        stop = encoded.index(loc[depth]) if loc[depth] in encoded else len(encoded)
        for name, default in list(zip(encoded, defaults, strict=True))[:stop]:
            if default is msgspec.NODEFAULT and name not in mapping:
                return Problem((*loc[:depth], name), "missing", "Field required")
    return None


def problem(exc: ValidationError, kind: type[Record], data: Any) -> Problem:
    """The problem ``exc`` (raised validating ``data`` as ``kind``) reports, worded for users.
    Of several problems it names the first in declaration order, a record's unknown keys after
    its fields (validation itself stops at the first problem in the input's order)."""
    if isinstance(data, dict):
        ordered = _in_declared_order(kind, data)
        try:
            kind.validate(ordered)
        except ValidationError as first:
            exc, data = first, ordered
    loc, text = located(exc)
    if (m := _MISSING.match(text)) or (m := _UNKNOWN.match(text)):
        loc = (*loc, m.group(1))
    earlier = _missing_before(kind, data, loc)
    if earlier is not None:
        return earlier
    if _MISSING.match(text):
        return Problem(loc, "missing", "Field required")
    if _UNKNOWN.match(text):
        return Problem(loc, "extra_forbidden", "Extra inputs are not permitted")
    value = input_at(data, loc)
    has = value is not MISSING
    value = value if has else None
    hint = hint_at(kind, loc)
    if literal_values(hint):
        options = [repr(v) for v in literal_values(hint)]
        listed = options[0] if len(options) == 1 else f"{', '.join(options[:-1])} or {options[-1]}"
        return Problem(loc, "literal_error", f"Input should be {listed}", value, has_input=has)
    if m := _PATTERN.match(text):
        pattern = schema_pattern(m.group(1))
        return Problem(
            loc,
            "string_pattern_mismatch",
            f"String should match pattern '{pattern}'",
            value,
            pattern,
            has_input=has,
        )
    if m := _LENGTH.match(text):
        return _length_problem(loc, m.group(1), m.group(2), int(m.group(3)), value, has)
    if m := _BOUND.match(text):
        code, words = _BOUND_WORDS[m.group(2)]
        bound = m.group(3)
        bound = bound.removesuffix(".0") if re.fullmatch(r"-?[0-9]+[.]0", bound) else bound
        return Problem(loc, code, f"Input should be {words} {bound}", value, has_input=has)
    if m := _TYPE.match(text):
        return _type_problem(loc, m.group(1), m.group(2), value, has, hint)
    if text == "Invalid RFC3339 encoded date" and isinstance(value, str):
        fault = _date_fault(value)
        if fault == _INEXACT:
            return Problem(loc, "date_from_datetime_inexact", fault, value, has_input=has)
        message = f"Input should be a valid date or datetime, {fault}"
        return Problem(loc, "date_from_datetime_parsing", message, value, has_input=has)
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
        if got in ("int", "float"):
            return Problem(loc, "date_from_datetime_inexact", _INEXACT, value, has_input=has)
        return _typed(loc, "date_type", "a valid date", "", value, has)
    if expected == "object":
        name = getattr(bare(hint), "__name__", "object")
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
    through in order (length, year, separators, month, day, then a time after it)."""
    if is_number(text):
        return _INEXACT
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
    if text[10] not in "Tt_ ":
        return "invalid datetime separator, expected `T`, `t`, `_` or space"
    if midnight(text) is not None:
        return _INEXACT
    return _time_fault(text[11:])


_INEXACT = "Datetimes provided to dates should have zero time - e.g. be exact dates"


def _time_fault(text: str) -> str:
    """Why the ``HH:MM...`` after a date is not a time."""
    if len(text) < 5:
        return "input is too short"
    if not text[:2].isascii() or not text[:2].isdigit():
        return "invalid character in hour"
    if int(text[:2]) > 23:
        return "hour value is outside expected range of 0-23"
    if text[2] != ":":
        return "invalid time separator, expected `:`"
    if not text[3:5].isascii() or not text[3:5].isdigit():
        return "invalid character in minute"
    if int(text[3:5]) > 59:
        return "minute value is outside expected range of 0-59"
    return "invalid time"


def _field_check(
    kind: type[Record], loc: tuple[str | int, ...], text: str
) -> tuple[tuple[str | int, ...], str]:
    """A ``"<field>: <message>"`` raised by a record's own field check, moved to the field."""
    record = bare(hint_at(kind, loc))
    if isinstance(record, type) and issubclass(record, Record):
        for name in record.__field_checks__:
            if text.startswith(f"{name}: "):
                return (*loc, name), text[len(name) + 2 :]
    return loc, text
