"""``briefgen init`` and ``briefgen schema``: scaffold a new project (:mod:`briefgen.scaffold`),
print a content file's JSON Schema (:mod:`briefgen.schemas`)."""

from __future__ import annotations

from briefgen.scaffold import init_project
from briefgen.schemas import json_schema

__all__ = ["init_project", "json_schema"]
