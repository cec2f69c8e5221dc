"""Briefings -> Markdown pages (Jinja2, escaped), independent of MkDocs; plus the MkDocs plugin.

* :func:`briefgen.render.pages.render_edition` — every page of one edition and its navigation;
* untrusted text is escaped with :mod:`briefgen.escape` (shared with publish and review);
* :mod:`briefgen.render.plugin` — ``plugins: - briefgen`` for ``mkdocs build`` / ``mkdocs serve``.
"""
