"""Words the shared machinery reads for both languages: number words, holidays, tense cues.

``patterns.number`` reads the number words of either language, ``normalize`` resolves holidays by
name whichever rules found them, and the tagger reads the direction of a clause from the cue words.
Everything only one language's rules read lives in its package (``de.words``, ``en.words``).
"""

from __future__ import annotations

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

# Fixed-date holidays (month, day) and Easter-relative ones (offset in days from Easter Sunday).
HOLIDAYS_FIXED: dict[str, tuple[int, int]] = {
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
