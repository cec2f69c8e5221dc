"""The application layer: one module per use case; the only thing the CLI and the MkDocs plugin
call.

Each use case loads what it needs through :class:`~briefgen.store.Store` (via
:func:`briefgen.app.project.load_project`), calls the stages' functions over typed objects, and
writes through the store or :mod:`briefgen.publish`:

- :mod:`~briefgen.app.ingest` — ``briefgen ingest``;
- :mod:`~briefgen.app.summarize` — ``briefgen summarize`` (and ``build``'s first step);
- :mod:`~briefgen.app.check` — ``briefgen check`` (and ``build --frozen``'s gate);
- :mod:`~briefgen.app.release` — ``briefgen release``;
- :mod:`~briefgen.app.build` — ``briefgen build`` and the plugin's working edition;
- :mod:`~briefgen.app.prune` — ``briefgen prune``;
- :mod:`~briefgen.app.serve` — ``briefgen serve``;
- :mod:`~briefgen.app.diff` — ``briefgen diff``;
- :mod:`~briefgen.app.eval` — ``briefgen eval``;
- :mod:`~briefgen.app.init` — ``briefgen init``;
- :mod:`~briefgen.app.staleness` — the project's staleness rule (``summarize``, ``check``,
  ``build``).

Stages never import this package (``tests/test_architecture.py``).
"""
