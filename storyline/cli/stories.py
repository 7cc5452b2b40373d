"""``storyline stories``, ``story ID``, ``events``, ``compare A B``, ``link``: the story layer."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import StorylineError
from .common import DbOption, JsonOption, console, err, fail, library, print_json, user_errors

KIND_MARK = {"happened": ("●", "bold green"), "planned": ("◆", "bold yellow"), "said": ("❝", "bold cyan")}


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("story")(story)
    app.command("events")(events)
    app.command("compare")(compare)
    app.command("link")(link)


def _story_rows(sl: Any) -> list[dict[str, Any]]:
    rows = sl.store.stories()
    events = sl.store.events()
    for r in rows:
        r["events"] = [e for e in events if e.get("story_id") == r["id"]]
        data: dict[str, Any] = r["data"] if isinstance(r.get("data"), dict) else {}
        r["articles"] = data.get("article_ids", [])
    rows.sort(key=lambda r: (-len(r["articles"]), r["id"]))
    return rows


def _find(rows: list[dict[str, Any]], prefix: str, what: str) -> dict[str, Any]:
    hits = [r for r in rows if r["id"].startswith(prefix)]
    if not hits:
        fail(f"no {what} with id {prefix!r}", code=1)
    if len(hits) > 1:
        fail(f"{what} id prefix {prefix!r} is ambiguous")
    return hits[0]


def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many stories (largest first).")] = 30,
    as_json: JsonOption = False,
) -> None:
    """List stories: threads of events over weeks and months, largest first.

    Example: [bold]storyline stories --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        rows = _story_rows(sl)[:limit]
        names = _entity_names(sl)
    if as_json:
        print_json({"stories": [{"story_id": r["id"], "title": r["title"], "event_ids": [e["id"] for e in r["events"]], "article_ids": r["articles"]} for r in rows]})
        return
    table = Table(title=f"{len(rows)} stories", title_justify="left")
    for col, kw in (("id", {"style": "cyan", "no_wrap": True}), ("events", {"justify": "right"}), ("articles", {"justify": "right"}), ("from – to", {"no_wrap": True}), ("title / key entities", {})):
        table.add_column(col, **kw)
    for r in rows:
        data = r.get("data") or {}
        ents = ", ".join(names.get(e, e) for e in data.get("entity_ids", [])[:5])
        span = f"{(data.get('start') or '')[:10]} – {(data.get('end') or '')[:10]}"
        table.add_row(r["id"], str(len(r["events"])), str(len(r["articles"])), span, Text(f"{r['title'] or ''}\n{ents}"))
    console.print(table)


def timeline_view(entries: list[dict[str, Any]]) -> Table:
    """A story's timeline drawn for people: date, what kind of statement, the sentence, its sources."""
    table = Table(title="timeline (by the date things happened or are planned for)", title_justify="left", show_lines=False)
    table.add_column("date", no_wrap=True, style="bold")
    table.add_column("", no_wrap=True)
    table.add_column("what", ratio=1)
    table.add_column("sources", style="dim", no_wrap=True)
    for e in entries:
        mark, style = KIND_MARK.get(e.get("kind", ""), ("·", ""))
        date = e["date"] + (f" {e['mod']}" if e.get("mod") else "")
        sources = sorted({s["article_id"][:8] for s in e.get("sources", [])} or {e["article_id"][:8]})
        table.add_row(date, Text(f"{mark} {e.get('kind', '')}", style), Text(e.get("text", "")), " ".join(sources))
    return table


def _entity_names(sl: Any) -> dict[str, str]:
    return {e.id: e.name for e in sl.entities()}


def story_view(row: dict[str, Any], names: dict[str, str]) -> RenderableType:
    data: dict[str, Any] = row["data"] if isinstance(row.get("data"), dict) else {}
    head = Text()
    head.append(f"{row['id']}", "cyan")
    head.append(f"  {len(row['events'])} events, {len(row['articles'])} articles, {(data.get('start') or '')[:10]} – {(data.get('end') or '')[:10]}")
    ents = [names.get(e, e) for e in data.get("entity_ids", [])]
    if ents:
        head.append("\nkey entities: ", "dim")
        head.append(", ".join(ents[:12]))
    if data.get("key_terms"):
        head.append("\nkey terms: ", "dim")
        head.append(", ".join(data["key_terms"][:12]))
    ev = Table(title="events", title_justify="left")
    for col in ("event", "from – to", "articles", "title"):
        ev.add_column(col)
    for e in row["events"]:
        arts = (e.get("data") or {}).get("article_ids", [])
        ev.add_row(e["id"], f"{(e.get('start') or '')[:10]} – {(e.get('end') or '')[:10]}", " ".join(a[:8] for a in arts), Text(e.get("title") or ""))
    parts: list[RenderableType] = [head, Text(""), ev]
    if data.get("timeline"):
        parts.append(timeline_view(data["timeline"]))
    return Panel(Group(*parts), title=Text(row.get("title") or row["id"], style="bold"), title_align="left")


def story_views(sl: Any, limit: int = 5) -> list[RenderableType]:
    names = _entity_names(sl)
    return [story_view(r, names) for r in _story_rows(sl)[:limit]]


def story(
    story_id: Annotated[str, typer.Argument(help="Story id (a unique prefix is enough).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one story: title, key entities, its events, and its timeline drawn in the terminal.

    Example: [bold]storyline story st_1a2b --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        row = _find(_story_rows(sl), story_id, "story")
        if as_json:
            data = row.get("data") or {}
            print_json({"story_id": row["id"], "title": row["title"], "event_ids": [e["id"] for e in row["events"]], **data})
            return
        console.print(story_view(row, _entity_names(sl)))


def events(
    db: DbOption = None,
    story_id: Annotated[str | None, typer.Option("--story", help="Only events of this story.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List events (sets of articles reporting the same happening), in time order.

    Example: [bold]storyline events --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        rows = sl.store.events()
    if story_id:
        rows = [r for r in rows if (r.get("story_id") or "").startswith(story_id)]
    rows = rows[:limit]
    if as_json:
        print_json({"events": [{"event_id": r["id"], "story_id": r["story_id"], "title": r["title"], "start": r["start"], "end": r["end"], "article_ids": (r.get("data") or {}).get("article_ids", [])} for r in rows]})
        return
    table = Table(title=f"{len(rows)} events", title_justify="left")
    for col in ("event", "story", "from – to", "articles", "title"):
        table.add_column(col)
    for r in rows:
        arts = (r.get("data") or {}).get("article_ids", [])
        table.add_row(r["id"], r.get("story_id") or "", f"{(r.get('start') or '')[:10]} – {(r.get('end') or '')[:10]}", str(len(arts)), Text(r.get("title") or ""))
    console.print(table)


def compare(
    first: Annotated[str, typer.Argument(help="First article id (prefix).")],
    second: Annotated[str, typer.Argument(help="Second article id (prefix).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Explain how two articles relate: duplicate, same event, same story or unrelated, with evidence.

    Example: [bold]storyline compare 05081d11 8ab558b7 --db news.db[/]
    """
    with library(db, must_exist=True) as sl, user_errors():
        result = sl.compare(first, second)
    if as_json:
        print_json(result)
        return
    head = Text()
    head.append(f"{result['relation']}", "bold")
    head.append(f"  score {result['score']:.2f} (text {result['text_similarity']:.2f}, entities {result['entity_similarity']:.2f}, copy {result['near_duplicate']:.2f})")
    if result.get("gap_days") is not None:
        head.append(f", {result['gap_days']:.0f} days apart")
    lines = [head]
    for key, label in (("shared_entities", "shared entities"), ("shared_places", "shared places"), ("shared_dates", "shared dates"), ("shared_quotes", "quotes in common")):
        if result.get(key):
            lines.append(Text(f"{label}: " + "; ".join(map(str, result[key]))))
    if result.get("shared_terms"):
        lines.append(Text("shared terms: " + ", ".join(f"{t} ({w:.2f})" for t, w in result["shared_terms"])))
    console.print(Panel(Group(*lines), title=f"{result['a'][:8]} ↔ {result['b'][:8]}", title_align="left"))


def link(
    db: DbOption = None,
    full: Annotated[bool, typer.Option("--full", help="Re-link every article from scratch (same input, same ids).")] = False,
) -> None:
    """Link stored articles into events and stories (ingest does this automatically).

    Example: [bold]storyline link --full --db news.db[/]
    """
    with library(db, must_exist=True) as sl, user_errors():
        try:
            r = sl.relink(full=full)
        except (StorylineError, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bad link setting, a damaged store: one line, exit 1, nothing lost
            err.print(f"[red]linking failed:[/] {type(exc).__name__}: {exc}; nothing was changed")
            raise typer.Exit(1) from None
    console.print(f"linked {r.linked} articles: {r.events} events, {r.stories} stories, {r.duplicates} duplicates; {len(r.log)} merges/splits")
