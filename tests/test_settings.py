from pathlib import Path

import pytest

from storyline.errors import ConfigError
from storyline.settings import Settings, parse_override


def test_defaults_and_overrides():
    s = Settings()
    assert s["store.batch_size"] == 1000
    s2 = Settings.load(None, ["store.batch_size=7", "ingest.follow_symlinks=true"])
    assert s2["store.batch_size"] == 7 and s2["ingest.follow_symlinks"] is True


def test_unknown_key_is_an_error_with_a_hint():
    with pytest.raises(ConfigError, match="unknown setting 'store.batchsize'"):
        Settings({"store.batchsize": 3})
    with pytest.raises(ConfigError, match="did you mean 'store.batch_size'"):
        parse_override("batch_size=3")


def test_wrong_type_is_an_error():
    with pytest.raises(ConfigError, match="expects int"):
        Settings({"store.batch_size": "many"})


def test_toml_file_tables_flatten(tmp_path: Path):
    f = tmp_path / "s.toml"
    f.write_text('[store]\nbatch_size = 11\n[ingest]\nfields = {text = "teaser"}\n', encoding="utf-8")
    s = Settings.load(f, ["store.batch_size=12"])
    assert s["store.batch_size"] == 12  # command line beats the file
    assert s["ingest.fields"] == {"text": "teaser"}


def test_bad_toml_and_unknown_key_in_file(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[store\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Settings.load(bad)
    typo = tmp_path / "typo.toml"
    typo.write_text("[store]\nbatchsize = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings.load(typo)
    with pytest.raises(ConfigError, match="does not exist"):
        Settings.load(tmp_path / "missing.toml")
