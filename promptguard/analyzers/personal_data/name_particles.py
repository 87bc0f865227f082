"""One name across its particles: "Pieter van den Bosch", not "Pieter van" and "Bosch".

The small NER models often cut a Dutch, German, French or Spanish name at its particle, and
the pieces then read as two people (or the surname alone as a famous painter). Two PERSON
results with only particles between them, or the first ending on one, are one name.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import RecognizerResult

_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|du|le|la|ten|ter|dos|das|bin|ibn|al|el)"
#: What may stand between the two pieces: spaces and particles only.
_BETWEEN = re.compile(rf"(?i:\s+(?:{_PARTICLE}\s+)*)")
_ENDS_ON_PARTICLE = re.compile(rf"(?i:\s{_PARTICLE})$")
#: At most this many characters between the pieces ("van den", "de la", spaces).
_GAP = 24


def join_particle_names(content: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """The results with each pair of PERSON pieces split at a particle joined into one."""
    people = sorted((r for r in results if r.entity_type == "PERSON"), key=lambda r: r.start)
    joined: set[int] = set()
    for index, first in enumerate(people):
        for second in people[index + 1 :]:
            if second.start > first.end + _GAP:
                break  # sorted by start: the rest are further away
            if id(first) in joined or id(second) in joined or second.start <= first.end:
                continue
            between = content[first.end : second.start]
            if not _BETWEEN.fullmatch(between) or not content[second.start].isupper():
                continue
            if not (between.strip() or _ENDS_ON_PARTICLE.search(content[first.start : first.end])):
                continue  # two names side by side ("Anna Bob"): nothing says they are one
            second.start = first.start
            second.score = max(first.score, second.score)
            joined.add(id(first))
    return [r for r in results if id(r) not in joined]
