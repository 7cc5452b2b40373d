"""A burst of near-identical items (a wire text re-sent a thousand times) is linked at a bounded cost
per item: each arrival is compared with at most a fixed number of earlier copies, and the earliest
copy of a group is kept, not searched for again."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from storyline.link import fingerprints
from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker


def test_a_burst_of_copies_is_one_group_with_a_bounded_comparison_per_arrival(monkeypatch: pytest.MonkeyPatch):
    compared: list[int] = []
    real_stack = np.stack

    def counting_stack(arrays, *args, **kwargs):  # type: ignore[no-untyped-def]
        arrays = list(arrays)
        compared.append(len(arrays))
        return real_stack(arrays, *args, **kwargs)

    monkeypatch.setattr(fingerprints.np, "stack", counting_stack)
    linker = Linker(LinkConfig())
    t0 = datetime(2026, 1, 1)
    n = 600
    out = [
        linker.add(LinkItem(f"a{i:04d}", "Polizei meldet Unfall auf der Autobahn",
                            f"Auf der Autobahn kam es zu einem Unfall mit mehreren Fahrzeugen. Meldung {i % 3}.",
                            "de", t0 + timedelta(minutes=i)))
        for i in range(n)
    ]
    assert max(compared) <= 2 * fingerprints.MAX_CANDIDATES
    assert len({a.event_id for a in out}) == 1
    copies = [a for a in out if a.duplicate_of is not None]
    assert len(copies) >= n - 3 and {a.duplicate_of for a in copies} == {"a0000"}  # the earliest copy
