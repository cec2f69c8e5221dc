"""Typed settings and site options, read from ``mkdocs.yml`` by MkDocs itself.

The one config file is ``mkdocs.yml``::

    plugins:
      - search
      - briefgen:
          timeline_cap: 12
          day_first: true

Every option is a field of :class:`Settings` with a type, a default and a docstring. The MkDocs
plugin builds its ``config_scheme`` from the same fields, so ``mkdocs build`` and ``briefgen build``
accept the same keys. Errors name the key and the file:
``mkdocs.yml: plugins.briefgen.timeline_cap: ...``.

The file is read and validated by MkDocs (:mod:`briefgen.app.project`), so ``INHERIT``,
``!ENV``, ``mkdocs.yaml`` and ``-f/--config-file`` work as in ``mkdocs build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from briefgen.errors import ConfigError
from briefgen.structs import Record, ValidationError

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
"""What MkDocs looks for in a project folder, in this order."""
CONFIG_FILE = CONFIG_FILES[0]
PLUGIN_NAME = "briefgen"


class Settings(Record, frozen=True, kw_only=True):
    """briefgen's options (the ``briefgen`` entry under ``plugins:`` in mkdocs.yml)."""

    content_dir: str = "content"
    """Folder (relative to mkdocs.yml) holding articles/, briefings/, editions/ and topics.yaml."""

    templates_dir: str = "templates"
    """Folder of template overrides: a file here replaces the packaged template of the same name."""

    day_first: bool = True
    """Read numeric dates like 05-11-2025 as day-month-year (False: month-day-year)."""

    summarizer: str = "extractive"
    """Summarizer backend: a registered name (``extractive``) or ``module:attribute``."""

    section_min: Annotated[int, Meta(ge=1, le=20)] = 2
    """Fewest statements a generated section aims for (when the sources allow it)."""

    section_max: Annotated[int, Meta(ge=1, le=50)] = 7
    """Most statements in a generated section."""

    timeline_cap: Annotated[int, Meta(ge=1, le=500)] = 12
    """Most timeline events shown on a topic page; the cross-topic timeline shows them all."""

    keep_editions: Annotated[int, Meta(ge=0)] = 0
    """Editions kept readable on the site, newest first; older ones become redirects to the
    oldest kept edition (0: keep every edition). content/editions/ keeps them all."""

    full_editions: Annotated[int, Meta(ge=0)] = 1
    """Kept editions published in full, newest first (0: every edition). Older ones are
    archived: their briefing pages stay as published; their timeline of every event and their
    data files (briefings.json, TimelineJS) give way to a short page and a note."""

    timeline_max: Annotated[int, Meta(ge=1, le=10_000)] = 200
    """Most timeline events stored in a briefing (the most important, by cited sources)."""

    support_threshold: Annotated[float, Meta(ge=0.0, le=1.0)] = 0.85
    """Share of a generated statement's words that must come from its cited sentences (check)."""

    fetch_timeout: Annotated[float, Meta(gt=0, le=300)] = 20.0
    """Seconds a URL has to deliver its whole response in when ingesting (one deadline)."""

    max_source_bytes: Annotated[int, Meta(ge=1_000)] = 20_000_000
    """Largest source (file or download) ingest accepts, in bytes."""

    near_duplicate: Annotated[float, Meta(gt=0.0, le=1.0)] = 0.9
    """Similarity at or above which an article is recorded as a near-duplicate of an earlier one."""

    language: Literal["en"] = "en"
    """Language of the articles (sentence splitting and date rules)."""


def plugin_options(mkdocs_config: dict[str, Any], file: Path) -> dict[str, Any]:
    """The raw ``briefgen`` plugin options from a loaded mkdocs.yml, or raise naming the file."""
    plugins = mkdocs_config.get("plugins")
    entries = plugins if isinstance(plugins, list) else [plugins] if plugins else []
    if isinstance(plugins, dict):
        entries = [{k: v} for k, v in plugins.items()]
    for entry in entries:
        if entry == PLUGIN_NAME:
            return {}
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME] or {}
            if not isinstance(options, dict):
                raise ConfigError("options must be a mapping", file=file, field="plugins.briefgen")
            return options
    raise ConfigError(
        "the briefgen plugin is not enabled (add '- briefgen' under plugins:)",
        file=file,
        field="plugins",
    )


def settings_problems(options: dict[str, Any]) -> list[tuple[str, str]]:
    """Every problem with the plugin options, as ``(key, message)`` (empty when valid)."""
    try:
        Settings.validate(options)
        return []
    except ValidationError:
        pass
    from briefgen.problems import problem  # only when an option is wrong: it is rare

    fields = Settings.__struct_fields__
    out = []
    # one key at a time (a validation stops at its first error): declared options in
    # declaration order, then the unknown ones
    for key in sorted(options, key=lambda k: fields.index(k) if k in fields else len(fields)):
        try:
            Settings.validate({key: options[key]})
        except ValidationError as exc:
            found = problem(exc, Settings, {key: options[key]})
            msg = "unknown option" if found.kind == "extra_forbidden" else found.msg
            where = ".".join(str(p) for p in found.loc)
            out.append((f"plugins.briefgen.{where}", msg[0].lower() + msg[1:]))
    return out


def config_error(problems: list[tuple[str, str]], file: Path | str) -> ConfigError:
    """One error for every ``(key, message)`` problem: the key is the field when there is one."""
    if len(problems) == 1:
        key, message = problems[0]
        return ConfigError(message, file=file, field=key)
    joined = "; ".join(f"{key}: {message}" for key, message in problems)
    return ConfigError(f"{len(problems)} configuration errors: {joined}", file=file)


def settings_from_options(options: dict[str, Any], file: Path | str) -> Settings:
    """Validate plugin options; the error names every bad key and the file."""
    problems = settings_problems(options)
    if problems:
        raise config_error(problems, file)
    return Settings.validate(options)


class SiteConfig(msgspec.Struct, frozen=True):
    """What briefgen uses of MkDocs' validated configuration (paths absolute)."""

    config_file: Path
    """The mkdocs.yml (or mkdocs.yaml, or the ``-f`` file) read."""
    site_dir: Path
    docs_dir: Path
    site_name: str
    site_url: str | None
    """As configured (after ``!ENV``), or None."""
    digest: str
    """A hash of the loaded configuration (``INHERIT`` parents and ``!ENV`` values included)."""
    use_directory_urls: bool = True
    """MkDocs' URL style: ``topics/x/`` (True) or ``topics/x.html``."""

    @property
    def root(self) -> Path:
        """The folder holding the config file: relative paths in it start here."""
        return self.config_file.parent
