"""Scorers and dataset readers for the public benchmarks (see ../shared/EVAL.md for the contract).

Each task module ``storyline.eval.<task>`` exposes ``evaluate(data: Path, split: str | None, **options)
-> dict`` returning the JSON object of EVAL.md; the CLI only parses flags and prints.
"""
