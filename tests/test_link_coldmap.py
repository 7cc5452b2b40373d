"""The store-backed linker's split state: ``ColdMap`` lookups, and a linker saved with ``persist`` and
resumed with ``restore(cold=...)`` every few articles linking exactly as one linker that never stopped
(open stories, per-term counts and story index postings go to rows and come back on demand)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from storyline.link.coldmap import ColdMap, DamagedState
from storyline.link.config import LinkConfig
from storyline.link.items import LinkItem
from storyline.link.linker import Linker
from storyline.link.state import persist, restore


class Rows:
    """Keyed rows in a dict, written and read as ``storyline.app.linking`` does with a store."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], str] = {}
        self.asked: list[tuple[str, list[str]]] = []
        self.written: dict[str, int] = {}

    def fetch(self, ns: str, keys: list[str]) -> dict[str, Any]:
        self.asked.append((ns, list(keys)))
        return {k: json.loads(self.rows[ns, k]) for k in keys if (ns, k) in self.rows}

    def save(self, linker: Linker) -> dict[str, Any]:
        blob, cold, dropped = persist(linker)
        self.written = {ns: len(v) for ns, v in cold.items()}
        for ns in cold:
            for k in dropped[ns] - set(cold[ns]):
                self.rows.pop((ns, k), None)
            for k, v in cold[ns].items():
                self.rows[ns, k] = json.dumps(v)
        return json.loads(json.dumps(blob))


def test_coldmap_fetches_once_prefetches_in_one_request_and_forgets_removed_keys() -> None:
    store = {"a": 1, "b": 2, "c": 3}
    asked: list[list[str]] = []

    def fetch(keys: list[str]) -> dict[str, Any]:
        asked.append(keys)
        return {k: store[k] for k in keys if k in store}

    m: ColdMap[int] = ColdMap(fetch, {"h": 0})
    m.prefetch(["a", "b", "x", "h"])
    assert asked == [["a", "b", "x"]]
    assert m["a"] == 1 and "x" not in m and m.get("x", 9) == 9 and asked == [["a", "b", "x"]]
    assert m.get("c") == 3 and len(asked) == 2
    assert m.unchanged("b", 2) and not m.unchanged("b", 3) and not m.unchanged("h", 0)  # "h" was never fetched
    # a removed key is absent from then on, although its row is still there until the next save
    assert m.pop("b") == 2 and "b" not in m and m.get("b") is None and m.setdefault("b", 7) == 7
    del m["c"]
    assert "c" not in m and m.dropped == {"c"}
    with pytest.raises(KeyError):
        m["c"]


def test_coldmap_decode_errors_name_the_damaged_row() -> None:
    def decode(key: str, value: Any) -> int:
        if not isinstance(value, int):
            raise DamagedState(f"row {key}: {value!r}")
        return value

    m: ColdMap[int] = ColdMap(lambda keys: {k: "oops" for k in keys}, decode=decode)
    with pytest.raises(DamagedState, match="row k"):
        m.get("k")


T0 = datetime(2021, 1, 4, 8)
TOPICS = [
    "Erdbeben Türkei Retter Trümmer Überlebende",
    "Haushalt Bundestag Finanzminister Schuldenbremse",
    "Champions League Bayern Paris Auswärtsspiel",
    "Hochwasser Donau Passau Evakuierung Pegel",
    "Streik Lokführer Bahn Tarifverhandlung",
    "Waldbrand Brandenburg Feuerwehr Löscharbeiten",
    "Impfstoff Zulassung Behörde Studie",
    "Wahlkampf Kanzlerkandidat Umfrage Parteitag",
]
FILLER = [
    "Abend", "Bericht", "Kritik", "Lage", "Morgen", "Polizei", "Regierung", "Stadt", "Streit", "Umfrage",
    "Wahl", "Wetter", "Zeuge", "Antwort", "Bilanz", "Debatte", "Einsatz", "Folgen", "Gericht", "Hilfe",
]


def bursts(days: int = 260) -> list[LinkItem]:
    """Topics that come back in bursts weeks apart (their stories wait, quiet and open, in between)
    among one-off headlines (stories of one article that stay open for months, then retire)."""
    items = []
    for d in range(days):
        t = T0 + timedelta(days=d)
        for i in range(2):
            title = f"{FILLER[(d + i) % len(FILLER)]} Meldung{d}x{i} Notiz{d}x{i} Hinweis{d}x{i}"
            items.append(LinkItem(f"x{d}-{i}", title, "", "de", t + timedelta(hours=3 * i), source="Blatt" if i else "Zeitung"))
        topic = d % 37
        if topic < len(TOPICS):
            for k in range(3):
                words = TOPICS[topic].split()
                text = " ".join(words[k:] + words[:k] + [FILLER[(d + k) % len(FILLER)]])
                items.append(LinkItem(f"t{d}-{k}", text, "", "de", t + timedelta(hours=5 + 4 * k), source="Zeitung"))
    return items


def _config() -> LinkConfig:
    cfg = LinkConfig(keep_explanations=False)
    cfg.story.consolidate_every = 50
    cfg.story.retire_days = 30.0  # stories retire within the stream, and their topics come back (37 days)
    return cfg


@pytest.mark.parametrize("every", [23, 60])
def test_a_linker_saved_and_resumed_links_as_one_that_never_stopped(every: int) -> None:
    items = bursts()
    cfg = _config()
    ref = Linker(_config())
    rows = Rows()
    lk = Linker(cfg)
    fetched_back = 0
    for start in range(0, len(items), every):
        for it in items[start : start + every]:
            ref.add(it)
            lk.add(it)
        ref.consolidate()
        lk.consolidate()
        fetched_back += sum(1 for ns, _ in rows.asked if ns == "open_story")
        blob = rows.save(lk)
        state = blob["state"]
        assert not state["maps"]["idf"] and not state["maps"]["boilerplate"] and not state["maps"]["story_terms"]
        assert "df" not in state["idf"] and "df" not in state["boilerplate"]
        rows.asked = []
        lk = restore(blob, cfg, cold=rows.fetch)
    assert {it.article_id: lk.membership(it.article_id) for it in items} == {
        it.article_id: ref.membership(it.article_id) for it in items
    }
    open_now = blob["state"]["stories"]["clusters"]["last_touch"]
    assert not blob["state"]["maps"]["open_story"] and all(("open_story", s) in rows.rows for s in open_now)
    assert fetched_back  # open stories came back when an article, a vote or a sweep needed them
    assert {ns for ns, _ in rows.rows} >= {"idf", "boilerplate", "story_terms", "open_story", "story"}
    # a resumed linker that links nothing writes nothing back; one article writes a handful of rows
    lk2 = restore(blob, cfg, cold=rows.fetch)
    assert not any(persist(lk2)[1].values())
    lk2.add(LinkItem("late", "Streik Lokführer Bahn Tarifverhandlung", "", "de", items[-1].published, source="Zeitung"))
    _, cold, _ = persist(lk2)
    assert 0 < sum(map(len, cold.values())) < 60
