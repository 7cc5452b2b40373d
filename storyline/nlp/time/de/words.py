"""German word lists for time expressions.

Kept apart from the patterns so that adding a spelling (Austrian "Jänner", South Tyrolean "heuer")
never means touching a regular expression. Every list maps a surface form (lower case) to what it
means; the patterns are built from the keys, the builders read the values.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feber": 2, "feb.": 2, "märz": 3, "mär.": 3,
    "april": 4, "apr.": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug.": 8, "september": 9,
    "sept.": 9, "sep.": 9, "oktober": 10, "okt.": 10, "november": 11, "nov.": 11, "dezember": 12,
    "dez.": 12,
}

# ISO weekday numbers (Monday = 1).
WEEKDAYS: dict[str, int] = {
    "montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
    "sonnabend": 6, "sonntag": 7,
}

# Parts of the day, as TIMEX3 codes.
DAYPARTS: dict[str, str] = {
    "morgen": "MO", "früh": "MO", "vormittag": "MO", "mittag": "MI", "nachmittag": "AF",
    "abend": "EV", "nacht": "NI", "morgenstunden": "MO", "abendstunden": "EV",
    "nachmittagsstunden": "AF", "mittagsstunden": "MI", "nachtstunden": "NI",
}

SEASONS: dict[str, str] = {
    "frühling": "SP", "frühjahr": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI",
}

# Vague quantities make unspecified durations (PXY).
VAGUE = ("viele", "vielen", "einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen",
         "lange", "langen", "etliche", "etlichen", "paar")

ORDINALS: dict[str, int] = {
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8,
    "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12, "letzt": -1,
}

# Ordinal day numbers written as words ("am ersten Oktober"), stem -> day of the month.
DAY_ORDINALS: dict[str, int] = {
    **{w: n for w, n in ORDINALS.items() if n > 0},
    "dreizehnt": 13, "vierzehnt": 14, "fünfzehnt": 15,
    "sechzehnt": 16, "siebzehnt": 17, "achtzehnt": 18, "neunzehnt": 19, "zwanzigst": 20, "dreißigst": 30,
    "einunddreißigst": 31,
    **{f"{u}undzwanzigst": 20 + i for i, u in enumerate(["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben",
                                                        "acht", "neun"], 1)},
}

# Decades written as words: "Fünfzigerjahre", "fünfziger Jahre" (Swiss "dreissiger"); 0 is the 2000s
# ("die Nullerjahre"), the rest lie in the 1900s.
DECADES: dict[str, int] = {
    "nuller": 0, "zwanziger": 2, "dreißiger": 3, "dreissiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
    "siebziger": 7, "achtziger": 8, "neunziger": 9,
}

# Units: surface stem -> TIMEX3 duration letter and granularity name.
UNITS: dict[str, tuple[str, str]] = {
    "jahr": ("Y", "year"), "monat": ("M", "month"), "woche": ("W", "week"), "tag": ("D", "day"),
    "stunde": ("H", "hour"), "minute": ("MIN", "minute"), "sekunde": ("S", "second"),
    "jahrzehnt": ("DE", "decade"), "jahrhundert": ("CE", "century"), "quartal": ("Q", "quarter"),
    "wochenende": ("WE", "weekend"), "halbjahr": ("H2", "half"), "jahrtausend": ("ML", "millennium"),
}

# Relative modifiers: surface stem -> offset in units (None = "this/current").
RELATIVE: dict[str, int] = {
    "vergangen": -1, "letzt": -1, "vorig": -1, "vorangegangen": -1, "zurückliegend": -1,
    "kommend": 1, "nächst": 1, "folgend": 1, "bevorstehend": 1, "darauffolgend": 1,
    "dies": 0, "laufend": 0, "heurig": 0, "aktuell": 0, "gleich": 0, "selb": 0, "diesjährig": 0,
}

# One-word deictic dates: surface -> day offset from the anchor.
DEICTIC_DAYS: dict[str, int] = {
    "heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "übermorgen": 2,
}

REFS: dict[str, str] = {
    "jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "gegenwärtig": "PRESENT_REF", "heutzutage": "PRESENT_REF", "momentan": "PRESENT_REF",
    "damals": "PAST_REF", "kürzlich": "PAST_REF", "einst": "PAST_REF",
    "jüngst": "PAST_REF", "seinerzeit": "PAST_REF", "neulich": "PAST_REF", "unlängst": "PAST_REF", "bald": "FUTURE_REF",
    "demnächst": "FUTURE_REF", "zukünftig": "FUTURE_REF",
    "in naher zukunft": "FUTURE_REF",
    "dieser tage": "PRESENT_REF",  # "wie er dieser Tage sagte": these days, now
}

# Regular frequencies: surface -> TIMEX3 SET value.
SETS: dict[str, str] = {
    "täglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M", "jährlich": "P1Y",
    "alljährlich": "P1Y", "stündlich": "PT1H", "vierteljährlich": "P3M", "halbjährlich": "P6M",
    "montags": "XXXX-WXX-1", "dienstags": "XXXX-WXX-2", "mittwochs": "XXXX-WXX-3",
    "donnerstags": "XXXX-WXX-4", "freitags": "XXXX-WXX-5", "samstags": "XXXX-WXX-6",
    "sonntags": "XXXX-WXX-7", "werktags": "XXXX-WXX-WD", "wochenends": "XXXX-WXX-WE",
    "abends": "XXXX-XX-XXTEV", "morgens": "XXXX-XX-XXTMO", "nachts": "XXXX-XX-XXTNI",
    "vormittags": "XXXX-XX-XXTMO", "nachmittags": "XXXX-XX-XXTAF",
}
