"""Editions and the published site: release, build every edition, versions.json, feeds.

* :func:`briefgen.publish.editions.prepare_release` — the edition ``briefgen release`` freezes;
* :func:`briefgen.publish.editions.plan_editions` — every edition to render, oldest first;
* :func:`briefgen.publish.site.build_editions` — build the changed editions into ``site/``;
* :mod:`briefgen.publish.outputs` — the registry of site-root files (versions.json, feeds);
* :func:`briefgen.publish.serve.serve_site` — ``mkdocs serve``.

:mod:`briefgen.app` drives them.
"""
