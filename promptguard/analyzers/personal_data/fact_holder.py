"""Who an age or a medical fact is about: a named person, a crew or cast member, the writer.

Not a recognizer. "52-year-old" or "is diabetic" is personal data only when it says
something about an identifiable person of the production; in an ideation prompt "a
40-year-old man" or "the heroine is pregnant" describes a character nobody can be
identified from. So the age and medical recognizers (`age`, `medical`) only propose a
span, and the analyzer keeps it when `holder` finds, in the same sentence and close by:

* a **person** found by the person recognizers ("Tom Okafor, 34,", "Dana is diabetic");
* a **role** written as someone in particular: a crew or cast role, or a relation, with a
  definite or possessive word before it ("our gaffer is pregnant", "my wife has epilepsy",
  "notre chef op est diabétique"); "a 40-year-old actor" is a casting brief, not a person,
  and in a prompt about a story only "our", "my"… tie a role ("her father" is a character);
* the **writer** themself ("I'm 34 years old", "I have asthma", "j'ai 52 ans").

A person (not a role, not the writer) named in a prompt that asks for a story, a
character, a scene or an image ("the protagonist, Jane, 34", "portrait of Mara, pregnant",
"a comedy scene based on this: Andy is a 41 year old teacher") is taken as fictional,
wherever in the prompt the cue stands (real prompts set the scene first, then list the
characters): the name itself is still reported by the person recognizers. "Like I'm 5
years old" is a figure of speech.
"""

from __future__ import annotations

import regex as re

#: How far before a fact (after, for an age in apposition) its holder may stand.
WINDOW = 60

_ROLES = (
    r"gaffer|grip|(?:1st|2nd|first|second)\s+ad|ad|dp|dop|producer|manager|designer|"
    r"coordinator|mixer|supervisor|director|captain|lead|editor|operator|assistant|"
    r"electrician|carpenter|painter|driver|runner|medic|agent|actor|actress|talent|"
    r"double|stand-in|stunt\s*(?:man|woman|performer|double)?|extra|background\s+artist|"
    r"host|presenter|writer|showrunner|cinematographer|photographer|colou?rist|crew\s+member|"
    r"crew|cast\s+member|cast|star|dancer|singer|model|caterer|chef|nurse|"
    r"[ée]lectricien(?:ne)?|machiniste|r[ée]gisseu(?:r|se)|r[ée]alisat(?:eur|rice)|"
    r"direct(?:eur|rice)|chef(?:fe)?\s+op|chef(?:fe)?|costumi(?:er|[èe]re)|scripte|"
    r"d[ée]corat(?:eur|rice)|maquill(?:eur|euse)|coiff(?:eur|euse)|monteu(?:r|se)|"
    r"cadreu(?:r|se)|com[ée]dien(?:ne)?|acteur|actrice|figurant(?:e)?|cascadeu(?:r|se)|"
    r"chauffeur|product(?:eur|rice)|assistante?"
)
_RELATIONS = (
    r"wife|husband|spouse|partner|son|daughter|brother|sister|mother|father|mom|mum|dad|"
    r"uncle|aunt|cousin|grandmother|grandfather|grandma|grandpa|friend|boyfriend|girlfriend|"
    r"colleague|boss|child|kid|baby|neighbou?r|tenant|employee|patient|client|"
    r"femme|mari|[ée]pou(?:x|se)|fils|fille|fr[èe]re|s[œo]eur|m[èe]re|p[èe]re|oncle|tante|"
    r"ami|amie|coll[èe]gue|patron(?:ne)?|enfant|b[ée]b[ée]|voisin(?:e)?|locataire|salari[ée]e?"
)
#: "our gaffer", "the lead actress", "my wife", "notre chef op", "ma fille", "his son".
_ROLE = re.compile(
    r"(?i:\b(?:our|my|the|your|his|her|their|this|that|notre|nos|mon|ma|mes|votre|le|la|l['’]|"
    r"son|sa|ses|leur|ce|cette)\s+(?:[\p{L}\d-]+\s+){0,2}?"
    rf"(?:{_ROLES}|{_RELATIONS})s?\b)"
)
#: The possessives that tie a role to the writer's own production or family.
_OURS = re.compile(r"(?i:(?:our|my|your|notre|nos|mon|ma|mes|votre)\b)")
#: The writer: "I'm", "I am", "I have", "I've had", "my age", "je suis", "j'ai".
_SELF = re.compile(
    r"(?i:\b(?:i\s+am|i['’]m|im|i\s+have|i['’]ve|i\s+had|i\s+was|i\s+suffer|i\s+live|"
    r"i\s+take|i\s+use|i\s+turned|i\s+got|my\s+age|je\s+suis|j['’]ai|je\s+souffre|je\s+vis|"
    r"je\s+prends|mon\s+[âa]ge)\b)"
)
#: A sentence about a story, a character or an image: its named people are characters.
_FICTION = re.compile(
    r"(?i:\b(?:character|protagonist|antagonist|hero|heroine|villain|story|storyline|plot|"
    r"scene|script|screenplay|novel|fiction|fictional|imagine|portrait|illustration|"
    r"drawing|painting|render|concept\s+art|moodboard|logline|synopsis|tale|comedy|sitcom|"
    r"act\s+as|pretend|role-?play|(?:girl|boy|woman|man|kid|child|lady|guy)\s+named|"
    r"personnage|h[ée]ro[ïi]ne|h[ée]ros|histoire|sc[èe]ne|sc[ée]nario|roman|fictif|fictive|"
    r"imagin(?:e|ez)|illustr(?:ation|e))\b)"
)
#: A figure of speech, not the writer's age or health: "explain it like I'm 5 years old".
_AS_IF = re.compile(r"(?i:\b(?:like|as\s+if|as\s+though)\s+(?:i['’]m|i\s+am|im)\b)")
_SENTENCE_END = re.compile(r"[.!?;\n](?:\s|$)|\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the last stop before it to the next
    stop after it ("Dr." and "34." inside a sentence are rare enough in the facts' cues)."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, end)
    return left, right_match.start() if right_match else len(text)


def holder(
    text: str, start: int, end: int, persons: list[tuple[int, int]], after: bool = False
) -> str | None:
    """Who the fact at [start, end) is about: "person", "role", "self", or None.

    Looks in the same sentence, up to `WINDOW` characters before the fact (and, with
    `after`, just after it: "a 34-year-old gaffer"). `persons` are the PERSON spans found
    in the text."""
    left, right = sentence_bounds(text, start, end)
    lo = max(left, start - WINDOW)
    hi = min(right, end + (WINDOW // 2 if after else 0))
    before = text[lo:start]
    if _AS_IF.search(before):
        return None
    if _SELF.search(before):
        return "self"
    fiction = _FICTION.search(text)
    for match in _ROLE.finditer(text, lo, hi):
        if not fiction or _OURS.match(match.group()):
            return "role"  # in a story, "her father" is a character; "our gaffer" is not
    near = [(s, e) for s, e in persons if s < hi and e > lo and (e <= start or s >= end)]
    if near and not fiction:
        return "person"
    return None


__all__ = ["WINDOW", "holder", "sentence_bounds"]
