"""Medical facts about someone: "is diabetic", "has epilepsy", "on insulin", "est enceinte".

Health data is a special category of personal data (GDPR art. 9): a production's prompt
that says its stunt double has epilepsy tells an AI provider something it must never hold.
A condition alone is no such fact ("a medical drama", "a film about cancer", "epilepsy
warning"): this recognizer wants the condition said *of someone*, with the verb that says
it ("X is pregnant", "X has diabetes", "X suffers from", "X is on insulin", "X est
diabétique", "X souffre d'asthme", "X est sous insuline"), and the analyzer keeps it only
when `fact_holder.holder` ties it to a person, a crew or cast member or the writer (not to
a character: "the heroine is pregnant" is a story).
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import LocalRecognizer

from promptguard.analyzers.personal_data.cue import CueRecognizer
from promptguard.analyzers.personal_data.fact_holder import holder

#: Adjectives said of a person: "is diabetic", "was pregnant", "'s HIV-positive".
_STATES_EN = (
    r"diabetic|epileptic|asthmatic|pregnant|(?:hiv|hiv/aids)[\s-]*positive|hiv\+|"
    r"autistic|bipolar|schizophrenic|anorexic|bulimic|dyslexic|deaf|blind|paraplegic|"
    r"quadriplegic|paralys[ez]d|disabled|immunocompromised|terminally\s+ill|in\s+remission|"
    r"allergic\s+to\s+[\p{L}-]+|lactose[\s-]+intolerant|coeliac|celiac|"
    r"\d{1,2}\s+(?:weeks?|months?)\s+pregnant|in\s+(?:rehab|chemo(?:therapy)?|therapy|"
    r"hospital|the\s+hospital|a\s+wheelchair|recovery|detox)|"
    r"(?:being\s+)?treated\s+for\s+[\p{L}'’ -]{3,30}?(?=[,.;!?\n]|$)"
)
#: Conditions someone has, suffers from, is diagnosed with or lives with.
_CONDITIONS_EN = (
    r"(?:type\s+[12]\s+)?diabetes|epilepsy|(?:a\s+)?seizures?(?:\s+disorder)?|asthma|"
    r"cancer|(?:breast|lung|prostate|skin|brain|bone)\s+cancer|leuk(?:a)?emia|lymphoma|"
    r"(?:a\s+)?tumou?r|hiv|aids|hepatitis\s*[abc]?|tuberculosis|covid(?:-19)?|"
    r"depression|(?:an\s+)?anxiety(?:\s+disorder)?|ptsd|adhd|ocd|autism|bipolar\s+disorder|"
    r"schizophrenia|(?:an\s+)?eating\s+disorder|anorexia|bulimia|dementia|alzheimer['’]?s|"
    r"parkinson['’]?s|multiple\s+sclerosis|\bms\b|cerebral\s+palsy|crohn['’]?s|"
    r"(?:a\s+)?heart\s+(?:condition|disease|murmur)|heart\s+failure|(?:a\s+)?stroke(?!\s+of\b)|"
    r"(?:a\s+)?heart\s+attack|high\s+blood\s+pressure|hypertension|arthritis|lupus|"
    r"(?:a\s+)?(?:nut|peanut|shellfish|gluten|bee[\s-]sting)\s+allergy|"
    r"(?:a\s+)?(?:disability|miscarriage|concussion|brain\s+injury|spinal\s+injury)|"
    r"(?:an\s+)?(?:addiction|abortion)|(?:a\s+)?(?:drinking|drug)\s+problem|"
    r"(?:a\s+)?(?:mental\s+illness|chronic\s+illness|terminal\s+illness)"
)
#: Treatments someone is on: "on insulin", "on antidepressants", "on dialysis".
_TREATMENTS_EN = (
    r"insulin|chemo(?:therapy)?|radiotherapy|dialysis|antidepressants|anti-?depressants|"
    r"methadone|lithium|blood\s+thinners|antiretrovirals|an\s+inhaler|"
    r"medication\s+for\s+[\p{L}'’ -]{3,30}?(?=[,.;!?\n]|$)"
)
_BE = r"is|was|are|were|['’]s|['’]re|am|['’]m|has\s+been|have\s+been|had\s+been|is\s+now|got"
_HAVE = (
    r"has|had|have|['’]s\s+got|has\s+got|suffers?\s+from|suffered\s+from|suffering\s+from|"
    r"(?:was|is|been|got)\s+diagnosed\s+with|diagnosed\s+with|lives?\s+with|living\s+with|"
    r"battling|fighting|recovering\s+from|recovered\s+from|survived|is\s+a\s+survivor\s+of|"
    r"(?:is|was)\s+(?:being\s+)?treated\s+for"
)
#: What follows a condition word when it is no condition: "blind spot", "a pregnant pause"
#: is never after a verb, but "is in hospital scene 4" and "Tom's blind date" are.
_NOT_AFTER = (
    r"(?![\s-]+(?:spot|date|side|test|tasting|audition|corner|alley|curve|scene|set|"
    r"location|episode|drama|film|movie|character|role|shot|joke|gag|storyline|pause|wing|"
    r"corridor|batter(?:y|ies)|ward\s+set))"
)
_MEDICAL_EN = re.compile(
    rf"(?i:\b(?:{_BE})\s+(?:(?:still|now|also|currently|severely|heavily|very)\s+)?"
    rf"(?P<value>{_STATES_EN})\b{_NOT_AFTER}"
    rf"|\b(?:{_HAVE})\s+(?:(?:a|an|severe|chronic|mild|stage\s+\w+|type\s+[12])\s+)*"
    rf"(?P<value>{_CONDITIONS_EN})\b{_NOT_AFTER}"
    rf"|(?:\b(?:{_BE})\s+on|\b(?:takes|take|taking|needs|need|needed))\s+"
    rf"(?P<value>{_TREATMENTS_EN})\b{_NOT_AFTER})"
)
_STATES_FR = (
    r"diab[ée]tique|[ée]pileptique|asthmatique|enceinte(?:\s+de\s+\d{1,2}\s+(?:semaines|mois))?|"
    r"s[ée]ropositi(?:f|ve)|autiste|bipolaire|schizophr[èe]ne|anorexique|boulimique|dyslexique|"
    r"sourde?|aveugle|parapl[ée]gique|t[ée]trapl[ée]gique|handicap[ée]e?|immunod[ée]prim[ée]e?|"
    r"en\s+r[ée]mission|allergique\s+(?:aux?|à\s+la|à\s+l['’]|à)\s*[\p{L}-]+|"
    r"en\s+(?:chimio(?:th[ée]rapie)?|r[ée][ée]ducation|cure|d[ée]sintox|arr[êe]t\s+maladie|"
    r"fauteuil\s+roulant)|hospitalis[ée]e?|sous\s+(?:insuline|chimio(?:th[ée]rapie)?|dialyse|"
    r"antid[ée]presseurs|m[ée]thadone|lithium|traitement|anticoagulants|trith[ée]rapie)"
)
_CONDITIONS_FR = (
    r"diab[èe]te|[ée]pilepsie|asthme|cancer(?:\s+du\s+\w+|\s+des\s+\w+)?|leuc[ée]mie|"
    r"lymphome|tumeur|vih|sida|h[ée]patite\s*[abc]?|tuberculose|covid(?:-19)?|d[ée]pression|"
    r"troubles?\s+(?:anxieux|bipolaires?|alimentaires?|du\s+spectre\s+autistique)|tdah|toc|"
    r"autisme|schizophr[ée]nie|anorexie|boulimie|d[ée]mence|alzheimer|parkinson|"
    r"scl[ée]rose\s+en\s+plaques|infirmit[ée]\s+motrice\s+c[ée]r[ée]brale|maladie\s+de\s+crohn|"
    r"probl[èe]mes?\s+cardiaques?|insuffisance\s+cardiaque|avc|crise\s+cardiaque|"
    r"hypertension|arthrite|lupus|allergie\s+aux?\s+[\p{L}-]+|handicap|fausse\s+couche|"
    r"commotion|addiction|maladie\s+(?:chronique|mentale|grave)"
)
_MEDICAL_FR = re.compile(
    rf"(?i:\b(?:est|[ée]tait|sont|suis|es|a\s+[ée]t[ée]|sera|reste)\s+"
    rf"(?:(?:toujours|encore|d[ée]sormais|aussi|actuellement)\s+)?(?P<value>{_STATES_FR})\b"
    rf"|(?:\b(?:a|ai|as|avait|avais)\s+(?:un|une|le|la|l['’]|des|du)?\s*"
    rf"|\bsouffr(?:e|ent|ait|ais)\s+(?:d['’]|de\s+(?:la\s+|l['’])?|du\s+|des\s+)\s*"
    rf"|\batteinte?s?\s+(?:d['’]|de\s+(?:la\s+|l['’])?|du\s+|des\s+)\s*"
    rf"|\b(?:diagnostiqu[ée]e?|soign[ée]e?|trait[ée]e?)\s+pour\s+(?:un|une|le|la|l['’]|des)?\s*"
    rf"|\bvi(?:t|vent|vait)\s+avec\s+(?:un|une|le|la|l['’]|des)?\s*)"
    rf"(?P<value>{_CONDITIONS_FR})\b)"
)


def medical_recognizer(language: str) -> LocalRecognizer:
    """Conditions, states and treatments said of someone, in English and French; the
    analyzer keeps those tied to someone real (`keep_medical`)."""
    return CueRecognizer(
        "MEDICAL",
        # French verbs ("a", "est") are English words too: "a cancer survivor" is no fact.
        [(_MEDICAL_EN, 0.75), *([(_MEDICAL_FR, 0.75)] if language == "fr" else [])],
        language,
        context=["diagnosed", "condition", "health", "santé", "maladie"],
        name="MedicalRecognizer",
    )


def keep_medical(text: str, start: int, end: int, persons: list[tuple[int, int]]) -> bool:
    """Whether the medical fact at [start, end) is about someone real (`fact_holder`)."""
    return holder(text, start, end, persons) is not None


__all__ = ["keep_medical", "medical_recognizer"]
