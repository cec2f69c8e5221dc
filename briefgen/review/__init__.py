"""Review: ``check`` (validation and proof against sources) and ``diff`` (review report).

- :mod:`briefgen.changes` — model-level comparison of two sets of briefings (``compare``).
- :mod:`briefgen.review.check` — ``run_check(project) -> CheckReport``.
- :mod:`briefgen.review.diff` — ``run_diff(project_dir, base, head) -> DiffReport``.
"""
