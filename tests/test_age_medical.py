"""Ages and medical facts about someone real are personal data; about a character they are not.

What a user would notice: "Tom Okafor, 34," or "our gaffer is diabetic" sent to a
non-enterprise tool is blocked, while "a 40-year-old man" or "a medical drama" in an
ideation prompt goes through. Real spaCy and Presidio through the public API, English and
French; the prompts are hand-written, none is taken from a benchmark set.
"""

from __future__ import annotations

import pytest

import promptguard
from promptguard.config.load import Config


def facts(text: str, language: str = "en") -> set[tuple[str, str]]:
    config = Config()
    return {
        (f.type, text[f.start : f.end])
        for f in promptguard.scan(text, language=language, config=config)
        if f.type in ("AGE", "MEDICAL")
    }


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Tom Okafor, 34, joins as best boy on Monday.", "en", {("AGE", "34")}),
        ("Please book a room for Priya Raman (41) near the studio.", "en", {("AGE", "41")}),
        ("Our stand-in is a 52-year-old from Leeds.", "en", {("AGE", "52")}),
        ("The key grip, aged 61, asked for a parking space.", "en", {("AGE", "61")}),
        ("I'm 29 years old and I need a cover letter for a runner job.", "en", {("AGE", "29")}),
        ("Rédige un mail pour Léa Martin, 27 ans, notre nouvelle scripte.", "fr", {("AGE", "27")}),
        ("Mon fils a 12 ans, il veut figurer dans la scène du marché.", "fr", {("AGE", "12")}),
        ("Our gaffer is diabetic, keep juice on the truck.", "en", {("MEDICAL", "diabetic")}),
        (
            "Hannah Weiss has epilepsy: no strobe tests while she is on set.",
            "en",
            {("MEDICAL", "epilepsy")},
        ),
        ("The lead actress is pregnant, rewrite the stunt.", "en", {("MEDICAL", "pregnant")}),
        ("My assistant Jonah is on insulin and needs breaks.", "en", {("MEDICAL", "insulin")}),
        (
            "Our caterer is HIV-positive, is that a problem for the insurer?",
            "en",
            {("MEDICAL", "HIV-positive")},
        ),
        ("Notre cadreuse est enceinte, prévoir un remplacement.", "fr", {("MEDICAL", "enceinte")}),
        ("Paul Girard souffre d'asthme, pas de fumigènes.", "fr", {("MEDICAL", "asthme")}),
        ("Le chauffeur est sous insuline depuis mars.", "fr", {("MEDICAL", "sous insuline")}),
    ],
)
def test_facts_about_someone_are_found(text: str, language: str, expected: set) -> None:
    assert expected <= facts(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("a 40-year-old man walks into a diner at dawn, 35mm film look", "en"),
        ("Pitch: a medical drama about a hospital in crisis.", "en"),
        ("The heroine is pregnant and hiding it from the crew of her ship.", "en"),
        ("Portrait of Mara, 34, a fisherman's widow, oil painting", "en"),
        ("Imagine Jack is diabetic and stranded on an island: write the scene.", "en"),
        ("Scene 12, take 34, then the wide shot.", "en"),
        ("The film came out 34 years old prints ago, we need a restoration plan.", "en"),
        ("Tom made a documentary about a cancer survivor.", "en"),
        ("Il y a 34 ans sortait le premier film de la saga.", "fr"),
        ("Un homme de 40 ans entre dans un café, lumière du matin.", "fr"),
        ("Ages 18-35, open casting call for a music video.", "en"),
        (
            "Write a comedy scene from this. Andy is a 41 year old teacher at a failing school.",
            "en",
        ),
        ("In the story, her father, 50, has cancer and hides it.", "en"),
        ("Explain compound interest like I'm 5 years old.", "en"),
    ],
)
def test_characters_and_topics_are_not_facts(text: str, language: str) -> None:
    assert facts(text, language) == set()


def test_a_medical_fact_blocks_a_non_enterprise_tool() -> None:
    decision = promptguard.check(
        "Our stunt double has epilepsy, plan the lighting accordingly.",
        tool="midjourney",
        purpose="moodboard",
    )
    assert decision.decision == "block"
    assert any(f.finding.type == "MEDICAL" for f in decision.findings)
    # the message names the kind of data, never the condition itself
    assert "epilepsy" not in decision.next_step


def test_an_age_in_an_ideation_prompt_is_allowed() -> None:
    decision = promptguard.check(
        "a 40-year-old detective in the rain, neon reflections",
        tool="midjourney",
        purpose="ideation",
    )
    assert not any(f.finding.type == "AGE" for f in decision.findings)
