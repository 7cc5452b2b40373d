"""The canonical example, end to end through `storyline export` (shared/examples/README.md is the bar)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, needs_examples
from typer.testing import CliRunner

from storyline.cli.main import app

runner = CliRunner()
DATES = {"000": "2018-01-10", "001": "2018-03-08"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, object]:
    if not EXAMPLES.is_dir():
        pytest.skip("../shared/examples is absent")
    db = tmp_path_factory.mktemp("e2e") / "ex.db"
    for f in sorted(EXAMPLES.glob("*.txt")):
        res = runner.invoke(app, ["ingest", str(f), "--db", str(db), "--date", DATES[f.name[:3]]])
        assert res.exit_code == 0, res.output
    out: dict[str, object] = {}
    for what in ("articles", "entities", "events", "stories"):
        res = runner.invoke(app, ["export", "--db", str(db), "--what", what])
        assert res.exit_code == 0, res.output
        out[what] = [json.loads(line) for line in res.output.splitlines()]
    arts = {a["text"][:12]: a for a in out["articles"]}  # type: ignore[union-attr]
    out["by_file"] = {
        "000": next(a for k, a in arts.items() if k.startswith('"Präsident')),
        "001": next(a for k, a in arts.items() if k.startswith("US-Präsident")),
    }
    return out


class _Times:
    """Look up the time value tagged inside a phrase (extents follow KRAUTS: "am" is outside)."""

    def __init__(self, article: dict):
        self.text, self.times = article["text"], article["times"]

    def __getitem__(self, phrase: str) -> tuple[str, str | None]:
        at = self.text.index(phrase)
        for t in self.times:
            if at <= t["start"] and t["end"] <= at + len(phrase):
                return t["value"], t["mod"]
        raise KeyError(phrase)


def _times(article: dict) -> _Times:
    return _Times(article)


@needs_examples
def test_one_story_two_events(exported):
    a0, a1 = exported["by_file"]["000"], exported["by_file"]["001"]
    assert a0["story_id"] and a0["story_id"] == a1["story_id"]
    assert a0["event_id"] != a1["event_id"]
    assert len(exported["events"]) == 2 and len(exported["stories"]) == 1


@needs_examples
def test_people_places_orgs_with_aliases(exported):
    by_name = {e["name"]: e for e in exported["entities"]}
    for person, aliases in {
        "Kim Jong Un": {"Kim Jong-un", "Kim", "Kims", "Machthaber"},
        "Donald Trump": {"Trump"},
        "Moon Jae In": {"Moon Jae"},
        "Chung Eui Yong": set(),
    }.items():
        assert person in by_name, sorted(by_name)
        assert by_name[person]["label"] == "PER"
        assert aliases <= set(by_name[person]["aliases"]), by_name[person]
    for place in ("Nordkorea", "Südkorea", "Seoul", "Washington", "Pyeongchang", "Panmunjom", "USA"):
        assert place in by_name and by_name[place]["label"] == "LOC", place
    assert any(n.startswith("Weiße") for n in by_name)
    # "Pjöngjang erwarte aber Sicherheitsgarantien": North Korea's government, not a person or the city
    assert "Pjöngjang" in by_name["Nordkorea"]["aliases"] and "Pjöngjang" not in by_name
    assert by_name["Koreanische Halbinsel"]["label"] == "LOC"  # "der koreanischen Halbinsel"
    assert not {"Halbinsel", "Nord"} & set(by_name)  # a bare noun; "Nord-" of "Nord- und Südkorea"
    # "zu den Olympischen Winterspielen": the Games, named as cited, not an organisation of that form
    assert by_name["Olympische Winterspiele"]["label"] == "MISC"
    assert "Olympischen Winterspielen" not in by_name


@needs_examples
def test_times_resolved(exported):
    t0, t1 = _times(exported["by_file"]["000"]), _times(exported["by_file"]["001"])
    assert t0["am Mittwoch"][0] == "2018-01-10"
    assert t0["Am Dienstag"][0] == "2018-01-09"
    assert t0["seit zwei Jahren"][0] == "P2Y"
    assert t0["im Februar"][0] == "2018-02"
    assert t1["bis Ende Mai"] == ("2018-05", "END")
    assert t1["im April"][0] == "2018-04"
    assert t1["Anfang September"] == ("2017-09", "START")
    assert t1["in den Fünfzigerjahren"][0] == "195X"


@needs_examples
def test_quotes_with_speakers(exported):
    def speakers(article: dict) -> dict[str, str]:
        text = article["text"]
        return {" ".join(text[a:b] for a, b in q["message"]): (q["speaker_name"] or "") for q in article["quotes"]}

    q0, q1 = speakers(exported["by_file"]["000"]), speakers(exported["by_file"]["001"])
    assert any("Offenheit" in m and "Weiße Haus" in s for m, s in q0.items())
    assert any("grundlegendes Ziel" in m and "Moon" in s for m, s in q0.items())
    assert any("konkrete" in m and "Moon" in s for m, s in q0.items())
    assert any("Einladung" in m and "Chung" in s for m, s in q1.items())
    assert any("Denuklearisierung" in m and "Trump" in s for m, s in q1.items())
    assert any("Sicherheitsgarantien" in m and s == "Südkorea" for m, s in q1.items())  # not "Südkoreas"
    assert any("US-Festland" in m and s == "Nordkorea" for m, s in q1.items())  # "nach eigenen Angaben"
    assert not any(s == "Sicherheitsberater" for s in q1.values())


@needs_examples
def test_story_timeline_in_date_order(exported):
    timeline = exported["stories"][0]["timeline"]
    dates = [e["date"] for e in timeline]
    # "Kurz zuvor hatte … Chung … in Washington verkündet" (8 March), the Trump–Moon call before the
    # White House statement (10 January): the README's "8 Mar 2018 Chung's announcement"
    assert {(e["date"], e.get("mod")) for e in timeline} >= {("2018-03-08", "BEFORE"), ("2018-01-10", "BEFORE")}
    for expected in ("195X", "2017-09", "2018-01-09", "2018-01-10", "2018-02", "2018-04", "2018-05"):
        assert expected in dates, dates
    pos = {d: dates.index(d) for d in ("195X", "2017-09", "2018-01-09", "2018-01-10", "2018-02", "2018-04", "2018-05")}
    assert list(pos.values()) == sorted(pos.values())
    kinds = {e["date"]: e["kind"] for e in timeline}
    assert kinds["2018-05"] == "planned" and kinds["2018-04"] == "planned" and kinds["2018-01-09"] == "happened"


@needs_examples
def test_reingest_changes_nothing(exported, tmp_path: Path):
    db = tmp_path / "again.db"
    files = [str(f) for f in sorted(EXAMPLES.glob("*.txt"))]
    first = runner.invoke(app, ["ingest", *files, "--db", str(db)])
    ids1 = runner.invoke(app, ["export", "--db", str(db), "--what", "stories"]).output
    second = runner.invoke(app, ["ingest", *files, "--db", str(db)])
    assert "0 ingested, 2 duplicates" in second.output and first.exit_code == second.exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "--what", "stories"]).output == ids1
