"""Typed settings, read once from the ``briefgen`` plugin entry of ``mkdocs.yml``.

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
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from briefgen.errors import ConfigError
from briefgen.store import Store

CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "briefgen"


class Settings(BaseModel):
    """briefgen's options (the ``briefgen`` entry under ``plugins:`` in mkdocs.yml)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    content_dir: str = "content"
    """Folder (relative to mkdocs.yml) holding articles/, briefings/, editions/ and topics.yaml."""

    templates_dir: str = "templates"
    """Folder of template overrides: a file here replaces the packaged template of the same name."""

    day_first: bool = True
    """Read numeric dates like 05-11-2025 as day-month-year (False: month-day-year)."""

    summarizer: str = "extractive"
    """Summarizer backend: a registered name (``extractive``) or ``module:attribute``."""

    section_min: int = Field(2, ge=1, le=20)
    """Fewest statements a generated section aims for (when the sources allow it)."""

    section_max: int = Field(7, ge=1, le=50)
    """Most statements in a generated section."""

    timeline_cap: int = Field(12, ge=1, le=500)
    """Most timeline events shown on a topic page; the cross-topic timeline shows them all."""

    timeline_max: int = Field(200, ge=1, le=10_000)
    """Most timeline events stored in a briefing (the most important, by cited sources)."""

    support_threshold: float = Field(0.85, ge=0.0, le=1.0)
    """Share of a generated statement's words that must come from its cited sentences (check)."""

    fetch_timeout: float = Field(20.0, gt=0, le=300)
    """Seconds to wait for a URL when ingesting."""

    max_source_bytes: int = Field(20_000_000, ge=1_000)
    """Largest source (file or download) ingest accepts, in bytes."""

    near_duplicate: float = Field(0.9, gt=0.0, le=1.0)
    """Similarity at or above which an article is recorded as a near-duplicate of an earlier one."""

    language: Literal["en"] = "en"
    """Language of the articles (sentence splitting and date rules)."""


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!!python/name:``, ``!ENV``, ``!relative``)."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_TolerantLoader.add_multi_constructor("!", _unknown_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown_tag)


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


def settings_from_options(options: dict[str, Any], file: Path | str) -> Settings:
    """Validate plugin options; the error names the key and the file."""
    try:
        return Settings.model_validate(options)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        msg = "unknown option" if err["type"] == "extra_forbidden" else err["msg"]
        raise ConfigError(
            msg[0].lower() + msg[1:], file=file, field=f"plugins.briefgen.{key}"
        ) from None


@dataclass(frozen=True)
class Project:
    """A briefgen project: the folder holding mkdocs.yml, its settings and its content store."""

    root: Path
    settings: Settings
    mkdocs: dict[str, Any]

    @property
    def config_file(self) -> Path:
        """The project's mkdocs.yml."""
        return self.root / CONFIG_FILE

    @cached_property
    def store(self) -> Store:
        """The content store under ``content_dir`` (made once; a Store holds only paths)."""
        return Store(self.root / self.settings.content_dir, self.root)

    @property
    def templates_dir(self) -> Path:
        """The project's template overrides folder."""
        return self.root / self.settings.templates_dir

    @classmethod
    def load(cls, root: Path | str = ".") -> Project:
        """Read ``<root>/mkdocs.yml``; raise :class:`ConfigError` if it is missing or invalid."""
        root = Path(root).resolve()
        file = root / CONFIG_FILE
        if not file.is_file():
            raise ConfigError(
                f"not a briefgen project: no {CONFIG_FILE} here (run 'briefgen init DIR')",
                file=root,
            )
        try:
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            raise ConfigError(f"YAML syntax error: {exc.problem}", file=file, line=line) from None
        if not isinstance(data, dict):
            raise ConfigError("must be a YAML mapping", file=file)
        settings = settings_from_options(plugin_options(data, file), file)
        return cls(root=root, settings=settings, mkdocs=data)
