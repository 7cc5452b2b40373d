"""A role with no name after it stands for the person the text introduced with that role
("Nordkoreas Machthaber" → Kim Jong Un), and nobody else (storyline/nlp/entity_references.py)."""

from __future__ import annotations

import pytest

from storyline.model import Mention, Span
from storyline.nlp.entities import link_mentions


def _persons(text: str, *names: str) -> list[Mention]:
    out = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            out.append(Mention(Span(start, start + len(name)), "PER"))
            start = text.find(name, start + len(name))
    return sorted(out, key=lambda m: m.span.start)


def _role_of(text: str, names: tuple[str, ...], role: str, nth: int = 0) -> str | None:
    """The entity name the ``nth`` written ``role`` was read as, or None."""
    linked = link_mentions(text, _persons(text, *names), ruler=True)
    start = -1
    for _ in range(nth + 1):
        start = text.index(role, start + 1)
    found = next((m for m in linked.mentions if m.span == Span(start, start + len(role))), None)
    if found is None:
        return None
    assert found.label == "PER"
    return next(e.name for e in linked.entities if e.id == found.entity_id)


def test_the_examples_ruler_of_north_korea_is_kim() -> None:
    text = (
        "US-Präsident Donald Trump und der nordkoreanische Staatschef Kim Jong Un wollen sich treffen. "
        "Trump bezeichnete das geplante Treffen mit Nordkoreas Machthaber als großen Fortschritt. "
        "Nord- und Südkorea vereinbarten einen Gipfel zwischen Machthaber Kim Jong Un und Moon Jae In."
    )
    names = ("Donald Trump", "Kim Jong Un", "Moon Jae In")
    assert _role_of(text, names, "Machthaber") == "Kim Jong Un"
    assert _role_of(text, names, "Machthaber", 1) is None  # the introduction itself
    # a country in front must be one the person was introduced with ("nordkoreanische Staatschef")
    assert _role_of(text.replace("nordkoreanische ", ""), names, "Machthaber") is None


def test_an_adviser_introduced_in_apposition() -> None:
    text = (
        "Südkoreas Nationaler Sicherheitsberater, Chung Eui Yong, sprach in Washington. "
        "Südkoreas Sicherheitsberater hält sich derzeit in Washington auf."
    )
    assert _role_of(text, ("Chung Eui Yong",), "Sicherheitsberater", 1) == "Chung Eui Yong"
    assert _role_of(text, ("Chung Eui Yong",), "Sicherheitsberater") is None  # followed by the name


@pytest.mark.parametrize(
    ("text", "names", "role"),
    [
        # two people introduced with the role: nobody is meant for sure
        ("Präsident Trump traf Präsident Selenskyj. Der Präsident sagte nichts.", ("Trump", "Selenskyj"), "Präsident"),
        # another country than the one the person was introduced with
        ("Der ukrainische Präsident Selenskyj reiste. Russlands Präsident schwieg.", ("Selenskyj",), "Präsident"),
        # generic, someone's, a plural, a form of address
        ("US-Präsident Trump sprach. Ein Treffen mit einem amtierenden US-Präsidenten wäre neu.", ("Trump",), "US-Präsidenten"),
        ("Trainer Kwasniok lobte. Sein Trainer war zufrieden.", ("Kwasniok",), "Trainer"),
        ("Minister Pistorius kam. Die Minister berieten lange.", ("Pistorius",), "Minister"),
        ("Frau Merkel kam. Seine Frau blieb zu Hause.", ("Merkel",), "Frau"),
        # the role never introduced anyone
        ("Kanzler Merz reiste. Der Präsident blieb.", ("Merz",), "Präsident"),
        # a name (perhaps untagged) or a compound follows
        ("Kanzler Merz reiste. Kanzler Scholz blieb.", ("Merz",), "Kanzler"),
        ("Kanzler Merz reiste. Die Kanzler-Rede fiel aus.", ("Merz",), "Kanzler"),
    ],
)
def test_no_reference_without_one_clear_person(text: str, names: tuple[str, ...], role: str) -> None:
    assert _role_of(text, names, role, text.count(role) - 1) is None


def test_a_role_reference_is_an_alias_but_not_a_name() -> None:
    text = "Kanzler Friedrich Merz reiste nach Paris. Der Kanzler sprach dort mit Macron."
    linked = link_mentions(text, _persons(text, "Friedrich Merz", "Macron"), ruler=True)
    merz = next(e for e in linked.entities if e.name == "Friedrich Merz")
    assert merz.mentions == 2 and merz.aliases == ["Kanzler"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Machthaber",
        "Kanzler Merz. Der Kanzler",
        "Kanzler Merz. Der Kan\u2060zler sagte, der Kanz\u200bler gehe.",
        "KANZLER MERZ REIST. DER KANZLER SCHWEIGT.",
        "„Kanzler“ Merz: „Der Kanzler“ – „Kanzler“.",
        "Kanzler Merz. " + "Der Kanzler sagte. " * 300,
        "Merz " * 300,
    ],
)
def test_odd_texts_do_not_break_roles(text: str) -> None:
    names = ("Merz",) if "Merz" in text else ()
    linked = link_mentions(text, _persons(text, *names), ruler=True)
    spans = [(m.span.start, m.span.end) for m in linked.mentions]
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(m.entity_id for m in linked.mentions if m.label == "PER")


def test_a_role_tagged_apart_from_the_name_is_no_entity() -> None:
    """The tagger reads "Königin Camilla" as two persons; the role introduces her and later stands for her."""
    text = "Königin Camilla spricht über einen Angriff. Die Königin war damals 16."
    first, second = text.index("Königin"), text.index("Königin", 5)
    mentions = [Mention(Span(first, first + 7), "PER"), *_persons(text, "Camilla"), Mention(Span(second, second + 7), "PER")]
    linked = link_mentions(text, sorted(mentions, key=lambda m: m.span.start), ruler=True)
    assert [(e.name, e.mentions, e.aliases) for e in linked.entities] == [("Camilla", 2, ["Königin"])]
    assert [m.span.start for m in linked.mentions] == [text.index("Camilla"), second]


@pytest.mark.parametrize(
    ("text", "capital", "read_as"),
    [
        ("Moskau droht der Ukraine. Russland verlegt Truppen.", "Moskau", "Russland"),
        ("Brüssel untersucht Verstöße gegen den Digital Services Act in Belgien.", "Brüssel", "Brüssel"),
        ("London eignet sich fürs Set-Jetting.", "London", "London"),
        ("Hongkong startet ohne Böller ins Jahr, meldet die Sonderverwaltungsregion Hongkong.", "Hongkong", "Hongkong"),
        ("Victoria wurde 34 Jahre alt: Tochter von Popstar gestorben.", "Victoria", "Victoria"),
    ],
)
def test_which_capitals_stand_for_their_country(text: str, capital: str, read_as: str) -> None:
    start = text.index(capital)
    linked = link_mentions(text, [Mention(Span(start, start + len(capital)), "LOC")], ruler=True)
    names = {e.id: e.name for e in linked.entities}
    found = next(m for m in linked.mentions if m.span.start == start)
    assert names[found.entity_id or ""] == read_as


def test_a_headline_role_before_a_colon_refers_and_a_lowercase_name_introduces() -> None:
    text = "Nach Telefonat mit Kremlchef: Trump kritisiert Angriff.\n\nKremlchef Wladimir Putin rief an. Trainer de la Fuente lobt."
    linked = link_mentions(text, _persons(text, "Trump", "Wladimir Putin", "de la Fuente"), ruler=True)
    names = {e.id: e.name for e in linked.entities}
    read = {text[m.span.start : m.span.end] + f"@{m.span.start}": names[m.entity_id or ""] for m in linked.mentions}
    assert read[f"Kremlchef@{text.index('Kremlchef')}"] == "Wladimir Putin"
    assert f"Trainer@{text.index('Trainer')}" not in read  # it introduces "de la Fuente", it is not another mention


def test_a_surname_that_is_also_a_role_stays_a_name() -> None:
    text = "Birgit Prinz traf. Prinz sagte danach, es sei gut."
    linked = link_mentions(text, [*_persons(text, "Birgit Prinz"), Mention(Span(19, 24), "PER")], ruler=True)
    assert [(e.name, e.mentions) for e in linked.entities] == [("Birgit Prinz", 2)]


def test_a_genitive_role_alone_is_no_person() -> None:
    """ "Papstes" and "Nuntius" were person entities on the stream."""
    text = "Die Worte des Papstes hallen nach. Der Nuntius schweigt."
    mentions = [Mention(Span(text.index(w), text.index(w) + len(w)), "PER") for w in ("Papstes", "Nuntius")]
    assert link_mentions(text, mentions, ruler=True).entities == []


def test_stand_ins_are_not_keys_to_the_entity_in_other_articles() -> None:
    """ "Machthaber", "Pjöngjang" (North Korea's government) and "Halbinsel" stood for an entity in
    one text; another text's Machthaber, city of Pjöngjang or peninsula is not found through them."""
    from storyline.model import Entity
    from storyline.nlp.entity_index import EntityIndex
    from storyline.nlp.entity_names import entity_id, fold

    def ent(name: str, label: str, aliases: list[str]) -> Entity:
        return Entity(entity_id(label, fold(name)), name, label, aliases, 3)  # type: ignore[arg-type]

    index = EntityIndex([
        ent("Kim Jong Un", "PER", ["Kim", "Machthaber"]),
        ent("Nordkorea", "LOC", ["Nordkoreas", "Pjöngjang"]),
        ent("Koreanische Halbinsel", "LOC", ["Halbinsel"]),
    ])
    for name, label in (("Machthaber", "PER"), ("Pjöngjang", "LOC"), ("Halbinsel", "LOC")):
        assert index.resolve(ent(name, label, [])) is None, name
    assert index.resolve(ent("Nordkoreas", "LOC", [])) == ent("Nordkorea", "LOC", []).id
