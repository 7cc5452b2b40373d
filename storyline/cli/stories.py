"""``storyline stories``, ``story ID``, ``events``, ``compare A B``, ``link``: the story layer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..errors import StorylineError
from ..model import Event, Story, StoryEntry
from ..views.records import story_detail
from ..views.titles import reader_title
from ..views.when import when
from .common import DbOption, JsonOption, console, err, fail, library, print_json, user_errors

if TYPE_CHECKING:
    from ..library import Storyline

KIND_MARK = {"happened": ("●", "bold green"), "planned": ("◆", "bold yellow"), "said": ("❝", "bold cyan")}


def register(app: typer.Typer) -> None:
    app.command("stories")(stories)
    app.command("story")(story)
    app.command("events")(events)
    app.command("compare")(compare)
    app.command("link")(link)


def _names(sl: Storyline, ids: list[str]) -> dict[str, str]:
    from ..errors import NotFound

    out = {}
    for i in dict.fromkeys(ids):
        try:
            out[i] = sl.entity(i).name
        except NotFound:
            out[i] = i
    return out


def _one_story(sl: Storyline, prefix: str) -> Story:
    from ..errors import NotFound

    try:
        return sl.story(prefix)
    except NotFound:
        fail(f"no story with id {prefix!r}", code=1)


def _day(value: str | None) -> str:
    return (value or "")[:10]


def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many stories (largest first).")] = 30,
    as_json: JsonOption = False,
) -> None:
    """List stories: threads of events over weeks and months, largest first.

    Example: [bold]storyline stories --db news.db[/]
    """
    with library(db, must_exist=True) as sl:
        rows = sl.stories(limit=limit, order="size")
        names = _names(sl, [e for r in rows for e in r.entity_ids[:5]])
    if as_json:
        print_json({"stories": [{"story_id": r.id, "title": r.title, "event_ids": r.event_ids, "article_ids": r.article_ids} for r in rows]})
        return
    table = Table(title=f"{len(rows)} stories", title_justify="left")
    for col, kw in (("id", {"style": "cyan", "no_wrap": True}), ("events", {"justify": "right"}), ("articles", {"justify": "right"}), ("from – to", {"no_wrap": True}), ("title / key entities", {})):
        table.add_column(col, **kw)
    for r in rows:
        ents = ", ".join(names.get(e, e) for e in r.entity_ids[:5])
        span = f"{_day(r.start)} – {_day(r.end)}"
        table.add_row(r.id, str(len(r.event_ids)), str(len(r.article_ids)), span, Text(f"{reader_title(r.title or '')}\n{ents}"))
    console.print(table)


def timeline_view(entries: list[StoryEntry], outlets: dict[str, str] | None = None) -> Table:
    """A story's timeline drawn for people: date, what kind of statement, the sentence, its sources
    (short article id and outlet)."""
    table = Table(title="timeline (by the date things happened or are planned for)", title_justify="left", show_lines=False)
    table.add_column("date", no_wrap=True, style="bold")
    table.add_column("", no_wrap=True)
    table.add_column("what", ratio=1)
    table.add_column("sources", style="dim", no_wrap=True)
    for e in entries:
        mark, style = KIND_MARK.get(e.kind, ("·", ""))
        date = when(e.date, e.mod)
        ids = sorted({s.article_id for s in e.sources} or {e.article_id})
        sources = ", ".join(f"{a[:8]} {(outlets or {}).get(a, '')}".strip() for a in ids)
        table.add_row(date, Text(f"{mark} {e.kind}", style), Text(e.text), Text(sources))
    return table


def story_view(
    st: Story, events: list[Event], names: dict[str, str], outlets: dict[str, str] | None = None
) -> RenderableType:
    head = Text()
    head.append(f"{st.id}", "cyan")
    head.append(f"  {len(events)} events, {len(st.article_ids)} articles, {_day(st.start)} – {_day(st.end)}")
    ents = [names.get(e, e) for e in st.entity_ids]
    if ents:
        head.append("\nkey entities: ", "dim")
        head.append(", ".join(ents[:12]))
    if st.key_terms:
        head.append("\nkey terms: ", "dim")
        head.append(", ".join(st.key_terms[:12]))
    ev = Table(title="events", title_justify="left")
    for col in ("event", "from – to", "articles (outlet)", "title"):
        ev.add_column(col)
    for e in events:
        carried = ", ".join(f"{a[:8]} {(outlets or {}).get(a, '')}".strip() for a in e.article_ids[:12])
        more = f" +{len(e.article_ids) - 12}" if len(e.article_ids) > 12 else ""
        ev.add_row(e.id, f"{_day(e.start)} – {_day(e.end)}", Text(carried + more), Text(reader_title(e.title or "")))
    parts: list[RenderableType] = [head, Text(""), ev]
    if st.timeline:
        parts.append(timeline_view(st.timeline, outlets))
    return Panel(Group(*parts), title=Text(reader_title(st.title or "") or st.id, style="bold"), title_align="left")


def _story_panel(sl: Storyline, st: Story) -> RenderableType:
    events = sl.events(story_id=st.id, limit=None)
    shown = [a for e in events for a in e.article_ids[:12]]
    shown += [s.article_id for entry in st.timeline for s in entry.sources] + [entry.article_id for entry in st.timeline]
    outlets = {a.id: a.source or "" for a in sl.articles_by_id(shown)}
    return story_view(st, events, _names(sl, st.entity_ids[:12]), outlets)


def story_views(sl: Storyline, limit: int = 5) -> list[RenderableType]:
    return [_story_panel(sl, st) for st in sl.stories(limit=limit, order="size")]


def story(
    story_id: Annotated[str, typer.Argument(help="Story id (a unique prefix is enough).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one story: title, key entities, its events, and its timeline drawn in the terminal.

    Example: [bold]storyline story st_1a2b --db news.db[/]
    """
    with library(db, must_exist=True) as sl, user_errors():
        st = _one_story(sl, story_id)
        if as_json:
            print_json(story_detail(st))
            return
        console.print(_story_panel(sl, st))


def events(
    db: DbOption = None,
    story_id: Annotated[str | None, typer.Option("--story", help="Only events of this story.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n")] = 50,
    order: Annotated[
        str,
        typer.Option("--order", help="time: the first to start first; recent: the latest active first; "
                     "size: the most articles first."),
    ] = "time",
    as_json: JsonOption = False,
) -> None:
    """List events (sets of articles reporting the same happening), in time order by default.

    Example: [bold]storyline events --db news.db --order recent[/]
    """
    with library(db, must_exist=True) as sl, user_errors():
        from ..errors import NotFound

        try:
            sid = sl.story(story_id).id if story_id else None
        except NotFound:
            sid = ""
        rows = sl.events(story_id=sid, limit=limit, order=order) if sid != "" else []
    if as_json:
        print_json({"events": [{"event_id": r.id, "story_id": r.story_id, "title": r.title, "start": r.start, "end": r.end, "article_ids": r.article_ids} for r in rows]})
        return
    table = Table(title=f"{len(rows)} events", title_justify="left")
    for col in ("event", "story", "from – to", "articles", "title"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.id, r.story_id or "", f"{_day(r.start)} – {_day(r.end)}", str(len(r.article_ids)), Text(reader_title(r.title or "")))
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
    names = result.get("entity_names") or {}
    for key, label in (("shared_entities", "shared entities"), ("shared_places", "shared places"), ("shared_dates", "shared dates"), ("shared_quotes", "quotes in common")):
        if result.get(key):
            shown = [f"{names[v]} ({v[:12]})" if v in names else str(v) for v in result[key]]
            lines.append(Text(f"{label}: " + "; ".join(shown)))
    if result.get("shared_terms"):
        lines.append(Text("shared terms: " + ", ".join(f"{t} ({w:.2f})" for t, w in result["shared_terms"])))
    for side in ("a", "b"):
        lines.insert(0 if side == "a" else 1, Text(f"{result[side][:8]}  {result.get(side + '_title') or ''}", "dim"))
    console.print(Panel(Group(*lines), title=f"{result['a'][:8]} ↔ {result['b'][:8]}", title_align="left"))


def link(
    db: DbOption = None,
    full: Annotated[bool, typer.Option("--full", help="Re-link every article from scratch (same input, same ids).")] = False,
    as_json: JsonOption = False,
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
    if as_json:
        print_json({"linked": r.linked, "events": r.events, "stories": r.stories, "duplicates": r.duplicates,
                    "new_events": r.new_events, "new_stories": r.new_stories, "merges_splits": len(r.log)})
        return
    console.print(f"linked {r.linked} articles: {r.events} events, {r.stories} stories, {r.duplicates} duplicates; {len(r.log)} merges/splits")
