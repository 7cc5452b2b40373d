"""German extraction rules (our own, after the TimeML/KRAUTS annotation ideas): the rule table.

Each rule is (name, regular expression, builder); order breaks ties between equally long matches.
"""

from __future__ import annotations

import re

from .. import lexicon as L
from ..patterns import DAY, YEAR, Rule, b_set_every_n, compile_rules
from . import words as W
from .builders import (
    PRE,
    b_bc_year,
    b_century,
    b_clock,
    b_clock_half,
    b_clock_word,
    b_day_before_range,
    b_daypart,
    b_daypart_date,
    b_decade,
    b_deictic,
    b_deictic_adj,
    b_fixed_ref,
    b_former,
    b_full_date,
    b_half_of_year,
    b_holiday,
    b_in_course_of,
    b_iso,
    b_midnight,
    b_month,
    b_month_rel_year,
    b_month_year,
    b_night_before,
    b_numeric_date,
    b_ordinal_day_month,
    b_ordinal_unit,
    b_present_ref,
    b_prev_unit,
    b_quarter,
    b_ref_day,
    b_rel_duration,
    b_rel_season,
    b_rel_unit,
    b_rel_weekday,
    b_same_unit,
    b_season,
    b_season_after,
    b_season_rel_year,
    b_unit_after,
    b_unit_edge,
    b_weekday,
    b_weekday_of_week,
    b_weekend,
    b_year,
    b_year_short,
    b_year_span,
)
from .durations import (
    b_adj_duration,
    b_duration,
    b_duration_range,
    b_half_duration,
    b_hm_duration,
    b_later,
    b_long_duration,
    b_quarter_century,
    b_set_daypart,
    b_set_each,
    b_set_month,
    b_set_season,
    b_set_word,
    b_vague_duration,
)
from .fragments import (
    ART,
    DAYPART,
    MODW,
    MON,
    NOT_UNIT_AFTER,
    NUM,
    NUMW,
    REL,
    UNIT_PL,
    UNIT_SG,
    WD,
    WITHIN,
)

HOL = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in (*L.HOLIDAYS_FIXED, *L.HOLIDAYS_EASTER)), key=len, reverse=True))
# "Frühsommer", "Spätherbst", "Hochsommer": the season with its start, end or middle as modifier
SEASON = r"(?:(?P<sp>Früh|Spät|Hoch)(?P<s2>sommer|herbst|winter)|(?P<s>Frühling|Frühjahr|Sommer|Herbst|Winter))"
SETW = "|".join(sorted(W.SETS, key=len, reverse=True))
SETW_CAP = "|".join(sorted((w.capitalize() for w in W.SETS), key=len, reverse=True))
REFW = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in W.REFS), key=len, reverse=True))
DECW = "|".join(W.DECADES)
# Era after a year or century: "v. Chr.", "vor unserer Zeitrechnung" (BC when it starts with "v")
ERA = r"(?:v\.\s?Chr\.|n\.\s?Chr\.|vor\s+Christus|nach\s+Christus|vor\s+Christi\s+Geburt|nach\s+Christi\s+Geburt|v\.\s?u\.\s?Z\.|n\.\s?u\.\s?Z\.|vor\s+unserer\s+Zeitrechnung|unserer\s+Zeitrechnung)"
# Long spans in history and science texts: "vor 8000 Jahren", "seit 2.500 Jahren"
BIGNUM = r"(?:\d{1,3}(?:\.\d{3})+|\d{4,6})(?![.,]\d)"
DECADE_NEXT = rf"(?:(?:1[0-9]|20)?[0-9]0er|(?i:{DECW}))"
ORDDAY = "|".join(sorted(W.DAY_ORDINALS, key=len, reverse=True))
CLOCK = r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?"
NOTNUM = r"(?<![\d.,/-])"
NOTNUM_AFTER = r"(?![\d]|[.,/-]\d)"

SPECS = [
    ("full_date", rf"{PRE}\b(?P<x>(?:(?P<wd>{WD})(?:,\s*|\s+)(?:(?:den|dem)\s+)?)?(?P<d>{DAY})\.\s*(?:(?P<mon>{MON})|(?P<mnum>0?[1-9]|1[0-2])\.)(?:\s*(?P<y>{YEAR}|'\d\d)(?!\d))?)", b_full_date),
    ("daypart_date", rf"\b(?P<x>(?:(?:den|der)\s+(?=frühen|späten))?(?:(?:frühen|späten)\s+)?(?P<dp>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht|Morgenstunden|Abendstunden|Nachtstunden)\s+des\s+(?P<d>{DAY})\.\s*(?P<mon>{MON})(?:\s+(?P<y>{YEAR})(?!\d))?)", b_daypart_date),
    ("numeric_date", rf"{NOTNUM}\b(?P<d>{DAY})\.(?P<mnum>0?[1-9]|1[0-2])\.(?P<y>\d{{4}}|\d{{2}}){NOTNUM_AFTER}", b_numeric_date),
    ("iso_date", rf"{NOTNUM}\b(?P<y>{YEAR})-(?P<mnum>0[1-9]|1[0-2])-(?P<d>{DAY}){NOTNUM_AFTER}", b_iso),
    ("day_range", rf"\b(?P<d>{DAY})\.(?=\s*(?:und|bis(?:\s+zum)?|oder|–|-|/)\s*{DAY}\.\s*(?P<mon>{MON})(?:\s+(?P<y>{YEAR}))?)", b_day_before_range),
    ("month_year", rf"{PRE}\b(?P<x>(?:{MODW}\s+)?(?P<mon>{MON})\s*(?P<y>{YEAR}))(?!\d)", b_month_year),
    # "im August des vergangenen / des gleichen / desselben Jahres" ("des" may be written together)
    ("month_rel_year", rf"\b(?:{MODW}\s+)?(?P<mon>{MON})\s+(?:des\s*)?{REL}\s+Jahres\b", b_month_rel_year),
    ("same_unit", r"\b(?P<rel>desselben|demselben|derselben|dasselbe)\s+(?P<unit>Jahres|Jahr|Monats|Monat|Woche|Tages|Tag)\b", b_same_unit),
    ("ordinal_day_month", rf"\b(?P<o>(?i:{ORDDAY}))(?:e|en|er|es|em)\s+(?P<mon>{MON})(?:\s+(?P<y>{YEAR})(?!\d))?", b_ordinal_day_month),
    ("season_rel_year", rf"\b(?P<s>Frühling|Frühjahr|Sommer|Herbst|Winter)s?\s+(?:des\s*)?{REL}\s+Jahres\b", b_season_rel_year),
    ("month_mod", rf"{PRE}\b(?P<x>{MODW}\s+(?P<mon>{MON}))", b_month),
    ("month_ctx", rf"\b(?P<pre>im|Im|seit|Seit|bis|Bis|ab|Ab|vor|Vor|nach|Nach|zum|vom|bis\s+zum|bis\s+in\s+den|den|diesen|jeden|im\s+Monat)\s+(?P<x>(?P<mod>)(?P<mon>{MON}))", b_month),
    # "im April und Mai", "Juli oder August": the two month names that are also names need a month beside them
    ("month_pair", rf"\b{MON}\s+(?:und|oder|bis|sowie)\s+(?P<x>(?P<mod>)(?P<mon>Mai|August))\b(?!\s*[-–]?\s*\d)", b_month),
    ("month_bare", r"\b(?P<x>(?P<mod>)(?P<mon>Januar|Jänner|Februar|März|April|Juni|Juli|September|Oktober|November|Dezember))\b(?!\s*[-–]?\s*\d)", b_month),
    ("year", rf"{PRE}(?P<x>(?:{MODW}\s+)?(?:(?:das|dem|des)\s+Jahr(?:e|es)?\s+|Jahr(?:e|es)?\s+)?(?<![\d.,/§])(?:(?<![-–])|(?<=\b(?:1\d|20)\d\d[-–]))\b(?P<y>{YEAR})\b(?![.,]\d|\d|\s*[-–/]\s*\d{{1,2}}\b(?!\.)){NOT_UNIT_AFTER})", b_year),
    # "die Saison 2014/15", "1925/ 26": two consecutive years written as one (a season, a fiscal year)
    ("year_span", rf"{NOTNUM}\b(?P<y>{YEAR})\s*/\s*(?P<y2>\d{{4}}|\d{{2}})(?![\d]|[.,/]\d)", b_year_span),
    ("bc_year", rf"\b(?:Jahr(?:e|es)?\s+)?(?P<y>\d{{1,4}})\s+(?P<era>{ERA})", b_bc_year),
    # "im Jahr 753": a year below 1000 counts only after the noun "Jahr" (a bare "753" is a number)
    ("year_short", rf"\b(?P<x>Jahr(?:e|es)?\s+(?P<y>[1-9]\d\d))\b(?![.,:]\d|\s*(?:-|–|bis)\s*\d){NOT_UNIT_AFTER}", b_year_short),
    # "den 1980er-Jahren", "den 80ern" (dative plural), "den frühen 1960er-Jahren"; "der 1960er- und
    # 1970er-Jahre": the first of two coordinated decades keeps its hyphen and stands alone.
    ("decade", rf"\b(?:(?:den|der|die)\s+)?(?:{MODW}\s+(?:der\s+)?)?(?:(?P<adj>frühen|späten|späteren|mittleren)\s+)?(?:(?P<c>1[0-9]|20)?(?P<dec>[0-9]0)(?:er-(?=\s*(?:und|oder|bis|bzw\.)\s+{DECADE_NEXT})|ern\b|(?:er|\'er)(?:[-\s]?Jahren?|[-\s]?Jahre)?\b)|(?P<w>(?i:{DECW}))(?:\s?[jJ]ahren?|[jJ]ahre|n(?=\b)|n|)\b)", b_decade),
    # "im 19. Jahrhundert", "dem sechsten Jahrhundert vor unserer Zeitrechnung"
    ("century", rf"\b(?:{MODW}\s+des\s+|(?:das|dem|des|im\s+)\s*)?(?:(?P<n>\d{{1,2}})\.\s*|(?P<o>(?i:{ORDDAY}))(?:e|en|er|es|em)\s+)Jahrhunderts?\b(?:\s+(?P<era>{ERA}))?", b_century),
    ("rel_unit", rf"\b(?:{MODW}\s+)?(?:{ART}\s+)?{REL}\s+{UNIT_SG}\b", b_rel_unit),
    ("mod_the_unit", rf"\b{MODW}\s+(?P<x>(?P<rel>des|der)\s+(?P<unit>Woche|Monats|Jahres|Jahrzehnts|Jahrhunderts))\b", b_rel_unit),
    # "im Laufe des Tages / der Woche / des Jahres": the current period (the day last named, in news the anchor's)
    ("in_course_of", r"\b(?:im|Im)\s+(?:Laufe?|Verlauf)\s+(?P<x>(?:des|der)\s+(?P<unit>Tages|Vormittags|Nachmittags|Abends|Woche|Monats|Jahres))\b", b_in_course_of),
    ("mod_des_rel", rf"\b{MODW}\s+(?P<x>(?:des|der)\s+{REL}\s+{UNIT_SG})\b", b_rel_unit),
    ("rel_weekday", rf"\b(?:{ART}\s+)?{REL}\s+(?P<wd>{WD})(?P<dp>vormittag|nachmittag|mittag|abend|morgen|nacht)?\b", b_rel_weekday),
    ("rel_season", rf"\b(?:{ART}\s+)?{REL}\s+(?P<s>Frühling|Frühjahr|Sommer|Herbst|Winter)s?\b", b_rel_season),
    ("rel_duration", rf"\b(?:{ART}\s+)?(?P<rel>vergangenen|letzten|nächsten|kommenden|ersten|zurückliegenden|folgenden)\s+(?:(?P<n>{NUM})\s+)?(?P<unit>Jahre|Jahren|Monate|Monaten|Wochen|Tage|Tagen|Stunden|Jahrzehnte|Jahrzehnten|Jahrhunderte|Jahrhunderten|Minuten)\b", b_rel_duration),
    ("deictic", rf"\b(?P<w>heute|Heute|gestern|Gestern|morgen|Morgen|vorgestern|Vorgestern|übermorgen|Übermorgen|heuer|Heuer)(?:\s+(?P<dp>{DAYPART}))?\b(?!-)", b_deictic),
    ("weekday", rf"{PRE}\b(?P<x>(?P<wd>{WD})(?P<dp>vormittag|nachmittag|mittag|abend|morgen|nacht)?)\b", b_weekday),
    ("weekday_dp", rf"\b(?P<wd>{WD})\s+(?P<dp>Vormittag|Nachmittag|Mittag|Abend|Morgen|Nacht|früh)\b", b_weekday),
    ("weekend", r"\b(?:am|übers|Am|zum|dem|das)\s+(?P<x>Wochenende)\b", b_weekend),
    ("clock", r"(?<![\d.,/])\b(?P<h>[01]?\d|2[0-4])(?:[.:](?P<mi>[0-5]\d))?\s*Uhr(?:\s+(?P<mi2>[0-5]\d)\b)?(?:\s+(?P<dp>morgens|früh|vormittags|mittags|nachmittags|abends|nachts)\b)?", b_clock),
    ("clock_range", rf"{NOTNUM}\b(?P<h>[01]?\d|2[0-4])(?:[.:](?P<mi>[0-5]\d))?(?=\s*(?:bis|-|–|und)\s*{CLOCK}\s*Uhr)", b_clock),
    ("clock_prep", r"\b(?:um|ab|gegen|von|bis)\s+(?P<x>(?P<h>[01]?\d|2[0-3])[.:](?P<mi>[0-5]\d))\b(?![.,:]\d)(?!\s*(?:Prozent|%|Euro|Meter|Punkte|Mio|Mrd|Millionen|Milliarden))", b_clock),
    # "in der Nacht auf Sonntag" / "zum Mittwoch": the night before that weekday (the weekday is its own expression)
    ("night_before", rf"\b(?P<x>Nacht)\s+(?:auf|zum|zu)\s+(?:den\s+)?(?P<wd>{WD})\b(?:,?\s+(?:den|dem)\s+(?P<d>{DAY})\.\s*(?P<mon>{MON})(?:\s+(?P<y>{YEAR}))?)?", b_night_before),
    # "in der Nacht zum 3. September", "Nacht vom 5. auf den 6. Juni 1944": the night before that day
    ("night_date", rf"\b(?P<x>Nacht)\s+(?:vom\s+{DAY}\.\s*(?:{MON}\s+)?(?:auf|zum)|auf|zum)\s+(?:den\s+)?(?P<d>{DAY})\.\s*(?P<mon>{MON})(?:\s+(?P<y>{YEAR}))?", b_night_before),
    ("daypart", r"\b(?:am|Am|in\s+der|In\s+der|gegen|zur|zu|in|In|bis\s+in|bis\s+zum|vom|den\s+ganzen)\s+(?P<x>(?:(?:den|der|die)\s+(?=frühen|späten))?(?:(?:frühen|späten|späteren)\s+)?(?P<dp>Vormittag|Nachmittag|Mittag|Abend|Nacht|Morgen|Morgenstunden|Abendstunden|Nachmittagsstunden|Mittagsstunden|Nachtstunden))\b", b_daypart),
    ("duration", rf"(?<![\d.,:])\b(?:(?P<q>fast|knapp|rund|etwa|über|mehr\s+als|weniger\s+als|gut|mindestens|höchstens|nur|ganze|ganzen|ab|unter|von)\s+)?(?P<x>(?P<n>{BIGNUM}|{NUM})\s+{UNIT_PL})\b(?!\s+(?:alt|alte|alten|alter|älter|jünger)\b)", b_duration),
    ("duration_range", rf"(?<![\d.,])\b(?P<x>(?P<n>\d{{1,3}}|{NUMW}))(?=\s*(?:bis|-|–|oder)\s*(?:\d{{1,3}}|{NUMW})\s+{UNIT_PL}\b(?!\s+(?:alt|alte|alten|alter)\b))", b_duration_range),
    ("hm_duration", r"(?<![\d.,:])\b(?P<h>\d{1,2}):(?P<mi>[0-5]\d)\s+(?P<u>Stunden|Minuten)\b", b_hm_duration),
    ("half_duration", r"\b(?:ein(?:em|en|es)?\s+)?halb(?:e|en|es|er)?\s+(?P<unit>Jahrhunderts?|Jahrzehnts?|Jahr|Jahres|Stunde|Tag|Tages)\b", b_half_duration),
    ("vague_duration", rf"\b(?:(?i:{'|'.join(W.VAGUE)})\s+|(?<=seit\s)|(?<=Seit\s)|(?<=vor\s)|(?<=Vor\s))(?P<unit>Jahre|Jahren|Monate|Monaten|Wochen|Tage|Tagen|Stunden|Minuten|Jahrzehnte|Jahrzehnten|Jahrhunderte|Jahrhunderten)\b", b_vague_duration),
    # genitive after "binnen"/"innerhalb": "binnen weniger Tage", "innerhalb mehrerer Wochen"
    ("vague_genitive", rf"\b{WITHIN}\s+(?P<x>(?:weniger|einiger|mehrerer|vieler|etlicher)\s+(?P<unit>Tage|Wochen|Monate|Jahre|Stunden|Minuten|Sekunden|Jahrzehnte))\b", b_vague_duration),
    ("adj_duration", rf"\b(?:(?:fast|knapp|rund|etwa)\s+)?(?P<n>\d{{1,3}}|{NUM})-?(?P<u>jährig|tägig|wöchig|monatig|stündig|minütig|Tage|Jahre|Wochen|Monate)(?:e|er|es|en|em)?\b", b_adj_duration),
    ("prev_unit", r"\b(?P<w>Vorjahr(?:es|s)?|Vormonat(?:s)?|Vorwoche|Vorjahresmonat|Vorjahreszeitraum)\b", b_prev_unit),
    # "zu Jahresbeginn", "Jahresmitte 2015" (the year named after it: one expression)
    ("unit_edge", rf"\b(?P<u>Jahres|Monats|Wochen)(?P<p>ende|beginn|anfang|mitte|wechsel|hälfte)\b(?:\s+(?P<y>{YEAR})\b(?![.,]\d|\s*[-–/]\s*\d))?", b_unit_edge),
    ("quarter_century", r"\b(?P<x>(?:(?i:ein|einem|eines|einen)\s+)?Vierteljahrhunderts?)\b", b_quarter_century),
    ("long_duration", r"\b(?P<u>(?i:jahre|jahrzehnte|monate|wochen|tage|stunden|minuten))lang(?:e|er|es|en|em)?\b", b_long_duration),
    ("deictic_adj_wd", rf"\b(?P<w>gestrigen|heutigen|morgigen|Gestrigen|Heutigen|Morgigen)\s+(?P<x>(?P<wd>{WD})(?P<dp>vormittag|nachmittag|mittag|abend|morgen|nacht)?)\b", b_deictic_adj),
    ("deictic_adj", r"\b(?P<x>(?:(?:des|dem|den|der)\s+)?(?P<w>gestrigen|heutigen|morgigen|Gestrigen|Heutigen|Morgigen)\s+(?:(?P<dp>Vormittag|Nachmittag|Mittag|Abend|Morgen|Nacht)s?|Tag(?:es|e)?))\b", b_deictic_adj),
    ("weekday_of_week", rf"\b(?P<wd>{WD})(?P<dp>vormittag|nachmittag|mittag|abend|morgen|nacht)?\s+(?P<rel>vergangener|letzter|voriger|nächster|kommender|dieser)\s+Woche\b", b_weekday_of_week),
    ("midnight", r"\b(?:um|gegen|bis|nach|vor|Um|Gegen)\s+(?P<x>Mitternacht)\b", b_midnight),
    # "Jahre später", "noch Monate nach seinem Rücktritt", "in den Jahren davor": an unspecified span
    ("vague_later", r"\b(?P<unit>Jahre|Monate|Wochen|Tage|Jahrzehnte|Stunden)(?=\s+(?:später|danach|darauf|zuvor|davor|vorher)\b|\s+nach\s+(?:de[mnr]|seine[mnrs]?|ihre[mnrs]?|Beginn|Ende|Ostern|Weihnachten)\b)", b_vague_duration),
    ("vague_after_the", r"\b(?:[Ii]n|[Aa]us)\s+(?P<x>den\s+(?P<unit>Jahren|Monaten|Wochen|Tagen|Jahrzehnten))(?=\s+(?:danach|darauf|zuvor|davor)\b)", b_vague_duration),
    ("ordinal_unit", r"\b(?P<x>(?:(?:der|die|das|den|dem|des)\s+)?(?P<o>erst|zweit|dritt|viert|fünft|sechst|siebt|acht)(?:e|en|er|es|em)\s+(?P<unit>Woche|Tag|Tages|Monat|Monats|Wochenende|Wochenendes))\b", b_ordinal_unit),
    ("unit_after", r"\b(?P<x>(?:(?:der|die|das|den|dem)\s+)?(?P<unit>Woche|Tag|Monat|Jahr)\s+(?:darauf|danach))\b", b_unit_after),
    ("later", rf"\b(?P<n>{NUM})\s+(?P<unit>Jahre|Jahr|Monate|Monat|Wochen|Woche|Tage|Tag|Stunden|Stunde|Minuten|Minute)\s+(?P<dir>später|danach|darauf|zuvor|davor|früher|vorher)\b", b_later),
    ("ref_day", r"\b(?:(?:nächsten|folgenden|darauffolgenden|selben|gleichen)\s+Tag|Tag\s+darauf|Tags?\s+zuvor|Vortag|Vorabend|Folgetag|tags\s+darauf|Tags\s+darauf)\b", b_ref_day),
    ("these_days", r"\b(?:in|In)\s+(?P<x>diesen\s+Tagen)\b", b_present_ref),  # like "dieser Tage": these days, now
    ("ref_word", rf"\b(?P<w>(?i:{REFW}))\b", b_fixed_ref),
    ("former", r"\b(?P<w>ehemalig(?:e|er|es|en|em)?|Ex(?=-[A-ZÄÖÜ]))", b_former),
    ("set_each_last", rf"\b(?:jede[nrs]?|Jede[nrs]?)\s+(?:ersten|zweiten|dritten|vierten|letzten)\s+(?:{WD}|Tag)\s+im\s+Monat\b", b_set_month),
    ("set_word", rf"\b(?P<w>{SETW}|{SETW_CAP})(?:e|er|es|en|em)?\b", b_set_word),
    ("set_times", r"\b(?:(?:ein|zwei|drei|vier|fünf|zehn|\d{1,2})(?:-|\s)?mal|Ein(?:-|\s)?mal|Zwei(?:-|\s)?mal)\s+(?:im|pro|in\s+der|am)\s+(?P<u>Jahr|Monat|Woche|Tag|Stunde|Quartal)\b", b_set_each),
    # "um halb acht", "gegen Viertel nach neun (Uhr)", "um drei viertel zehn"
    ("clock_half", r"\b(?:um|gegen|ab|bis|Um|Gegen|Ab|Bis)\s+(?P<x>(?P<q>halb|[Vv]iertel\s+nach|[Vv]iertel\s+vor|drei\s?[Vv]iertel)\s+(?P<w>eins|ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|[1-9]|1[0-2])(?:\s+Uhr\b|\b(?!\s+[A-ZÄÖÜ]|[.,]\d))(?:\s+(?P<dp>morgens|früh|vormittags|mittags|nachmittags|abends|nachts)\b)?)", b_clock_half),
    ("clock_word", r"\b(?P<w>ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)\s+Uhr\b", b_clock_word),
    # "alle zwei Jahre", "alle 14 Tage", "alle paar Wochen": every n units
    ("set_every_n", rf"\b[Aa]lle\s+(?P<n>{NUM}|paar)\s+(?P<unit>Jahre|Monate|Wochen|Tage|Stunden|Minuten|Jahrzehnte)\b(?!\s+(?:alt|alte|alten|lang)\b)", b_set_every_n),
    # "Jahr für Jahr", "Tag für Tag": each unit
    ("set_x_for_x", r"\b(?P<u>Jahr|Monat|Woche|Tag|Stunde)\s+für\s+(?P=u)\b", b_set_each),
    ("set_season", rf"\b(?:jede[nrs]?|Jede[nrs]?)\s+{SEASON}\b", b_set_season),
    ("set_each", rf"\b(?:jede[nrs]?|Jede[nrs]?|einmal\s+(?:im|pro|in\s+der)|pro)\s+(?P<u>Tag|Woche|Monat|Jahr|Stunde|Quartal|{WD})\b", b_set_each),
    # "jeden Morgen", "jeden Abend": that part of every day
    ("set_each_daypart", r"\b(?:jede[nr]|Jede[nr])\s+(?P<dp>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht)\b", b_set_daypart),
    ("holiday", rf"\b(?P<h>(?i:{HOL}))\b(?:\s+(?P<y>{YEAR})\b)?", b_holiday),
    # "im Sommer", "vor dem Winter", "während des Sommers", "den Sommer über": the season without
    # preposition and article
    ("season", rf"(?:\b(?:im|Im|[Ss]eit\s+dem|[Bb]is\s+zum|[Zz]um|den\s+ganzen|diesen|Anfang|Ende|Mitte|bis|Bis|ab|Ab|seit|Seit|[Vv]or\s+dem|[Nn]ach\s+dem|[Ww]ährend\s+des|den(?=\s+\w+\s+(?:über|hindurch)\b))\s+)(?P<x>{SEASON}(?:(?<=[rt])s)?(?:\s+(?P<y>{YEAR})(?:/\d\d(?!\d))?|\s+(?P<yy>'\d\d|\d\d(?=\s*[.,;:!?)]|\s+und\s|\s+[a-zäöüß]+\s+(?![A-ZÄÖÜ\d]))))?)\b", b_season),
    # "im Sommer darauf", "im Winter danach": the next one after the date the text named last
    ("season_after", rf"\b(?:im|Im)\s+(?P<x>{SEASON}s?\s+(?:darauf|danach))\b", b_season_after),
    ("season_year", rf"\b(?:{MODW}\s+(?:des\s+)?)?{SEASON}s?\s+(?P<y>{YEAR})(?:/\d\d(?!\d))?\b", b_season),
    # "der ersten Hälfte des Jahres", "der zweiten Hälfte des vergangenen Jahres / des Jahres 2015"
    ("half_of_year", rf"\b(?P<x>(?:der\s+)?(?P<o>ersten|zweiten)\s+Hälfte\s+des\s*(?:{REL}\s+)?Jahres(?:\s+(?P<y>{YEAR}))?)\b", b_half_of_year),
    ("quarter", rf"\b(?:(?:im|Im)\s+)?(?P<x>(?:(?:das|dem|des|der)\s+)?(?P<o>erste[nms]?|zweite[nms]?|dritte[nms]?|vierte[nms]?|[1-4]\.)\s+(?P<q>Quartals?|Halbjahr(?:es)?|Jahreshälfte)(?:\s+(?P<y>{YEAR}))?)\b", b_quarter),
]

RULES: list[Rule] = compile_rules(SPECS)

