"""ECB+ cross-document entity clustering (``storyline eval entities --data ecbplus_entities``): the
rules a reader would apply to one story's documents, on small hand-made mentions."""

from __future__ import annotations

from typing import Any

from storyline.eval.entities_ecb import cluster
from storyline.eval.entities_ecb_rules import head


def mentions(doc: str, text: str, spec: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Gold-style mention records for each (surface, type), found left to right in ``text``."""
    out, pos = [], 0
    for surface, kind in spec:
        start = text.index(surface, pos)
        pos = start + len(surface)
        out.append({"mention_id": f"{doc}:{start}-{pos}", "doc_id": doc, "start": start, "end": pos,
                    "text": surface, "mention_type": kind})
    return out


def same(assign: dict[str, str], ms: list[dict[str, Any]], *surfaces: str) -> bool:
    ids = {assign[m["mention_id"]] for m in ms if m["text"] in surfaces}
    return len(ids) == 1


def test_heads_skip_ages_degrees_and_prepositional_tails() -> None:
    assert head("Eric Allen Kirkpatrick, 61") == "kirkpatrick"
    assert head("Regina Benjamin, M.D., M.B.A.") == "benjamin"
    assert head("Surgeon General of the United States") == "general"
    assert head("a mountain in New Zealand") == "mountain"
    assert head("in Malibu") == "malibu"
    assert head("Anthony LaCalamita III") == "lacalamita"
    assert head("New Zealand's highest peak, Mount Cook") == "cook"
    assert head("the Promises Treatment Centre") == head("Promises Treatment Center") == "center"
    assert head("diamond jewellery") == head("jewelry") == "jewelry"
    assert head("Three") == head("3") == "3"


def test_description_joins_the_name_the_text_puts_it_next_to() -> None:
    t1 = "A receptionist was shot. The gunman, Anthony LaCalamita, fled. LaCalamita was arrested."
    t2 = "Police said the gunman surrendered. Receptionist Madeline Kafoury died. Kafoury was 60."
    ms = (mentions("d1", t1, [("receptionist", "HUM"), ("gunman", "HUM"), ("Anthony LaCalamita", "HUM"),
                              ("LaCalamita", "HUM")])
          + mentions("d2", t2, [("gunman", "HUM"), ("Madeline Kafoury", "HUM"), ("Kafoury", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s"}, {"d1": t1, "d2": t2})
    assert same(got, ms, "gunman", "Anthony LaCalamita", "LaCalamita")
    assert same(got, ms, "receptionist", "Madeline Kafoury", "Kafoury")
    assert got[ms[1]["mention_id"]] != got[ms[0]["mention_id"]]


def test_pronouns_take_the_nearest_fitting_antecedent() -> None:
    text = "Microsoft patched a flaw that hackers used. The pirates fled, and they hid. Jim O'Brien, who coached, said he left."
    ms = mentions("d", text, [("Microsoft", "HUM"), ("flaw", "NON"), ("that", "NON"), ("hackers", "HUM"),
                              ("pirates", "HUM"), ("they", "HUM"), ("Jim O'Brien", "HUM"), ("who", "HUM"),
                              ("he", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "flaw", "that")
    assert same(got, ms, "pirates", "they")
    assert same(got, ms, "Jim O'Brien", "who", "he")
    assert not same(got, ms, "Microsoft", "hackers")


def test_stories_keep_namesakes_apart_but_full_names_join() -> None:
    ta, tb = "The company said Barack Obama spoke.", "The company quoted Barack Obama. Obama smiled."
    ms = (mentions("a", ta, [("company", "HUM"), ("Barack Obama", "HUM")])
          + mentions("b", tb, [("company", "HUM"), ("Barack Obama", "HUM"), ("Obama", "HUM")]))
    got = cluster(ms, {"a": "s1", "b": "s2"}, {"a": ta, "b": tb})
    assert not same(got, ms, "company")  # a "company" of one story is not that of another
    assert same(got, ms, "Barack Obama", "Obama")


def test_one_word_names_join_the_longer_name_they_start_or_abbreviate() -> None:
    text = "Internet Explorer has a hole; IE users and the Indianapolis Colts fans. Indianapolis won."
    ms = mentions("d", text, [("Internet Explorer", "NON"), ("IE", "NON"), ("Indianapolis Colts", "HUM"),
                              ("Indianapolis", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "Internet Explorer", "IE")
    assert same(got, ms, "Indianapolis Colts", "Indianapolis")


def test_a_pronoun_keeps_its_contraction_apart() -> None:
    text = "Lindsay Lohan left rehab. She's fine, and she'd go back."
    ms = mentions("d", text, [("Lindsay Lohan", "HUM"), ("She's", "HUM"), ("she'd", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "Lindsay Lohan", "She's", "she'd")


def test_a_description_of_sex_joins_the_one_person_of_that_sex() -> None:
    t1 = "A woman was hit by a driver. Raj Chohan died; she was 59. Police said she walked home."
    t2 = "Vishwanand Subryan, 23, was charged. He fled. Chohan was hit by him."
    t3 = "A woman died in Queens. The woman was hit by a car."
    ms = (mentions("d1", t1, [("woman", "HUM"), ("driver", "HUM"), ("Raj Chohan", "HUM"), ("she", "HUM"),
                              ("she", "HUM")])
          + mentions("d2", t2, [("Vishwanand Subryan", "HUM"), ("He", "HUM"), ("Chohan", "HUM"), ("him", "HUM")])
          + mentions("d3", t3, [("woman", "HUM"), ("woman", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s", "d3": "s"}, {"d1": t1, "d2": t2, "d3": t3})
    assert same(got, ms, "woman", "Raj Chohan", "Chohan")
    assert not same(got, ms, "woman", "Vishwanand Subryan")
    assert not same(got, ms, "driver", "Raj Chohan")  # no sex in "driver"


def test_a_description_of_sex_stays_apart_when_two_persons_fit() -> None:
    text = ("A man was shot. Paul Riva said he ran; Riva is fine, he said. Alan Steinberg said he hid; "
            "Steinberg was hurt, he said. Police found the man.")
    ms = mentions("d", text, [("man", "HUM"), ("Paul Riva", "HUM"), ("he", "HUM"), ("Riva", "HUM"), ("he", "HUM"),
                              ("Alan Steinberg", "HUM"), ("he", "HUM"), ("Steinberg", "HUM"), ("he", "HUM"),
                              ("man", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert not same(got, ms, "man", "Paul Riva")
    assert not same(got, ms, "man", "Alan Steinberg")
    assert same(got, ms, "man")


def test_a_company_is_the_one_body_the_story_calls_it() -> None:
    t1 = "Microsoft patched the flaw. It said its users are safe. Microsoft thanked Tom Ford."
    t2 = "The company said the patch works. The software giant was late."
    ms = (mentions("d1", t1, [("Microsoft", "HUM"), ("It", "HUM"), ("its", "HUM"), ("Microsoft", "HUM"),
                              ("Tom Ford", "HUM")])
          + mentions("d2", t2, [("company", "HUM"), ("giant", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s"}, {"d1": t1, "d2": t2})
    assert same(got, ms, "Microsoft", "company", "giant")
    assert not same(got, ms, "company", "Tom Ford")


def test_he_skips_a_name_that_she_took() -> None:
    text = "Tom Ford met Mary Lee. She smiled, and he left."
    ms = mentions("d", text, [("Tom Ford", "HUM"), ("Mary Lee", "HUM"), ("She", "HUM"), ("he", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "Mary Lee", "She")
    assert same(got, ms, "Tom Ford", "he")


def test_a_persons_name_ending_in_s_is_singular_but_a_team_is_not() -> None:
    text = "Ellen DeGeneres will host. She said the New Orleans Saints won, and Drew Brees said they played well."
    ms = mentions("d", text, [("Ellen DeGeneres", "HUM"), ("She", "HUM"), ("New Orleans Saints", "HUM"),
                              ("Drew Brees", "HUM"), ("they", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "Ellen DeGeneres", "She")
    assert same(got, ms, "New Orleans Saints", "they")


def test_he_and_she_do_not_take_a_body() -> None:
    text = "Tom Ford was stopped. Police arrested him. Ellen Page said the Academy asked her, and CNN hired her."
    ms = mentions("d", text, [("Tom Ford", "HUM"), ("Police", "HUM"), ("him", "HUM"), ("Ellen Page", "HUM"),
                              ("Academy", "HUM"), ("her", "HUM"), ("CNN", "HUM"), ("her", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "Tom Ford", "him")
    assert same(got, ms, "Ellen Page", "her")
    assert not same(got, ms, "Police", "him")


def test_a_pronoun_takes_a_mention_of_its_own_type() -> None:
    text = "Microsoft patched Internet Explorer, and it said Lindsay Lohan left a rehab facility after it was closed."
    ms = mentions("d", text, [("Microsoft", "HUM"), ("Internet Explorer", "NON"), ("it", "HUM"),
                              ("Lindsay Lohan", "HUM"), ("rehab facility", "LOC"), ("it", "LOC")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert got[ms[2]["mention_id"]] == got[ms[0]["mention_id"]]  # "it" is Microsoft, not the browser
    assert got[ms[5]["mention_id"]] == got[ms[4]["mention_id"]]  # "it" is the facility, not Lohan


def test_they_take_a_plural_noun_without_s() -> None:
    text = "The police arrested a man. They said he fled."
    ms = mentions("d", text, [("police", "HUM"), ("man", "HUM"), ("They", "HUM"), ("he", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "police", "They")
    assert same(got, ms, "man", "he")


def test_an_object_pronoun_is_not_the_subject_of_its_clause() -> None:
    text = "Raj Chohan was hit. Officers arrested the driver who hit her. Tom Ford said Obama hired him."
    ms = mentions("d", text, [("Raj Chohan", "HUM"), ("driver", "HUM"), ("her", "HUM"), ("Tom Ford", "HUM"),
                              ("Obama", "HUM"), ("him", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "Raj Chohan", "her")
    assert same(got, ms, "Tom Ford", "him")


def test_a_description_joins_a_name_it_stands_next_to_in_an_unannotated_sentence() -> None:
    t1 = "The boss died in his cell. Police said Mafia boss Gaetano Lo Presti was held on Tuesday."
    t2 = "Lo Presti hanged himself. Gaetano Lo Presti was 52."
    ms = (mentions("d1", t1, [("boss", "HUM")])  # the sentence naming him is not annotated
          + mentions("d2", t2, [("Lo Presti", "HUM"), ("Gaetano Lo Presti", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s"}, {"d1": t1, "d2": t2})
    assert same(got, ms, "boss", "Lo Presti", "Gaetano Lo Presti")


def test_a_description_of_two_names_joins_the_one_its_document_writes() -> None:
    t1 = "Hugh Jackman will be the host. Jackman said the host sings."
    t2 = "Ellen DeGeneres will be the host. DeGeneres said the host jokes."
    ms = (mentions("d1", t1, [("Hugh Jackman", "HUM"), ("Jackman", "HUM"), ("host", "HUM")])
          + mentions("d2", t2, [("Ellen DeGeneres", "HUM"), ("DeGeneres", "HUM"), ("host", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s"}, {"d1": t1, "d2": t2})
    assert got[ms[2]["mention_id"]] == got[ms[0]["mention_id"]]
    assert got[ms[5]["mention_id"]] == got[ms[3]["mention_id"]]


def test_a_description_of_two_names_joins_the_one_its_document_writes_most() -> None:
    t1 = "Hugh Jackman will be the host, after Ellen DeGeneres. Jackman said the host sings."
    t2 = "Ellen DeGeneres will be the host. DeGeneres was the host before."
    ms = (mentions("d1", t1, [("Hugh Jackman", "HUM"), ("Jackman", "HUM"), ("host", "HUM")])
          + mentions("d2", t2, [("Ellen DeGeneres", "HUM"), ("DeGeneres", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s"}, {"d1": t1, "d2": t2})
    assert got[ms[2]["mention_id"]] == got[ms[0]["mention_id"]]
    assert got[ms[2]["mention_id"]] != got[ms[3]["mention_id"]]


def test_an_apposition_before_a_name_needs_an_article() -> None:
    text = "Talking to People magazine, Jack Ketsoyan said Ketsoyan was fine. The magazine ran it."
    ms = mentions("d", text, [("Jack Ketsoyan", "HUM"), ("Ketsoyan", "HUM"), ("magazine", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert not same(got, ms, "Jack Ketsoyan", "magazine")


def test_a_capitalised_word_next_to_a_name_is_no_description() -> None:
    text = "In an interview with People, Tara Reid said Reid was fine. Many people cheered."
    ms = mentions("d", text, [("Tara Reid", "HUM"), ("Reid", "HUM"), ("people", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert not same(got, ms, "Tara Reid", "people")


def test_a_relative_pronoun_skips_the_object_of_a_preposition() -> None:
    text = "Microsoft fixed a flaw in Internet Explorer that hackers used. The store in Wellington that burned."
    ms = mentions("d", text, [("flaw", "NON"), ("Internet Explorer", "NON"), ("that", "NON"), ("store", "NON"),
                              ("Wellington", "LOC"), ("that", "NON")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert got[ms[2]["mention_id"]] == got[ms[0]["mention_id"]]
    assert got[ms[5]["mention_id"]] == got[ms[3]["mention_id"]]


def test_a_number_is_the_plural_noun_the_texts_count() -> None:
    t1 = "Three killed as rioters bomb a bank."
    t2 = "Three people died in the fire. Police said 3 people were inside."
    ms = (mentions("d1", t1, [("Three", "HUM"), ("rioters", "HUM")])
          + mentions("d2", t2, [("people", "HUM"), ("people", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s"}, {"d1": t1, "d2": t2})
    assert same(got, ms, "Three", "people")
    assert not same(got, ms, "Three", "rioters")


def test_there_is_the_nearest_place() -> None:
    text = "Lohan checked into a rehab facility in Newport Beach. Lohan left there after minutes."
    ms = mentions("d", text, [("Lohan", "HUM"), ("rehab facility in Newport Beach", "LOC"), ("Lohan", "HUM"),
                              ("there", "LOC")])
    got = cluster(ms, {"d": "s"}, {"d": text})
    assert same(got, ms, "rehab facility in Newport Beach", "there")


def test_two_given_names_with_one_surname_are_two_people() -> None:
    text = ("John Jenkin was charged. His sister, Katie Jenkin, was found dead. John Jenkin denied it. "
            "Kathryn Jenkin was 45. President Jenkin spoke.")
    ms = mentions("d", text, [("John Jenkin", "HUM"), ("Katie Jenkin", "HUM"), ("John Jenkin", "HUM"),
                              ("Kathryn Jenkin", "HUM"), ("President Jenkin", "HUM")])
    got = cluster(ms, {"d": "s"}, {"d": text + " The president left."})
    assert not same(got, ms, "John Jenkin", "Katie Jenkin")
    assert same(got, ms, "Katie Jenkin", "Kathryn Jenkin")
    assert same(got, ms, "John Jenkin", "President Jenkin")


def test_a_comma_after_a_place_modifier_belongs_to_the_modifier() -> None:
    assert head("the federal prison in Springfield, Mo.") == head("in prison") == "prison"
    assert head("Betty Ford Center in Rancho Mirage, Calif") == "center"
    assert head("Eric Allen Kirkpatrick, 61") == "kirkpatrick"


def test_a_surname_spelt_two_ways_is_one_person() -> None:
    t1 = "Duncan Rait fell. Duncan Rait was 37."
    t2 = "Duncan Raite died. Duncan Raite was a climber. Duncan Smith spoke."
    ms = (mentions("d1", t1, [("Duncan Rait", "HUM"), ("Duncan Rait", "HUM")])
          + mentions("d2", t2, [("Duncan Raite", "HUM"), ("Duncan Raite", "HUM"), ("Duncan Smith", "HUM")]))
    got = cluster(ms, {"d1": "s", "d2": "s"}, {"d1": t1, "d2": t2})
    assert same(got, ms, "Duncan Rait", "Duncan Raite")
    assert not same(got, ms, "Duncan Rait", "Duncan Smith")


def test_a_place_inside_a_noun_phrase_is_no_head() -> None:
    assert head("in a Biloxi, Miss., motel room") == head("hotel room in Biloxi, Miss") == "room"
    assert head("in a Los Angeles, California, hospital") == "hospital"
    assert head("Regina Benjamin, M.D., M.B.A.") == "benjamin"


def test_a_quantity_is_its_number_and_unit() -> None:
    t1 = "Bush ran for 205 yards in a $160 million stadium. The 5.6 quake hit."
    t2 = "He ran for 205 yards; Brees threw for 364 yards. A $200 million deal. A magnitude 6 quake."
    ms = (mentions("a", t1, [("205 yards", "NON"), ("$160 million", "NON"), ("5.6", "NON")])
          + mentions("b", t2, [("205 yards", "NON"), ("364 yards", "NON"), ("$200 million", "NON"), ("6", "NON")]))
    got = cluster(ms, {"a": "s", "b": "s"}, {"a": t1, "b": t2})
    assert same(got, ms, "205 yards")
    assert not same(got, ms, "205 yards", "364 yards")
    assert not same(got, ms, "$160 million", "$200 million")
    assert not same(got, ms, "5.6", "6")


def test_a_coordination_is_the_same_group_in_any_order_and_no_description_names_it() -> None:
    t1 = "Cables in the sea between Italy and Egypt were cut. The sea is deep."
    t2 = "The line between Egypt and Italy was cut, and Italy and Egypt lost their link. A ship went to the sea."
    ms = (mentions("a", t1, [("between Italy and Egypt", "LOC"), ("sea", "LOC")])
          + mentions("b", t2, [("between Egypt and Italy", "LOC"), ("Italy and Egypt", "LOC"), ("sea", "LOC")]))
    got = cluster(ms, {"a": "s", "b": "s"}, {"a": t1, "b": t2})
    assert same(got, ms, "between Italy and Egypt", "between Egypt and Italy", "Italy and Egypt")
    assert not same(got, ms, "sea", "Italy and Egypt")
