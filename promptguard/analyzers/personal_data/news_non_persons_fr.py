"""What French news copy names with a capital and is no person: a street, a building, a
ship, a firm, a place named after a saint, an office's domain, a heading.

spaCy's small French model reads "rue Victor-Hugo", "la frégate Raphaël", "la bande «
Stern »", "Saint-Paul", "président de la République" and "SUISSE Chambres fédérales" as
persons; the French news rules (`news_names_fr`) must not take them either. The words
before the span say what it is, or no word of it can be a surname.
"""

from __future__ import annotations

import functools

import regex as re

from promptguard.analyzers.names.lexicon import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(re.split(r"\s+", text.strip()))


#: Words that are the domain of an office, never a surname ("président de la République").
INSTITUTIONS = frozenset(
    fold(w)
    for w in _words(
        """République Confédération Confédérés Etat État Etats États Empire Royaume Reich
        Conseil Chambre Chambres Sénat Assemblée Parlement Gouvernement Cour Tribunal Ville
        Commune Canton Département Intérieur Extérieur Guerre Marine Justice Finances Culte
        Cultes Instruction Police Affaires Commerce Agriculture Postes Travaux Armée Banque
        Société Nations Union Église Eglise Université Académie Institut Compagnie Office
        Bureau Direction Hospice Hôpital Caisse Chancellerie Préfecture Mairie"""
    )
)
#: Ranks, offices and nobility before a name, any case ("le général Prim", "Général Prim").
RANKS = _words(
    """monsieur madame mademoiselle messieurs mesdames docteur professeur maître abbé chanoine
    curé pasteur cardinal évêque archevêque monseigneur pape général généraux colonel
    lieutenant-colonel lieutenant-général capitaine lieutenant sous-lieutenant commandant
    major maréchal amiral vice-amiral contre-amiral sergent sergent-major caporal adjudant
    brigadier comte comtesse baron baronne duc duchesse marquis marquise vicomte
    vicomtesse prince princesse archiduc archiduchesse roi reine empereur impératrice lord
    lady sir don dona doña président présidente vice-président ministre préfet sous-préfet
    maire syndic député sénateur juge chancelier vice-chancelier vicechancelier consul
    ambassadeur gouverneur conseiller conseillère landammann bourgmestre directeur
    directrice directeurs pacha shah sultan tsar czar khédive"""
)
#: Offices held in a place: after them "de X" is the seat, not a name particle ("le maire
#: de Vernier", "le député de la Seine", "l'évêque de Sion"). Ranks and nobility stay out:
#: "le général de Castelnau", "le comte de Metternich" are names.
DOMAIN_OFFICES = _words(
    """maire syndic député députée sénateur préfet sous-préfet curé vicaire pasteur évêque
    archevêque bourgmestre juge consul vice-consul gouverneur ambassadeur recteur doyen
    notaire receveur percepteur instituteur institutrice président présidente vice-président
    directeur directrice"""
)
#: Words of a title with no name: "M. LE MAIRE", "M. le président", "LE RAPPORTEUR".
_TITLE_ONLY = _words(
    """m mm mme mmes mlle mlles monsieur madame messieurs le la les l de du des d rapporteur
    garde sceaux commissaire secrétaire orateur"""
)
_OFFICE_SEAT = re.compile(
    rf"^(?i:{'|'.join(sorted(DOMAIN_OFFICES, key=len, reverse=True))})[ ]+(?:de|du|des|d['’])",
)
_SEAT_BEFORE = re.compile(
    rf"(?<![\p{{L}}])(?i:{'|'.join(sorted(DOMAIN_OFFICES, key=len, reverse=True))})[ ]+"
    r"(?:de|du|des|d['’])[ ]?(?:(?:la|l['’])[ ]?)?$"
)
#: A determiner or possessive right before: a lowercase word after it is a common word.
_DETERMINER_BEFORE = re.compile(
    r"(?<![\p{L}])(?i:son|sa|ses|le|la|les|l['’]|un|une|du|des|au|aux|mon|ma|mes|ton|ta|tes|"
    r"notre|votre|leur|leurs|ce|cet|cette|ces)[ ]+$"
)
#: A signature's label, no name: "Signé : Jean Martin", "Signée".
_SIGN_WORDS = frozenset(["signe", "signee", "signes", "signees"])
#: What a name-shaped span right after is not: a street, a building, a ship, a newspaper, a
#: firm or a band ("rue Victor-Hugo", "la frégate Raphaël", "la bande « Stern »").
_NOT_PERSON_BEFORE = re.compile(
    r"(?<![\p{L}])(?:rue|ruelle|avenue|boulevard|bd|quai|chemin|route|pont|all[ée]e|"
    r"(?<!(?:premi[èe]re|seconde|deuxi[èe]me|troisi[èe]me|derni[èe]re|meilleure)[ ])place|"
    r"impasse|passage|cours|square|faubourg|promenade|h[ôo]tel|h[ôo]pital|clinique|coll[èe]ge|"
    r"lyc[ée]e|[ée]cole|[ée]glise|temple|cath[ée]drale|chapelle|gare|mus[ée]e|th[ée][âa]tre|"
    r"stade|caserne|fort|fondation|institut|prix|fr[ée]gate|corvette|navire|vaisseau|vapeur|"
    r"paquebot|bateau|chaloupe|croiseur|cuirass[ée]|torpilleur|sous-marin|yacht|go[ée]lette|"
    r"trois-m[âa]ts|brick|steamer|bande|parti|soci[ée]t[ée]|"
    r"maison|firme|compagnie|club|[ée]quipe|agence|banque|usine|usines|fabrique|canton|"
    r"district|commune|village|ville|vall[ée]e|mont|lac|col|domaine|ch[âa]teau|tour|tours)"
    r"[ ]+(?:(?:de|du|des|d['’])[ ]?)?(?:(?:la|le|les|l['’])[ ]?)?[«\"“]?[ ]*$",
    re.IGNORECASE,
)
#: "Saint-Paul", "St - Gall", "Mont-Blanc": a place (or a church) named after a saint.
_PLACE_PREFIX = re.compile(
    r"(?<![\p{L}])(?:Saint|Sainte|St|Ste|Mont|Port|Val|Fort)[ ]?-[ ]?\p{Lu}$"
)
_PARTICLES = _words("de du des d van von der den da di del della dos das le la ter ten mac")


def _cap(word: str) -> bool:
    return word[:1].isalpha() and word[:1].isupper() and any(c.isalpha() for c in word[1:])


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from promptguard.analyzers.names.prepass import vocabulary

    return frozenset(vocabulary().places)


def is_place(word: str) -> bool:
    return fold(word) in _places()


def plain_word(word: str, strict: bool = True) -> bool:
    """A word that is no surname here: a function word, a place, an office's domain, a
    brand ("Conseil", "Genève", "Suisse", "Les"), and unless after a title (`strict`
    False: "M. Boulanger"), an ordinary word that no name list holds."""
    from promptguard.analyzers.personal_data.person_names import (
        is_not_a_person,
        is_ordinary,
        name_kind,
        stop_words,
    )

    key = fold(word)
    if key in INSTITUTIONS or word.lower() in stop_words() or is_place(word):
        return True
    if "-" in word and any(is_place(p) for p in word.split("-") if len(p) > 3):
        return True  # "Radio-New-York", "Grande-Bretagne"
    if strict and is_not_a_person(word):
        return True
    return strict and is_ordinary(word) and not name_kind(word)


def not_a_person_fr(text: str, start: int, end: int) -> bool:
    """A street, a building, a ship, a newspaper or a firm: what the words before show
    ("rue Victor-Hugo", "la frégate Raphaël", "la bande « Stern »"), or a place after
    "en" ("en Carélie")."""
    before = text[max(0, start - 40) : start]
    value = text[start:end]
    if _NOT_PERSON_BEFORE.search(before) or _SEAT_BEFORE.search(before):
        return True  # "rue Victor-Hugo"; "le curé de Bottens": the seat of an office
    if _OFFICE_SEAT.match(value):
        return True  # "maire de Vernier": an office and its seat
    if fold(value.strip()) in _SIGN_WORDS or _title_only(value):
        return True
    if value.islower() and _DETERMINER_BEFORE.search(before):
        return True  # "son vaillant président": an adjective, though Vaillant is a surname
    prefix = _PLACE_PREFIX.search(before[-10:] + value[:1])  # "Saint - Paul" spaced too
    if prefix and prefix.end() > len(before[-10:]):
        return True
    if _PLACE_PREFIX.match(value.strip() + text[end : end + 4].rstrip()[:4].replace(" ", "")):
        return True  # "Mont" of "Mont - Blanc", "St" of "St - Gall"
    # "en Carélie", "en _Suisse" (OCR dirt before the capital)
    return " " not in value.strip() and bool(re.search(r"(?<![\p{L}])en[ ]+[_|¦]?$", before))


def _title_only(value: str) -> bool:
    """Only a title, no name: "LE MAIRE", "M. LE PRÉSIDENT" (a debate's report)."""
    words = [w.lower() for w in re.findall(r"\p{L}+", value)]
    return (
        bool(words)
        and any(w in RANKS for w in words)
        and all(w in RANKS or w in _TITLE_ONLY for w in words)
    )


#: A feminine past participle: "Stationnée", "Signalées" capitalised by OCR or a heading
#: (not "-é", "-és": "Phryné", "Macé", "Cortés" are names).
_PARTICIPLE = re.compile(r"\p{L}{3,}ées?$")


def _ocr_word(text: str, start: int, word: str, kind: str) -> bool:
    """A lone word in the middle of a sentence that no name list knows and that reads as
    OCR dirt, not a surname: three letters or fewer ("Sii", "Ua") or a feminine past
    participle ("la flotte fut Stationnée")."""
    if kind or not re.search(r"\p{Ll}[ ]+$", text[max(0, start - 20) : start]):
        return False
    return len(word) <= 3 or bool(_PARTICIPLE.search(word))


def ner_not_a_person_fr(text: str, start: int, end: int) -> bool:
    """An NER "person" of French text that is none: no word of it can be a surname
    ("président de la République", "SUISSE Chambres fédérales"), or the context says so."""
    from promptguard.analyzers.personal_data.person_names import name_kind

    if not_a_person_fr(text, start, end):
        return True
    words = [w for w in re.findall(r"\p{L}[\p{L}\p{M}'’-]*", text[start:end])]
    capitalised = [w for w in words if _cap(w) and w.lower() not in _PARTICLES]
    if not capitalised:
        return True
    if any("G" in name_kind(w) for w in capitalised):
        return False
    if len(words) == 1 and _ocr_word(text, start, words[0], name_kind(words[0])):
        return True
    return all(plain_word(w) for w in capitalised) or (
        len(words) > 1 and any(is_place(w) or fold(w) in INSTITUTIONS for w in capitalised)
    )


def named_after_in_french(content: str, start: int) -> bool:
    """A street, a school, a ship or a firm of French text named after someone ("rue
    Victor-Hugo", "le lycée Jean-Jaurès"): the name refers to the place, not the person."""
    if not _NOT_PERSON_BEFORE.search(content[max(0, start - 40) : start]):
        return False
    from promptguard.nlp.language import detect_language

    return detect_language(content) == "fr"
