"""Pipeline validation. The shared check run on every registered stage is tests/test_stage_checks.py."""

from __future__ import annotations

import pytest

from storyline.errors import ConfigError
from storyline.pipeline import Pipeline, lookup
from storyline.settings import Settings


def test_requires_are_checked():
    with pytest.raises(ConfigError, match="requires"):
        Pipeline.from_settings(Settings({"pipeline.stages": ["sentences"]}))


def test_unknown_and_duplicate_stages():
    with pytest.raises(ConfigError, match="unknown pipeline stage"):
        lookup("no-such-stage")
    with pytest.raises(ConfigError, match="twice"):
        Pipeline.from_settings(Settings({"pipeline.stages": ["structure", "structure"]}))
