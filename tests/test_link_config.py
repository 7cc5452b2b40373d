"""The linking knobs are declared once: every ``link.*`` setting reaches the linker, with the
table's default, and a setting changed on the command line changes what the linker uses."""

from __future__ import annotations

import pytest

from storyline.link.config import APP_SETTINGS, LinkConfig
from storyline.link.linker import Linker
from storyline.settings import DEFAULTS, Settings

LINK_SETTINGS = sorted(k for k in DEFAULTS if k.startswith("link.") and k not in APP_SETTINGS)


def test_every_link_setting_is_a_knob_with_the_tables_default() -> None:
    cfg = LinkConfig()
    assert LINK_SETTINGS
    for key in LINK_SETTINGS:
        obj, attr = cfg.knob(key)
        assert getattr(obj, attr) == DEFAULTS[key].default, key


@pytest.mark.parametrize("key", LINK_SETTINGS)
def test_a_setting_changes_what_the_linker_uses(key: str) -> None:
    value = DEFAULTS[key].default * 2
    lk = Linker(LinkConfig.from_settings(Settings.load(overrides=[f"{key}={value}"])))
    obj, attr = lk.config.knob(key)
    assert getattr(obj, attr) == value
    parts = {"link.event_": lk.graph.params, "link.story_": lk.stories.config, "link.dup_": lk.config.dup}
    used = next((part for prefix, part in parts.items() if key.startswith(prefix)), lk.config)
    assert getattr(used, attr) == value  # the part that links holds the same object, not a copy
    if key == "link.dup_threshold":
        assert lk.lsh.threshold == value


def test_a_name_that_is_no_knob_is_refused() -> None:
    with pytest.raises(KeyError):
        LinkConfig().knob("link.event_nope")
    with pytest.raises(KeyError):
        LinkConfig().knob("link.story")  # a group, not a knob
