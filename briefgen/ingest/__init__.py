"""Ingest: scraped text, HTML files and URLs -> clean, dated, de-duplicated article records.

The CLI calls :func:`briefgen.ingest.pipeline.ingest_sources`; the modules are the stages it
chains: ``fetch`` (read under a size cap), ``encoding``, ``html`` (trafilatura), ``text`` and
``noise`` (cleaning), ``split`` (sentences), ``topics``, ``dedup`` and ``dates``.
"""
