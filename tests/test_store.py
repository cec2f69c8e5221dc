"""The content store: byte-identical round trips, atomic writes, validated paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.errors import SchemaError
from briefgen.model import Topic
from briefgen.records import (
    article_from_text,
    article_to_text,
    briefing_from_text,
    briefing_to_text,
    topics_from_text,
    topics_to_text,
)
from briefgen.store import Store, atomic_write

from conftest import FIXTURES, REPO, make_article, make_briefing

ARTICLE_FILES = sorted(FIXTURES.glob("**/articles/*/*.md")) + sorted(
    (REPO / "content").glob("articles/*/*.md")
)
BRIEFING_FILES = sorted(FIXTURES.glob("**/briefings/*.yaml")) + sorted(
    (REPO / "content").glob("briefings/*.yaml")
)


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.name)
def test_article_round_trip_is_byte_identical(path: Path) -> None:
    """Loading and re-saving any committed article gives back the same bytes."""
    text = path.read_text(encoding="utf-8")
    article = article_from_text(text, path, article_id=path.stem)
    assert article_to_text(article) == text


@pytest.mark.parametrize("path", BRIEFING_FILES, ids=lambda p: p.name)
def test_briefing_round_trip_is_byte_identical(path: Path) -> None:
    """Loading and re-saving any committed briefing gives back the same bytes."""
    text = path.read_text(encoding="utf-8")
    assert briefing_to_text(briefing_from_text(text, path)) == text


def test_topics_round_trip_is_byte_identical() -> None:
    """The example topic registry round-trips byte for byte."""
    path = REPO / "content" / "topics.yaml"
    text = path.read_text(encoding="utf-8")
    assert topics_to_text(topics_from_text(text, path)) == text


def test_store_save_and_load(tmp_path: Path) -> None:
    """Saved articles and briefings land at their documented paths and load back equal."""
    store = Store(tmp_path / "content")
    article = make_article()
    briefing = make_briefing(article)
    path = store.save_article(article)
    assert path == tmp_path / "content/articles/demo/2025-11-05-talks.md"
    assert store.save_briefing(briefing) is True
    assert store.save_briefing(briefing) is False  # same bytes: not rewritten
    assert store.articles() == [article]
    assert store.briefings() == [briefing]
    assert store.article_topics() == ["demo"]
    assert store.briefing_path("demo").read_bytes().endswith(b"\n")


def test_briefing_bytes_are_lf_utf8_and_unwrapped(tmp_path: Path) -> None:
    """Briefing files are UTF-8 with LF endings, and long statements stay on one line."""
    long = "A sentence – with “curly quotes” and " + "many words " * 40 + "ends here."
    article = make_article(paragraphs=((long,),))
    text = briefing_to_text(make_briefing(article))
    assert "\r" not in text
    assert f"text: {long}\n" in text
    assert text.startswith("# yaml-language-server: $schema=")


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    """An atomic write replaces the file and leaves nothing else behind."""
    target = tmp_path / "a" / "f.txt"
    assert atomic_write(target, "one\n") is True
    assert atomic_write(target, "two\n") is True
    assert target.read_text() == "two\n"
    assert os.listdir(target.parent) == ["f.txt"]


@pytest.mark.parametrize("bad", ["../x", "a/b", "A", "a--b", "", ".."])
def test_paths_refuse_unsafe_slugs(tmp_path: Path, bad: str) -> None:
    """Topic slugs and ids with path characters or capitals never become paths."""
    store = Store(tmp_path)
    with pytest.raises(SchemaError, match="is not valid"):
        store.article_path(bad, "2025-01-01-x")
    with pytest.raises(SchemaError, match="is not valid"):
        store.briefing_path(bad)


def test_article_errors_name_file_and_line(tmp_path: Path) -> None:
    """A bad front-matter value is reported with the article's file and line."""
    text = article_to_text(make_article()).replace("published: 2025-11-05", "published: 2025-13-01")
    with pytest.raises(SchemaError) as info:
        article_from_text(text, "a.md", article_id="2025-11-05-talks")
    assert str(info.value) == (
        "a.md:4: published: '2025-13-01' is not a valid date (YYYY-MM-DD): "
        "input should be a valid date or datetime, month value is outside expected range of 1-12"
    )


def test_article_without_front_matter_is_refused() -> None:
    """An article file must start with front matter; the error names line 1."""
    with pytest.raises(SchemaError) as info:
        article_from_text("Just text.\n", "a.md", article_id="x")
    assert str(info.value) == "a.md:1: article must start with '---' front matter"


def test_duplicate_topics_are_refused() -> None:
    """Two topics with the same slug in topics.yaml are an error naming the second."""
    text = topics_to_text([Topic.validate(dict(slug="a", title="A"))]).replace(
        "topics:\n", "topics:\n  - slug: a\n    title: Again\n"
    )
    with pytest.raises(SchemaError) as info:
        topics_from_text(text, "topics.yaml")
    assert str(info.value) == "topics.yaml:4: topics.1: duplicate topic 'a'"


def test_atomic_write_gives_ordinary_permissions(tmp_path: Path) -> None:
    """New files get 0o666 less the umask (not mkstemp's 0o600); rewrites keep the file's mode."""
    old = os.umask(0o022)
    try:
        target = tmp_path / "f.txt"
        atomic_write(target, "one\n")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        atomic_write(target, "two\n")
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
