"""Briefings -> Markdown pages and data files (Jinja2, escaped), independent of MkDocs.

* :mod:`briefgen.render.outputs` — the registry of an edition's pages and data files, and
  :func:`~briefgen.render.outputs.render_edition` (every page of one edition and its navigation);
* :mod:`briefgen.render.pages` — the page functions; :mod:`briefgen.render.data` — briefings.json
  and TimelineJS;
* untrusted text is escaped with :mod:`briefgen.escape` (shared with publish and review).

The MkDocs plugin adapter is :mod:`briefgen.plugin` (it calls :mod:`briefgen.app`).
"""
