"""Briefings -> Markdown pages (Jinja2, escaped), independent of MkDocs; plus the MkDocs plugin.

* :func:`briefgen.render.pages.render_edition` — every page of one edition and its navigation;
* :mod:`briefgen.render.escape` — the escaping every untrusted string goes through;
* :mod:`briefgen.render.plugin` — ``plugins: - briefgen`` for ``mkdocs build`` / ``mkdocs serve``.
"""
