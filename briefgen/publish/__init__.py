"""Editions and the published site: release, build every edition, versions.json, feeds, data.

* :func:`briefgen.publish.editions.release` — ``briefgen release``;
* :func:`briefgen.publish.site.build_site` — ``briefgen build``;
* :func:`briefgen.publish.serve.serve_site` — ``briefgen serve``.
"""
