"""Names as posts and comments write them, told by case and place in the sentence.

Not a recognizer: tests `cased_names.find_names` asks, on words NER often leaves alone in
social text (measured on WNUT-17 train, confirmed on dev):

* a sentence written in capitals inside a post that is not ("lol . HAPPY BIRTHDAY TO
  ROSALIND !!! love you"): case says nothing of a name there, as in a post all in capitals,
  so a known given name is a name (`shouted_sentences`);
* a capitalised word no dictionary or list knows, alone at the start of a sentence, before
  a verb of a person ("Okonkwo is so funny", "Thandeka did a great job"): an unknown
  surname or nickname as its subject, where an imperative ("Imagine …") is a dictionary
  word and a definition ("Kustomize is a tool …") is left to NER (`opening_subject`).
"""

from __future__ import annotations

import regex as re

from promptguard.analyzers.personal_data.person_names import (
    is_chat_word,
    is_sentence_start,
    is_shouting,
    is_unknown_opening_word,
)

#: A sentence: up to its closing mark or line break (the marks stay with it).
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def shouted_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of `text` written in capitals (`is_shouting`: three
    words or more, two in three all caps)."""
    if not any(c.isupper() for c in text):
        return []
    return [m.span() for m in _SENTENCE.finditer(text) if is_shouting(m.group())]


#: A verb whose subject is a person, after the word: one only people do ("says", "laughed"),
#: a common one with a person after it ("had me", "continues his"), or "is"/"was" and a
#: description ("is so funny", "was obsessed"); not "has a", "is a", "is used" (a tool's
#: definition: "Kustomize is a tool", "Kubernetes has a scheduler"), nor any "was" of news
#: copy ("Aluminium was quiet", "Pirelli is linking").
_PERSON_VERB = re.compile(
    r"[ ]+(?:(?:says|said|laughs|laughed|loves|loved|hates|hated|thinks|thought|knows|knew|"
    r"sings|sang|asked|told|tells|smiled|cried|died|danced|wrote|tried|likes|liked|went|came|"
    r"texted|yelled|screamed)\b"
    r"|(?:has|had|got|gets|did|does|made|makes|wants|wanted|needs|continues|plays|played|won|"
    r"lost|looks|looked|sounds|seems)[ ]+(?:me|my|his|her|him|us|our|you|your|them|their|"
    r"himself|herself)\b"
    r"|(?:is|was)[ ]+(?:so|such|really|very|too|literally|always|never|gonna|going|being|like"
    r"|my|our|the[ ]+best|the[ ]+worst|one[ ]+of|funny|crazy|amazing|awesome|hilarious|cute"
    r"|beautiful|gorgeous|sweet|lovely|annoying|dead|alive|back|sick|tired|mad|angry|happy|sad"
    r"|obsessed|married|engaged|pregnant|born|late|home|mine|bae|lit|hot|sexy|perfect)\b)"
)


def opening_subject(text: str, match: re.Match) -> bool:
    """A capitalised word unknown to every list, opening a sentence alone (the next word
    is not capitalised too), right before a verb of a person (`_PERSON_VERB`)."""
    word = match.group()
    if not (word[:1].isupper() and word[1:].islower()) or not word.isalpha():
        return False  # "I've", "They're": a contraction, not a name
    if not is_sentence_start(text, match.start()) or is_chat_word(word):
        return False
    if not _PERSON_VERB.match(text, match.end()):
        return False
    return is_unknown_opening_word(word, text)


__all__ = ["opening_subject", "shouted_sentences"]
