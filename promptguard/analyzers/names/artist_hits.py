"""Hits for artists cited as a style, and the hit record the copyrighted-work analyzer keeps.

An artist named in a style phrase needs clearance while their work is in copyright; a
public-domain master is reported for the record only (severity info). Split out of
`copyrighted_works` so that module stays about titles and characters.
"""

from __future__ import annotations

from dataclasses import dataclass

from promptguard.analyzers.names.artist_refs import ArtistRef
from promptguard.analyzers.names.packed import ARTIST, Lexicon, life_years
from promptguard.analyzers.names.title_context import _artist_message, _weak
from promptguard.findings import Finding


@dataclass
class Hit:
    """One reference found, in tokens, before it becomes a Finding."""

    start_token: int
    end_token: int
    type: str
    subject: str
    score: float
    message: str
    severity: str = "normal"
    #: What an approver reads: entry, list, status, cue (never a personal value).
    evidence: dict | None = None


def artist_ref_hit(lexicon: Lexicon, ref: ArtistRef) -> Hit:
    """An artist cited as a style: in copyright needs clearance; a public-domain master
    is reported as an allowed reference (severity info)."""
    if ref.artist is None:
        evidence = {
            "entry": ref.name,
            "list": "none (not in the artist lists)"
            if ref.how != "credited person"
            else "people (not as an artist)",
            "status": "unlisted",
            "cue": ref.cue,
            "match": ref.how,
        }
        where = (
            "the lists know the name only as a public person's, not an artist's"
            if ref.how == "credited person"
            else "is in no list"
        )
        message = (
            f"{ref.name} is cited as an artist ({ref.cue!r}) but {where}: unless you "
            "know the artist died over 70 years ago, their style needs clearance."
        )
        return Hit(ref.first, ref.last, "ARTIST_STYLE", ref.name, 0.6, message, "normal",
                    evidence)  # fmt: skip
    artist = lexicon.artist(ref.artist)
    protected = artist.in_copyright()
    status = _status(artist, protected)
    evidence = {
        "entry": artist.name,
        "list": f"artists ({artist.source or 'artists.tsv'})",
        "status": status,
        "cue": ref.cue,
        "match": ref.how,
    }
    if artist.birth or artist.death:
        evidence["years"] = life_years(artist.birth, artist.death)
    score = 0.7 if ref.how == "typo" else 0.9
    if not protected:
        message = (
            f"{artist.name} (died {artist.death}) is in the public domain: their style is "
            "free to use (reported for the record, no clearance)."
            if artist.death is not None
            else f"{artist.name} lived long ago: their style is free to use (for the record)."
        )
        return Hit(ref.first, ref.last, "ARTIST_STYLE", artist.name, score, message, "info",
                    evidence)  # fmt: skip
    return Hit(ref.first, ref.last, "ARTIST_STYLE", artist.name, score,
                _artist_message(artist), "normal", evidence)  # fmt: skip


def _status(artist, protected: bool) -> str:
    """What an approver reads: an artist no list dates is "undated" (protected), not living."""
    if not protected:
        return "public_domain"
    if artist.death is not None:
        return "in_copyright"
    return "living" if artist.birth is not None else "undated"


def artist_style_hit(lexicon: Lexicon, content, tokens, first, last, refs) -> Hit | None:
    """A listed artist's name in a style phrase, if it is the artist (not a word)."""
    artists = [lexicon.artist(i) for kind, i, _alias in refs if kind == ARTIST]
    start = tokens.starts[first]
    # Prefer the entry with dates: "Vermeer" the dated master, not an undated namesake.
    artist = max(artists, key=lambda a: (a.death is not None or a.birth is not None, a.style))
    folded = tokens.folded[first:last]
    if not artist.style and lexicon.is_common_name(folded):
        return None
    if len(folded) == 1 and not content[start].isupper() and _weak(lexicon, folded[0]):
        return None  # "he should be hang like...": an ordinary word, not Ren Hang
    if not content[start].isupper() and not artist.style:
        return None
    if not artist.in_copyright():
        return None
    return Hit(
        first,
        last,
        "ARTIST_STYLE",
        artist.name,
        0.9 if artist.style else 0.75,
        _artist_message(artist),
    )


def hit_findings(analyzer: str, tokens, hits: list[Hit]) -> list[Finding]:
    """The findings of the longest of overlapping hits, in text order."""
    ranked = sorted(hits, key=lambda h: (-(h.end_token - h.start_token), -h.score))
    kept: list[Hit] = []
    for hit in ranked:
        if all(hit.end_token <= k.start_token or hit.start_token >= k.end_token for k in kept):
            kept.append(hit)
    return [
        Finding(
            category="copyrighted_work",
            type=hit.type,
            start=tokens.starts[hit.start_token],
            end=tokens.ends[hit.end_token - 1],
            score=hit.score,
            subject=hit.subject,
            message=hit.message,
            analyzer=analyzer,
            severity=hit.severity,
            extra=(
                {"evidence": hit.evidence, "status": hit.evidence.get("status", "")}
                if hit.evidence
                else {}
            ),
        )
        for hit in sorted(kept, key=lambda h: h.start_token)
    ]
