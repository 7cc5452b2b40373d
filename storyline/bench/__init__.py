"""Throughput and memory benchmarks (``storyline bench``); speed targets live here, not in tests."""
