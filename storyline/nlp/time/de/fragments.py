"""Regular-expression pieces the German rules are built from (months, weekdays, units, modifiers).

Shared by the rule table (``rules``) and the builders; the tagger's sentence splitter also reads ``MON``
so that "am 4. November" is not cut after the day.
"""

from __future__ import annotations

from .. import lexicon as L
from ..patterns import alternation
from . import words as W

MON = rf"(?:(?:{alternation((k for k in W.MONTHS if not k.endswith('.')), True)})(?![\w-])|(?:{alternation((k for k in W.MONTHS if k.endswith('.')), True)}))"
WD = alternation(W.WEEKDAYS, True)
NUMW = alternation({*L.NUMBERS_DE, *(w.capitalize() for w in L.NUMBERS_DE)})
NUM = rf"(?:\d{{1,3}}(?:,\d+)?|{NUMW})"
MODW = r"(?P<mod>Anfangs|Anfang|Mitte|Ende|Beginn|Ausgang)"
REL = r"(?P<rel>(?i:vergangen|letzt|vorig|vorangegangen|zurückliegend|kommend|nächst|folgend|bevorstehend|darauffolgend|dies|laufend|heurig|diesjährig|selb|gleich))(?:e|er|es|en|em)"
ART = r"(?:der|die|das|den|dem|des)"
#: Prepositions of a span that something happens within ("binnen weniger Tage", "innerhalb eines Tages")
WITHIN = r"(?:[Bb]innen|[Ii]nnerhalb|[Ww]ährend)"
DAYPART = r"(?i:Vormittag|Nachmittag|Mittag|Abend|Nacht|Morgen|früh)"
UNIT_SG = r"(?P<unit>Woche|Wochenendes?|Monats?|Jahr(?:es)?|Jahrzehnts?|Jahrhunderts?|Quartals?|Halbjahr(?:es)?|Tag(?:es)?|Nacht|Abend|Morgen|Vormittag|Nachmittag|Mittag)"
UNIT_PL = r"(?P<unit>Jahres|Monats|Tages|Jahrzehnts|Jahrhunderts|Jahre|Jahren|Monate|Monaten|Wochen|Tage|Tagen|Stunden|Minuten|Sekunden|Jahrzehnte|Jahrzehnten|Jahrhunderte|Jahrhunderten|Wochenenden|Quartale|Jahr|Monat|Woche|Tag|Stunde|Minute|Sekunde|Jahrzehnt|Jahrhundert|Wochenende|Quartal)"
NOT_UNIT_AFTER = r"(?!\s*(?:Prozent|%|Euro|€|Dollar|Franken|Mark|DM|Schilling|Lire|Pfund|Rubel|Yen|Kronen|Meter|Kilo|Tonnen|Stück|Punkte|Menschen|Einwohner|Mitglieder|Besucher|Personen|Mal|mal|Seiten|Quadrat|km|m\b|kg|Liter|Grad|Stimmen|Tore|Millionen|Milliarden)\b)"
