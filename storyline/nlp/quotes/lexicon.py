"""Word lists for quotation attribution: cues, Konjunktiv forms, pronouns, role nouns (German, English).

Why lists and not a tagger: the fast path has no POS tagger (HanTa runs at ~270 sentences/s, a quarter
of the speed target), and reported speech in German news is marked by a small, closed set of words:
verbs of saying in a handful of inflected forms, the Konjunktiv forms of a few dozen verbs, and
prepositions of attribution ("laut", "zufolge"). The lists were drawn up by reading the train split of
the German Wikinews quotation corpus (cue words with their frequency as a cue versus in running text),
never the dev or test split.
"""

from __future__ import annotations


def _forms(spec: str) -> frozenset[str]:
    return frozenset(w for w in spec.split() if w)


words = _forms

RELATIVE_PRONOUNS = _forms("der die das dem den dessen deren welcher welche welches")


#: Finite and participle forms of German verbs of saying, writing, announcing, claiming.
SPEECH_VERBS = _forms(
    """
    sagte sagten sagt sagen gesagt sagte's
    erklärte erklärten erklärt erklären
    betonte betonten betont betonen
    berichtete berichteten berichtet berichten
    bestätigte bestätigten bestätigt bestätigen
    meinte meinten meint meinen
    schrieb schrieben schreibt schreiben geschrieben
    twitterte twitterten twittert getwittert
    postete postet gepostet
    äußerte äußerten äußert geäußert
    betonte bekräftigte bekräftigten bekräftigt
    behauptete behaupteten behauptet behaupten
    versicherte versicherten versichert
    warnte warnten warnt gewarnt
    forderte forderten fordert gefordert
    kritisierte kritisierten kritisiert
    erläuterte erläuterten erläutert
    ergänzte ergänzten ergänzt
    bemerkte bemerkten bemerkt
    verkündete verkündeten verkündet
    unterstrich unterstrichen unterstreicht
    räumte räumten räumt eingeräumt
    sprach sprachen spricht
    meldete meldeten meldet gemeldet
    verlautete verlautbarte
    zitierte zitierten zitiert
    antwortete antworteten antwortet geantwortet
    entgegnete entgegneten entgegnet
    widersprach widersprachen widerspricht
    argumentierte argumentierten argumentiert
    begründete begründeten begründet
    beklagte beklagten beklagt
    bezeichnete bezeichneten bezeichnet
    nannte nannten nennt genannt
    vermutete vermuteten vermutet
    glaubt glaubte glaubten glauben
    hofft hoffte hofften
    befürchtet befürchtete befürchten befürchteten
    fürchtet fürchtete
    schätzte schätzten schätzt
    kommentierte kommentierten kommentiert
    mahnte mahnten mahnt
    rief riefen
    lautete lautet
    beteuerte beteuerten beteuert
    verwies verwiesen verweist
    drohte drohten droht
    gestand gestanden gesteht
    bestritt bestritten bestreitet
    dementierte dementierten dementiert
    informierte informierten informiert
    verriet verrieten verrät
    vermeldete vermelden vermeldet
    mitteilte mitteilten bekanntgab bekanntgaben angab angaben ankündigte ankündigten hinwies
    hinzufügte ausführte feststellte einräumte vorwarf vorwirft zusicherte klarstellte
    verlangte verlangten verlangt verlangen warnen riet rieten rät fordern
    signalisierte signalisiert spekuliert spekulierte versprach versprachen verspricht versprochen
    appellierte appelliert bat baten bezweifelte bezweifelt verneinte prognostizierte
    vermuten glauben befürchten bekannte bekräftigten unterstrichen betonten erklärten
    zitierte präzisierte präzisiert resümierte konstatierte konstatiert folgerte schilderte
    schildert beschrieb beschreibt berichteten beteuerten bilanzierte lobte kritisieren
    aufgefordert würdigte empfahl empfiehlt urteilte fragte erinnerte plädierte verglich
    rechtfertigte auffordert ausgegangen ausgeht feststellt
    skandierten skandierte wertete werteten charakterisierte titulierte
    argumentiert argumentieren argumentierten
    """
)

#: Separable verbs: finite stem form → particle that closes the clause ("teilte … mit").
PARTICLE_VERBS: dict[str, frozenset[str]] = {
    stem: _forms(particles)
    for stem, particles in {
        "teilte": "mit",
        "teilten": "mit",
        "teilt": "mit",
        "gab": "bekannt an zu",
        "gaben": "bekannt an zu",
        "gibt": "bekannt an zu",
        "kündigte": "an",
        "kündigten": "an",
        "kündigt": "an",
        "wies": "hin zurück",
        "wiesen": "hin zurück",
        "weist": "hin zurück",
        "fügte": "hinzu",
        "fügten": "hinzu",
        "fügt": "hinzu",
        "führte": "aus",
        "führten": "aus",
        "führt": "aus",
        "stellte": "klar fest",
        "stellten": "klar fest",
        "stellt": "klar fest",
        "räumte": "ein",
        "räumten": "ein",
        "räumt": "ein",
        "machte": "deutlich klar",
        "machten": "deutlich klar",
        "macht": "deutlich klar",
        "hob": "hervor",
        "hoben": "hervor",
        "hebt": "hervor",
        "wandte": "ein",
        "wandten": "ein",
        "schlug": "vor",
        "schlugen": "vor",
        "schlägt": "vor",
        "warf": "vor",
        "warfen": "vor",
        "wirft": "vor",
        "gestand": "ein",
        "sagte": "zu",
        "sicherte": "zu",
        "sicherten": "zu",
        "ging": "aus",
        "gingen": "aus",
        "geht": "aus",
        "gehen": "aus",
        "hielt": "fest",
        "hielten": "fest",
        "zeigte": "zuversichtlich überzeugt",
        "zeigten": "zuversichtlich überzeugt",
        "schließen": "daraus",
        "schloss": "daraus",
        "warnten": "davor",
        "rief": "auf",
        "riefen": "auf",
        "ruft": "auf",
        "forderte": "auf",
        "forderten": "auf",
        "fordert": "auf",
    }.items()
}

#: Participles of separable verbs ("hatte mitgeteilt").
PARTICIPLES = _forms(
    """
    mitgeteilt bekanntgegeben angekündigt hingewiesen hinzugefügt ausgeführt klargestellt
    festgestellt eingeräumt verdeutlicht hervorgehoben vorgeschlagen vorgeworfen angegeben
    zugesichert bekräftigt dargelegt erklärt gesagt berichtet bestätigt betont geäußert behauptet
    mitgeteilt gewarnt gefordert kritisiert angedeutet verkündet versichert
    """
)

#: Verbs whose subject is a speaker but that rarely introduce speech on their own (for "Reported").
REPORT_VERBS = _forms(
    """
    fordert fordern forderte forderten kritisiert kritisieren kritisierte kritisierten warnt warnen
    warnte warnten bezeichnete bezeichneten bezeichnet nannte nannten nennt sprach sprachen spricht
    sprechen berichtet berichten berichtete berichteten schätzt schätzte schätzen warf warfen wirft
    werfen verwies verweist kündigte kündigten kündigt lehnte lehnt lehnten beklagte beklagt
    befürchtet befürchten erwarten begrüßte begrüßt begrüßten bezifferte beziffert
    sieht sehen verlangte verlangt verlangten beschuldigte beschuldigt beklagten drohte droht drohen
    erwartet will wollen
    """
)

#: Fixed impersonal cues: "heißt es", "hieß es" (speaker often a following "in/im" phrase).
IMPERSONAL = _forms("heißt hieß")

#: Prepositions/postpositions that attribute a clause to a source.
PREP_BEFORE = _forms("laut gemäß lt.")
POSTPOSITIONS = _forms("zufolge")
#: Nouns after "nach" that make it a cue ("nach Angaben der Polizei").
NACH_NOUNS = _forms(
    """
    angaben angabe aussage aussagen auskunft auskünften ansicht meinung einschätzung einschätzungen
    informationen information berichten bericht darstellung worten schätzungen erkenntnissen
    polizeiangaben medienberichten presseberichten zeitungsberichten agenturberichten
    auffassung überzeugung ermittlungen untersuchungen mitteilung erklärung einschätzung
    studie umfrage recherchen berechnungen prognose prognosen zählung statistik darstellung
    bekunden ansicht vernehmen
    """
)

#: Subordinators that start the message after a cue.
MESSAGE_START = _forms("dass daß ob")

#: Konjunktiv I and II forms typical of reported speech (3rd person), plus a few 1st person.
KONJUNKTIV = _forms(
    """
    sei seien seiest habe werde könne müsse solle wolle dürfe möge wisse gebe komme gehe stehe
    liege bleibe brauche lasse sehe gelte halte trage zeige plane erwarte verfüge bestehe handle
    handele fehle biete arbeite wünsche hoffe lebe kenne nehme sehe spiele befinde beabsichtige
    wäre wären hätte hätten würde würden könnte könnten müsste müssten müßte dürfte dürften
    möchte möchten käme kämen gäbe gäben ginge bräuchte bräuchten stünde stünden läge lägen
    """
)

#: Hearsay modals: "soll/sollen" + infinitive report claims without a cue.
HEARSAY = _forms("soll sollen")

#: Personal pronouns that can be speakers and need an antecedent.
PRONOUNS = _forms("er sie es ihm ihr he she they it")
PERSON_PRONOUNS = _forms("er sie he she they")

#: Determiners and possessives that may open a speaker noun phrase.
DETERMINERS = _forms(
    """
    der die das des dem den ein eine einer eines einem einen sein seine seiner seines seinem
    seinen ihr ihre ihrer ihres ihrem ihren kein keine mehrere viele einige zwei drei vier
    beide beiden alle the a an his her their
    """
)

#: Capitalised words that begin a clause but are not names (so never a speaker head).
NON_NAMES = _forms(
    """
    Am Im In Auf Bei Mit Nach Vor Seit Zudem Dabei Damit Auch Aber Doch Denn Dann Daher Deshalb
    So Nun Jetzt Heute Gestern Morgen Bereits Schon Noch Zuvor Später Trotzdem Allerdings Jedoch
    Außerdem Ebenso Demnach Laut Wie Als Wenn Falls Weil Da Dass Ob Es Man Das Dies Diese Dieser
    Dieses Ein Eine Einer Zum Zur Vom Beim Für Gegen Über Unter Durch Ohne Um Von Aus Bis Während
    Wegen Trotz Gegenüber Insgesamt Ursprünglich Offenbar Vermutlich Angeblich Zunächst Erst
    Danach Darüber Dazu Hierzu Hier Dort Zugleich Gleichzeitig Weiter Weiterhin Ferner Sein Seine
    Ihr Ihre Er Sie Wir Ich Du Nicht Nur Sogar Vielmehr Stattdessen Hingegen Dagegen Insbesondere
    Nachdem Obwohl Seitdem Bevor Sobald Weil Sofern Solange Indem Nachdem Wo Was Wer Warum Darin
    The In On At It This That But And Mr Mrs Ms
    """
)

#: Words that end a speaker noun phrase when they follow the head.
NP_STOP = _forms(
    """
    am im in auf bei mit vor seit nach zu zum zur gegenüber über unter am heute gestern morgen
    bereits schon noch zudem dabei außerdem jedoch aber auch weiter ebenfalls erneut nun jetzt
    dass ob wie als wenn weil und oder sowie the and in on at to
    """
)

#: Role and source nouns that refer back to a speaker named earlier ("der Präsident", "das Statement").
ROLE_NOUNS = _forms(
    """
    präsident präsidentin kanzler kanzlerin minister ministerin sprecher sprecherin regierung
    polizei staatsanwaltschaft politiker politikerin chef chefin vorsitzende vorsitzender statement
    erklärung mitteilung bericht behörde behörden ministerium unternehmen konzern gericht
    """
)

#: Verbs of saying strong enough to frame an indicative clause ("Er sagte, die Lage ist ernst").
STRONG_CUES = _forms(
    """
    sagte sagten sagt erklärte erklärten erklärt betonte betont schrieb schreibt twitterte
    berichtete berichtet meldete meldet bestätigte bestätigt teilte teilten teilt mitgeteilt
    gesagt erklärt sagten: meinte meint
    """
)

#: Finite auxiliaries between a fronted phrase and the subject ("Kurz zuvor hatte X … verkündet").
AUXILIARIES = _forms("hat hatte hatten haben habe ist war waren sind wird wurde wurden werden")

#: Modal verbs (finite) that can stand before the subject's main verb.
MODALS = _forms(
    "kann konnte konnten können könnte will wollte wollten wollen muss musste mussten müssen darf durfte soll sollte möchte"
)

#: Prepositions that open an adverbial to skip when looking for a subject.
PREPOSITIONS = _forms(
    """
    am im in auf bei mit nach vor seit während für gegen über unter durch zum zur vom beim
    aus nach neben zwischen wegen trotz gegenüber an ab um bis ohne
    """
)

#: English cues (direct quotes with speakers at least).
EN_SPEECH_VERBS = _forms(
    """
    said says say told tells added stated declared explained noted argued insisted warned wrote
    tweeted claimed announced asked replied according
    """
)

# --- words the sentence strategies use to read a clause (strategies.py, clauses.py)

#: Subjects that never speak ("Es heißt …", "Das zeigt …", "Man sagt …").
NOT_SPEAKERS = _forms("es das dies dieses man")

#: Adverbs between a subject and its verb ("Die Armee hingegen sprach …").
MID_ADVERBS = _forms("hingegen dagegen jedoch allerdings aber auch ebenfalls wiederum indes zudem nun")

#: Finite verbs of saying, claiming, warning (a clause in Konjunktiv after such a sentence is its speech).
SAYING = (
    SPEECH_VERBS
    | REPORT_VERBS
    | STRONG_CUES
    | _forms(
        "verweisen verwiesen bestreitet bestritt bestreiten streitet stritt wies wiesen weist klagt "
        "klagte klagten klagen mahnt mahnte mahnten appellierte appellierten appelliert plädierte "
        "plädiert plädieren glaubt glaubte glauben glaubten hofft hoffte hoffen hofften fürchtet "
        "fürchtete fürchten befürchtete bezweifelt bezweifelte bezweifeln"
    )
) - _forms("will wollen sieht sehen erwartet erwarten")

#: Prepositions of the agent of a passive cue ("von der Polizei aufgefordert").
AGENT_PREPS = _forms("von vom durch")

#: Nouns that put a name in quotation marks after them: "dem Verein „Rote Hilfe“", "die Serie
#: »Dark«", "unter dem Motto „…“". What follows is what the thing is called, not what anyone said.
NAMING_NOUNS = _forms(
    """
    verein vereins vereinigung organisation gruppe gruppierung netzwerk bündnis initiative bewegung
    partei firma unternehmen marke label band projekt programm aktion kampagne motto slogan titel
    film films serie buch buches roman romans album song lied single show sendung podcast magazin
    zeitschrift zeitung kolumne reihe format stück theaterstück oper musical ausstellung festival
    hashtag app spiel operation mission plattform kanal account
    """
)

#: The same nouns as the last part of a compound ("Kinofilm", "Netflix-Serie", "Kinderbuch"); not
#: those that end other words ("Reaktion", "Kommission", "Mitglied", "Beispiel").
NAMING_HEADS = (
    "film", "serie", "roman", "buch", "album", "song", "podcast", "magazin", "zeitung", "show", "sendung",
    "reihe", "kampagne", "initiative", "bewegung", "verein", "netzwerk", "bündnis", "festival",
    "ausstellung", "projekt", "motto", "titel", "label", "marke", "gruppe", "partei", "organisation",
)

#: Words right before a quoted label ("bezeichnete den Plan als „Wortbruch“").
LABEL_BEFORE = _forms("als von vom einen eine einer einem ein")

#: Auxiliaries that are plainly indicative.
INDICATIVE_AUX = _forms("ist sind war waren hat haben hatte hatten")

#: Words that open a relative or adverbial clause after a comma.
RELATIVE_OR_SUB = RELATIVE_PRONOUNS | _forms("wenn weil da als obwohl wo was")

#: Subordinators that open a fronted subordinate clause (not a main clause with a subject).
SUBORDINATORS = _forms(
    "was wenn weil da als obwohl nachdem bevor sobald seit seitdem während dass daß ob wie falls indem"
)

#: Konjunktiv I forms that mark a complement clause as reported speech.
KONJUNKTIV_ONE = _forms("sei seien habe werde könne müsse solle wolle dürfe möge gebe")

#: Determiners that cannot open a subject (dative, genitive, masculine accusative).
OBLIQUE_DETERMINERS = _forms("den dem einem einen des eines")

#: Subject pronouns ("Er will …": the word before the verb is a subject, not an adverbial).
SUBJECT_PRONOUNS = _forms("er sie es wir ich ihr man")

#: Claiming verbs that are something else with a particle at the clause's end: "Kulturelle
#: Demokratisierung sieht anders aus", "Einzelfälle werfen Fragen auf" ("wirft … vor" and "weist …
#: zurück" are claims and stay, and so does "Der Beschluss sieht vor, dass …": the labels count a
#: document's provisions as its reported speech).
NOT_SPEECH_PARTICLES: dict[str, frozenset[str]] = {
    **dict.fromkeys(_forms("sieht sehen sah sahen"), _forms("aus zu fern nach ab")),
    **dict.fromkeys(_forms("wirft werfen warf warfen"), _forms("auf zurück um weg hinaus raus ab ein")),
}

#: "drohen" faces what follows in the nominative ("Ihm droht eine Haftstrafe", "Mickey Rourke droht
#: der Rauswurf"); it threatens with an object in the dative or "mit"/"damit" ("Trump droht dem Iran").
THREATEN = _forms("droht drohen drohte drohten")
FACED = _forms("der die das ein eine kein keine bis")
THREATENED = _forms("dem den einem einen ihm ihr ihnen damit mit an")
#: Adverbs between such a verb and its object ("droht nun eine Strafe").
ADVERBS_BEFORE_OBJECT = _forms("nun jetzt ebenfalls erneut wieder immer offenbar bereits schon noch nicht auch")

#: Question words: "Was erwartet Mick Schumacher in der einstigen Todesfalle?" asks, it reports nothing.
INTERROGATIVES = _forms("was wer wen wem wessen wie warum weshalb wieso wo wohin woher wann welche welcher welches welchen")

#: Adverbs that may open a reported-speech sentence before its subject ("Auch die SPD fordert …").
REPORTED_LEAD = _forms("auch zudem dagegen außerdem ebenso")

#: Participles of claiming after "hat/haben" ("Die SPD hat … gefordert").
REPORT_PARTICIPLES = _forms(
    "gefordert kritisiert angekündigt bezeichnet gewarnt verlangt beschuldigt begrüßt abgelehnt zurückgewiesen"
)

#: Words that never open a speaker phrase (conjunctions).
NOT_SPEAKER_START = _forms("und oder aber sowie sondern denn weil dass")

#: Endings of source nouns after "nach" ("nach Polizeiangaben", "nach ersten Hochrechnungen").
SOURCE_NOUN_SUFFIXES = (
    "angaben",
    "angabe",
    "berichten",
    "informationen",
    "erkenntnissen",
    "erkenntnisstand",
    "aussagen",
    "schätzung",
    "schätzungen",
    "meldungen",
    "einschätzung",
    "meinung",
    "erfahrungen",
    "analyse",
    "analysen",
    "stellungnahme",
    "endergebnis",
    "planungen",
    "nachricht",
    "nachrichten",
    "medien",
    "auskunft",
    "umfrage",
    "umfragen",
    "studie",
    "hochrechnung",
    "hochrechnungen",
)
