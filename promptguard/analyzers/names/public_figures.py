"""Real, well-known people named in a prompt: living public figures and deceased people.

Netflix's guidance asks for written approval before a prompt uses the likeness of a public
figure, and estate clearance for a deceased one. Names are found four ways, cheapest first:
exact lookup of every name and alias (case, accents and punctuation folded), a distinctive
famous surname alone ("Streep's nose"), one-letter typos and dropped or added middle initials
of famous two-part names ("meryl strep", "Samuel Jackson"), and, when spaCy has parsed the
text, a looser fuzzy match of its PERSON spans. Ordinary names ("John Smith") are kept out by
fame thresholds and a list of very common given names and surnames; a stage name that is also
a word ("Prince", "Madonna") needs context ("Prince's voice", "in the style of Prince").
A bare surname is its famous bearer beside other people found ("obama and bush"), or alone
when that bearer is far above every namesake ("Shakespeare"); an unlisted person an image
prompt depicts is reported too, as unlisted (`depicted`).
"""

from __future__ import annotations

import re

from promptguard.analyzers.base import Analyzer
from promptguard.analyzers.names.artist_refs import artist_refs
from promptguard.analyzers.names.crew_context import crew_member
from promptguard.analyzers.names.depicted import depicted_beside_hits
from promptguard.analyzers.names.figure_context import (
    _ARTICLE_BEFORE,
    _OF_AFTER,
    _PERSON_AFTER,
    _PERSON_BEFORE,
    _SUBJECT_BEFORE,
    COMMON_NAME_MIN_FAME,
    DOMINANT_SURNAME_MARGIN,
    DOMINANT_SURNAME_MIN_FAME,
    IMAGE_SURNAME_MIN_FAME,
    LOWERCASE_MONONYM_MIN_FAME,
    LOWERCASE_NAME_MIN_FAME,
    MONONYM_MIN_FAME,
    SUBJECT_MONONYM_MIN_FAME,
    SURNAME_LIST_MIN_FAME,
    _depicted,
    _dominant_surname,
    _list_neighbour,
    _message,
    _name_spans,
    _very_famous_surname,
    after_another_given_name,
    before_a_surname,
    eponym_use,
    inside_character_name,
)
from promptguard.analyzers.names.figure_cues import (
    cued_finding,
    depiction_before,
    noun_after,
    person_verb_after,
    role_before,
    role_cued_names,
    word_surname_syntax,
)
from promptguard.analyzers.names.figure_matching import Hit, entity_hits, handle_hits, typo_hits
from promptguard.analyzers.names.folding import tokenize
from promptguard.analyzers.names.lexicon import get_lexicon, style_context
from promptguard.analyzers.names.ordinary_use import drop_ordinary_uses
from promptguard.analyzers.names.packed import ARTIST, PERSON, Lexicon, Person, life_years
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import is_image_prompt, is_prose
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText

#: A word after one of these is inside a phrase ("in summer"), not an item of a list of names.
_PHRASE_BEFORE = re.compile(
    r"\b(?:in|of|the|a|an|at|on|for|from|to|into|this|that|my|your)\s+$", re.IGNORECASE
)


class PublicFigureAnalyzer(Analyzer):
    """Reports famous living people (`public_figure`) and recently deceased ones."""

    name = "public_figures"
    categories = ("public_figure", "deceased_figure")
    needs_nlp = True
    nlp_needs = frozenset({"ents"})

    def __init__(self, config: Config) -> None:
        self.config = config

    @property
    def lexicon(self) -> Lexicon:
        return get_lexicon()

    def wants_nlp(self, text: ScanText) -> bool:
        """A parse only when the loose typo match would match a capitalised run the pre-pass
        left unexplained: NER then decides whether it is a person, as in full mode ("Santiago
        Castillo (casting director)" is no two-edit typo of the politician Santiago Carrillo)."""
        if self.config.mode == "full":
            return True
        spans = _name_spans(text)
        if not spans:
            return False
        return bool(entity_hits(self.lexicon, spans, tokenize(text.content), set()))

    def analyze(self, text: ScanText) -> list[Finding]:
        content = text.content
        if not content.strip():
            return []
        lexicon = self.lexicon
        tokens = tokenize(content)
        hits = self._exact(lexicon, content, tokens)
        covered = {i for hit in hits for i in range(hit.start_token, hit.end_token)}
        hits += typo_hits(lexicon, content, tokens, covered)
        covered = {i for hit in hits for i in range(hit.start_token, hit.end_token)}
        hits += self._surnames(lexicon, content, tokens, covered, hits)
        covered = {i for hit in hits for i in range(hit.start_token, hit.end_token)}
        hits += entity_hits(lexicon, _name_spans(text), tokens, covered)
        covered = {i for hit in hits for i in range(hit.start_token, hit.end_token)}
        hits += handle_hits(lexicon, content, tokens, covered)
        hits = inside_character_name(lexicon, content, hits)
        found = self._findings(lexicon, content, tokens, hits)
        cited = {i for ref in artist_refs(content) for i in range(ref.first, ref.last)}
        beside = depicted_beside_hits(content, tokens, hits, found, cited)
        findings = drop_ordinary_uses(content, found)  # after: a dropped hit still hides its name
        for first, end, surface in beside:
            findings.append(
                _depicted(self.name, tokens.starts[first], tokens.ends[end - 1], surface)
            )
        taken = {i for h in hits for i in range(h.start_token, h.end_token)} | cited
        taken |= {i for a, b, _s in beside for i in range(a, b)}
        taken |= {i for a, b, _k in lexicon.find(content) for i in range(a, b)}
        for first, end, surface in role_cued_names(content, tokens, taken):
            start, stop = tokens.starts[first], tokens.ends[end - 1]
            findings.append(cued_finding(self.name, start, stop, surface))
        return findings

    # -- the four ways to find a name --------------------------------------------------

    def _exact(self, lexicon: Lexicon, content: str, tokens) -> list[Hit]:
        hits: list[Hit] = []
        for first, last, key_id in lexicon.find(content):
            refs = lexicon.refs[key_id]
            people = [(lexicon.person(i), i, alias) for kind, i, alias in refs if kind == PERSON]
            if not people:
                continue
            person, index, alias = max(people, key=lambda p: p[0].fame)
            folded = tokens.folded[first:last]
            start, end = tokens.starts[first], tokens.ends[last - 1]
            if last - first == 1:
                if not self._mononym_ok(lexicon, content, start, end, folded[0], person):
                    continue
                score = 0.8
            else:
                if person.fame < COMMON_NAME_MIN_FAME and lexicon.is_common_name(folded):
                    continue
                surface = content[start:end]
                if all(len(w) <= 2 for w in folded) and not surface.isupper():
                    continue  # "mi a" is not M.I.A.: initials are written as capitals
                if not self._multiword_ok(lexicon, content, tokens, first, last, person):
                    continue
                score = 0.9 if person.fame >= COMMON_NAME_MIN_FAME else 0.7
            is_artist = any(kind == ARTIST for kind, _i, _a in refs)
            if is_artist and style_context(content, start, end):
                continue  # "in the style of Picasso" is about the work: copyrighted_works
            hits.append(Hit(first, last, index, score, "alias" if alias else "exact"))
        return hits

    def _mononym_ok(
        self, lexicon: Lexicon, content: str, start: int, end: int, word: str, person: Person
    ) -> bool:
        """A one-word name: capitalised, famous, and with context when it is also a word."""
        if person.fame < MONONYM_MIN_FAME or len(word) < 3:
            return False
        surface = content[start:end]
        ambiguous = (
            word in lexicon.common_words
            or word in lexicon.common_first
            or word in lexicon.common_last
            or word in lexicon.not_names  # "Tesla" the company, "Ferrari" the car
            or word in vocabulary().places  # "Chicago", "Boston", "Kansas": bands and cities
        )
        if not surface[0].isupper():
            subject = _SUBJECT_BEFORE.search(content[max(0, start - 30) : start])
            if not ambiguous:  # "portrait of tzuyu": a name no dictionary has, as the subject
                famous = person.fame >= LOWERCASE_MONONYM_MIN_FAME and len(word) >= 5
                return famous or bool(subject) and len(word) >= 4 and is_image_prompt(content)
            # "trump as a drunk santa": a very famous subject, lowercase, even if it is a word
            return (
                person.fame >= SUBJECT_MONONYM_MIN_FAME
                and word not in lexicon.not_names
                and bool(subject)
                and is_image_prompt(content)
            )
        before, after = content[max(0, start - 30) : start], content[end : end + 30]
        if _ARTICLE_BEFORE.search(before) or _OF_AFTER.match(after):
            return False
        if before_a_surname(content, end):
            return False  # "Donovan Bailey" is not Donovan
        if not ambiguous:
            return True
        if surface.isupper() and len(surface) > 1 and content.isupper():
            return False  # an all-caps text says nothing about names
        return bool(
            _PERSON_AFTER.match(after)
            or _PERSON_BEFORE.search(before)
            or style_context(content, start, end)
        )

    def _multiword_ok(
        self, lexicon: Lexicon, content: str, tokens, first: int, last: int, person: Person
    ) -> bool:
        """A name made only of ordinary words ("Will Smith", "Bad Bunny") must look like one,
        unless someone very famous has it and it is not a phrase of plain words ("emma stone")."""
        words = tokens.folded[first:last]
        ordinary = [
            w.isdigit() or w in lexicon.common_words or w in lexicon.common_first for w in words
        ]
        if all(ordinary) and any(w.isdigit() for w in words):
            # "Phase 2", "Maroon 5": a heading or a band, a person only with context
            start, end = tokens.starts[first], tokens.ends[last - 1]
            before, after = content[max(0, start - 30) : start], content[end : end + 30]
            return bool(_PERSON_AFTER.match(after) or _PERSON_BEFORE.search(before))
        if not all(o or len(w) <= 2 for o, w in zip(ordinary, words, strict=True)):
            return True
        if person.fame >= LOWERCASE_NAME_MIN_FAME and not all(
            w in lexicon.common_words for w in words
        ):
            return True
        surfaces = [content[tokens.starts[i] : tokens.ends[i]] for i in range(first, last)]
        start, end = tokens.starts[first], tokens.ends[last - 1]
        if role_before(content, start) or (
            (
                person_verb_after(content, end, all(w in vocabulary().plain for w in words))
                or depiction_before(content, start)
            )
            and is_image_prompt(content)
        ):
            return True  # "the band sleep token", "will smith eating", "portrait of bill hicks"
        return all(s[0].isupper() or len(s) <= 2 for s in surfaces)

    def _surnames(
        self, lexicon: Lexicon, content: str, tokens, covered: set[int], found: list[Hit]
    ) -> list[Hit]:
        """A famous, distinctive surname alone, capitalised ("Streep's nose"); lowercase in an
        image prompt when it is no ordinary word ("beethoven in rome"); and any very famous
        surname listed next to people already found ("putin, trump, obama and bush")."""
        hits = []
        image = None
        ends = {hit.end_token for hit in found}
        starts = {hit.start_token for hit in found}
        for i, word in enumerate(tokens.folded):
            if (
                i in covered
                or after_another_given_name(content, tokens, i)
                or eponym_use(content, tokens, i)  # "the Eiffel Tower", "Kelvin to Celsius"
                or _starts_a_longer_name(lexicon, content, tokens, i)
            ):
                continue
            index = lexicon.surnames.get(word)
            if index is None:
                if word in lexicon.not_names or len(word) < 4:
                    continue
                how = None
                margin, least = 1, SURNAME_LIST_MIN_FAME
                if _list_neighbour(content, tokens, i, ends, starts) and not (
                    word in lexicon.common_words
                    and _PHRASE_BEFORE.search(content, 0, tokens.starts[i])
                ):  # "a tree in summer, mark twain": the word ends a phrase, no list item
                    how = "surname in a list of people"
                elif _dominant_surname(lexicon, content, tokens, i):
                    how = "surname of the one famous bearer"
                    margin, least = DOMINANT_SURNAME_MARGIN, DOMINANT_SURNAME_MIN_FAME
                    if is_image_prompt(content) and not is_prose(content):  # "old Seinfeld"
                        least = IMAGE_SURNAME_MIN_FAME
                elif word_surname_syntax(content, tokens, i):
                    how = "surname in a person's syntax"  # "trump's face", "bush holding"
                elif _dominant_surname(lexicon, content, tokens, i, lowercase=True) and (
                    is_image_prompt(content)
                ):  # "doc savage punching hitler": no word, so the very famous bearer
                    how = "surname in an image prompt"
                elif (
                    (
                        # a surname that is also a word ("stone") only as the prompt's first word,
                        # and not before a noun ("bush fire", "cash register"); never one that is
                        # also a given name ("frank in the rain" is someone called Frank)
                        not (word in lexicon.common_first and word in lexicon.common_words)
                    )
                    and (
                        (word not in vocabulary().plain and word not in lexicon.common_words)
                        or not (
                            content[: tokens.starts[i]].strip() or noun_after(content, tokens, i)
                        )
                    )
                    and _SUBJECT_BEFORE.search(
                        content[max(0, tokens.starts[i] - 30) : tokens.starts[i]]
                    )
                ):
                    if image is None:
                        image = is_image_prompt(content)
                    how = "surname as an image prompt's subject" if image else None
                index = _very_famous_surname(lexicon, word, margin, least) if how else None
                if index is not None and (
                    how
                    not in (
                        "surname as an image prompt's subject",
                        "surname in a person's syntax",
                        "surname in an image prompt",
                    )
                    or lexicon.person(index).fame >= SUBJECT_MONONYM_MIN_FAME
                ):
                    hits.append(Hit(i, i + 1, index, 0.55, how))
                    ends.add(i + 1), starts.add(i)  # the list goes on from it
                continue
            surface = content[tokens.starts[i] : tokens.ends[i]]
            if surface.isupper() and content.isupper():
                continue  # "STARVIN MARVIN": an all-caps text says nothing about names
            if not surface[0].isupper():
                if image is None:
                    image = is_image_prompt(content)
                before = content[max(0, tokens.starts[i] - 30) : tokens.starts[i]]
                if (
                    (image and _SUBJECT_BEFORE.search(before))
                    or _list_neighbour(content, tokens, i, ends, starts)
                ) and word not in vocabulary().plain:
                    hits.append(Hit(i, i + 1, index, 0.55, "surname"))
                    ends.add(i + 1), starts.add(i)  # the list goes on from it
                continue
            if word in lexicon.not_names:
                # "Tesla", "Ferrari": a brand first; the person only with context.
                start, end = tokens.starts[i], tokens.ends[i]
                before, after = content[max(0, start - 30) : start], content[end : end + 30]
                if not (_PERSON_AFTER.match(after) or _PERSON_BEFORE.search(before)):
                    continue
            hits.append(Hit(i, i + 1, index, 0.6, "surname"))
            ends.add(i + 1), starts.add(i)  # the list goes on from it
        return hits

    # -- findings ------------------------------------------------------------------------

    def _findings(self, lexicon: Lexicon, content: str, tokens, hits: list[Hit]) -> list[Finding]:
        ranked = sorted(hits, key=lambda h: (-(h.end_token - h.start_token), -h.score))
        kept: list[Hit] = []
        for hit in ranked:
            if all(hit.end_token <= k.start_token or hit.start_token >= k.end_token for k in kept):
                kept.append(hit)
        # A name cited as a style is the copyrighted-work analyzer's (category from its list)
        artist_tokens = {i for ref in artist_refs(content) for i in range(ref.first, ref.last)}
        findings = []
        for hit in sorted(kept, key=lambda h: h.start_token):
            if any(i in artist_tokens for i in range(hit.start_token, hit.end_token)):
                continue
            person = lexicon.person(hit.person)
            if crew_member(content, tokens.starts[hit.start_token], tokens.ends[hit.end_token - 1]):
                continue  # "our DP, Greta Hoffmann": a crew member, personal data
            # Dead so long ago that no estate controls the likeness ("Shakespeare",
            # "beethoven"): reported for the record (info, no clearance), so the name is not
            # left to the personal-data PERSON recognizer either.
            historical = person.historical()
            start, end = tokens.starts[hit.start_token], tokens.ends[hit.end_token - 1]
            word = tokens.folded[hit.start_token] if hit.end_token - hit.start_token == 1 else ""
            weak = word in lexicon.common_first or word in lexicon.common_last
            loose = hit.how in ("fuzzy", "ner") and not is_image_prompt(content)
            if historical and (loose or word and (
                weak or person.fame < 85 or content[start:end].isupper()
            )):  # fmt: skip
                continue  # a near spelling outside an image prompt ("John Nair"), "Pareto"
            deceased = historical or person.deceased()
            status = "historical" if historical else ("deceased" if deceased else "living")
            findings.append(
                Finding(
                    category="deceased_figure" if deceased else "public_figure",
                    type="PERSON",
                    start=start,
                    end=end,
                    score=hit.score,
                    subject=person.name,
                    message=_message(person, deceased, historical),
                    severity="info" if historical else "normal",
                    analyzer=self.name,
                    extra={
                        "match": hit.how,
                        "fame": person.fame,
                        "kind": person.kind,
                        "status": status,
                        "needs_clearance": not historical,
                        "evidence": {
                            "entry": person.name,
                            "list": f"people ({person.source or 'people.tsv'})",
                            "status": status,
                            "years": life_years(person.birth, person.death),
                            "cue": hit.how,
                        },
                    },
                )
            )
        return findings


def _starts_a_longer_name(lexicon: Lexicon, content: str, tokens, i: int) -> bool:
    """ "Michael Sowa": a capitalised word right before another capitalised word that is no
    famous surname is the given name of someone else, not George Michael alone; in lowercase
    ("frank dillane"), a common given name before a word no dictionary knows."""
    k = i + 1
    if k >= len(tokens.folded) or content[tokens.ends[i] : tokens.starts[k]] != " ":
        return False
    first, second = content[tokens.starts[i]], content[tokens.starts[k]]
    following = tokens.folded[k]
    lower_given = (
        first.islower()
        and second.islower()
        and tokens.folded[i] in lexicon.common_first
        and following not in vocabulary().plain
        and following not in lexicon.common_words
    )
    return following.isalpha() and (
        lower_given
        or (
            first.isupper()
            and second.isupper()
            and following not in lexicon.surnames
            and following not in lexicon.by_last
        )
    )
