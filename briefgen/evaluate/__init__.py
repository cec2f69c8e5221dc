"""Scoring briefgen against public benchmarks (``briefgen eval ...``): extraction, timex."""
