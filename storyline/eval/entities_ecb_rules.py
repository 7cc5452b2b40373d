"""Rules behind the ECB+ entity clustering: the head word a mention is keyed by, and the merges of
head keys within a story that the text itself argues for.

Why heads: ECB+ names one participant by a full name, a surname, a title plus name or a name
with an age or degree after a comma ("Eric Allen Kirkpatrick, 61", "Regina Benjamin, MD"); the head
of the name part is what these share.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
THING = {"it", "its", "itself"}
GROUP = {"they", "them", "their", "theirs", "themselves"}
RELATIVE = {"who", "whom", "whose", "which", "that", "where"}
SKIP = {"i", "me", "my", "we", "us", "our", "you", "your"}
PLACE = {"there", "here"}
#: plural nouns that do not end in "s": "they", not "he" or "it", take them
PLURAL_NOUNS = {"people", "men", "women", "children", "police", "gunmen", "policemen", "firemen", "fishermen",
                "businessmen", "gentlemen", "crewmen", "servicemen", "militiamen", "clergy", "staff", "personnel"}
_WORD = re.compile(r"[\w'-]+")
_CONTRACTION = re.compile(r"['’](?:s|d|ll|re|ve|m)$")
#: a description joins a name mentioned at least MIN_NAMED times and at least 1/RATIO as often as
#: the description (tuned on train and dev: flat between 1.5 and 4)
MIN_NAMED = 2
RATIO = 2
_SUFFIX = {"md", "m.d", "m.d.", "mba", "m.b.a", "m.b.a.", "phd", "ph.d", "ph.d.", "jr", "jr.", "sr", "sr.",
           "ii", "iii", "iv", "esq", "esq."}


def word_of(text: str) -> str:
    """A mention's text as one lower-case word, a pronoun's contraction left out ("she's", "they'd")."""
    word = text.strip().lower()
    bare = _CONTRACTION.sub("", word)
    return bare if bare in PERSONAL | THING | GROUP | SKIP else word


_PLACE_INSIDE = re.compile(r"^(?:(?:in|at|on|to|from|into)\s+)?(?:a|an|the)\s+[A-Z]")


def _name_part(text: str) -> str:
    """The part of a comma list that names the thing: not an age, a degree or a suffix."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 3 and parts[-1][:1].islower() and _PLACE_INSIDE.match(parts[0]):
        return f"{parts[0]} {parts[-1]}"  # "a Biloxi, Miss., motel room": a motel room
    kept = [p for p in parts if p and not p.isdigit() and p.lower().strip(". ") not in _SUFFIX
            and p.lower() not in _SUFFIX]
    if not kept:
        return text
    named = [p for p in kept if all(w[:1].isupper() or not w[:1].isalpha() for w in p.split())]
    return named[-1] if named and len(kept) > 1 else kept[0]


_PREP = re.compile(r"^(?:in|at|on|near|to|from|into|inside|outside|along|alongside|across)\s+", re.I)
_POST = re.compile(r"\s+(?:in|of|at|on|near|from|for|with)\s+.*$")


def core(text: str) -> str:
    """The noun phrase without a leading preposition ("in Malibu") or trailing modifier ("a mountain
    in New Zealand", "Surgeon General of the United States"). A comma after such a modifier
    belongs to it ("the federal prison in Springfield, Mo." is a prison, not Missouri)."""
    bare = _PREP.sub("", text.strip())
    if "," in bare and _POST.search(bare.split(",", 1)[0]):
        return _POST.sub("", bare) or bare
    text = _PREP.sub("", _name_part(text).strip())
    return _POST.sub("", text) or text


#: British spellings of a head, read as the American one ("Betty Ford Centre" is the "Center")
_SPELLING = {"centre": "center", "theatre": "theater", "jewellery": "jewelry", "programme": "program",
             "defence": "defense", "offence": "offense", "neighbour": "neighbor", "harbour": "harbor"}
#: a number word is its digits ("Three" dead are the "3" dead)
_NUMBER = {w: str(i) for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                            "nine", "ten", "eleven", "twelve"])}


def head(text: str) -> str:
    words = [w.lower().strip("'").removesuffix("'s") for w in _WORD.findall(core(text))]
    while len(words) > 1 and words[-1] in _SUFFIX:
        words.pop()
    if not words:
        return text.lower()
    last = _NUMBER.get(words[-1], _SPELLING.get(words[-1], words[-1]))
    # a name's plural or possessive is the name ("Sixers", "Cheeks"); "climbers" are not "the climber"
    plural = len(last) > 3 and last.endswith("s") and not last.endswith("ss")
    return last[:-1] if plural and _WORD.findall(core(text))[-1][:1].isupper() else last


_TITLE = re.compile(r"^(?:mr|mrs|ms|dr|sgt|gen|gov|sen|rep|lt|col|capt|prof|st)\.?$", re.I)
_STOP = r"(?=\s*(?:[,.;:)]|\s(?:who|whom|which|that|of|in|at|on|from|and|with|for|to|has|had|was|is)\b|$))"
_AFTER = re.compile(r"^,\s+(?:\d+,\s+)?(?:a|an|the|another|his|her|its|their)\s+(?:[\w'-]+\s+){0,4}?([\w'-]+)" + _STOP)
_COPULA = re.compile(r"^\s+(?:is|was|will be|would be|as|became|becomes)\s+(?:a|an|the)\s+(?:[\w'-]+\s+){0,3}?([\w'-]+)" + _STOP)
_BEFORE = re.compile(r"(?:\b(?i:the|a|an)\s+)(?:[\w'-]+\s+){0,3}?([\w'-]+),\s*$")
_TITLE_WORD = re.compile(r"([\w'-]+)\s+$")


def mention_key(story: str, m: dict[str, Any]) -> str:
    """The story-level key of a name or description: its head, except for a coordination ("Italy
    and Egypt"), a group with an identity of its own, and a quantity, its number and unit
    (``quantity``)."""
    text = core(m["text"])
    if _is_coordination(m):
        return f"{story}|{m.get('mention_type')}|{_coordination(text)}"
    number = quantity(_PREP.sub("", m["text"].strip())) if m.get("mention_type") == "NON" else None
    return f"{story}|{m.get('mention_type')}|{number or head(m['text'])}"


def _is_coordination(m: dict[str, Any]) -> bool:
    """A mention of two or more things joined by "and" ("Italy and Egypt"): a group, which no
    description of one thing names ("the sea between Italy and Egypt" is not the group)."""
    return bool(re.search(r"\s(?:and|&)\s", core(m["text"])))


def _coordination(text: str) -> str:
    """A coordination's key: its words in alphabetical order, without "and", articles and
    "between", since the order of the parts says nothing about the group ("between Italy and
    Egypt" is "Egypt and Italy", "97th Avenue and 117th Street" is "117th Street and 97th
    Avenue")."""
    words = set(_WORD.findall(text.lower())) - {"and", "the", "a", "an", "between"}
    return " ".join(sorted(words))


_QUANTITY = re.compile(r"^(?:(?:over|about|nearly|almost|some|more than)\s+)?[$€£]?-?\s?"
                       r"(\d+(?:[.,]\s?\d+)*(?:\s?-\s?\d+)?)((?:\s+[a-z][\w-]*)*)$", re.I)


def quantity(text: str) -> str | None:
    """A number, with its unit if it has one ("205 yards", "$184 million", "5.6", "20 - 13"): the
    number is part of its identity, so "205 yards" is not "364 yards", nor "$160 million" "$200
    million", nor a magnitude "5.6" a "6"."""
    hit = _QUANTITY.match(text.strip())
    if not hit:
        return None
    number = "".join(hit.group(1).split())
    return f"{number} {head(text)}" if hit.group(2) else number


def _descriptors(m: dict[str, Any], text: str) -> set[str]:
    """Common nouns the text puts next to a name: a title before it ("receptionist Madeline
    Kafoury"), an apposition after it ("Steinberg, a partner in the firm") or before it ("the
    driver, Vishwanand Subryan"), or a copula ("DeGeneres will be the host")."""
    found: set[str] = set()
    before, after = text[max(0, m["start"] - 80) : m["start"]], text[m["end"] : m["end"] + 100]
    if m.get("mention_type") == "HUM":
        found.update(w for w in _WORD.findall(core(m["text"])) if w[:1].islower())
    t = _TITLE_WORD.search(before)
    if t and not _TITLE.match(t.group(1)):
        found.add(t.group(1))
    for pattern, where in ((_AFTER, after), (_COPULA, after), (_BEFORE, before)):
        hit = pattern.search(where)
        if hit and hit.group(1)[:1].islower():  # "an interview with People, Reid": no description
            found.add(hit.group(1))
    return {head(w) for w in found}


def is_named(m: dict[str, Any]) -> bool:
    words = _WORD.findall(core(m["text"]))
    return bool(words) and words[-1][:1].isupper()


def _full_name(m: dict[str, Any]) -> str | None:
    """A name of two or more capitalised words ("Barack Obama"), the same person or body wherever
    it occurs, even in two stories the linker kept apart; all-caps headline words are not names."""
    words = _WORD.findall(core(m["text"]))
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and not m["text"].isupper():
        return f"name|{m.get('mention_type')}|{' '.join(words).lower()}"
    return None


def _short_names(keyed: list[tuple[dict[str, Any], str]]) -> Iterable[tuple[str, str]]:
    """A one-word name that is the first word ("Indianapolis" of "Indianapolis Colts"; not for
    places) or the initials ("IE") of exactly one longer name of the same type in the story is that
    name."""
    longer: dict[str, set[str]] = defaultdict(set)
    for m, key in keyed:
        words = _WORD.findall(core(m["text"]))
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            prefix = key.rsplit("|", 1)[0]
            if m.get("mention_type") != "LOC":  # "Athens" is not the "Athens bank"
                longer[f"{prefix}|{words[0].lower()}"].add(key)
            longer[f"{prefix}|{''.join(w[0] for w in words).lower()}"].add(key)
    for m, key in keyed:
        words = _WORD.findall(core(m["text"]))
        if len(words) == 1 and words[0][:1].isupper():
            targets = longer.get(f"{key.rsplit('|', 1)[0]}|{words[0].lower()}", set()) - {key}
            if len(targets) == 1:
                yield key, next(iter(targets))


def _name_occurrences(keyed: list[tuple[dict[str, Any], str]], named: set[str], story_of: dict[str, str],
                      texts: dict[str, str]) -> list[tuple[dict[str, Any], str]]:
    """Every place a story's texts write one of its names, annotated or not: ECB+ marks only a
    document's few validated sentences, and "Mafia boss Gaetano Lo Presti" may be in another."""
    surfaces: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # story -> surface -> (key, type)
    for m, key in keyed:
        if key in named:
            surface = core(m["text"]).strip(" .,'\"")
            if len(surface) > 2:
                surfaces[key.split("|", 1)[0]][surface] = (key, m.get("mention_type") or "")
    docs_of: dict[str, set[str]] = defaultdict(set)
    for m, _key in keyed:
        docs_of[story_of.get(m["doc_id"], m["doc_id"])].add(m["doc_id"])
    found = []
    for story, names in surfaces.items():
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in sorted(names, key=len, reverse=True)) + r")\b")
        for doc in sorted(docs_of[story]):
            for hit in pattern.finditer(texts.get(doc, "")):
                key, kind = names[hit.group(0)]
                found.append(({"doc_id": doc, "start": hit.start(), "end": hit.end(), "text": hit.group(0),
                               "mention_type": kind}, key))
    return found


def _keyed(mentions: list[dict[str, Any]], story_of: dict[str, str],
           renamed: dict[str, str] | None = None) -> list[tuple[dict[str, Any], str]]:
    """Each name or description with its story-level key (pronouns left out), or the key
    ``renamed`` gives it (``namesakes``)."""
    renamed = renamed or {}
    return [(m, renamed.get(m["mention_id"]) or mention_key(story_of.get(m["doc_id"], m["doc_id"]), m))
            for m in mentions if word_of(m["text"]) not in PERSONAL | THING | GROUP | PLACE | RELATIVE | SKIP]


def _given_names(m: dict[str, Any], lower: Callable[[str], bool]) -> set[str]:
    """The words of a person's full name before the surname that are given names: not initials,
    titles ("Dr.") or words the story also writes in lower case ("President", "Attorney")."""
    words = _WORD.findall(core(m["text"]))
    if len(words) < 2 or not all(w[:1].isupper() for w in words) or m["text"].isupper():
        return set()
    return {w.lower() for w in words[:-1] if len(w) > 1 and not _TITLE.match(w) and not lower(w.lower())}


def namesakes(mentions: list[dict[str, Any]], story_of: dict[str, str], texts: dict[str, str]) -> dict[str, str]:
    """mention id -> key of its own, for the full names of a story's second person with the same
    surname: two given names with different initials are two people ("John Jenkin" and his sister
    "Katie Jenkin"), a nickname or a short form usually is not ("Katie" and "Kathryn", "Bettie" and
    "Betty"). The full names whose given names share an initial are one person; the person named
    most often keeps the surname's key, and with it the bare surname."""
    docs: dict[str, list[str]] = defaultdict(list)
    for doc in sorted({m["doc_id"] for m in mentions}):
        docs[story_of.get(doc, doc)].append(texts.get(doc, ""))
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        if m.get("mention_type") == "HUM" and is_named(m):
            groups[mention_key(story_of.get(m["doc_id"], m["doc_id"]), m)].append(m)
    renamed: dict[str, str] = {}
    for key, group in groups.items():
        story = key.split("|", 1)[0]

        def lower(word: str, story: str = story) -> bool:
            return any(re.search(rf"\b{re.escape(word)}\b", t) for t in docs[story])

        persons: list[tuple[set[str], list[dict[str, Any]]]] = []  # initials, full-name mentions
        for m in group:
            initials = {w[0] for w in _given_names(m, lower)}
            if not initials:
                continue
            same = [p for p in persons if p[0] & initials]
            merged = (initials.union(*(p[0] for p in same)), [m, *(x for p in same for x in p[1])])
            persons = [p for p in persons if not p[0] & initials] + [merged]
        if len(persons) < 2:
            continue
        persons.sort(key=lambda p: -len(p[1]))
        for _initials, ms in persons[1:]:
            name = min(" ".join(_WORD.findall(core(m["text"]))).lower() for m in ms)
            renamed.update((m["mention_id"], f"{key.rsplit('|', 1)[0]}|{name}") for m in ms)
    return renamed


def _evidence(keyed: list[tuple[dict[str, Any], str]], story_of: dict[str, str], texts: dict[str, str]
              ) -> tuple[dict[str, Counter[str]], Counter[tuple[str, str]]]:
    """For each description key, how often the story's texts put its noun next to each name key
    (not a coordination, ``_is_coordination``); and how often each document writes each name key."""
    nominal = {key for m, key in keyed if not is_named(m)}
    named = {key for m, key in keyed if is_named(m) and not _is_coordination(m)} - nominal
    evidence: dict[str, Counter[str]] = defaultdict(Counter)
    written: Counter[tuple[str, str]] = Counter()
    for m, key in _name_occurrences(keyed, named, story_of, texts):
        written[(m["doc_id"], key)] += 1
        prefix = key.rsplit("|", 1)[0]
        for word in _descriptors(m, texts.get(m["doc_id"], "")):
            if f"{prefix}|{word}" in nominal:
                evidence[f"{prefix}|{word}"][key] += 1
    return evidence, written


_COUNT = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both)\s+(?:[\w'-]+\s+)?$", re.I)


def _counted(keyed: list[tuple[dict[str, Any], str]], texts: dict[str, str]) -> Iterable[tuple[str, str]]:
    """A number that stands for people or things ("Three killed", "kills 2") is the plural noun the
    story's texts write it before at least twice ("three people", "2 women")."""
    keys = {key for _, key in keyed}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m, key in keyed:
        words = _WORD.findall(core(m["text"]))
        if is_named(m) or len(words) != 1:
            continue
        hit = _COUNT.search(texts.get(m["doc_id"], "")[max(0, m["start"] - 30) : m["start"]])
        number = f"{key.rsplit('|', 1)[0]}|{head(hit.group(1))}" if hit else None
        if number in keys and number != key:
            votes[number][key] += 1
    for number, nouns in sorted(votes.items()):
        noun = min(nouns, key=lambda k: (-nouns[k], k))
        if nouns[noun] >= MIN_NAMED:
            yield number, noun


def _one_edit(a: str, b: str) -> bool:
    """Two words that one inserted, dropped or changed letter turns into each other."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _misspelt_names(keyed: list[tuple[dict[str, Any], str]]) -> Iterable[tuple[str, str]]:
    """Two full names of a story with the same given name and surnames one letter apart ("Duncan
    Rait", "Duncan Raite") are one person whose name a reporter spelt two ways."""
    given: dict[tuple[str, str], set[str]] = defaultdict(set)  # (story|type, given name) -> keys
    for m, key in keyed:
        words = _WORD.findall(core(m["text"]))
        if len(words) == 2 and all(w[:1].isupper() for w in words) and not m["text"].isupper():
            given[(key.rsplit("|", 1)[0], words[0].lower())].add(key)
    for keys in given.values():
        for a in sorted(keys):
            for b in sorted(keys):
                sa, sb = a.rsplit("|", 1)[1], b.rsplit("|", 1)[1]
                if a < b and min(len(sa), len(sb)) >= 4 and _one_edit(sa, sb):
                    yield a, b


class StoryEvidence(NamedTuple):
    """What the story-level rules read, computed once: each name or description with its key
    (``_keyed``), how many mentions each key has, the description evidence and how often each
    document writes each name (``_evidence``)."""

    keyed: list[tuple[dict[str, Any], str]]
    size: Counter[str]
    evidence: dict[str, Counter[str]]
    written: Counter[tuple[str, str]]


def story_evidence(mentions: list[dict[str, Any]], story_of: dict[str, str], texts: dict[str, str],
                   renamed: dict[str, str] | None = None) -> StoryEvidence:
    keyed = _keyed(mentions, story_of, renamed)
    evidence, written = _evidence(keyed, story_of, texts)
    return StoryEvidence(keyed, Counter(key for _, key in keyed), evidence, written)


def story_merges(ev: StoryEvidence, texts: dict[str, str]) -> Iterable[tuple[str, str]]:
    """Pairs of keys to merge. Each description key of a story (a common-noun head such as "woman"
    or "climber") joins the name key that the story's texts most often describe by that noun
    (wherever they write the name, in annotated sentences or not), when
    the name is mentioned at least twice and at least half as often as the description (a name met
    once is weak evidence for twenty "climber"s); a full name joins its keys across stories; a
    number joins the plural noun it counts ("Three" killed, "three people"); a surname spelt two
    ways joins itself ("Duncan Rait", "Duncan Raite")."""
    for m, key in ev.keyed:
        if (full := _full_name(m)) is not None:
            yield key, full
    yield from _short_names(ev.keyed)
    yield from _counted(ev.keyed, texts)
    yield from _misspelt_names(ev.keyed)
    for target, votes in sorted(ev.evidence.items()):
        best = min(votes, key=lambda k: (-votes[k], k))
        if ev.size[best] >= MIN_NAMED and RATIO * ev.size[best] >= ev.size[target]:
            yield target, best


def description_owners(ev: StoryEvidence) -> dict[str, str]:
    """mention id -> name key, for a description that the story's texts put next to two or more
    names ("host": Hugh Jackman and Ellen DeGeneres), in a document that writes one of them more
    often than the others (an article about this year's host names last year's once, in passing)."""
    owners = {}
    for m, key in ev.keyed:
        candidates = [name for name in ev.evidence.get(key, ()) if ev.size[name] >= MIN_NAMED]
        if len(candidates) < 2:
            continue
        here = sorted(((ev.written[(m["doc_id"], name)], name) for name in candidates), reverse=True)
        if here[0][0] > here[1][0]:
            owners[m["mention_id"]] = here[0][1]
    return owners


#: descriptions that say a person's sex and nothing relational ("the woman", not "her mother")
FEMALE = {"woman", "girl", "lady", "actress", "grandmother", "businesswoman", "female"}
MALE = {"man", "boy", "actor", "businessman", "male", "gentleman"}
#: descriptions of a body that the text calls "it" ("the company", "the software giant")
BODY = {"company", "firm", "giant", "maker", "corporation", "manufacturer", "retailer", "carrier", "airline",
        "network", "chain", "developer", "publisher", "studio"}
#: heads of a name or description of a body, not a person: "he"/"she" do not take them
BODY_HEAD = BODY | {"academy", "command", "police", "department", "post", "university", "college", "association",
                    "navy", "army", "court", "office", "council", "commission", "agency", "service", "committee",
                    "inc", "corp", "ltd", "group", "bank", "times", "news", "board", "administration", "government",
                    "ministry", "team", "club", "league", "party", "union", "institute", "organization", "organisation"}


def is_body(m: dict[str, Any]) -> bool:
    """A name or description of a body: an acronym in capitals ("CNN", "NYPD") or a body's head
    ("the Academy", "Police", "Western Naval Command")."""
    words = _WORD.findall(core(m["text"]))
    if not words:
        return False
    last = words[-1]
    return (2 <= len(last) <= 5 and last.isupper()) or head(m["text"]) in BODY_HEAD


SHE, HE = {"she", "her", "hers", "herself"}, {"he", "him", "his", "himself"}


def pronoun_merges(mentions: list[dict[str, Any]], story_of: dict[str, str],
                   find: Callable[[str], str], renamed: dict[str, str] | None = None) -> Iterable[tuple[str, str]]:
    """A description that says only what pronoun fits it, "she" ("the woman"), "he" ("a man") or
    "it" ("the company"), joins the one named participant of its story that the story's pronouns
    call so (at least twice, and more often than anything else) and that is named at least twice;
    with two such participants, or none, it stays apart. ``find`` gives a mention's or key's cluster
    after the pronouns and the other merges."""
    called: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        word = word_of(m["text"])
        if word in SHE | HE | THING:
            called[find(m["mention_id"])]["f" if word in SHE else "m" if word in HE else "n"] += 1
    keyed = [(m, key) for m, key in _keyed(mentions, story_of, renamed) if m.get("mention_type") == "HUM"]
    nominal = {key for m, key in keyed if not is_named(m)}
    named_size: dict[str, Counter[str]] = defaultdict(Counter)  # story -> named cluster -> mentions
    for _m, key in keyed:
        if key not in nominal:
            named_size[key.split("|", 1)[0]][find(key)] += 1
    for key in sorted(nominal):
        noun = key.rsplit("|", 1)[1]
        kind = "f" if noun in FEMALE else "m" if noun in MALE else "n" if noun in BODY else None
        if kind is None:
            continue
        persons = [c for c, n in named_size[key.split("|", 1)[0]].items()
                   if n >= MIN_NAMED and called[c][kind] >= MIN_NAMED and 2 * called[c][kind] > sum(called[c].values())]
        if len(persons) == 1 and find(key) != persons[0]:
            yield key, persons[0]
