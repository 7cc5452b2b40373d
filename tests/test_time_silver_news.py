"""Time expressions added or corrected after a second silver comparison with HeidelTime (Austrian news
features from 10kGNAD, German Wikinews): one test per construction, with look-alikes that must stay
untagged or keep their old value. All sentences are written for these tests."""

from __future__ import annotations

from datetime import date

from storyline.nlp.time import tag

DCT = date(2016, 3, 15)  # a Tuesday


def found(text: str, anchor: date | None = DCT, lang: str = "de") -> dict[str, tuple[str, str]]:
    return {text[t.span.start : t.span.end]: (t.type, t.value) for t in tag(text, anchor, lang=lang)}


# --- decades written as words -------------------------------------------------------------------------

def test_decade_words_without_ziger() -> None:
    # "dreißiger" has no "ziger" and was never looked at; "Nullerjahre" are the 2000s
    assert found("Ein Flugzeug aus den dreißiger Jahren landete.") == {"den dreißiger Jahren": ("DATE", "193X")}
    assert found("Musik aus den Dreißigerjahren lief.")["den Dreißigerjahren"] == ("DATE", "193X")
    assert found("Ein Haus aus den dreissiger Jahren brannte.")["den dreissiger Jahren"] == ("DATE", "193X")
    assert found("In den Nullerjahren boomte das Netz.")["den Nullerjahren"] == ("DATE", "200X")


def test_decade_word_lookalikes_stay_untagged() -> None:
    assert found("Er zahlte mit einem Fünfziger und einem Nuller.") == {}
    assert found("Die Dreißigjährige gewann.") == {}


# --- clock times ---------------------------------------------------------------------------------------

def test_race_time_with_seconds_is_not_a_clock_time() -> None:
    assert found("Die Läuferin kam nach einer Zeit von 2:31:37 ins Ziel.") == {}
    assert found("Der Rekord von 1:58:40 hielt.") == {}
    assert found("Der Zug fährt um 14:30 ab.") == {"14:30": ("TIME", "2016-03-15T14:30")}


def test_half_and_quarter_hours() -> None:
    assert found("Die Sitzung beginnt um halb acht.") == {"halb acht": ("TIME", "2016-03-15T07:30")}
    assert found("Er kam gegen Viertel nach neun.")["Viertel nach neun"] == ("TIME", "2016-03-15T09:15")
    assert found("Wir warten bis Viertel vor zwölf Uhr.")["Viertel vor zwölf Uhr"] == ("TIME", "2016-03-15T11:45")
    assert found("Das Konzert endet um halb elf abends.")["halb elf abends"] == ("TIME", "2016-03-15T22:30")
    assert found("Mittagessen gibt es um halb eins.")["halb eins"] == ("TIME", "2016-03-15T12:30")


def test_half_lookalikes_stay_untagged() -> None:
    assert found("Er trank um halb zwei Flaschen Wein.") == {}
    assert found("Das Glas ist halb voll, der Tank halb leer.") == {}
    assert found("Ein Viertel der Wähler blieb zu Hause.") == {}


# --- "heute": the publication day or nowadays ----------------------------------------------------------

def test_heute_to_date_and_of_today_is_present_ref() -> None:
    assert found("Sein Einfluss ist bis heute spürbar.") == {"heute": ("DATE", "PRESENT_REF")}
    assert found("Bis heute hat das Amt nicht geantwortet.")["heute"] == ("DATE", "PRESENT_REF")
    assert found("Das ist die Jugend von heute.")["heute"] == ("DATE", "PRESENT_REF")
    assert found("Die rund 400 heute lebenden Arten sind bedroht.")["heute"] == ("DATE", "PRESENT_REF")
    assert found("Das Thema ist so wichtig wie heute.")["heute"] == ("DATE", "PRESENT_REF")


def test_heute_in_contrast_with_the_past_is_present_ref_in_present_tense() -> None:
    assert found("Früher war er Arzt, heute ist er Maler.")["heute"] == ("DATE", "PRESENT_REF")
    assert found("Damals gab es hier nur Wald. Heute leben hier 5000 Menschen.")["Heute"] == ("DATE", "PRESENT_REF")
    assert found("Die Themen sind auch heute noch aktuell.")["heute"] == ("DATE", "PRESENT_REF")
    # a past or future clause keeps the day
    assert found("Früher war er Arzt. Heute bestätigte das Gericht das Urteil.")["Heute"] == ("DATE", "2016-03-15")
    assert found("Er will heute noch nach Wien fahren.")["heute"] == ("DATE", "2016-03-15")


def test_heute_as_the_day_stays_a_date() -> None:
    assert found("Der Minister sagte heute in Wien, er trete zurück.")["heute"] == ("DATE", "2016-03-15")
    assert found("Die Frist läuft bis heute, 12 Uhr.")["heute"] == ("DATE", "2016-03-15")
    assert found("Die Anmeldung ist bis heute, Dienstag, möglich.")["heute"] == ("DATE", "2016-03-15")
    assert found("Von heute an gilt die neue Regel.")["heute"] == ("DATE", "2016-03-15")
    assert found("Wie heute bekannt wurde, tritt er zurück.")["heute"] == ("DATE", "2016-03-15")
    assert found("Heute um 20 Uhr beginnt das Konzert.")["Heute"] == ("DATE", "2016-03-15")
    assert found("Die Preise gelten früher als erwartet. Heute beginnt der Verkauf.")["Heute"] == ("DATE", "2016-03-15")


def test_heute_idioms_and_names_are_no_time() -> None:
    assert found("Das änderte sich von heute auf morgen.") == {}
    assert found("Man hätte ihn lieber heute als morgen entlassen.") == {}
    assert found("Die Heute-Show zeigte ein Bild; das Heute-Journal nicht.") == {}
    assert found("Das Urteil kommt heute oder morgen.") == {"heute": ("DATE", "2016-03-15"), "morgen": ("DATE", "2016-03-16")}


def test_heute_in_narrative_mode_is_present_ref() -> None:
    text = "Früher war hier ein Hafen, heute ist es ein Park."
    times = tag(text, DCT, mode="narrative")
    assert [(text[t.span.start : t.span.end], t.value) for t in times] == [("heute", "PRESENT_REF")]


# --- nights, the course of a period, these days --------------------------------------------------------

def test_night_before_a_weekday_is_dated_to_the_evening_before() -> None:
    got = found("In der Nacht auf Sonntag wurde eingebrochen.")
    assert got == {"Nacht": ("TIME", "2016-03-12TNI"), "Sonntag": ("DATE", "2016-03-13")}
    got = found("In der Nacht zum Samstag soll es schneien.")
    assert got == {"Nacht": ("TIME", "2016-03-18TNI"), "Samstag": ("DATE", "2016-03-19")}
    got = found("In der Nacht zum Mittwoch, dem 1. Juni 2011, wurde Alarm ausgelöst.")
    assert got["Nacht"] == ("TIME", "2011-05-31TNI")
    # a night without a weekday keeps the old behaviour (a part of the day, no weekday shift)
    assert found("In der Nacht regnete es.")["Nacht"] == ("TIME", "2016-03-15TNI")


def test_in_the_course_of_a_period() -> None:
    assert found("Im Laufe des Tages kamen viele Menschen.") == {"des Tages": ("DATE", "2016-03-15")}
    got = found("Am Montag wurde gestreikt. Im Laufe des Tages kamen viele Menschen.")
    assert got["des Tages"] == ("DATE", "2016-03-14")
    assert found("Die Züge kamen im Lauf des Abends an.")["des Abends"] == ("TIME", "2016-03-15TEV")
    assert found("Die Gäste reisen im Laufe der Woche an.")["der Woche"] == ("DATE", "2016-W11")
    assert found("Im Verlauf des Jahres soll das Gesetz kommen.")["des Jahres"] == ("DATE", "2016")
    assert found("Das Spiel erscheint im Laufe des Jahres 2017.")["des Jahres 2017"] == ("DATE", "2017")


def test_in_the_course_of_lookalikes_stay_untagged() -> None:
    assert found("Im Laufe der Zeit wurde es besser.") == {}
    assert found("Im Laufe des Verfahrens wurde das klar.") == {}


def test_these_days_and_this_evening() -> None:
    assert found("In diesen Tagen ist in der Stadt viel los.") == {"diesen Tagen": ("DATE", "PRESENT_REF")}
    assert found("An diesem Vormittag erklärt er die Lage.") == {"diesem Vormittag": ("TIME", "2016-03-15TMO")}
    got = found("Am Freitag kam er an. An diesem Abend sang sie.")
    assert got["diesem Abend"] == ("TIME", "2016-03-11TEV")
    assert found("Diese Tage sind gezählt.") == {}


# --- durations and periods -----------------------------------------------------------------------------

def test_vague_genitive_after_binnen_and_innerhalb() -> None:
    assert found("Binnen weniger Stunden verließen viele das Land.") == {"weniger Stunden": ("DURATION", "PTXH")}
    assert found("Der Antrag wird innerhalb weniger Tage bearbeitet.")["weniger Tage"] == ("DURATION", "PXD")
    assert found("Während einiger Wochen war er krank.")["einiger Wochen"] == ("DURATION", "PXW")
    assert found("Sie arbeiten weniger Stunden als früher.") == {}


def test_first_months_is_a_duration() -> None:
    assert found("Das ist eine Lehre aus den ersten Monaten des Ausschusses.") == {"den ersten Monaten": ("DURATION", "PXM")}
    assert found("In den ersten zwei Wochen war es schwer.")["den ersten zwei Wochen"] == ("DURATION", "P2W")
    assert found("Die ersten Gäste kamen früh.") == {}


def test_half_of_a_year_and_of_a_century() -> None:
    assert found("In der ersten Hälfte des Jahres stiegen die Preise.") == {
        "der ersten Hälfte des Jahres": ("DATE", "2016-H1")}
    assert found("In der zweiten Hälfte des vergangenen Jahres fielen sie.")[
        "der zweiten Hälfte des vergangenen Jahres"] == ("DATE", "2015-H2")
    assert found("In der zweiten Hälfte des Jahres 2014 fielen sie.")["der zweiten Hälfte des Jahres 2014"] == (
        "DATE", "2014-H2")
    # the century keeps its own extent without the genitive article, as after "Ende des"
    assert found("In der zweiten Hälfte des 20. Jahrhunderts wuchs die Stadt.") == {"20. Jahrhunderts": ("DATE", "19")}
    assert found("Die erste Hälfte des Spiels war langweilig.") == {}


def test_half_a_century_and_a_decade() -> None:
    assert found("Ein halbes Jahrhundert lang blieb alles ruhig.")["halbes Jahrhundert"] == ("DURATION", "P50Y")
    assert found("Er wohnte dort ein halbes Jahrzehnt.")["ein halbes Jahrzehnt"] == ("DURATION", "P5Y")


def test_early_late_and_high_seasons() -> None:
    times = tag("Im Frühsommer wird gebaut. Im Spätherbst 2015 wurde geplant. Im Hochsommer ist Pause.", DCT)
    assert [(t.value, t.mod) for t in times] == [("2016-SU", "START"), ("2015-FA", "END"), ("2016-SU", "MID")]
    assert found("Die Frühsommer-Meningoenzephalitis ist gefährlich.") == {}


# --- sets -----------------------------------------------------------------------------------------------

def test_every_n_units_and_unit_after_unit() -> None:
    assert found("Alle zwei Jahre findet die Messe statt.") == {"Alle zwei Jahre": ("SET", "P2Y")}
    assert found("Der Müll wird alle 14 Tage abgeholt.")["alle 14 Tage"] == ("SET", "P14D")
    assert found("Alle paar Wochen kommt er vorbei.")["Alle paar Wochen"] == ("SET", "PXW")
    assert found("Jahr für Jahr steigen die Preise.") == {"Jahr für Jahr": ("SET", "P1Y")}
    assert found("Jeden Sommer kommen die Touristen.") == {"Jeden Sommer": ("SET", "XXXX-SU")}


def test_set_lookalikes() -> None:
    assert found("Alle drei Minister stimmten zu.") == {}
    assert found("Alle drei Jahre alten Geräte werden getauscht.") == {}
    assert found("Das ist ein Preis für ein Jahr.") == {"ein Jahr": ("DURATION", "P1Y")}


# --- direction ------------------------------------------------------------------------------------------

def test_weekday_after_vom_looks_back() -> None:
    got = found("Während die einen das Ergebnis vom Donnerstag lobten, schwiegen die anderen.")
    assert got["Donnerstag"] == ("DATE", "2016-03-10")
    assert found("Die Sitzung vom Donnerstagabend war lang.")["Donnerstagabend"] == ("TIME", "2016-03-10TEV")
    # spans say nothing about the direction
    got = found("Die Messe ist vom Montag bis Freitag geöffnet.")
    assert got["Freitag"] == ("DATE", "2016-03-18")


# --- robustness -----------------------------------------------------------------------------------------

def test_new_rules_without_anchor_and_on_odd_input() -> None:
    for text in ("In der Nacht auf Sonntag", "bis heute", "im Laufe des Tages", "um halb acht", "alle 0 Tage",
                 "Alle 10000000 Jahre", "Nacht auf Sonntag, den 31. Februar", "heute heute heute", "", "Nacht zu"):
        for anchor in (None, DCT, date(1, 1, 1)):
            for t in tag(text, anchor):
                assert 0 <= t.span.start < t.span.end <= len(text)
                assert t.value
    got = found("In der Nacht auf Sonntag wurde eingebrochen; bis heute fehlt jede Spur.", None)
    assert got == {"Nacht": ("TIME", "XXXX-XX-XXTNI"), "Sonntag": ("DATE", "XXXX-WXX-7"), "heute": ("DATE", "PRESENT_REF")}


# --- English ------------------------------------------------------------------------------------------

def test_english_decades_centuries_and_vague_stretches() -> None:
    en = DCT
    assert found("In the nineties the town grew.", en, "en") == {"the nineties": ("DATE", "199X")}
    assert found("In the 19th century the town grew.", en, "en") == {"the 19th century": ("DATE", "18")}
    assert found("In the nineteenth century it grew.", en, "en") == {"the nineteenth century": ("DATE", "18")}
    assert found("Last week the minister resigned.", en, "en") == {"Last week": ("DATE", "2016-W10")}
    assert found("In recent years prices rose.", en, "en") == {"recent years": ("DURATION", "PXY")}
    assert found("For years, the parties argued.", en, "en") == {"years": ("DURATION", "PXY")}
    assert found("In the coming months the law will pass.", en, "en") == {"the coming months": ("DURATION", "PXM")}
    assert found("In the past three weeks prices rose.", en, "en") == {"the past three weeks": ("DURATION", "P3W")}
    assert found("This morning the police said so.", en, "en") == {"This morning": ("TIME", "2016-03-15TMO")}
    assert found("By the end of the year the plant closes.", en, "en") == {"the end of the year": ("DATE", "2016")}


def test_english_lookalikes() -> None:
    assert found("He was the first to arrive and the third to leave.", DCT, "en") == {}
    assert found("The nineteenth floor is closed.", DCT, "en") == {}
