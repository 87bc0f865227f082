"""Unowned training: training or fine-tuning a model on someone else's works or likeness.

Netflix's guidance asks that models are trained only on material the production owns or has
cleared. A training cue ("train a LoRA on", "fine-tune on", "entraîner un modèle sur") must
come with a third party behind the data: a person, a studio or other proper noun, a role word,
or a marker such as "scraped" or "Pinterest". "Our own concept art" or "approved assets" are
fine for works; a real person's voice or face needs consent even when "our" actor's.
"""

from __future__ import annotations

from promptguard.analyzers.intents.base import IntentAnalyzer, Verdict
from promptguard.analyzers.intents.evidence import Clue, Context, fictional_near
from promptguard.analyzers.intents.setting import classes_in, sentence_bounds

_PERSON = {"PERSON": 0.85, "PERFORMER": 0.85, "PUBLIC": 0.8, "LIKENESS": 0.8}
_PERSON_OR_NAME = {**_PERSON, "NAME": 0.7}
_WORKS = {"NAME": 0.75, "ORG": 0.8, "WORK": 0.8, "MISC": 0.7, "PROPN": 0.7, "THIRD": 0.75,
          "OUTLET": 0.8, "NORP": 0.6}  # fmt: skip
#: Owner markers that clear works wherever they stand ("Getty images we licensed").
_STRONG_OWNED = frozenset(
    [
        "approved",
        "licensed",
        "licenced",
        "commissioned",
        "cleared",
        "proprietary",
        "in-house",
        "public-domain",
        "royalty-free",
        "cc0",
        "owned",
        "consented",
        "valide",
        "approuve",
        "licencie",
        "commande",
    ]
)


class UnownedTrainingAnalyzer(IntentAnalyzer):
    """Finds requests to train or fine-tune a model on third-party works or likenesses."""

    name = "unowned_training"
    categories = ("unowned_training",)
    category = "unowned_training"
    list_name = "unowned_training"
    window_before = 8
    window_after = 12
    messages = {
        "TRAINING_ON_WORKS": "Training or fine-tuning a model on someone else's works needs the "
        "rights holder's permission.",
        "TRAINING_ON_LIKENESS": "Training a model on a real person's voice, face or body needs "
        "their written consent.",
        "default": "Training a model on material the production does not own needs permission.",
    }

    def judge(self, context: Context) -> Verdict | None:
        if not _about_a_model(context):
            return None  # "a train covered with graffiti", "training for team leads"
        clues = [c for c in context.clues if not fictional_near(context.clues, c)]
        tokens = context.key_doc.tokens
        if not _material_named(context, clues):
            clues = [c for c in clues if c.kind not in _NAMED_ONLY]
        likeness_object = any(c.kind == "LIKEOBJ" for c in clues) or any(
            "LIKEOBJ" in tokens[k].classes for k in range(context.start, context.end)
        )
        works_object = any(c.kind == "WORKOBJ" and "LIKEOBJ" not in tokens[c.start].classes
                           for c in clues)  # fmt: skip
        person = _best(clues, _PERSON_OR_NAME if likeness_object else _PERSON)
        if person is not None and likeness_object and works_object:
            # "the films of Jacques Tati" vs "the photos of Zendaya": the noun nearest the name
            likeness_object = _nearest_object(clues, person) == "LIKEOBJ"
        if person is not None and (
            context.rule.type == "TRAINING_ON_LIKENESS" or likeness_object or not works_object
        ):
            return Verdict("TRAINING_ON_LIKENESS", _PERSON_OR_NAME[person.kind], person)
        works = person or _best(clues, _WORKS)  # "the films of Hayao Miyazaki": his works
        if works is None:
            return None
        # "our model", "notre modèle": the model is the production's, not the material
        owned = [c for c in clues if c.kind == "OWNED" and not _owns_the_model(tokens, c)]
        if any(tokens[c.start].key in _STRONG_OWNED for c in owned):
            return None
        if any(context.start <= c.start < works.start for c in owned):
            return None  # "on our own concept art of ..." : the material is the production's
        score = _WORKS.get(works.kind) or _PERSON.get(works.kind, 0.7)
        finding_type = context.rule.type if context.rule.type != "TRAINING" else "TRAINING_ON_WORKS"
        return Verdict(finding_type, score, works)


#: Clue kinds that are only a capitalised name: the name of a library, a file format or a
#: method ("GluonTS", "a CSV", "Gaussian") unless a work or likeness noun says it is material.
_NAMED_ONLY = frozenset({"NAME", "ORG", "PROPN", "MISC", "NORP"})
#: Material nouns too generic to make a name the owner of works ("data from a CSV").
_GENERIC = frozenset({"data", "dataset", "donnees", "jeu"})


#: Cue words that make the cue about a training set whatever the sentence says of a model.
_SET_WORDS = frozenset({"set", "dataset", "data-set", "corpus", "jeu", "training-set"})


def _about_a_model(context: Context) -> bool:
    """The sentence speaks of a model, AI, a training set or scraped material: "train"
    alone is a vehicle or a course ("a train covered with graffiti", "staff training")."""
    key_doc = context.key_doc
    lo, hi = sentence_bounds(key_doc, context.start, context.end)
    if classes_in(key_doc, lo, hi) & {"MODEL", "SYNTH", "THIRD"}:
        return True
    return any(t.key in _SET_WORDS for t in key_doc.tokens[context.start : context.end])


def _material_named(context: Context, clues: list[Clue]) -> bool:
    """A work or likeness noun (not just "data") near the cue, or a third-party marker."""
    tokens = context.key_doc.tokens
    for c in clues:
        if c.kind == "THIRD":
            return True
        if c.kind in ("WORKOBJ", "LIKEOBJ") and tokens[c.start].key not in _GENERIC:
            return True
    return any(
        tokens[k].classes & {"WORKOBJ", "LIKEOBJ"} and tokens[k].key not in _GENERIC
        for k in range(context.start, context.end)
    )


def _owns_the_model(tokens, owned: Clue) -> bool:
    after = tokens[owned.end : owned.end + 2]
    return any("MODEL" in t.classes for t in after)


def _best(clues: list[Clue], scores: dict[str, float]) -> Clue | None:
    found = [c for c in clues if c.kind in scores]
    return max(found, key=lambda c: (scores[c.kind], -c.start)) if found else None


def _nearest_object(clues: list[Clue], person: Clue) -> str:
    """LIKEOBJ or WORKOBJ: the kind of material noun closest to the person's name, looking
    first before it ("les films de Tati"), then after it ("Zendaya photos")."""
    objects = [c for c in clues if c.kind in ("LIKEOBJ", "WORKOBJ")]
    before = [c for c in objects if person.start - 4 <= c.start < person.start]
    after = [c for c in objects if person.end <= c.start < person.end + 3]
    if not before and not after:
        return "LIKEOBJ"
    position = max(c.start for c in before) if before else min(c.start for c in after)
    kinds = {c.kind for c in objects if c.start == position}
    # a noun of both kinds ("images", "photos") of a person is a likeness
    return "WORKOBJ" if kinds == {"WORKOBJ"} else "LIKEOBJ"
