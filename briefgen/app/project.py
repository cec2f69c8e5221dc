"""A loaded project: mkdocs.yml read and validated by MkDocs, briefgen's options, the content store.

:func:`load_project` is what every command (and ``briefgen diff`` for each folder side) starts
with. The configuration file is found as MkDocs finds it (``mkdocs.yml``, then ``mkdocs.yaml``, or
the ``-f/--config-file`` file) and loaded with MkDocs' own loader, so ``INHERIT``, ``!ENV`` and
``!relative`` behave as in ``mkdocs build``; MkDocs then validates it. Every problem (MkDocs' keys,
briefgen's typed options) is reported at once, each naming its key, in one :class:`ConfigError`.

Two guards run inside the YAML loader, for the file and every ``INHERIT`` parent: a file that is
not UTF-8 is refused naming it, and YAML aliases may not expand to more than :data:`MAX_NODES`
nodes (an "alias bomb" fails at once instead of exhausting memory).

A file that needs nothing of MkDocs' loader but ``!ENV`` (no other tag, anchor or ``INHERIT``:
the scaffolded mkdocs.yml) is read by PyYAML's safe loader with MkDocs' ``!ENV`` constructor,
to the same value, so that commands which never build (``ingest``, ``summarize``, ``diff``) do
not import MkDocs; anything else, or any error, goes through MkDocs' loader.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import msgspec
import yaml

from briefgen.config import (
    CONFIG_FILES,
    Settings,
    SiteConfig,
    config_error,
    plugin_options,
    settings_from_options,
    settings_problems,
)
from briefgen.errors import ConfigError
from briefgen.store import Store

MAX_NODES = 100_000
"""Most YAML nodes a configuration file may hold once its aliases are expanded."""

_BRIEFGEN_OPTION = "Plugin 'briefgen' option "


class Project(msgspec.Struct, frozen=True):
    """A loaded briefgen project: its folder, settings, MkDocs site options and content store."""

    root: Path
    settings: Settings
    site: SiteConfig
    store: Store

    @property
    def config_file(self) -> Path:
        """The configuration file read (mkdocs.yml, mkdocs.yaml or the ``-f`` file)."""
        return self.site.config_file

    @property
    def templates_dir(self) -> Path:
        """The project's template overrides folder."""
        return self.root / self.settings.templates_dir

    @classmethod
    def load(cls, root: Path | str = ".", config_file: Path | str | None = None) -> Project:
        """:func:`load_project`."""
        return load_project(root, config_file)


class _Refused(Exception):
    """A configuration file the guarded loader will not read (not YAMLError: MkDocs passes it)."""

    def __init__(self, message: str, file: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.file, self.line = message, file, line


class _GuardedLoader(yaml.Loader):
    """MkDocs' loader (PyYAML's ``Loader``) that refuses non-UTF-8 input and alias bombs."""

    def __init__(self, stream: Any) -> None:
        self._file = str(getattr(stream, "name", "") or "<config>")
        if hasattr(stream, "read"):
            stream = stream.read()
        if isinstance(stream, bytes):
            try:
                stream = stream.decode("utf-8")
            except UnicodeDecodeError:
                raise _Refused("file is not valid UTF-8", self._file) from None
        super().__init__(stream)
        self._nodes = 0
        self._sizes: dict[int, int] = {}

    def _size(self, node: yaml.Node) -> int:
        """Nodes in ``node`` with every alias inside it expanded (memoized: linear time)."""
        known = self._sizes.get(id(node))
        if known is not None:
            return known
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._size(k) + self._size(v) for k, v in node.value)
        self._sizes[id(node)] = size
        return size

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            target = self.anchors.get(self.peek_event().anchor)  # type: ignore[no-untyped-call]
            self._nodes += self._size(target) if target is not None else 1
        else:
            self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Refused(
                f"YAML aliases expand to more than {MAX_NODES:,} nodes; refusing to load it",
                self._file,
            )
        return super().compose_node(parent, index)

    def get_single_data(self) -> Any:
        try:
            return super().get_single_data()
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            kind = (
                "YAML error"
                if isinstance(exc, yaml.constructor.ConstructorError)
                else "YAML syntax error"
            )
            raise _Refused(f"{kind}: {exc.problem}", self._file, line) from None


def find_config(root: Path | str = ".", config_file: Path | str | None = None) -> Path:
    """The configuration file: ``config_file`` (relative to ``root``), else ``mkdocs.yml`` or
    ``mkdocs.yaml`` in ``root``; a :class:`ConfigError` when there is none."""
    folder = Path(root).resolve()
    if config_file is not None:
        path = folder / config_file
        if not path.is_file():
            raise ConfigError("config file not found", file=path)
        return path.resolve()
    for name in CONFIG_FILES:
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(
        f"not a briefgen project: no {CONFIG_FILES[0]} here (run 'briefgen init DIR')", file=folder
    )


def _stable(value: object) -> str:
    """A process-independent name for a non-JSON value (``!!python/name:`` functions)."""
    module = getattr(value, "__module__", None)
    name = getattr(value, "__qualname__", None)
    return f"{module}.{name}" if module and name else type(value).__name__


def _digest(raw: dict[str, Any], file: Path) -> str:
    try:
        text = json.dumps(raw, sort_keys=True, default=_stable, ensure_ascii=False)
    except (TypeError, ValueError):  # keys of mixed types: fall back to the file's bytes
        text = file.read_bytes().decode("utf-8", "replace")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _validate(cfg: Any) -> list[tuple[str, Exception]]:
    """MkDocs' own validation steps (``Config.validate``), except that every option is validated
    even after one failed, so that all the errors are reported at once."""
    from mkdocs.config.base import ValidationError

    errors: list[tuple[str, Exception]] = list(cfg._pre_validate()[0])
    for key, option in cfg._schema:
        try:
            cfg[key] = option.validate(cfg.get(key))
            option.reset_warnings()
        except ValidationError as exc:
            errors.append((key, exc))
    if not errors:
        errors.extend(cfg._post_validate()[0])
    return errors


def _mkdocs_problems(cfg: Any) -> list[tuple[str, str]]:
    """MkDocs' validation errors as ``(key, message)``, less the briefgen option errors (those
    are reported by :func:`briefgen.config.settings_problems`, typed)."""
    errors = _validate(cfg)
    out: list[tuple[str, str]] = []
    for key, error in errors:
        lines = [ln for ln in str(error).splitlines() if not ln.startswith(_BRIEFGEN_OPTION)]
        if lines:
            out.append((key, " ".join(lines)))
    return out


class _Paths:
    """What MkDocs' ``!relative`` tag reads of a config before it is validated (its folders)."""

    def __init__(self, file: Path) -> None:
        self.config_file_path = str(file)
        self.docs_dir = str(file.parent / "docs")
        self._current_page = None


_PLAIN_MAX_BYTES = 50_000
"""Largest file :func:`_plain_yaml` reads: it cannot hold :data:`MAX_NODES` nodes (each node
takes at least one byte, and without anchors none is expanded)."""

_ENV_TAG = "!ENV"

_NOT_PLAIN = ("!", "&", "INHERIT")
"""What only MkDocs' loader reads as MkDocs does, once ``!ENV`` is set aside: other tags
(``!relative``, ``!!python/name:``), anchors (whose aliases the guard counts) and ``INHERIT``."""


@functools.cache
def _plain_loader() -> type[Any]:
    """PyYAML's safe loader (libyaml's when there is one) with MkDocs' ``!ENV`` constructor."""
    from yaml_env_tag import construct_env_tag

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class PlainLoader(base):  # type: ignore[misc]
        """A fresh subclass: the constructor is not added to PyYAML's shared loader."""

    PlainLoader.add_constructor(_ENV_TAG, construct_env_tag)
    return PlainLoader


def _plain_yaml(file: Path) -> dict[str, Any] | None:
    """``file`` read by PyYAML's safe loader when nothing in it needs MkDocs' own (no tag but
    ``!ENV``, no anchor, no ``INHERIT``; small, valid UTF-8, a mapping or empty): the value
    MkDocs' loader gives, without importing MkDocs (a tenth of a one-file ingest's start-up).
    ``None`` sends the file to :func:`_load_yaml`'s MkDocs path, which reports every problem."""
    try:
        with open(file, "rb") as fd:
            data = fd.read(_PLAIN_MAX_BYTES + 1)
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if len(data) > _PLAIN_MAX_BYTES:
        return None
    rest = text.replace(_ENV_TAG, "")
    if any(mark in rest for mark in _NOT_PLAIN):
        return None
    try:
        raw = yaml.load(text, Loader=_plain_loader())
    except yaml.YAMLError:
        return None
    if raw is None:
        return {}
    return raw if isinstance(raw, dict) else None


def _load_yaml(file: Path, cfg: Any) -> dict[str, Any]:
    """``file`` (and its ``INHERIT`` parents) as MkDocs' loader reads it, under the guards."""
    plain = _plain_yaml(file)
    return plain if plain is not None else _mkdocs_yaml(file, cfg)


def _mkdocs_yaml(file: Path, cfg: Any) -> dict[str, Any]:
    """``file`` (and its ``INHERIT`` parents) read by MkDocs' loader under the guards."""
    from mkdocs import exceptions
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    try:
        with open(file, "rb") as fd:
            raw = yaml_load(fd, get_yaml_loader(loader=_GuardedLoader, config=cfg))
    except _Refused as exc:
        raise ConfigError(exc.message, file=exc.file, line=exc.line) from None
    except exceptions.ConfigurationError as exc:
        raise ConfigError(str(exc), file=file, field="INHERIT") from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", file=file) from None
    if not isinstance(raw, dict):
        raise ConfigError("must be a YAML mapping", file=file)
    return raw


def read_settings(file: Path) -> tuple[Settings, SiteConfig]:
    """briefgen's options from ``file``, read by MkDocs' loader (``INHERIT``, ``!ENV``) and
    validated as :class:`Settings`, without MkDocs' validation of its own keys (theme, Markdown
    extensions, plugins: importing and checking them is most of a command's start-up). For
    commands that never build the site (``ingest``): the :class:`SiteConfig` holds the paths
    and names as written (``site_dir`` and ``docs_dir`` relative to the file's folder)."""
    raw = _load_yaml(file, _Paths(file))
    options = plugin_options(raw, file)
    settings = settings_from_options(options, file)
    root = file.parent
    site_url = raw.get("site_url")
    site = SiteConfig(
        config_file=file,
        site_dir=(root / str(raw.get("site_dir") or "site")).resolve(),
        docs_dir=root / str(raw.get("docs_dir") or "docs"),
        site_name=str(raw.get("site_name") or ""),
        site_url=str(site_url) if site_url else None,
        digest=_digest(raw, file),
        use_directory_urls=bool(raw.get("use_directory_urls", True)),
    )
    return settings, site


def read_config(file: Path) -> tuple[Settings, SiteConfig]:
    """Load and validate ``file`` with MkDocs; raise one :class:`ConfigError` listing every
    problem, each naming its key."""
    import tempfile  # here: the commands that read settings only do without it (and random)

    from mkdocs.config.defaults import MkDocsConfig

    cfg = MkDocsConfig(config_file_path=str(file))
    raw = _load_yaml(file, cfg)
    problems: list[tuple[str, str]] = []
    try:
        options = plugin_options(raw, file)
    except ConfigError as exc:
        problems.append((exc.field or "plugins", exc.message))
        options = {}
    root = file.parent
    docs_dir = root / str(raw.get("docs_dir") or "docs")
    cfg.load_dict(raw)
    with tempfile.TemporaryDirectory(prefix="briefgen-docs-") as empty:
        if not docs_dir.is_dir():  # briefgen builds without docs/ (MkDocs needs one)
            cfg.load_dict({"docs_dir": empty})
        problems = _mkdocs_problems(cfg) + problems
    problems += settings_problems(options)
    if problems:
        raise config_error(problems, file)
    site_url = cfg["site_url"]
    site = SiteConfig(
        config_file=file,
        site_dir=Path(cfg["site_dir"]).resolve(),
        docs_dir=docs_dir,
        site_name=str(cfg["site_name"] or ""),
        site_url=str(site_url) if site_url else None,
        digest=_digest(raw, file),
        use_directory_urls=bool(cfg["use_directory_urls"]),
    )
    return Settings.validate(options), site


def load_project(
    root: Path | str = ".", config_file: Path | str | None = None, *, validate_site: bool = True
) -> Project:
    """The project whose configuration is ``config_file`` (relative to ``root``) or
    ``root/mkdocs.yml``; its content store is made here, once. ``validate_site=False`` (for
    commands that do not build the site) reads only briefgen's options (:func:`read_settings`)."""
    file = find_config(root, config_file)
    settings, site = read_config(file) if validate_site else read_settings(file)
    folder = file.parent
    return Project(folder, settings, site, Store(folder / settings.content_dir, folder))
