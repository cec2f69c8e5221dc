"""Review: ``check`` (validation and proof against sources) and ``diff`` (review report).

- :mod:`briefgen.review.check` — ``check_content(store, root, threshold, staleness)``;
- :mod:`briefgen.review.diff` — the :class:`~briefgen.review.diff.DiffReport` and git sides;
- comparing two sets of briefings is :mod:`briefgen.changes` (shared with render and publish).

:mod:`briefgen.app.check` and :mod:`briefgen.app.diff` drive them.
"""
