"""NER person spans that run over an artist the prompt cites: "by sachin teng x supreme".

Why: NER on a lowercase tag list often joins a cited artist to the words around it ("teng x
supreme", "bloch artwork", "ryan church jon mccoy"). Such a span only partly overlaps the
artist's citation, so the merge (which drops a name a reference explains) keeps it, and the
artist comes out as personal data too. The part of the span outside the citation decides:
no given name or surname there ("x supreme", "artwork") and the span is the artist's; a name
of two words or more there stays a person, unless it runs on from the artist in an image
prompt ("by rachel ruysch jane roe": credits without commas); a single capitalised name
word keeps the whole span a person (the citation may be the wrong reading). A span that
touches no artist is left alone ("Trevor" of a figure's name).
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult

from promptguard.analyzers.names.artist_refs import artist_refs
from promptguard.analyzers.names.folding import tokenize
from promptguard.analyzers.names.given_names import name_kind
from promptguard.analyzers.names.prepass import vocabulary
from promptguard.analyzers.names.prompt_syntax import is_image_prompt
from promptguard.analyzers.personal_data.foreign_text import NAME_PARTICLES


def _name_word(word: str, surface: str) -> bool:
    """A given name or surname, unless an ordinary lowercase word ("church" of a tag) or a
    particle."""
    if word in NAME_PARTICLES:  # "im Stil von Gerhard Richter": "von" names no one
        return False
    return bool(name_kind(word)) and (surface[:1].isupper() or word not in vocabulary().plain)


def outside_citations(content: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop or trim the PERSON results that overlap an artist cited as a style."""
    people = [r for r in results if r.entity_type == "PERSON"]
    if not people:
        return results
    refs = artist_refs(content)
    if not refs:
        return results
    tokens = tokenize(content)
    image = is_image_prompt(content)
    cited = [(tokens.starts[r.first], tokens.ends[r.last - 1]) for r in refs]
    kept = []
    for result in results:
        spans = [(s, e) for s, e in cited if s < result.end and result.start < e]
        if result.entity_type != "PERSON" or not spans:
            kept.append(result)
            continue
        names = [
            k
            for k, (start, end) in enumerate(zip(tokens.starts, tokens.ends, strict=True))
            if result.start <= start
            and end <= result.end
            and not any(s <= start and end <= e for s, e in spans)
            and _name_word(tokens.folded[k], content[start:end])
        ]
        if len(names) >= 2 and names[-1] - names[0] == len(names) - 1:
            if image and any(content[e : tokens.starts[names[0]]] == " " for _s, e in spans):
                continue  # "by A B christian rex": a run of credited names, not a person
            # "moodboard by A, jon mccoy": the name beside the artist stays a person.
            result.start, result.end = tokens.starts[names[0]], tokens.ends[names[-1]]
            kept.append(result)
        elif names and content[tokens.starts[names[0]]].isupper():
            kept.append(result)  # "Roger Martin" with "Roger" cited: the whole name stays
    return kept


__all__ = ["outside_citations"]
