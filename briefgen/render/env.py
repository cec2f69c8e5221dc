"""The Jinja2 environment that turns model objects into Markdown: packaged templates, overridable.

Templates live in ``briefgen/templates/``; a file of the same name in the project's ``templates/``
replaces one (like Material's ``custom_dir``). Untrusted text never becomes template source: it only
ever arrives as a variable, and every ``{{ ... }}`` output passes through
:func:`briefgen.escape.md_inline` unless it is already :class:`~markupsafe.Markup` (made by
briefgen's own code from escaped parts).
"""

from __future__ import annotations

import weakref
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from markupsafe import Markup

from briefgen.errors import BuildError
from briefgen.escape import md_inline, safe_url

PACKAGE_TEMPLATES = Path(str(resources.files("briefgen") / "templates"))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_inline(value)


def _url(value: object) -> Markup:
    return safe_url(value) or Markup("")


def make_env(overrides: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment reading ``overrides`` first, then the packaged templates."""
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(overrides)))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_inline
    env.filters["url"] = _url
    return env


_CHECKED: weakref.WeakKeyDictionary[jinja2.Environment, set[str]] = weakref.WeakKeyDictionary()
"""Template names whose include/import/extends graph has been walked, per environment."""


def _syntax_error(exc: jinja2.TemplateSyntaxError, name: str) -> BuildError:
    return BuildError(
        f"template syntax error: {exc.message}", file=exc.filename or name, line=exc.lineno
    )


def _check_loops(env: jinja2.Environment, name: str) -> None:
    """Raise :class:`BuildError` when ``name`` includes, imports or extends itself, directly or
    through other templates (rendering it would recurse until Python gives up). Names given as
    expressions cannot be followed here; :func:`render_template` catches those loops."""
    checked = _CHECKED.setdefault(env, set())
    if name in checked or env.loader is None:
        return
    loader = env.loader
    path: list[str] = []
    files: dict[str, str] = {}

    def walk(current: str) -> None:
        if current in path:
            cycle = " -> ".join([*path[path.index(current) :], current])
            raise BuildError(
                f"template include loop: {cycle} (a template includes, imports or extends itself)",
                file=files[current],
            )
        if current in checked:
            return
        try:
            source, filename, _ = loader.get_source(env, current)
        except jinja2.TemplateNotFound:
            return  # reported when it is loaded
        files[current] = filename or current
        try:
            refs = jinja2.meta.find_referenced_templates(env.parse(source, current, filename))
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc, current) from None
        path.append(current)
        for ref in refs:
            if ref is not None:
                walk(ref)
        path.pop()
        checked.add(current)

    walk(name)


def get_template(env: jinja2.Environment, name: str) -> jinja2.Template:
    """Load a template; a syntax error raises :class:`BuildError` naming the file and line, an
    include loop one naming the template and the loop."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(exc, name) from None
    except jinja2.TemplateNotFound:
        raise BuildError(f"template {name!r} not found") from None
    _check_loops(env, name)
    return template


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template to Markdown; a runtime error names the template."""
    template = get_template(env, name)
    try:
        return template.render(**context)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise BuildError(
            f"template error: {exc}", file=template.filename or name, line=line
        ) from None
    except RecursionError:
        raise BuildError(
            "template recursion too deep: an include, import, extends or macro loop",
            file=template.filename or name,
        ) from None
