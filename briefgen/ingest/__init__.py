"""Ingest: scraped text, HTML files and URLs -> clean, dated, de-duplicated article records.

:mod:`briefgen.app.ingest` calls :func:`briefgen.ingest.pipeline.ingest_sources`; the modules are
the stages it chains: ``readers`` (the registry of source openers and format readers, over
``fetch``, ``encoding`` and ``html``), ``text`` and ``noise`` (cleaning), ``split`` (sentences),
``topics``, ``dedup`` and ``dates``.
"""
