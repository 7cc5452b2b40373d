"""The CLI as a user drives it: help with examples, the demo, listing, showing, searching."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import DATA, EXAMPLES, needs_data, needs_examples
from typer.testing import CliRunner

from storyline.cli.main import app

runner = CliRunner()


def _commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [(*prefix, c.name or c.callback.__name__) for c in group.registered_commands]  # type: ignore[union-attr]
    for sub in group.registered_groups:
        out += _commands(sub.typer_instance, (*prefix, sub.name))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("command", _commands(app))
def test_every_command_explains_itself_with_an_example(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


@needs_examples
def test_demo_shows_the_examples(tmp_path: Path):
    db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "ingested 2, duplicates 0, failed 0" in result.output
    assert "Krieg verhindern" in result.output and "Historischer Gipfel steht bevor" in result.output
    flat = " ".join(result.output.replace("│", " ").split())
    assert "den Druck auf Nordkorea aufrecht zu erhalten" in flat  # paragraphs wrap, never cropped
    listed = runner.invoke(app, ["articles", "--db", str(db), "--json"])
    data = json.loads(listed.output)
    assert data["total"] == 2 and {a["language"] for a in data["articles"]} == {"de"}
    aid = data["articles"][0]["id"]
    shown = runner.invoke(app, ["show", aid[:8], "--db", str(db), "--json"])
    doc = json.loads(shown.output)
    assert doc["id"] == aid and any(p["heading"] for p in doc["paragraphs"])
    for p in doc["paragraphs"]:
        assert doc["text"][p["start"] : p["end"]].strip() == doc["text"][p["start"] : p["end"]]
    hits = json.loads(runner.invoke(app, ["search", "Panmunjom", "--db", str(db), "--json"]).output)
    assert [h["id"] for h in hits["hits"]] and "[Panmunjom]" in hits["hits"][0]["snippet"]
    assert runner.invoke(app, ["check", "--db", str(db)]).exit_code == 0


@needs_examples
def test_example_structure(sl):
    report = sl.ingest(sorted(str(p) for p in EXAMPLES.glob("*.txt")))
    assert len(report.ingested) == 2
    heads = {}
    for doc in sl.documents():
        heads[Path(doc.article.origin).name[:3]] = [p.span.text(doc.text) for p in doc.paragraphs if p.heading]
        assert doc.article.language == "de"
    assert heads == {"000": ["Krieg verhindern", "Ziel ist atomwaffenfreie Halbinsel"], "001": ["Historischer Gipfel steht bevor"]}


def test_errors_are_one_clear_line(tmp_path: Path):
    missing = runner.invoke(app, ["articles", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    bad_setting = runner.invoke(app, ["--set", "nope=1", "settings"])
    assert bad_setting.exit_code == 2 and "unknown setting 'nope'" in bad_setting.output
    not_found = runner.invoke(app, ["ingest", str(tmp_path / "x.txt"), "--db", str(tmp_path / "d.db")])
    assert not_found.exit_code == 1 and "no such file or folder" in not_found.output


def test_untrusted_text_cannot_inject_markup(tmp_path: Path):
    f = tmp_path / "evil.txt"
    f.write_text("[bold red]Alarm[/] \x1b[31mrot\x1b[0m und [link=https://evil.example]hier[/link].", encoding="utf-8")
    db = tmp_path / "e.db"
    runner.invoke(app, ["ingest", str(f), "--db", str(db)])
    aid = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--json"]).output)["articles"][0]["id"]
    out = runner.invoke(app, ["show", aid, "--db", str(db)]).output
    assert "[bold red]Alarm[/]" in out and "\x1b[31m" not in out


def test_import_is_fast():
    code = "import time; t=time.perf_counter(); import storyline; print(time.perf_counter()-t)"
    took = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    heavy = subprocess.run(
        [sys.executable, "-c", "import storyline, sys; print(sorted(m for m in ('spacy','lingua','trafilatura','numpy') if m in sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert heavy == "[]" and took < 1.0


def test_user_supplied_date_wins_and_persists(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("Am Mittwoch traf sich der Rat in Brüssel. Er beschloss neue Regeln.", encoding="utf-8")
    db = tmp_path / "d.db"
    assert runner.invoke(app, ["ingest", str(f), "--db", str(db)]).exit_code == 0
    aid = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--json"]).output)["articles"][0]["id"]
    res = runner.invoke(app, ["date", aid[:6], "2018-01-10", "--db", str(db)])
    assert res.exit_code == 0, res.output
    doc = json.loads(runner.invoke(app, ["show", aid, "--db", str(db), "--json"]).output)
    assert doc["published"] == "2018-01-10T00:00:00" and doc["published_estimated"] is False
    bad = runner.invoke(app, ["date", aid, "0001-01-01", "--db", str(db)])
    assert bad.exit_code == 2 and "implausible date" in bad.output


@needs_examples
def test_quotes_command(tmp_path: Path):
    db = tmp_path / "q.db"
    files = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    stages = '["language","structure","sentences","dating","time","quotes","timeline"]'
    assert runner.invoke(app, ["--set", f"pipeline.stages={stages}", "ingest", *files, "--db", str(db)]).exit_code == 0
    data = json.loads(runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "moon", "--json"]).output)["quotes"]
    assert data and all("Moon" in (q["speaker_name"] or q["speaker"]) for q in data)
    assert any("sei ein grundlegendes Ziel" in q["message"] for q in data)
    assert json.loads(runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Nobody Atall", "--json"]).output)["quotes"] == []


def test_global_options_work_after_the_subcommand(tmp_path):
    from storyline.cli.main import hoist_global_options

    assert hoist_global_options(["ingest", "x", "--set", "ner.profile=fast"]) == ["--set", "ner.profile=fast", "ingest", "x"]
    assert hoist_global_options(["quotes", "-s", "Moon"]) == ["quotes", "-s", "Moon"]  # -s is the speaker there
    assert hoist_global_options(["ingest", "--", "--set", "x"]) == ["ingest", "--", "--set", "x"]
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "storyline.cli.main", "settings", "--set", "store.batch_size=7", "--json"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert '"store.batch_size"' in out.stdout and "7" in out.stdout


def test_escape_sequences_in_untrusted_fields_never_reach_the_terminal(tmp_path):
    import json

    item = {"title": "Titel\x1b]0;pwned\x07 mit \x1b[2J Steuerzeichen", "text": "Ein Text über Berlin und die Welt.",
            "source": "evil\x1b[31m.example\u202e", "url": "https://example.org/a\x1b[5m"}
    src = tmp_path / "evil.jsonl"
    src.write_text(json.dumps(item) + "\n", encoding="utf-8")
    db = str(tmp_path / "e.db")
    assert runner.invoke(app, ["--set", "pipeline.stages=[]", "ingest", str(src), "--db", db, "-q"]).exit_code == 0
    for args in (["articles", "--db", db], ["search", "Berlin", "--db", db], ["show", "--db", db]):
        if args[0] == "show":
            args.insert(1, runner.invoke(app, ["articles", "--db", db, "--json"]).output.split('"id": "')[1][:8])
        for tables in ("drawn", "plain", "tsv"):
            out = runner.invoke(app, ["--tables", tables, *args])
            assert out.exit_code == 0, out.output
            assert "\x1b" not in out.output and "\u202e" not in out.output, (tables, args)
            assert args[0] == "search" or "evil" in out.output


def test_compare_names_the_shared_entities_and_both_articles(small_db):
    from storyline.library import Storyline

    with Storyline(small_db, readonly=True) as sl:
        ids = sorted(d.id for d in sl.docs([a.id for a in sl.articles(limit=None)]) if "Kim" in d.text)[:2]
    out = runner.invoke(app, ["compare", *ids, "--db", str(small_db)], terminal_width=160)
    assert out.exit_code == 0, out.output
    assert "Kim Jong Un (ent_" in out.output and "Nordkorea (ent_" in out.output
    assert ids[0][:8] in out.output and "Trump" in out.output


def test_many_inputs_failing_for_one_reason_are_one_line_and_all_go_to_the_problems_file(tmp_path):
    import json

    src = tmp_path / "bad.jsonl"
    src.write_text("".join(f"{{broken {i}\n" for i in range(40)) + '{"text": "Ein guter Text über Berlin."}\n',
                   encoding="utf-8")
    listed = tmp_path / "problems.jsonl"
    out = runner.invoke(app, ["--set", "pipeline.stages=[]", "ingest", str(src), "--db", str(tmp_path / "p.db"),
                              "-q", "--problems", str(listed)])
    assert out.exit_code == 1
    lines = [ln for ln in out.output.splitlines() if "malformed JSON" in ln]
    assert len(lines) == 1 and "(40×)" in lines[0] and "37 more" in lines[0]
    rows = [json.loads(ln) for ln in listed.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 40 and {r["kind"] for r in rows} == {"failed"} and rows[0]["input"].endswith("bad.jsonl:1")


def test_the_progress_total_is_known_when_cheap(tmp_path):
    from storyline.cli.ingest import expected_items

    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n' * 7, encoding="utf-8")
    (tmp_path / "b.csv").write_text("text\nx\ny\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("x", encoding="utf-8")
    assert expected_items([str(tmp_path)]) == 10
    assert expected_items([str(tmp_path / "a.jsonl"), str(tmp_path / "c.txt")]) == 8
    assert expected_items(["https://example.org/feed.xml"]) is None
    (tmp_path / "d.warc.gz").write_bytes(b"")
    assert expected_items([str(tmp_path)]) is None  # an archive cannot say without reading it


@needs_data("news_story_chains")
def test_eval_runs_with_the_settings_given(tmp_path):
    """``--set`` reaches an evaluation as it reaches ingest: the number is that of the settings used."""
    data = str(DATA / "news_story_chains")
    default = json.loads(runner.invoke(app, ["eval", "stories", "--data", data, "--json"]).output)
    loose = json.loads(runner.invoke(app, ["--set", "link.story_threshold=0.05", "eval", "stories", "--data", data, "--json"]).output)
    assert loose["n_pred_clusters"] < default["n_pred_clusters"]
    assert loose["bcubed"]["precision"] < default["bcubed"]["precision"]


@needs_examples
def test_commands_that_report_say_it_as_json_too(tmp_path):
    db = str(tmp_path / "d.db")
    assert runner.invoke(app, ["demo", "--db", db]).exit_code == 0
    checked = json.loads(runner.invoke(app, ["check", "--db", db, "--json"]).output)
    assert checked == {"ok": True, "articles": 2, "problems": []}
    linked = json.loads(runner.invoke(app, ["link", "--db", db, "--json"]).output)
    assert linked["linked"] == 0 and linked["events"] == 2 and linked["stories"] == 1  # nothing new, counts as stored
    again = json.loads(runner.invoke(app, ["link", "--full", "--db", db, "--json"]).output)
    assert again["linked"] == 2 and (again["events"], again["stories"]) == (2, 1)
    aid = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).output)["articles"][0]["id"]
    dated = json.loads(runner.invoke(app, ["date", aid[:8], "2018-01-11", "--db", db, "--json"]).output)
    assert dated["id"] == aid and dated["published"].startswith("2018-01-11")
