"""Pictures drawn on the server as SVG: a story's timeline and an entity's mentions per day.

The timeline places each entry at the time it refers to, as the interval its TIMEX3 value names:
a day is a dot, "2018-05" a bar over May, "195X" a bar over the 1950s. Granularity is never sharpened
into a false day. Every text that reaches the SVG is escaped and stripped of bidi controls; styling is
by class (the page's stylesheet), so the CSP needs no inline styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from ..views.when import CENTURY, DECADE, when
from .text import clean

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_YEAR = re.compile(r"^(\d{4})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)$")
_PARTS = {"Q1": (1, 3), "Q2": (4, 3), "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6), "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3)}
KIND_LABEL = {"happened": "happened", "planned": "planned", "said": "said"}


def _months(year: int, month: int, n: int) -> tuple[date, date]:
    start = date(year, month, 1)
    end_month = month - 1 + n
    return start, date(year + end_month // 12, end_month % 12 + 1, 1)


def interval(value: str) -> tuple[date, date] | None:
    """The half-open interval of days a TIMEX3 date value names, or None when it names none
    (``XXXX-05``, durations, sets)."""
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d + timedelta(days=1)
        if m := _MONTH.match(value):
            return _months(int(m[1]), int(m[2]), 1)
        if m := _WEEK.match(value):
            d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + timedelta(days=7)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]) + 1, 1, 1)
        if m := _PART.match(value):
            return _months(int(m[1]), *_PARTS[m[2]])
        if m := DECADE.match(value):
            return date(int(m[1]) * 10, 1, 1), date(int(m[1]) * 10 + 10, 1, 1)
        if m := CENTURY.match(value):
            return date(max(1, int(m[1]) * 100), 1, 1), date(int(m[1]) * 100 + 100, 1, 1)
    except ValueError:
        return None
    return None


@dataclass(slots=True, frozen=True)
class Placed:
    entry: dict[str, Any]
    start: date
    end: date


WIDTH, LEFT, RIGHT, ROW, TOP, BREAK = 960, 200, 20, 26, 34, 28


@dataclass(slots=True)
class Axis:
    """A time axis in pieces: stretches of time with entries are drawn to scale, the empty decades
    between them are cut out and marked (a story about 2018 that recalls the Korean War of the 1950s
    would otherwise squeeze all of 2018 into one pixel)."""

    pieces: list[tuple[date, date, float, float]]  # (from, to, x from, x to)

    @classmethod
    def fit(cls, spans: list[tuple[date, date]], x0: float, x1: float) -> Axis:
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        gap = max((hi - lo).days * 0.2, 60)
        clusters: list[list[date]] = []
        counts: list[int] = []
        for a, b in sorted(spans):
            if clusters and (a - clusters[-1][1]).days <= gap:
                clusters[-1][1] = max(clusters[-1][1], b)
                counts[-1] += 1
            else:
                clusters.append([a, b])
                counts.append(1)
        room = x1 - x0 - BREAK * (len(clusters) - 1)
        share = [max(n / len(spans), 0.15) for n in counts]  # width follows the entries, not the years
        widths = [room * w / sum(share) for w in share]
        pieces, x = [], x0
        for (a, b), w in zip(clusters, widths, strict=True):
            pieces.append((a, b, x, x + w))
            x += w + BREAK
        return cls(pieces)

    def x(self, d: date) -> float:
        for a, b, xa, xb in self.pieces:
            if d <= b:
                return xa + (xb - xa) * max((d - a).days, 0) / max((b - a).days, 1)
        return self.pieces[-1][3]

    def svg(self) -> list[str]:
        out = []
        for i, (a, b, xa, xb) in enumerate(self.pieces):
            out.append(f'<line class="axis" x1="{xa:.1f}" y1="{TOP - 6}" x2="{xb:.1f}" y2="{TOP - 6}"/>')
            if i:
                out.append(f'<text class="break" x="{xa - BREAK / 2:.1f}" y="{TOP - 2}" text-anchor="middle">≈</text>')
            last = i == len(self.pieces) - 1
            for d, label in _ticks(a, b, xb - xa):
                x = self.x(d)
                if last or x < xb - 30:  # no label running into the next piece
                    out.append(f'<text class="tick" x="{x:.1f}" y="{TOP - 12}" text-anchor="middle">{label}</text>')
        return out


def _ticks(a: date, b: date, width: float) -> list[tuple[date, str]]:
    most = max(int(width // 70), 1)
    years = b.year - a.year
    if years >= 2:
        step = next((s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if years / s <= most), 1000)
        first = -(-a.year // step) * step
        return [(date(y, 1, 1), str(y)) for y in range(first, b.year + 1, step) if a <= date(y, 1, 1) <= b]
    months = (b.year - a.year) * 12 + b.month - a.month
    step = next((s for s in (1, 2, 3, 6, 12) if months / s <= most), 12)
    out, d = [], date(a.year, a.month, 1)
    while d <= b:
        if d >= a and (d.month - 1) % step == 0:
            out.append((d, d.isoformat()[:7]))
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def _mark(cls: str, x0: float, w: float, y: int) -> str:
    """A dot for a day, a bar for a longer period; the shape tells the kind without colour."""
    if w >= 8:
        return f'<rect class="bar {cls}" x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="12" rx="3"/>'
    cx, cy = x0 + w / 2, y + 9
    if cls == "planned":
        return f'<polygon class="mark planned" points="{cx:.1f},{cy - 7} {cx + 7:.1f},{cy} {cx:.1f},{cy + 7} {cx - 7:.1f},{cy}"/>'
    if cls == "said":
        return f'<rect class="mark said" x="{cx - 6:.1f}" y="{cy - 6}" width="12" height="12" rx="2"/>'
    return f'<circle class="mark {cls}" cx="{cx:.1f}" cy="{cy}" r="6"/>'


def timeline_svg(entries: list[dict[str, Any]], link: str = "/articles/{article_id}#c{start}") -> Markup:
    """The timeline as an SVG element: one row per entry, in date order, a bar or mark on a shared
    time axis, the date as written on the left, the sentence as the row's tooltip and link."""
    placed = sorted(
        (Placed(e, *iv) for e in entries if (iv := interval(str(e.get("date", "")))) is not None),
        key=lambda p: (p.start, p.end, p.entry.get("start", 0)),
    )
    if not placed:
        return Markup('<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="400" height="30" role="img" aria-label="no dated statements"><text x="4" y="20" class="tick">no dated statements</text></svg>')
    axis = Axis.fit([(p.start, p.end) for p in placed], LEFT, WIDTH - RIGHT)
    height = TOP + ROW * len(placed) + 10
    out = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="timeline of {len(placed)} dated statements">',
        *axis.svg(),
    ]
    for i, p in enumerate(placed):
        y = TOP + i * ROW
        x0 = axis.x(p.start)
        w = max(axis.x(p.end) - x0, 0.0)
        kind = p.entry.get("kind", "")
        cls = kind if kind in KIND_LABEL else "other"
        value = str(p.entry.get("date", "")) + (f" {p.entry['mod']}" if p.entry.get("mod") else "")
        date_text = when(str(p.entry.get("date", "")), p.entry.get("mod"))
        href = link.format(article_id=p.entry.get("article_id", ""), start=int(p.entry.get("start", 0)))
        tip = f"{date_text} · {KIND_LABEL.get(kind, kind)} · {p.entry.get('text', '')}"
        out.append(
            f'<a class="entry" href="{escape(href)}" data-date="{escape(clean(value))}" data-kind="{escape(cls)}">'
            f"<title>{escape(clean(tip))}</title>"
            f'<text class="date" x="{LEFT - 8}" y="{y + 14}" text-anchor="end">{escape(clean(date_text))}</text>'
            f"{_mark(cls, x0, w, y)}</a>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def bars_svg(points: list[tuple[str, int]], label: str = "mentions per day") -> Markup:
    """Mentions per day as bars on a day axis (days without mentions stay empty, so a gap of two
    months looks like one), each bar titled with its day and count."""
    days = []
    for day, n in points:
        try:
            days.append((date.fromisoformat(day), n))
        except ValueError:
            continue  # "undated"
    if not days:
        return Markup('<p class="muted">No dated mentions.</p>')
    width, height, pad = 960, 120, 20
    first, last = days[0][0], days[-1][0]
    span = (last - first).days + 1
    step = (width - 2 * pad) / span
    top = max(n for _, n in days)
    out = [f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 20}" width="{width}" height="{height + 20}" role="img" aria-label="{escape(label)}">']
    out.append(f'<line class="axis" x1="{pad}" y1="{height}" x2="{width - pad}" y2="{height}"/>')
    for at, n in days:
        h = max(n / top * (height - pad), 1)
        x = pad + (at - first).days * step
        out.append(
            f'<rect class="bar" x="{x:.1f}" y="{height - h:.1f}" width="{max(min(step - 1, 40), 2):.1f}" height="{h:.1f}">'
            f"<title>{at.isoformat()}: {n}</title></rect>"
        )
    out.append(f'<text class="tick" x="{pad}" y="{height + 15}">{first.isoformat()}</text>')
    if last != first:
        out.append(f'<text class="tick" x="{width - pad}" y="{height + 15}" text-anchor="end">{last.isoformat()}</text>')
    out.append("</svg>")
    return Markup("".join(out))
