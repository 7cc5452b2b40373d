"""Issue 23, item 7: small requests have bounded costs: search caps, symlink loops, config files
and bad setting values give one clear line."""

from __future__ import annotations

import os
import time

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.errors import ConfigError, QueryError
from storyline.settings import Settings

from .conftest import good_file, open_lib, warnings


def test_search_caps(lib, tmp_path):
    lib.ingest([str(good_file(tmp_path))])
    for query, why in [
        ("a* " * 400, "search query too long (1,200 characters; at most 500)"),
        (" OR ".join(f"w{i}" for i in range(40)), "search query has too many words (40; at most 32)"),
        ("a* b* c* d* e*", "search query has too many prefix* words (5; at most 4)"),
    ]:
        start = time.monotonic()
        with pytest.raises(QueryError) as caught:
            lib.search(query)
        assert str(caught.value) == why and time.monotonic() - start < 0.5
    assert lib.search("Regierung Berl* Mai")  # ordinary queries are untouched
    result = CliRunner().invoke(app, ["search", "a* " * 400, "--db", str(tmp_path / "h.db")])
    assert result.exit_code == 2 and "search query too long" in result.output and "Traceback" not in result.output


def test_symlink_loops_with_follow_symlinks(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    good_file(folder)
    os.symlink(".", folder / "loop1")
    os.symlink("..", folder / "sub" / "loop2")
    with open_lib(tmp_path, **{"ingest.follow_symlinks": True}) as sl:
        report = sl.ingest([str(folder)])
    assert len(report.ingested) == 1 and report.failed == []
    assert warnings(report) == {
        str(folder / "loop1"): f"symbolic link to a folder already walked ({folder}); not walked again",
        str(folder / "sub" / "loop2"): f"symbolic link to a folder already walked ({folder}); not walked again",
    }


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda d: "/dev/zero", "is not a regular file"),
        (lambda d: (os.mkfifo(d / "fifo.toml"), str(d / "fifo.toml"))[1], "is not a regular file"),
        (lambda d: str(d), "is not a regular file"),
        (lambda d: (d / "deep.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000) and str(d / "deep.toml"), "is nested too deeply"),
        (lambda d: (d / "big.toml").write_text("# x\n" * 300_000) and str(d / "big.toml"), "is larger than 1,000,000 bytes"),
        (lambda d: (d / "bad.toml").write_bytes(b"a = '\xff'") and str(d / "bad.toml"), "is not valid TOML"),
    ],
    ids=["dev-zero", "fifo", "directory", "deep", "big", "not-utf8"],
)
def test_config_files_read_with_a_cap_and_only_when_regular(tmp_path, make, why):
    path = make(tmp_path)
    start = time.monotonic()
    code, output = _cli("--config", path, "settings")
    assert code == 2 and why in output and output.count("\n") <= 2
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    ("item", "why"),
    [
        ("store.batch_size=inf", "setting 'store.batch_size' must be a finite number, got inf"),
        ("link.event_threshold=nan", "setting 'link.event_threshold' must be a finite number, got nan"),
        ("store.batch_size=2.5", "setting 'store.batch_size' expects a whole number, got 2.5"),
        ("pipeline.stages=" + "[" * 5000 + "]" * 5000, "value of 'pipeline.stages' is nested too deeply"),
        ("pipeline.stages=[[1]]", "setting 'pipeline.stages' expects a list of names, got [[1]]"),
        ("ingest.fields={text={a=1}}", "setting 'ingest.fields' expects a table of names to names, got {'text': {'a': 1}}"),
        ("entities.english_model=x", "unknown setting 'entities.english_model'"),
    ],
)
def test_bad_set_values_give_one_clear_line(tmp_path, item, why):
    with pytest.raises(ConfigError) as caught:
        Settings.load(None, [item])
    assert why in str(caught.value)
    code, output = _cli("--set", item, "ingest", str(good_file(tmp_path)), "--db", str(tmp_path / "x.db"))
    assert code == 2 and why.split(",")[0] in output.replace("\n", "") and "Traceback" not in output


def test_good_config_still_reads(tmp_path):
    cfg = tmp_path / "ok.toml"
    cfg.write_text('[store]\nbatch_size = 500\n[ingest]\nfields = { text = "teaser" }\nallow_hosts = ["localhost"]\n')
    settings = Settings.load(cfg, ["store.max_batch_seconds=1"])
    assert settings["store.batch_size"] == 500 and settings["ingest.fields"] == {"text": "teaser"}
    assert settings["ingest.allow_hosts"] == ["localhost"] and settings["store.max_batch_seconds"] == 1.0
