"""More shapes in which French newspapers name people without a title: a group noun and its
members ("les deux émeutiers, Lambin et Tavernier,"), a signature's label ("Le gérant : A.
DUMAS"), an Ottoman title after the name ("Omer-Pacha", "Ismaïl bey", OCR'd "jussuf-pacha").

Kept apart from `news_names_fr` (titles, appositions, quotes, results lines), whose token
and name readers and non-person filter they reuse; the person recognizer asks both.
The sentences in tests are our own.
"""

from __future__ import annotations

import regex as re

from promptguard.analyzers.personal_data.news_names_fr import (
    _bare_name,
    _full_name,
    _plain,
    _tokens,
    kept_fr,
)

#: Plural nouns of people whose members a text lists next ("les accusés Dupont et Martin",
#: "deux autres émeutiers, Lambin et Tavernier"). People only: after "les maisons", "les
#: cantons", "les journaux" the names are firms, places, titles.
_GROUP_NOUNS = frozenset(
    re.split(
        r"\s+",
        """accusés inculpés prévenus détenus prisonniers condamnés émeutiers grévistes
    manifestants meneurs individus malfaiteurs voleurs bandits cambrioleurs assassins
    meurtriers complices témoins victimes blessés tués morts noyés disparus otages
    ouvriers employés domestiques soldats officiers gendarmes agents policiers sous-officiers
    marins matelots pilotes aviateurs coureurs cyclistes skieurs joueurs nageurs lutteurs
    tireurs gymnastes boxeurs champions vainqueurs lauréats candidats élus délégués
    orateurs conférenciers députés sénateurs conseillers ministres magistrats juges avocats
    médecins docteurs professeurs pasteurs abbés prêtres curés missionnaires artistes peintres
    musiciens chanteurs acteurs comédiens écrivains auteurs poètes savants explorateurs
    voyageurs alpinistes guides étudiants élèves citoyens habitants compatriotes camarades
    collègues compagnons amis frères sœurs fils filles époux cousins enfants jeunes-gens
    fiancés membres signataires fondateurs directeurs rédacteurs correspondants experts
    ingénieurs industriels négociants commerçants banquiers vignerons agriculteurs
    cultivateurs horlogers instituteurs généraux colonels capitaines lieutenants""",
    )
)
_GROUP_BEFORE = re.compile(
    r"(?<![\p{L}])(?i:les|des|deux|trois|quatre|cinq|six|plusieurs|ses|leurs|nos|ces|aux)"
    r"(?:[ ]+\p{Ll}+)?[ ]+(?P<noun>\p{Ll}[\p{Ll}-]+)[ ]?,?[ ]*$"
)
#: A signature's label: "Signé : Jean Martin", "Le gérant : A. DUMAS", "Pour la rédaction,".
_SIGNED_BEFORE = re.compile(
    r"(?<![\p{L}])(?i:sign[ée]e?|(?:le[ ]+|l['’][ ]?)?(?:g[ée]rant|directeur-g[ée]rant|"
    r"imprimeur-g[ée]rant|[ée]diteur(?:[ ]+responsable)?|r[ée]dacteur[ ]+en[ ]+chef|"
    r"secr[ée]taire[ ]+de[ ]+(?:la[ ]+)?r[ée]daction)|pour[ ]+la[ ]+r[ée]daction)"
    r"[ ]?[:,][ ]*$"
)
#: An Ottoman or Persian title after the name, glued or not: "Omer-Pacha", "Ismaïl bey".
_SUFFIX_TITLE = re.compile(
    r"(?<![\p{L}\p{M}'’-])(?P<name>\p{L}[\p{L}\p{M}]+(?:-\p{Lu}[\p{L}\p{M}]+)*)"
    r"(?P<glue>[ ]?-[ ]?|[ ](?=\p{L}))(?i:pacha|pascha|bey|effendi)(?![\p{L}])"
)


#: A goal's minute before the scorer and the score after: "34e Lüthi 1-1".
_MINUTE_BEFORE = re.compile(r"(?<![\p{L}\d])\d{1,3}(?:e|ème|')[ ]+$")
_SCORE_AFTER = re.compile(r"[ ]+\d{1,2}[ ]?[-–:][ ]?\d{1,2}(?!\d)")
#: A town's demonym before a full name: "Le Loclois Jacques Choffet", "la Sédunoise Anne
#: Roux" (nationalities and cantons are `news_names_fr`'s; these are read by their ending).
_DEMONYM_BEFORE = re.compile(
    r"(?<![\p{L}])(?i:le|la|l['’])[ ]?\p{Lu}\p{Ll}+(?:ois|oise|ais|aise|ien|ienne|in|ine|"
    r"an|ane|ard|arde)[ ]+$"
)


def scorers_and_townsmen(text: str) -> list[tuple[int, int, str]]:
    """A goal's scorer ("12e Zaugg 1-0") and a full name after a town's demonym."""
    toks = _tokens(text)
    found: list[tuple[int, int, str]] = []
    for i, (_word, start, _end) in enumerate(toks):
        before = text[max(0, start - 30) : start]
        minute, demonym = _MINUTE_BEFORE.search(before), _DEMONYM_BEFORE.search(before)
        if not (minute or demonym):
            continue
        end = _bare_name(text, toks, i)
        if end == i:
            continue
        stop = toks[end - 1][2]
        scored = minute and _SCORE_AFTER.match(text, stop)
        if scored or (demonym and _full_name([t[0] for t in toks[i:end]])):
            found.append((start, stop, "context"))
    return found


def group_members(text: str) -> list[tuple[int, int, str]]:
    """The names listed after a plural noun of people, two or more, the last after "et"."""
    toks = _tokens(text)
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        before = _GROUP_BEFORE.search(text[max(0, toks[i][1] - 50) : toks[i][1]])
        if not before or before.group("noun") not in _GROUP_NOUNS:
            i += 1
            continue
        items, j, closed = [], i, False
        while j < len(toks):
            end = _bare_name(text, toks, j)
            if end == j:
                break
            items.append((j, end))
            sep = toks[end][0] if end < len(toks) else ""
            if closed or sep not in (",", "et"):
                break
            closed = sep == "et"
            j = end + 1
        if len(items) >= 2 and closed:
            found += [(toks[a][1], toks[b - 1][2], "list") for a, b in items]
        i = items[-1][1] if items else i + 1
    return found


def signed_names(text: str) -> list[tuple[int, int, str]]:
    """The name after a signature's label: "Le gérant : A. DUMAS"."""
    toks = _tokens(text)
    found: list[tuple[int, int, str]] = []
    for i, (_word, start, _end) in enumerate(toks):
        if _SIGNED_BEFORE.search(text[max(0, start - 40) : start]):
            end = _bare_name(text, toks, i, words=4)
            if end > i:
                found.append((start, toks[end - 1][2], "context"))
    return found


def suffix_titled(text: str) -> list[tuple[int, int, str]]:
    """A name before "pacha", "bey", "effendi"; OCR may lower a glued one ("jussuf-pacha")."""
    found: list[tuple[int, int, str]] = []
    for match in _SUFFIX_TITLE.finditer(text):
        name = match.group("name")
        glued = "-" in match.group("glue")
        if not glued and not name[:1].isupper():
            continue
        if name.lower() in ("le", "la", "les", "un", "du", "des", "de"):
            continue
        if not glued and _plain(name, False):
            continue  # "Hassan-Pacha" is a man though a town is called Hassan
        found.append((match.start(), match.end(), "title"))
    return found


def more_news_names_fr(text: str) -> list[tuple[int, int, str]]:
    """(start, end, how) of the people these shapes name, filtered as `news_names_fr`'s."""
    found = group_members(text) + signed_names(text) + suffix_titled(text)
    return kept_fr(text, found + scorers_and_townsmen(text))
