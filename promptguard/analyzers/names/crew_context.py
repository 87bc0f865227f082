"""A name the prompt itself says works on the production: cast or crew, not a public figure.

"Our DP, Greta Hoffmann", "our production accountant, bill o'reilly", "Paul Martin (our
director)", "notre cheffe déco Anna Berg": the possessive and the role say this is someone
on the production, whose name is personal data of cast and crew, whatever famous namesake
the people lists hold. Without the possessive ("director Steven Spielberg") the role is a
description and the name keeps its famous bearer. The same holds for the writer themself and
their own people: "My name is Li Wei", "my friend is Zhang Wei", "ma sœur Julie Martin",
"Name: Li Wei" on a form.
"""

from __future__ import annotations

import re

#: Production roles, head words, English and French ("designer" covers every designer).
_ROLES = (
    r"gaffer|grip|best\s+boy|key\s+grip|ad|1st\s+ad|2nd\s+ad|ac|1st\s+ac|2nd\s+ac|dp|dop|dit|pa"
    r"|producer|co-producer|manager|designer|coordinator|mixer|supervisor|director|editor"
    r"|operator|assistant|electrician|carpenter|painter|driver|runner|medic|nurse|agent"
    r"|actor|actress|lead|star|double|stand-in|stunt\s*(?:man|woman|performer|double)?"
    r"|extra|writer|showrunner|cinematographer|photographer|colou?rist|accountant|caterer"
    r"|chef|composer|choreographer|dresser|hairdresser|make-?up\s+artist|artist|animator"
    r"|modeller|modeler|compositor|vfx\s+supervisor|boom\s+op(?:erator)?|sound\s+recordist"
    r"|script\s+supervisor|location\s+scout|scout|casting\s+director|intern|lawyer|counsel"
    r"|publicist|nanny|tutor|chaperone|teacher|host|presenter|crew\s+member|cast\s+member"
    r"|r[ée]alisat(?:eur|rice)|product(?:eur|rice)|direct(?:eur|rice)|chef(?:fe)?(?:\s+\w+)?"
    r"|cadreu(?:r|se)|monteu(?:r|se)|maquill(?:eur|euse)|coiff(?:eur|euse)|costumi(?:er|[èe]re)"
    r"|[ée]lectricien(?:ne)?|machiniste|r[ée]gisseu(?:r|se)|scripte|d[ée]corat(?:eur|rice)"
    r"|com[ée]dien(?:ne)?|acteur|actrice|figurant(?:e)?|cascadeu(?:r|se)|assistante?"
    r"|comptable|chauffeur|stagiaire|ing[ée]nieu(?:r|se)\s+du\s+son|perchman"
)
_POSSESSIVE = r"(?:our|my|notre|nos|mon|ma|mes)"
#: The writer's own people: family, friends, colleagues (English and French).
_RELATIONS = (
    r"friend|best\s+friend|wife|husband|partner|girlfriend|boyfriend|fianc[ée]e?|son|daughter"
    r"|kid|child|mother|mom|mum|father|dad|brother|sister|cousin|uncle|aunt|grandma|grandpa"
    r"|grandmother|grandfather|niece|nephew|neighbou?r|colleague|coworker|co-worker|boss"
    r"|roommate|flatmate|classmate|student|client|patient|tenant|landlord|landlady"
    r"|ami(?:e)?|femme|mari|copain|copine|fils|fille|m[èe]re|p[èe]re|fr[èe]re|s[œo]e?ur"
    r"|coll[èe]gue|voisin(?:e)?|patron(?:ne)?"
)
#: The writer names themself or fills in a form: "my name is", "je m'appelle", "Name:".
_SELF = re.compile(
    r"(?:\bmy\s+name\s+is|\bmy\s+name['’]s|\bi\s+am\s+called|\bje\s+m['’]appelle"
    r"|\bmon\s+nom\s+est|\b(?:full\s+)?name\s*:|\bnom\s*:)\s*$",
    re.I,
)
#: "our DP, ", "my lead actress ", "notre cheffe déco : ": up to two words between.
_BEFORE = re.compile(
    rf"\b{_POSSESSIVE}\s+(?:[\w'-]+\s+){{0,2}}?(?:{_ROLES}|{_RELATIONS})"
    rf"\s*(?:(?:is|est|'s|[,:(—–-])\s*)?$",
    re.I,
)
#: ", our gaffer", " (our director)", " (casting director)": the role right after the name.
_AFTER = re.compile(
    rf"^\s*(?:[,(—–-]\s*{_POSSESSIVE}\s+(?:[\w'-]+\s+){{0,2}}?(?:{_ROLES})\b"
    rf"|\(\s*(?:[\w'-]+\s+){{0,2}}?(?:{_ROLES})\s*\))",
    re.I,
)


def crew_member(content: str, start: int, end: int) -> bool:
    """Whether the name at content[start:end] is introduced as one of the production's own
    people (a possessive and a production role just before or after it)."""
    before = content[max(0, start - 48) : start]
    return bool(_BEFORE.search(before) or _SELF.search(before)) or bool(
        _AFTER.match(content[end : end + 48])
    )


__all__ = ["crew_member"]
