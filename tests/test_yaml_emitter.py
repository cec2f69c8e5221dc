"""The block emitter of :mod:`briefgen.yamlio` writes PyYAML's bytes for briefing-unit shapes."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from briefgen import yamlio
from briefgen.records import _plain, briefing_from_text, briefing_to_text

REPO = Path(__file__).resolve().parent.parent

HOSTILE = [
    "",
    " ",
    "plain words",
    "it's",
    "'single'",
    '"double"',
    'He said: "no"',
    "a: b",
    "ends with:",
    "key:value",
    ":colon first",
    "?question",
    "? spaced",
    "- leading dash",
    "-5 degrees",
    "-",
    "--- rule",
    "...dots",
    "# hash",
    "a #comment",
    "a#s1",
    "topic-a#s12",
    "[bracket]",
    "x[1]",
    "{brace}",
    "a, b",
    "a,b",
    "&anchor",
    "*alias",
    "!tag",
    "|pipe",
    ">fold",
    "%percent",
    "@at",
    "`tick`",
    "yes",
    "No",
    "on",
    "OFF",
    "null",
    "~",
    "true",
    "False",
    "123",
    "0x1F",
    "1_000",
    "3.14",
    "1e5",
    ".inf",
    "-.NaN",
    "2025-10-24",
    "2025-10-24T10:00:00Z",
    "12:30:45",
    "<<",
    "=",
    "Zürich “quoted” – dash",
    "Emoji 😀 stays",
    "non\u00a0breaking",
    "line\u2028separator",
    "para\u2029separator",
    "two\nlines",
    "trailing newline\n",
    "tab\there",
    "bell\x07",
    "del\x7f",
    "nel\x85",
    "bom\ufeff",
    "leading space",
    " leading",
    "trailing ",
    "double  space",
    "x" * 5000,
    ("word " * 400).strip(),
    "https://example.org/a?b=c#d",
]


def _pyyaml(data: object) -> str:
    return yamlio.pyyaml_dump(data)


def _unit(rng: random.Random, words: list[Any]) -> dict[str, Any]:
    """A briefing-like unit: nested mappings, lists of statements, flow citation lists."""

    def pick() -> Any:
        return rng.choice(words)

    def statement() -> dict[str, Any]:
        st: dict[str, Any] = {"text": pick(), "cite": yamlio.FlowList(pick() for _ in range(3))}
        if rng.random() < 0.5:
            st["times"] = [
                {"phrase": pick(), "date": pick(), "precision": pick()}
                for _ in range(rng.randint(0, 2))
            ]
        if rng.random() < 0.3:
            st["edited"] = rng.choice([True, False, None, 3, -2, pick()])
        if rng.random() < 0.2:
            st["note"] = rng.choice([[], {}, yamlio.FlowList(), {"k": pick()}])
        return st

    return {
        "schema": "briefgen/briefing@1",
        "topic": pick(),
        "as_of": pick(),
        "headline": statement(),
        "current_status": [statement() for _ in range(rng.randint(0, 3))],
        "background": [statement() for _ in range(rng.randint(0, 2))],
        "timeline": [{"date": pick(), **statement()} for _ in range(rng.randint(0, 2))],
        "sources": [pick() for _ in range(rng.randint(0, 3))],
        "count": rng.randint(0, 10),
    }


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_in_every_position_matches_pyyaml(value: str) -> None:
    """A hostile string as a value, a list item and a flow item is written as PyYAML writes it."""
    data = {
        "a": value,
        "b": {"c": value, "d": [value, {"e": value, "f": yamlio.FlowList([value, "x#s1"])}]},
        "g": yamlio.FlowList([value]),
        "h": [value],
    }
    fast = yamlio._dump_tree(data)
    assert yamlio.dump(data) == _pyyaml(data)
    assert fast is None or fast == _pyyaml(data)


def test_emitter_takes_the_ordinary_hostile_strings() -> None:
    """Only strings with line breaks, control or special characters are left to PyYAML."""
    for value in HOSTILE:
        taken = yamlio._dump_tree({"a": {"b": [value], "c": yamlio.FlowList([value])}})
        unsure = yamlio._UNSURE.search(value) is not None
        assert (taken is None) == unsure, repr(value)


def test_random_units_over_hostile_strings_match_pyyaml() -> None:
    """Seeded random briefing-like units over the hostile strings come out as PyYAML writes them."""
    rng = random.Random(16)
    safe = [w for w in HOSTILE if not yamlio._UNSURE.search(w)]
    taken = 0
    for i in range(600):
        words = safe if i % 3 else HOSTILE
        data = _unit(rng, words)
        fast = yamlio._dump_tree(data)
        if fast is not None:
            taken += 1
            assert fast == _pyyaml(data), data
    assert taken >= 400


def test_random_strings_in_flow_lists_match_pyyaml() -> None:
    """Seeded random strings over YAML's indicator characters, as flow items and block items."""
    alphabet = [*"aZ09 :#-?.,[]{}&*!|>'\"%@`~_+=/\\()“”’😀é\u00a0\t\n\u2028", "yes", "null"]
    rng = random.Random(7)
    taken = 0
    for _ in range(3000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        data = {"cite": yamlio.FlowList([s, s + "x"]), "items": [s, {"k": s}]}
        fast = yamlio._dump_tree(data)
        if fast is not None:
            taken += 1
            assert fast == _pyyaml(data), data
    assert taken > 1000


def test_shapes_the_emitter_leaves_to_pyyaml() -> None:
    """Floats, lists in lists, odd keys and a container reached twice go to PyYAML unchanged."""
    shared = ["x"]
    for data in (
        {"a": 0.5},
        {"a": [[1, 2]]},
        {"a": yamlio.FlowList([[1]])},
        {"yes": 1},
        {"two words": 1},
        {3: "int key"},
        {"a": shared, "b": shared},
        {"a": ("tu", "ple")},
        {},
    ):
        assert yamlio._dump_tree(data) is None
        assert yamlio.dump(data) == _pyyaml(data)


def test_repository_briefings_match_pyyaml() -> None:
    """Every briefing unit in the repository (example content, golden files) is written the same."""
    files = sorted(REPO.glob("content/briefings/*.yaml")) + sorted(
        REPO.glob("tests/**/briefings/*.yaml")
    )
    assert files
    for path in files:
        text = path.read_text("utf-8")
        briefing = briefing_from_text(text, path)
        data = _plain(briefing.to_dict(exclude_none=True))
        assert yamlio._dump_tree(data) == _pyyaml(data), path
        assert briefing_to_text(briefing).endswith(_pyyaml(data))
