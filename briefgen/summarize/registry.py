"""The summarizer-backend registry, selected by ``Settings.summarizer``.

``summarizer: extractive`` (the default) picks a registered backend; ``summarizer: pkg.mod:Name``
imports one. A backend is a class taking the :class:`~briefgen.config.Settings` (or no argument)
whose instances satisfy :class:`~briefgen.summarize.base.Summarizer` (``name``, ``version``,
``summarize``), so callers never change. An LLM backend is one new module plus one line here::

    # briefgen/summarize/llm.py
    class LlmSummarizer:
        name = "llm"
        version = "1"  # bump whenever the same input would give another briefing

        def __init__(self, settings: Settings) -> None: ...

        def summarize(self, topic, articles, previous): ...

    # here
    REGISTRY["llm"] = LlmSummarizer   (or: register("llm", LlmSummarizer))

The backend's ``version`` is part of every briefing's inputs digest (:mod:`briefgen.staleness`).
The built-in backends are :data:`BUILTIN` entries, each naming its class (``module:attribute``)
and its version, so that :func:`summarizer_version` (the staleness check every ``build`` and
``check`` runs) does not import the summarizer and everything it imports; the class is imported
when it summarizes, and must carry the version its entry names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import msgspec

from briefgen.config import Settings
from briefgen.errors import ConfigError
from briefgen.summarize.base import Summarizer

_FIELD = "plugins.briefgen.summarizer"


class Builtin(msgspec.Struct, frozen=True):
    """A built-in backend: where its class is (``module:attribute``) and its version."""

    target: str
    version: str


BUILTIN: dict[str, Builtin] = {
    "extractive": Builtin("briefgen.summarize.extractive:ExtractiveSummarizer", "2"),
}
"""Built-in backends by name, imported when they summarize."""

REGISTRY: dict[str, Callable[[Settings], Summarizer]] = {}
"""Backends registered by :func:`register`, by name."""


def register(name: str, factory: Callable[[Settings], Summarizer]) -> None:
    """Register a backend under ``name`` (refusing to replace one)."""
    if name in REGISTRY or name in BUILTIN:
        raise ValueError(f"a summarizer named {name!r} is already registered")
    REGISTRY[name] = factory


def summarizer_version(settings: Settings, file: str | Path | None = None) -> str:
    """The ``version`` of the backend ``settings.summarizer`` names: a built-in's without
    importing it, any other's from the backend :func:`get_summarizer` makes (so a bad option is
    the same :class:`ConfigError`)."""
    builtin = BUILTIN.get(settings.summarizer)
    if builtin is not None:
        return builtin.version
    return get_summarizer(settings, file).version


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def get_summarizer(settings: Settings, file: str | Path | None = None) -> Summarizer:
    """The backend ``settings.summarizer`` names, or a one-line :class:`ConfigError` naming the
    option (and ``file``, the config file it came from): an unknown name, a ``module:attribute``
    that does not import or resolve, or an attribute that is not a summarizer class."""
    name = settings.summarizer
    factory: object
    builtin = BUILTIN.get(name)
    if builtin is not None:
        module_name, _, attr = builtin.target.partition(":")
        factory = getattr(importlib.import_module(module_name), attr)
    elif name in REGISTRY:
        factory = REGISTRY[name]
    elif ":" in name:
        module_name, _, attr = name.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attr)
        except Exception as exc:  # any error importing someone else's module is a config error
            raise ConfigError(
                f"cannot load summarizer {name!r}: {_first_line(exc)}", file=file, field=_FIELD
            ) from None
    else:
        known = ", ".join(sorted([*BUILTIN, *REGISTRY]))
        raise ConfigError(
            f"unknown summarizer {name!r} (known: {known}; or 'module:attribute')",
            file=file,
            field=_FIELD,
        )
    instance: object = factory
    if isinstance(factory, type):
        try:
            try:
                instance = factory(settings)
            except TypeError:
                instance = factory()
        except Exception as exc:
            raise ConfigError(
                f"cannot create summarizer {name!r}: {_first_line(exc)}", file=file, field=_FIELD
            ) from None
    if not isinstance(instance, Summarizer):
        raise ConfigError(
            f"{name!r} is not a summarizer: it needs name, version and summarize() (the "
            "Summarizer protocol)",
            file=file,
            field=_FIELD,
        )
    return instance
