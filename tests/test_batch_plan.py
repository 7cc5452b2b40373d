"""The batch job's read plan: slices of the inputs, read on workers, give exactly what ``ingest``
reads (same items, origins and problems, each once, in the same order). No Spark needed."""

from __future__ import annotations

from pathlib import Path

from storyline.batch.plan import plan_units
from storyline.batch.worker import read_unit
from storyline.ingest import Problem, read_inputs
from storyline.settings import Settings


def _key(item) -> tuple:
    if isinstance(item, Problem):
        return ("problem", item.origin, item.reason, item.fatal)
    return ("article", item.id, item.origin, item.title, item.text)


def _corpus(tmp_path: Path) -> list[str]:
    lines = [f'{{"title": "Meldung {i}", "text": "Der Bürgermeister von Ulm sprach am Montag über Haushalt {i}."}}' for i in range(23)]
    lines[5] = "not json"
    lines[17] = '{"foo": 1}'
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ein kurzer Text aus Berlin über das Wetter am Dienstag.", encoding="utf-8")
    (tmp_path / "c.unknown").write_text("?", encoding="utf-8")
    return [str(tmp_path / "a.jsonl"), str(tmp_path / "b.txt"), str(tmp_path / "c.unknown"), str(tmp_path / "missing.jsonl")]


def test_slices_read_what_ingest_reads(tmp_path: Path) -> None:
    settings = Settings()
    paths = _corpus(tmp_path)
    expected = [_key(x) for x in read_inputs(paths, settings)]
    for partitions in (1, 3, 7, 50):
        units, listed = plan_units(paths, settings, partitions)
        assert [u.index for u in units] == list(range(len(units)))
        got = [_key(x) for x in listed]
        for unit in units:
            got.extend(_key(item) for _, item in read_unit(unit, settings))
        assert sorted(got) == sorted(expected), partitions
        assert [k for k in got if k[0] == "article"] == [k for k in expected if k[0] == "article"]
    units, _ = plan_units(paths, settings, 7)
    assert len([u for u in units if u.source.endswith("a.jsonl")]) > 1  # the big file is split


def test_storyline_never_imports_pyspark_unless_batch_runs() -> None:
    import subprocess
    import sys

    code = "import sys, storyline, storyline.library, storyline.cli.main, storyline.batch.job; print('pyspark' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
