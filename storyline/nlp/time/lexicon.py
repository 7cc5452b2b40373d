"""Word lists for German and English time expressions.

Kept apart from the patterns so that adding a spelling (Austrian "Jänner", South Tyrolean "heuer")
never means touching a regular expression. Every list maps a surface form (lower case) to what it
means; the patterns are built from the keys, the normaliser reads the values.
"""

from __future__ import annotations

MONTHS_DE: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feber": 2, "feb.": 2, "märz": 3, "mär.": 3,
    "april": 4, "apr.": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "aug.": 8, "september": 9,
    "sept.": 9, "sep.": 9, "oktober": 10, "okt.": 10, "november": 11, "nov.": 11, "dezember": 12,
    "dez.": 12,
}
MONTHS_EN: dict[str, int] = {
    "january": 1, "jan.": 1, "february": 2, "feb.": 2, "march": 3, "mar.": 3, "april": 4, "apr.": 4,
    "may": 5, "june": 6, "july": 7, "august": 8, "aug.": 8, "september": 9, "sept.": 9, "sep.": 9,
    "october": 10, "oct.": 10, "november": 11, "nov.": 11, "december": 12, "dec.": 12,
}

# ISO weekday numbers (Monday = 1).
WEEKDAYS_DE: dict[str, int] = {
    "montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5, "samstag": 6,
    "sonnabend": 6, "sonntag": 7,
}
WEEKDAYS_EN: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

# Parts of the day, as TIMEX3 codes.
DAYPARTS_DE: dict[str, str] = {
    "morgen": "MO", "früh": "MO", "vormittag": "MO", "mittag": "MI", "nachmittag": "AF",
    "abend": "EV", "nacht": "NI", "morgenstunden": "MO", "abendstunden": "EV",
    "nachmittagsstunden": "AF", "mittagsstunden": "MI", "nachtstunden": "NI",
}
DAYPARTS_EN: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "noon": "MI",
}

SEASONS_DE: dict[str, str] = {
    "frühling": "SP", "frühjahr": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI",
}
SEASONS_EN: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

NUMBERS_DE: dict[str, int] = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "zwei": 2, "beiden": 2,
    "beide": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
    "hundert": 100, "einhundert": 100, "tausend": 1000, "anderthalb": 1, "eineinhalb": 1,
    "zweieinhalb": 2,
}
# "dreieinhalb Stunden", "sechseinhalb Jahre": a number and a half (the value is the whole part; see
# patterns.number for the half)
NUMBERS_DE.update({f"{w}einhalb": n for w, n in list(NUMBERS_DE.items()) if 3 <= n <= 12 and w.isalpha()
                   and w not in ("beiden", "beide")})
NUMBERS_EN: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
# Vague quantities make unspecified durations (PXY).
VAGUE_DE = ("viele", "vielen", "einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen",
            "lange", "langen", "etliche", "etlichen", "paar")
VAGUE_EN = ("many", "several", "few", "some")

ORDINALS_DE: dict[str, int] = {
    "erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "acht": 8,
    "neunt": 9, "zehnt": 10, "elft": 11, "zwölft": 12, "letzt": -1,
}

# Ordinal day numbers written as words ("am ersten Oktober"), stem -> day of the month.
DAY_ORDINALS_DE: dict[str, int] = {
    **{w: n for w, n in ORDINALS_DE.items() if n > 0},
    "dreizehnt": 13, "vierzehnt": 14, "fünfzehnt": 15,
    "sechzehnt": 16, "siebzehnt": 17, "achtzehnt": 18, "neunzehnt": 19, "zwanzigst": 20, "dreißigst": 30,
    "einunddreißigst": 31,
    **{f"{u}undzwanzigst": 20 + i for i, u in enumerate(["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben",
                                                        "acht", "neun"], 1)},
}

# Decades written as words: "Fünfzigerjahre", "fünfziger Jahre" (Swiss "dreissiger"); 0 is the 2000s
# ("die Nullerjahre"), the rest lie in the 1900s.
DECADES_DE: dict[str, int] = {
    "nuller": 0, "zwanziger": 2, "dreißiger": 3, "dreissiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6,
    "siebziger": 7, "achtziger": 8, "neunziger": 9,
}

# Units: surface stem -> TIMEX3 duration letter and granularity name.
UNITS_DE: dict[str, tuple[str, str]] = {
    "jahr": ("Y", "year"), "monat": ("M", "month"), "woche": ("W", "week"), "tag": ("D", "day"),
    "stunde": ("H", "hour"), "minute": ("MIN", "minute"), "sekunde": ("S", "second"),
    "jahrzehnt": ("DE", "decade"), "jahrhundert": ("CE", "century"), "quartal": ("Q", "quarter"),
    "wochenende": ("WE", "weekend"), "halbjahr": ("H2", "half"), "jahrtausend": ("ML", "millennium"),
}
UNITS_EN: dict[str, tuple[str, str]] = {
    "year": ("Y", "year"), "month": ("M", "month"), "week": ("W", "week"), "day": ("D", "day"),
    "hour": ("H", "hour"), "minute": ("MIN", "minute"), "second": ("S", "second"),
    "decade": ("DE", "decade"), "century": ("CE", "century"), "quarter": ("Q", "quarter"),
    "weekend": ("WE", "weekend"),
}

# Relative modifiers: surface stem -> offset in units (None = "this/current").
RELATIVE_DE: dict[str, int] = {
    "vergangen": -1, "letzt": -1, "vorig": -1, "vorangegangen": -1, "zurückliegend": -1,
    "kommend": 1, "nächst": 1, "folgend": 1, "bevorstehend": 1, "darauffolgend": 1,
    "dies": 0, "laufend": 0, "heurig": 0, "aktuell": 0, "gleich": 0, "selb": 0, "diesjährig": 0,
}
RELATIVE_EN: dict[str, int] = {
    "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1, "this": 0,
    "current": 0,
}

# One-word deictic dates: surface -> day offset from the anchor.
DEICTIC_DAYS_DE: dict[str, int] = {
    "heute": 0, "gestern": -1, "morgen": 1, "vorgestern": -2, "übermorgen": 2,
}
DEICTIC_DAYS_EN: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}

REFS_DE: dict[str, str] = {
    "jetzt": "PRESENT_REF", "derzeit": "PRESENT_REF", "gegenwärtig": "PRESENT_REF", "heutzutage": "PRESENT_REF", "momentan": "PRESENT_REF",
    "damals": "PAST_REF", "kürzlich": "PAST_REF", "einst": "PAST_REF",
    "jüngst": "PAST_REF", "seinerzeit": "PAST_REF", "neulich": "PAST_REF", "unlängst": "PAST_REF", "bald": "FUTURE_REF",
    "demnächst": "FUTURE_REF", "zukünftig": "FUTURE_REF",
    "in naher zukunft": "FUTURE_REF",
    "dieser tage": "PRESENT_REF",  # "wie er dieser Tage sagte": these days, now
}
REFS_EN: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF", "formerly": "PAST_REF", "soon": "FUTURE_REF",
    "in the future": "FUTURE_REF",
}

# Regular frequencies: surface -> TIMEX3 SET value.
SETS_DE: dict[str, str] = {
    "täglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M", "jährlich": "P1Y",
    "alljährlich": "P1Y", "stündlich": "PT1H", "vierteljährlich": "P3M", "halbjährlich": "P6M",
    "montags": "XXXX-WXX-1", "dienstags": "XXXX-WXX-2", "mittwochs": "XXXX-WXX-3",
    "donnerstags": "XXXX-WXX-4", "freitags": "XXXX-WXX-5", "samstags": "XXXX-WXX-6",
    "sonntags": "XXXX-WXX-7", "werktags": "XXXX-WXX-WD", "wochenends": "XXXX-WXX-WE",
    "abends": "XXXX-XX-XXTEV", "morgens": "XXXX-XX-XXTMO", "nachts": "XXXX-XX-XXTNI",
    "vormittags": "XXXX-XX-XXTMO", "nachmittags": "XXXX-XX-XXTAF",
}
SETS_EN: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H",
}

# Fixed-date holidays (month, day) and Easter-relative ones (offset in days from Easter Sunday).
HOLIDAYS_FIXED_DE: dict[str, tuple[int, int]] = {
    "neujahr": (1, 1), "neujahrstag": (1, 1), "heiligabend": (12, 24), "heiliger abend": (12, 24),
    "weihnachten": (12, 24), "christtag": (12, 25), "stephanstag": (12, 26),
    "erster weihnachtsfeiertag": (12, 25), "zweiter weihnachtsfeiertag": (12, 26), "ersten weihnachtsfeiertag": (12, 25),
    "zweiten weihnachtsfeiertag": (12, 26), "reformationstag": (10, 31), "frauentag": (3, 8),
    "weltfrauentag": (3, 8), "halloween": (10, 31), "silvester": (12, 31),
    "dreikönigstag": (1, 6), "valentinstag": (2, 14), "tag der arbeit": (5, 1),
    "maifeiertag": (5, 1), "mariä himmelfahrt": (8, 15), "maria himmelfahrt": (8, 15),
    "allerheiligen": (11, 1), "allerseelen": (11, 2), "tag der deutschen einheit": (10, 3),
    "nikolaustag": (12, 6), "christmas": (12, 25), "new year's day": (1, 1),
    "new year's eve": (12, 31), "christmas eve": (12, 24), "independence day": (7, 4),
}
HOLIDAYS_EASTER: dict[str, int] = {
    "ostern": 0, "ostersonntag": 0, "karsamstag": -1, "ostersamstag": -1, "palmsonntag": -7, "ostermontag": 1, "karfreitag": -2, "gründonnerstag": -3,
    "pfingsten": 49, "pfingstsonntag": 49, "pfingstmontag": 50, "christi himmelfahrt": 39,
    "fronleichnam": 60, "aschermittwoch": -46, "easter": 0, "good friday": -2,
}

# Cue words for the direction of a sentence (tense without a tagger).
FUTURE_CUES = frozenset(
    ["wird", "werden", "werde", "wirst", "werdet", "soll", "sollen", "sollte", "sollten", "will", "wollen", "plant", "planen", "geplant", "kommende", "kommenden", "kommender", "nächste", "nächsten", "nächster", "künftig", "bevorstehend", "voraussichtlich", "anstehend", "anstehenden", "demnächst", "bald", "will'll", "will", "shall", "going", "upcoming", "next", "would", "scheduled"]
)
PAST_CUES = frozenset(
    ["war", "waren", "wurde", "wurden", "hatte", "hatten", "hat", "haben", "habe", "hätte", "hätten", "sagte", "sagten", "erklärte", "erklärten", "teilte", "teilten", "berichtete", "berichteten", "kam", "kamen", "starb", "gestorben", "ging", "gingen", "fand", "fanden", "vergangene", "vergangenen", "vergangener", "letzte", "letzten", "voriger", "vorigen", "vorige", "gestern", "zuvor", "bereits", "was", "were", "had", "did", "said", "ago", "last", "yesterday"]
)
# Common strong (irregular) preterites; weak ones ("bestätigte", "meldeten") are recognised by their ending.
STRONG_PAST_DE = frozenset(
    ["gab", "gaben", "nahm", "nahmen", "hielt", "hielten", "fiel", "fielen", "rief", "riefen", "stieg", "stiegen",
     "blieb", "blieben", "schrieb", "schrieben", "zog", "zogen", "lag", "lagen", "stand", "standen", "sah", "sahen",
     "begann", "begannen", "gewann", "gewannen", "verlor", "verloren", "trat", "traten", "traf", "trafen", "sprach",
     "sprachen", "floh", "flohen", "brach", "brachen", "schlug", "schlugen", "wies", "wiesen", "lief", "liefen",
     "erschien", "erschienen", "entschied", "entschieden", "verließ", "verließen", "ließ", "ließen", "bot", "boten",
     "galt", "fuhr", "fuhren", "saß", "saßen", "tat", "taten", "wusste", "wussten", "musste", "mussten",
     "konnte", "konnten", "durfte", "durften", "brachte", "brachten", "dachte", "dachten", "kannte", "nannte",
     "nannten", "beschloss", "beschlossen", "schoss", "schossen", "stürzte", "warf", "warfen", "erhielt", "erhielten",
     "betrug", "hieß", "hießen", "geschah", "bekam", "bekamen", "wurde", "wurden", "starb", "starben", "erschoss",
     "griff", "griffen", "schloss", "stieß", "fing", "ergab", "verbot", "befahl", "entkam", "gelang", "wich",
     "überfiel", "sank", "stahl", "flog", "flogen", "bat", "baten", "empfing", "beging", "verschwand", "lud", "fand",
     "fanden", "kam", "kamen", "ging", "gingen", "barg", "bargen"]
)
