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
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from briefgen.config import Settings
from briefgen.errors import ConfigError
from briefgen.summarize.base import Summarizer
from briefgen.summarize.extractive import ExtractiveSummarizer

_FIELD = "plugins.briefgen.summarizer"

REGISTRY: dict[str, Callable[[Settings], Summarizer]] = {
    "extractive": ExtractiveSummarizer,
}
"""Built-in backends by name."""


def register(name: str, factory: Callable[[Settings], Summarizer]) -> None:
    """Register a backend under ``name`` (refusing to replace one)."""
    if name in REGISTRY:
        raise ValueError(f"a summarizer named {name!r} is already registered")
    REGISTRY[name] = factory


def get_summarizer(settings: Settings) -> Summarizer:
    """The backend ``settings.summarizer`` names, or a :class:`ConfigError` naming the option."""
    name = settings.summarizer
    factory: object
    if name in REGISTRY:
        factory = REGISTRY[name]
    elif ":" in name:
        module_name, _, attr = name.partition(":")
        try:
            factory = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise ConfigError(f"cannot load summarizer {name!r}: {exc}", field=_FIELD) from None
    else:
        known = ", ".join(sorted(REGISTRY))
        raise ConfigError(
            f"unknown summarizer {name!r} (known: {known}; or 'module:attribute')", field=_FIELD
        )
    instance: object = factory
    if isinstance(factory, type):
        try:
            instance = factory(settings)
        except TypeError:
            instance = factory()
    if not isinstance(instance, Summarizer):
        raise ConfigError(f"{name!r} does not implement the Summarizer protocol", field=_FIELD)
    return instance
