"""The Jinja2 environment that turns model objects into Markdown: packaged templates, overridable.

Templates live in ``briefgen/templates/``; a file of the same name in the project's ``templates/``
replaces one (like Material's ``custom_dir``). Untrusted text never becomes template source: it only
ever arrives as a variable, and every ``{{ ... }}`` output passes through
:func:`briefgen.escape.md_inline` unless it is already :class:`~markupsafe.Markup` (made by
briefgen's own code from escaped parts).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
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


def get_template(env: jinja2.Environment, name: str) -> jinja2.Template:
    """Load a template; a syntax error raises :class:`BuildError` naming the file and line."""
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(
            f"template syntax error: {exc.message}", file=exc.filename or name, line=exc.lineno
        ) from None
    except jinja2.TemplateNotFound:
        raise BuildError(f"template {name!r} not found") from None


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
