"""The plain reading of mkdocs.yml (PyYAML's safe loader with MkDocs' ``!ENV``) gives exactly
what MkDocs' guarded loader gives, and leaves every file it cannot read so to MkDocs' loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.app.project import _mkdocs_yaml, _Paths, _plain_yaml, load_project

SKELETON = Path(__file__).parent.parent / "briefgen" / "skeleton" / "mkdocs.yml"

PLAIN = {
    "skeleton": SKELETON.read_text("utf-8").replace("{title}", "Crisis desk"),
    "env set": "site_url: !ENV BRIEFGEN_TEST_URL\nplugins:\n  - briefgen\n",
    "env unset": "site_url: !ENV BRIEFGEN_TEST_UNSET\nplugins: [briefgen]\n",
    "env default": "site_url: !ENV [BRIEFGEN_TEST_UNSET, 'https://x.test/']\nextra: {n: 1}\n",
    "env typed default": (
        "extra:\n  n: !ENV [BRIEFGEN_TEST_UNSET, 12]\n  b: !ENV [BRIEFGEN_TEST_UNSET, yes]\n"
    ),
    "env typed value": "extra:\n  n: !ENV BRIEFGEN_TEST_NUMBER\n",
    "implicit types": (
        "a: yes\nb: off\nc: 0o17\nd: 017\ne: 1_000\nf: .inf\ng: ~\nh: 2025-11-05\n"
        "i: 2025-11-05 10:00:00\nj: 1e3\nk: '1e3'\nl: 0x1F\nm: -.5\nn: null\n"
    ),
    "unicode and quoting": (
        "site_name: \"Sécurité \\u2028 “quoted” \\t tab\"\nsite_description: 'it''s'\n"
        'extra:\n  emoji: "\\U0001F600"\n  folded: >\n    one\n    two\n'
        "  literal: |\n    a\n     b\n"
    ),
    "byte-order mark and CRLF": "\ufeffsite_name: X\r\nplugins:\r\n  - briefgen\r\n",
    "comments only": "# nothing here\n",
    "empty": "",
    "duplicate keys": "site_name: A\nsite_name: B\n",
    "flow and nesting": (
        "nav: [{Home: index.md}, {About: [a.md, b.md]}]\nextra: {a: [1, [2, {b: c}]]}\n"
    ),
}

NOT_PLAIN = {
    "relative tag": "plugins:\n  - briefgen\nextra:\n  d: !relative $config_dir\n",
    "python tag": "markdown_extensions:\n  - x:\n      f: !!python/name:str\n",
    "anchor": "extra:\n  a: &p {x: 1}\n  b: *p\n",
    "inherit": "INHERIT: base.yml\nsite_name: X\n",
    "exclamation in a string": "site_name: 'Hello!'\n",
    "a list": "- briefgen\n",
    "a scalar": "briefgen\n",
    "syntax error": "site_name: [unclosed\n",
    "control character": "site_name: a\x01b\n",
    "large": "extra:\n" + "".join(f"  k{i}: {i}\n" for i in range(5_000)),
}

NOT_UTF8 = "site_name: caf\xe9\n".encode("latin-1")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Known environment variables for the ``!ENV`` cases."""
    monkeypatch.setenv("BRIEFGEN_TEST_URL", "https://example.test/site/")
    monkeypatch.setenv("BRIEFGEN_TEST_NUMBER", "42")
    monkeypatch.delenv("BRIEFGEN_TEST_UNSET", raising=False)


def _write(tmp_path: Path, text: str | bytes) -> Path:
    file = tmp_path / "mkdocs.yml"
    file.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return file


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_plain_reading_equals_mkdocs_loader(tmp_path: Path, name: str) -> None:
    """Files needing nothing of MkDocs' loader but !ENV read plainly to MkDocs' exact value."""
    file = _write(tmp_path, PLAIN[name])
    plain = _plain_yaml(file)
    assert plain is not None
    reference = _mkdocs_yaml(file, _Paths(file))
    assert plain == reference
    assert repr(plain) == repr(reference)  # same types and key order, not just equal values


@pytest.mark.parametrize("name", sorted(NOT_PLAIN))
def test_files_needing_mkdocs_are_left_to_it(tmp_path: Path, name: str) -> None:
    """Other tags, anchors, INHERIT, errors, non-mappings, big or non-UTF-8 files: not read
    plainly (MkDocs' loader reads them, or reports their error)."""
    file = _write(tmp_path, NOT_PLAIN[name])
    assert len(NOT_PLAIN["large"].encode()) > 50_000
    assert _plain_yaml(file) is None


def test_non_utf8_file_is_left_to_mkdocs_loader(tmp_path: Path) -> None:
    """A file that is not UTF-8 is not read plainly: MkDocs' guarded loader refuses it."""
    assert _plain_yaml(_write(tmp_path, NOT_UTF8)) is None


def test_settings_read_plainly_match_mkdocs_reading(tmp_path: Path) -> None:
    """The scaffolded project's settings and site options (digest included) are the same
    whichever loader reads its mkdocs.yml."""
    file = _write(tmp_path, PLAIN["skeleton"])
    plain = load_project(tmp_path, validate_site=False)
    file.write_text(PLAIN["skeleton"].replace("site_name:", "# &\nsite_name:"), "utf-8")
    assert _plain_yaml(file) is None
    mkdocs = load_project(tmp_path, validate_site=False)
    assert plain.settings == mkdocs.settings
    assert plain.site == mkdocs.site
