"""Scoring briefgen against standard benchmarks (``briefgen eval ...``)."""
