"""Chat and technical prompts: words that are also names or titles are not references when the
text uses them as software, headings, answers, colours or template slots (issue 19)."""

from __future__ import annotations

import pytest

import promptguard

REFERENCES = ("public_figure", "deceased_figure", "copyrighted_work")


def references(text: str) -> list[str]:
    return [text[f.start : f.end] for f in promptguard.scan(text) if f.category in REFERENCES]


def people(text: str) -> list[str]:
    return [
        text[f.start : f.end]
        for f in promptguard.scan(text)
        if f.category == "personal_data" and f.type == "PERSON"
    ]


@pytest.mark.parametrize(
    "text",
    [
        # software sharing a writer's name, in a stack or used as a product
        "Queues and storage: RabbitMQ, Kafka, Redis and MySQL behind the billing service.",
        "Later we want to add a Kafka integration for audit events.",
        "Monitoring: Datadog, Grafana, Prometheus and a pager.",
        "#include <rdkafka.h>\nint main() {\n  // connect to Kafka\n  run();\n}\n",
        "Port this module from C/C++ to Go.",
        # a production's 3D and VFX tools share names with a magician, a poet and an actor
        "Pipeline: Maya, Blender, ZBrush and Houdini; lookdev in Substance.",
        "The smoke sim was rendered in Houdini and comped in Nuke.",
        # abbreviations that are also a title's initials, and formulas
        "Threats: routing attacks, DoS/DDoS, MitM, spoofing and malware.",
        "Protect the API against MITM attacks and replay.",
        "CaCO3 (s) + H2SO4 (aq) -> CaSO (s) + CO2 (g)",
        "Create a 9-second cinematic Valentine’s Day cocktail video in vertical 9:16 format.",
        # places named with a title's words
        '"location": "The Blue Velvet Lounge, a subterranean club with mahogany walls"',
        '"location": "The inner sanctuary of the Temple of Karnak, sandstone columns"',
        # headings and bold field labels made of ordinary words
        "## Common Tour Patterns\nShort walks near the station.",
        "**Background**: a soft grey gradient with light noise.",
        "- **Legend** next to the chart explains each symbol.",
        # answers and quoted word lists
        'Reply with "Yes" or "No" only.',
        "Sort these: 'Ravenous', 'Obsolete', 'Insidious', 'Wistful', 'Tenacious' and 'Quiet'.",
        # template slots, colours and places
        "Greeting card signed by [Your Name] for the team.",
        "Palette: Deep Purple (#32174d) with gold accents.",
        "Citations: Moreau P, Garner K, Lennon J, Okafor B (2019).",
        "Model: Claude Sonnet 4.5 writes the plan.",
        "Sign it as Jane Doe, the applicant.",
        "A warm Valentine's Day cocktail on a marble bar.",
        "NEGATIVE: No text No logo No watermark No frame",
        'Print "YES" when the graph is connected and "NO" otherwise.',
        "Our new office opens in the middle of San Francisco next spring.",
        # a lowercase function word is no film
        "She rides her bike to the lake every morning.",
    ],
)
def test_ordinary_words_in_chat_prompts_are_no_reference(text: str) -> None:
    assert references(text) == []


def test_software_name_in_a_stack_is_not_reported_as_a_person_either() -> None:
    text = "Queues and storage: RabbitMQ, Kafka, Redis and MySQL behind the billing service."
    assert "Kafka" not in people(text)
    assert "Maya" not in people("Tools: Maya, Blender, Photoshop, Houdini.")


def test_the_magician_is_still_the_magician_outside_a_tool_list() -> None:
    assert "Houdini" in references("Houdini escaping from chains in a water tank, vintage photo")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Write a short parable in the style of Kafka about a clerk.", "Kafka"),
        (
            'A fan fiction set after the film "Thor: Love and Thunder" in which Loki returns.',
            "Loki",
        ),
        ("I loved the film Her by Spike Jonze; write a review.", "Her"),
        ("A poster of Tom Hanks waving in Chicago.", "Tom Hanks"),
        ('Draw the crew of "Star Trek" on the bridge, "Futurama" style.', "Star Trek"),
        (
            '{"style_refs": ["film grain", "Blade Runner", "neon"], "medium": "photo"}',
            "Blade Runner",
        ),
        ("Skin tone: The Simpsons yellow, as in the cartoon.", "The Simpsons"),
        ("A still from Blue Velvet, the red curtain and the microphone.", "Blue Velvet"),
        ("The lobby of the Star Wars Hotel, stormtroopers at the desk.", "Star Wars"),
        ("I love the LOTR books and their maps.", "LOTR"),
        ("All I hear is Marty from Madagascar when the kids talk.", "Madagascar"),
    ],
)
def test_real_references_in_chat_prompts_stay(text: str, name: str) -> None:
    assert name in references(text)


def test_a_name_listed_with_a_capital_inside_is_no_abbreviation() -> None:
    assert "HyunA" in references("portrait of HyunA on stage, concert photo")
    assert "LeFou" in references("Gaston and LeFou in the tavern, Disney animation still")
