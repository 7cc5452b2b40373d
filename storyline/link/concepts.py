"""Topics that news words name without sharing letters: the story threader's concept dimensions.

A winter weather episode is told by dozens of regional texts that each name one side of it: "Glätte"
in Lower Saxony, "Dauerfrost" in Hesse, "Schneeschauer" in the south-west, the DWD's forecast. A
newsroom puts them all on one coverage page (the front-page labels make the episode one story), but
their words overlap too little for the cosine of their vectors. An article whose words name weather
gets weather dimensions in its story vector, one for each day around its publication
(``concept_dims``: ``C:wetter:<day>``; ``Linker.story_vector``, weight ``link.story_concept_weight``).
Events do not see them: one storm's regional reports are not all one happening, and the event
thresholds are tuned on what the words share.

The vocabulary is general German weather vocabulary, written down, not learned: the unlabelled corpora
in ``../shared/data`` hold too little weather for a learned list (240 of 333,000 headlines and
paragraphs name the weather at all). It is matched in the raw text, where "Glätte" (ice on the roads)
is not "glatte" (smooth): a word that names weather ("Schneeschauer", "Dauerfrost", "Glätteunfälle",
"glatte Straßen") is a point, one that may or may not ("glatt", "eisig", "Kälte", "Sturm"; the weather
service, which also counts lightning) half a point, and an article needs a whole point.

An article *about* the weather (``about``: one and a half points in its title and lead, "Schnee und
Glätte", "Sturmtief bringt winterliche Straßenverhältnisse") is one report of the day's weather
episode, and the event graph makes those of one day one event (``events.EventGraph``,
``link.event_episode_share``): the front-page labels make a morning's DWD warnings, regional accident
tallies and forecasts one event. An incident the weather caused names it once ("Glätte vermutet:
Unfall mit Gas-Lkw legt A9 lahm") and stays its own event.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

WEATHER = "wetter"
CONCEPT = "C:"  # the prefix of a concept's dimension in a story vector

_STRONG_START = (  # a word that begins so names weather ("Schneeschauer", "Glätteunfälle")
    "schnee", "glätte", "glatteis", "frost", "unwetter", "sturmtief", "sturmböe", "orkan", "wintereinbruch",
    "winterwetter", "winterdienst", "winterchaos", "wetterwarnung", "minusgrad",
    "polarluft", "eisregen", "blitzeis", "gewitter", "hitzewelle", "starkregen", "kälteeinbruch",
    "kältewelle", "dauerfrost", "nachtfrost", "dauerregen", "tauwetter",
)
_STRONG_END = ("schnee", "frost", "glätte", "glatteis", "unwetter", "sturmtief", "orkanböen", "blitzeis", "schneefall")
_NOT = (  # begin so, no weather ("Vinylflattener zum Glätten von Schallplatten")
    "schneewittchen", "schneekugel", "schneemann", "schneeball", "frostschutz",
    "glätten", "glättet", "glättung", "glätteisen",
)
_START, _END = "|".join(_STRONG_START), "|".join(_STRONG_END)
_STRONG = re.compile(
    rf"\b(?:(?:{_START})[\w-]*|[\w-]*(?:{_END})|glatte[nr]? (?:straße|strasse|fahrbahn|autobahn|gehweg|brücke)\w*)\b",
)
_WEAK = re.compile(
    r"\b(?:glatt|eisig|kalt|bitterkalt|eiskalt|winterlich|stürmisch)(?:e[nrms]?)?\b|\b(?:kälte|sturm|stürme|stürmen|wetter|wetterdienst\w*|dwd[\w-]*)\b"
)
# every match of either pattern contains one of these
_KEYS = tuple(sorted(set(_STRONG_START + _STRONG_END) | {"glatt", "eisig", "kalt", "kälte", "sturm", "stürm", "wetter", "winterlich", "dwd"}))


ABOUT_POINTS = 1.5  # an article whose title and lead score this is about the weather
LEAD = 400  # characters of the text that count for ``about``: a long body names the weather in passing
_NONE: frozenset[str] = frozenset()


def _points(low: str) -> float:
    """Weather points of lower-cased text: a point per distinct strong word, half per weak one."""
    strong = {w for w in _STRONG.findall(low) if not w.startswith(_NOT)}
    weak = {w for w in _WEAK.findall(low) if not any(w in s for s in strong)}  # "glatter" of "glatter Straße"
    return len(strong) + 0.5 * len(weak)


def concepts(*texts: str) -> frozenset[str]:
    """The concepts the ``texts`` of one article (its title, its text) name: ``{"wetter"}`` or nothing."""
    low = "\n".join(texts).lower()
    if not any(k in low for k in _KEYS):  # most articles: one pass of plain substring tests (~10 µs)
        return _NONE
    return frozenset((WEATHER,)) if _points(low) >= 1.0 else _NONE


def about(title: str, text: str, named: frozenset[str]) -> frozenset[str]:
    """Of the concepts an article ``named`` (``concepts``), those its title and lead are about."""
    if not named:
        return _NONE
    return named if _points(f"{title}\n{text[:LEAD]}".lower()) >= ABOUT_POINTS else _NONE


def episode_key(names: frozenset[str], day: float | None) -> str:
    """The weather episode an article about ``names`` published on ``day`` belongs to: its concept
    and its day (UTC); "" for none. One day's reports are one event; the story joins the days."""
    if not names or day is None:
        return ""
    return f"{min(names)}:{math.floor(day)}"


def episode_label(key: str) -> dict[str, str]:
    """``episode_key``'s key as an explanation reads it: the topic and the date."""
    name, _, day = key.partition(":")
    return {"topic": name, "day": (date(1970, 1, 1) + timedelta(days=int(day))).isoformat()}


def concept_dims(names: frozenset[str], day: float, weight: float) -> dict[str, float]:
    """The story-vector dimensions of the concepts an article published on ``day`` (days since the
    epoch) names: one per concept and day from the day before to the day after, together of
    ``weight``. Two articles of one day share all three, a day apart two, two days apart one, further
    apart none: a weather episode of a few days meets, a season of weather does not become one story
    (a long story's sum spreads its concept over all its days, so an article's three weigh little)."""
    d = math.floor(day)
    w = weight / math.sqrt(3.0)
    return {f"{CONCEPT}{c}:{d + k}": w for c in sorted(names) for k in (-1, 0, 1)}
