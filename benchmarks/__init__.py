"""briefgen's benchmarks: ``python -m benchmarks`` (the end-to-end pipeline, see ``__main__``) and
the per-stage scripts ``benchmarks/bench_*.py``."""
