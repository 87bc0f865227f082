"""People's names as French newspapers write them, found without the model (French only).

The French press names people after a title far more often than English copy does: "M.
Dupont", "MM. Favre et Rochat", "Mme Pelletier", "le général Prim", "M. le conseiller
fédéral Motta", "le roi de Pologne Wadislas", "le comte de Metternich". spaCy's small
French model misses many of these (a lone surname after a title, surnames in capitals,
OCR'd old print: "M . DUPONT", "M° Laquai", "lieutenant-général prince Galizyn") and calls
other things persons: a street ("rue Victor-Hugo"), a ship ("la frégate Raphaël"), a
newspaper, a heading ("SUISSE Chambres fédérales"), "président de la République". The
rules here read the title, the apposition ("Dupont, 46 ans", "Worth, un couturier
anglais"), the speaker of a quote ("», explique Guy Bovet"), results lines ("2. Jalabert
(Fr) à 41"") and lists that hold a full name; `not_a_person_fr` tells where a name-shaped
span is no person. Measured on French historical newspapers (bench/DETECTION.md); the
sentences in tests are our own.
"""

from __future__ import annotations

import regex as re

from promptguard.analyzers.names.lexicon import fold
from promptguard.analyzers.personal_data.news_non_persons_fr import (
    DOMAIN_OFFICES,
    INSTITUTIONS,
    RANKS,
    is_place,
    not_a_person_fr,
    plain_word,
)

_RANKS = RANKS
#: Honorifics written abbreviated, capitalised ("M.", "MM.", "Mme", "Dr"); "M" and "MM"
#: need their dot (or the "°" OCR makes of it): "M 6" is a channel, "| M a été" noise.
_DOTTED = frozenset(["M", "MM"])
_OCR_M = frozenset(["NI", "Nl"])
_ABBREVIATED = frozenset(
    ["Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Me", "Dr", "Drs", "Pr", "Prof", "Vve", "Sr", "Cdt"]
    + ["Mmc", "Mmo", "Mlie", "Mllc", "Mlio"]  # OCR's "e" and "l" of "Mme", "Mlle"
)
_PLURAL = frozenset(["MM", "Mmes", "Mlles", "Drs", "messieurs", "mesdames", "généraux"])


def _words(text: str) -> frozenset[str]:
    return frozenset(re.split(r"\s+", text.strip()))


#: Titles after which "de X" is the person's own name, not the title's domain ("comte de
#: Metternich"); with a domain and no name, the title names the person ("duc d'Orléans").
_NOBLE = _words(
    "comte comtesse baron baronne duc duchesse marquis marquise vicomte vicomtesse prince "
    "princesse archiduc archiduchesse lord lady"
)
#: What may follow a rank inside the title: "général en chef", "conseiller fédéral".
_RANK_TAIL = re.compile(
    r"[ ]+(?:en[ ]+chef|fédéral|fédérale|national|nationale|municipal|communal|d['’][ ]?[EÉ]tat"
    r"|de[ ]+brigade|de[ ]+division|honoraire)\b"
)
#: Name particles ("de Gaulle", "van Gogh", "d'Albuquerque"): part of a name before a capital.
_PARTICLES = _words("de du des d van von der den da di del della dos das le la ter ten mac")
#: Nouns of a person in apposition ("Worth, un couturier anglais", "Bovet, l'organiste").
_ROLE_NOUNS = (
    r"conseill[eè]re?|pr[ée]sidente?|directeur|directrice|d[ée]put[ée]|s[ée]nateur|ministre|"
    r"avocate?|m[ée]decin|docteur|professeure?|pasteur|cur[ée]|abb[ée]|organiste|compositeur|"
    r"compositrice|chef|cr[ée]ateur|cr[ée]atrice|couturi[eè]re?|[ée]crivain|po[èe]te|peintre|"
    r"sculpteur|architecte|musicien(?:ne)?|chanteur|chanteuse|cantatrice|soprano|alto|t[ée]nor|"
    r"pianiste|violoniste|acteur|actrice|com[ée]dien(?:ne)?|coureur|champion(?:ne)?|joueur|"
    r"joueuse|entra[îi]neur|n[ée]gociant|commer[çc]ant|industriel|banquier|ing[ée]nieur|"
    r"ouvri[eè]re?|employ[ée]e?|agriculteur|vigneron|horloger|instituteur|institutrice|"
    r"[ée]tudiante?|[ée]l[èe]ve|fils|fille|fr[èe]re|s[œo]eur|veuve|[ée]pouse|mari|amie?|auteur|"
    r"journaliste|r[ée]dacteur|correspondant|secr[ée]taire|syndic|maire|juge|notaire|g[ée]n[ée]ral|"
    r"colonel|capitaine|lieutenant|commandant|sertisseur|m[ée]canicien|cultivateur|boulanger|"
    r"bijoutier|chauffeur|fermier|domestique|photographe|aviateur|pilote|alpiniste|guide|"
    r"pr[ée]fet|ambassadeur|consul|chancelier|gouverneur|vainqueur|leader|ancien|ancienne|jeune"
)
_APPOSITION = re.compile(
    rf"^[ ]?,[ ]+(?:(?:un|une|le|la|l['’]|notre|son|sa|leur)[ ]?)?(?:{_ROLE_NOUNS})\b",
    re.IGNORECASE,
)
_AGE = re.compile(r"^[ ]?,[ ]+(?:âgée?[ ]+de[ ]+)?(?:1[0-9]|[2-9][0-9]|1[01][0-9])[ ]+ans\b")
#: The speaker after a quote or a comma: "», explique Guy Bovet", ", a déclaré Dupont".
_SPEECH_VERBS = (
    r"dit|disait|d[ée]clare|d[ée]clarait|explique|expliquait|ajoute|ajoutait|pr[ée]cise|raconte|"
    r"racontait|poursuit|conclut|souligne|affirme|affirmait|estime|note|observe|r[ée]pond|"
    r"r[ée]pondit|rappelle|indique|confie|lance|assure|insiste|commente|[ée]crit|reconna[îi]t|"
    r"a[ ]+(?:dit|d[ée]clar[ée]|expliqu[ée]|ajout[ée]|pr[ée]cis[ée]|soulign[ée]|affirm[ée]|"
    r"estim[ée]|indiqu[ée]|r[ée]pondu|confi[ée]|lanc[ée]|assur[ée]|racont[ée]|comment[ée])"
)
#: A role or a nationality before the name: "le vainqueur Olano", "son compatriote Melchior
#: Mauri", "le producteur et musicien suisse David Wehren", "l'Allemand Uwe Peschel".
_DEMONYMS = (
    r"Fran[çc]ais|Fran[çc]aise|Suisse|Allemande?|Anglaise?|Am[ée]ricaine?|Italienne?|Italien|"
    r"Espagnole?|Belge|Autrichienne?|Autrichien|Russe|Hollandaise?|N[ée]erlandaise?|Su[ée]doise?|"
    r"Norv[ée]gienne?|Norv[ée]gien|Danoise?|Polonaise?|Portugaise?|Grecque|Grec|Turque?|"
    r"Japonaise?|Chinoise?|Canadienne?|Canadien|Britannique|Irlandaise?|[ÉE]cossaise?|"
    r"Australienne?|Australien|Argentine?|Br[ée]silienne?|Br[ée]silien|Mexicaine?|Hongroise?|"
    r"Tch[èe]que|Roumaine?|Serbe|Croate|Bulgare|Finlandaise?|Luxembourgeoise?|Genevoise?|"
    r"Vaudoise?|Neuch[âa]teloise?|Valaisanne?|Valaisan|Fribourgeoise?|Bernoise?|Zurichoise?|"
    r"Tessinoise?|Jurassienne?|Jurassien|Parisienne?|Parisien"
)
_ROLE_BEFORE = re.compile(
    rf"(?<![\p{{L}}])(?:(?:(?i:le|la|les|l['’]|son|sa|ses|leur|notre|du|au|un|une|des|aux)[ ]?)"
    rf"(?:(?i:{_ROLE_NOUNS}|compatriote|coéquipier|rival|adversaire|pilote|skieur|skieuse|"
    rf"nageur|nageuse|boxeur|lutteur|tireur|cycliste|rappeur|chanteur|libraire|bassiste|"
    rf"batteur|guitariste|cinéaste|réalisateur|réalisatrice|producteur|productrice|"
    rf"accusée?|prévenue?|inculpée?|détenue?|condamnée?|meurtri[eè]re|assassin|voleur|"
    rf"voleuse|cambrioleur|malfaiteur|témoin|blessée?|petite?|attaquant|défenseur|gardien|"
    rf"buteur|ailier|avant-centre|capitaine|entraîneur|"
    rf"président-directeur|PDG)(?:[ ](?:et|de)[ ](?i:{_ROLE_NOUNS}|bassiste|producteur))?"
    rf"(?:[ ]\p{{Ll}}+)?)|(?:(?i:le|la|l['’]|les)[ ]?)(?:{_DEMONYMS}))[ ]+$"
)
_INVERTED = re.compile(rf"[,»\"”][ ]*(?:{_SPEECH_VERBS})(?:-t-(?:il|elle))?[ ]+$", re.IGNORECASE)
_ACCORDING = re.compile(r"(?<![\p{L}])(?:selon|d['’]apr[èe]s)[ ]+$", re.IGNORECASE)
#: A results line: the name, the country, the time or the gap ("Jalabert (Fr) à 41"",
#: "Camenzind à 2'43"", "Olano (Esp) 37 h 32'48"").
_RESULT_AFTER = re.compile(
    r"^[ ]*(?:\([ ]?\p{Lu}[\p{L}.]{0,5}[ ]?\)[ ]*)?(?:à|a)[ ]+\d{1,2}[ ]?['’\"]"
)
_COUNTRY_AFTER = re.compile(r"^[ ]*\([ ]?\p{Lu}[\p{L}.]{0,5}[ ]?\)[ ]+\d")
_ARTICLES = frozenset(["le", "la", "les", "un", "une", "des", "et"])
_TOKEN = re.compile(r"\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|\d+|\S")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _adjacent(text: str, end: int, start: int) -> bool:
    """Two tokens of one name: at most a space or two between them, no line break."""
    gap = text[end:start]
    return len(gap) <= 2 and gap.strip() == ""


def _cap(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word[1:]) and word[:1].isalpha()


def _plain(word: str, strict: bool = True) -> bool:
    """No surname: a rank ("Général"), or a plain word (`plain_word`)."""
    return word.lower() in _RANKS or plain_word(word, strict)


def _honorific(toks: list, i: int, text: str) -> int:
    """The token index after an honorific starting at `i` ("M.", "M .", "Mme"), else `i`.
    OCR blurs the dot: "M , .", "M. .", "MM :", and reads "M." as "NI."."""
    word = toks[i][0]
    j = i + 1
    while j < min(len(toks), i + 3) and toks[j][0] in ".°,:":
        if not _adjacent(text, toks[j - 1][2], toks[j][1]):
            break
        j += 1
    marks = "".join(t[0] for t in toks[i + 1 : j])
    dotted = marks[:1] in (".", "°") or marks == ",." or (word == "MM" and marks == ":")
    if word in _DOTTED or word in _OCR_M:
        return j if dotted and marks else i
    if word in _ABBREVIATED:
        return i + 2 if marks[:1] in (".", "°") else i + 1
    return i


def _broken(toks: list, j: int, text: str) -> bool:
    """A hyphen glued to the word before `j`, then a lowercase rest: "Ber- thier"."""
    if j + 1 >= len(toks) or toks[j][0] != "-" or toks[j][1] != toks[j - 1][2]:
        return False
    gap = text[toks[j][2] : toks[j + 1][1]]
    return (
        0 < len(gap) <= 3
        and gap.strip() == ""
        and toks[j + 1][0].isalpha()
        and toks[j + 1][0].islower()
    )


def _name(toks: list, i: int, text: str, words: int = 4, strict: bool = False) -> int:
    """The token index after a name starting at `i` (capitalised words, initials "J.-J.",
    particles "de", "d'", "von"), or `i` when none starts there. Without a title before it
    (`strict`), a name opens with a capital: "des Alix" is "Alix"."""
    if strict and toks[i][0][:1].islower():
        return i
    j, last, seen = i, i, 0
    while j < len(toks) and seen < words:
        word, start, _ = toks[j]
        if j > i and not _adjacent(text, toks[j - 1][2], start):
            break
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if (
            len(word) <= 3
            and word[:1].isupper()
            and nxt
            and nxt[0] == "."
            and (len(word) == 1 or word in ("Ch", "Th", "Chr", "Ph", "Fr", "Jos", "Wm", "Ed"))
        ):
            j += 2  # an initial: "J.", "Ch."; "J.-J." goes on with "-"
            if j < len(toks) and toks[j][0] == "-":
                j += 1
            continue
        if word.lower() in _PARTICLES and nxt and _adjacent(text, toks[j][2], nxt[1]):
            if nxt[0] in ("'", "’") and word.lower() == "d":
                j += 2
                continue
            if _cap(nxt[0]) or nxt[0].lower() in ("la", "l"):
                j += 1
                continue
            break
        if word.lower().startswith(("d'", "d’")) and _cap(word[2:]):
            seen, j, last = seen + 1, j + 1, j + 1
            continue
        if _cap(word) and word.lower() not in _RANKS | _ARTICLES:
            seen, j, last = seen + 1, j + 1, j + 1
            if _broken(toks, j, text):
                j = last = j + 2  # "Ber- thier": a word hyphenated at a line's end
            continue
        break
    if last == i:
        return i
    named = [t[0] for t in toks[i:last] if _cap(t[0]) and t[0].lower() not in _PARTICLES]
    if not named or all(_plain(w, strict) for w in named):
        return i
    return last


def _title(toks: list, i: int, text: str) -> tuple[int, bool, bool, bool]:
    """(index after the title, plural, noble, office) for a title chain at `i`: "M.", "MM.
    les directeurs", "M. le conseiller fédéral", "lieutenant-général prince"; `i` if none.
    `office`: the chain ends on an office whose "de X" is its seat ("maire", "député")."""
    j, plural, noble, seen, office = i, False, False, False, False
    while j < len(toks):
        after = _honorific(toks, j, text)
        word = toks[j][0]
        if after > j:
            plural |= word in _PLURAL
            j, seen, office = after, True, False
            continue
        key = word.lower()
        if seen and key in ("le", "la", "les", "l") and j + 1 < len(toks):
            if toks[j + 1][0].lower() in _RANKS:
                j += 1
                continue
            break
        if key in _RANKS and (word.islower() or word[:1].isupper() and word[1:].islower()):
            plural |= key in _PLURAL or key.endswith(("aux", "eurs"))
            noble |= key in _NOBLE
            office = key in DOMAIN_OFFICES
            j, seen = j + 1, True
            tail = _RANK_TAIL.match(text, toks[j - 1][2])
            if tail:
                while j < len(toks) and toks[j][1] < tail.end():
                    j += 1
            continue
        break
    return j, plural, noble, office


def _domain(toks: list, i: int, text: str, office: bool = False) -> int:
    """The index after an office's domain ("de la République", "de Pologne"), else `i`.
    After a seat-holding office (`office`) any capitalised word is the seat: "le maire de
    Vernier", "le député de la Seine" name a commune, not a "de Vernier"."""
    j = i
    if j < len(toks) and toks[j][0].lower() in ("de", "du", "des", "d"):
        j += 2 if toks[j][0].lower() == "d" and j + 1 < len(toks) and toks[j + 1][0] in "'’" else 1
        if j < len(toks) and toks[j][0].lower() in ("la", "l"):
            j += 2 if toks[j][0].lower() == "l" else 1
    elif j < len(toks) and toks[j][0].lower().startswith(("d'", "d’")):
        word = toks[j][0][2:]
        return j + 1 if office or is_place(word) or fold(word) in INSTITUTIONS else i
    if j == i or j >= len(toks):
        return i
    word = toks[j][0]
    seat = office or is_place(word) or fold(word) in INSTITUTIONS
    return j + 1 if _cap(word) and seat else i


def titled_names(text: str) -> list[tuple[int, int, str]]:
    """Names after a title, each name of "MM. Favre, Rochat et Perret" apart."""
    toks = _tokens(text)
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        after, plural, noble, office = _title(toks, i, text)
        if after == i:
            i += 1
            continue
        start = toks[i][1]
        domain = _domain(toks, after, text, office)
        end = _name(toks, domain, text)
        if end == domain and domain > after and noble:
            found.append((start, toks[domain - 1][2], "title"))  # "duc d'Orléans"
        if end == domain:
            i = after
            continue
        found.append((start, toks[end - 1][2], "title"))
        i = _function_after(toks, end) if plural else end
        while plural and i + 1 < len(toks) and toks[i][0] in (",", "et", ";"):
            nxt = _name(toks, i + 1, text)
            if nxt == i + 1:
                break
            found.append((toks[i + 1][1], toks[nxt - 1][2], "title"))
            i = _function_after(toks, nxt)
    return found


def _function_after(toks: list, i: int) -> int:
    """After a name of a list, the index of the ";" closing its function ("MM. Rochat,
    syndic ; Pilet, municipal ; Favre"), else `i`."""
    if i >= len(toks) or toks[i][0] != ",":
        return i
    j = i + 1
    while j < len(toks) and j - i <= 4 and toks[j][0].replace("-", "").isalpha():
        if not toks[j][0].islower():
            break
        j += 1
    return j if j > i + 1 and j < len(toks) and toks[j][0] == ";" else i


def _bare_name(text: str, toks: list, i: int, words: int = 3) -> int:
    """A name without a title at `i` whose words are all no plain word; `i` if none."""
    end = _name(toks, i, text, words, strict=True)
    if end == i:
        return i
    named = [t[0] for t in toks[i:end] if _cap(t[0]) and t[0].lower() not in _PARTICLES]
    if any(_plain(w) for w in named) or not named:
        return i
    return end


def _full_name(words: list[str]) -> bool:
    """A given name and another capitalised word: "Madeleine Vionnet", "Guy Bovet"."""
    from promptguard.analyzers.personal_data.person_names import name_kind

    first = words[0] if words else ""
    given = "G" in name_kind(first) or (
        "-" in first and all("G" in name_kind(part) for part in first.split("-"))
    )  # "Jean-Pierre", "Marie-France"
    return len(words) >= 2 and given and not is_place(words[1])


def context_names(text: str) -> list[tuple[int, int, str]]:
    """Names an apposition, a quote, a results line or a list of full names shows."""
    toks = _tokens(text)
    found: list[tuple[int, int, str]] = []
    for i, (word, start, _end) in enumerate(toks):
        if not _cap(word) or (i and toks[i - 1][0] == "-"):
            continue
        end = _bare_name(text, toks, i)
        if end == i:
            continue
        stop = toks[end - 1][2]
        before, after = text[max(0, start - 40) : start], text[stop : stop + 40]
        words = [t[0] for t in toks[i:end]]
        opening = i == 0 or toks[i - 1][0] in ".!?»«:;—–-" or text[start - 1 : start] == "\n"
        full = _full_name(words)
        shown = _AGE.match(after) or _RESULT_AFTER.match(after) or _COUNTRY_AFTER.match(after)
        shown = shown or _ROLE_BEFORE.search(before) or _INVERTED.search(before)
        if _ACCORDING.search(before):
            shown = full  # "selon Jean Dupont"; "selon Radio-Genève, le ministre…" is no name
        elif _APPOSITION.match(after):
            shown = shown or full or not opening
        else:
            shown = shown or (full and not opening)
        if shown:
            found.append((start, stop, "context"))
    return found + _listed(text, toks)


def _listed(text: str, toks: list) -> list[tuple[int, int, str]]:
    """Every name of a list of three or more ("Poiret, Madeleine Vionnet, Paquin et
    Callot") when one of them is a full name: the others are people too."""
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        items, j = [], i
        while j < len(toks):
            end = _bare_name(text, toks, j)
            if end == j:
                break
            items.append((j, end))
            if end < len(toks) and toks[end][0] in (",", "et"):
                j = end + 1
                continue
            break
        full = [it for it in items if _full_name([t[0] for t in toks[it[0] : it[1]]])]
        if len(items) >= 3 and full:
            found += [(toks[a][1], toks[b - 1][2], "list") for a, b in items]
        i = items[-1][1] if items else i + 1
    return found


def news_names_fr(text: str) -> list[tuple[int, int, str]]:
    """(start, end, how) of the people French news copy names: "title", "context", "list"."""
    return kept_fr(text, titled_names(text) + context_names(text))


def kept_fr(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans that are no street, ship, firm or heading, nor (unless titled) a place."""
    return [
        s
        for s in spans
        if not not_a_person_fr(text, s[0], s[1])
        and (s[2] == "title" or not is_place(text[s[0] : s[1]]))  # ", Hong Kong grossissait"
    ]
