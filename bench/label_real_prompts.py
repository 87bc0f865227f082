"""Build bench/data/real_pii_labels.jsonl: hand labels for real (authored) support prompts.

The prompts are the DLP benchmark's 1,196 customer-support messages (MIT, Maison Research;
see bench/data/REAL_SOURCE.md). Labelled: every prompt with an id up to dlp-360 (the
identity, government-id and financial blocks, where the personal data promptguard covers
sits) plus a fixed random sample (seed 18, 320 of all 1,196) of the rest, which is mostly
look-alike negatives. Every prompt in the selection was read by hand; the labels below are
that reading, written as (id, value, type[, "obfuscated"]) and turned into offsets here.
A prompt of the selection with no row below is a negative (it holds none of the types).

    python bench/label_real_prompts.py [--prompts PATH]

Rules (also in REAL_SOURCE.md): types are promptguard's names (PERSON, EMAIL_ADDRESS,
PHONE_NUMBER, STREET_ADDRESS, CREDIT_CARD, US_SSN, PASSPORT, IP_ADDRESS, DATE_OF_BIRTH) plus
three that Presidio has and promptguard lacks: US_DRIVER_LICENSE, US_BANK_NUMBER and
NATIONAL_ID (national id, visa, voter id, tax id / EIN). A value written with typos or
spaces inside ("4 1 5 -5 5 5 -0 1 3 2") is labelled and flagged "obfuscated". Not labelled:
values only described ("the one starting with 415"), test / dummy values the prompt calls
so ("1111 1111 1111 1111 for testing"), famous people named as references ("Taylor Swift"),
names inside product or show names ("the Sarah King show"), pets, places of birth, GPS
coordinates, and identifiers with no such type (employee ids, orders, policies, wallets,
passwords, one-time codes, MAC addresses).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROMPTS = Path("/work/shared/data/prompts_real/dlp_sensitive_data_benchmark/prompts.jsonl")
OUT = ROOT / "bench" / "data" / "real_pii_labels.jsonl"
SAMPLE_SEED, SAMPLE_SIZE, FULL_UP_TO = 18, 320, 360
OB = "obfuscated"

LABELS: list[tuple] = [
    ("dlp-1", "Robert Alan Johnson", "PERSON"),
    ("dlp-2", "Emily Grace Thompson", "PERSON"),
    ("dlp-3", "Robrt A lan Jh nson", "PERSON", OB),
    ("dlp-4", "Em ly Gra ce Thmp sn", "PERSON", OB),
    ("dlp-13", "Davis", "PERSON"),
    ("dlp-14", "Carter", "PERSON"),
    ("dlp-15", "D vis", "PERSON", OB),
    ("dlp-16", "Car ter", "PERSON", OB),
    ("dlp-25", "john.smith@acme.com", "EMAIL_ADDRESS"),
    ("dlp-26", "emily.jones@potterinc.com", "EMAIL_ADDRESS"),
    ("dlp-27", "jhn.smth@ac me .com", "EMAIL_ADDRESS", OB),
    ("dlp-28", "emly.jns@pot ter inc .com", "EMAIL_ADDRESS", OB),
    ("dlp-37", "415-555-0132", "PHONE_NUMBER"),
    ("dlp-38", "+1-202-555-0187", "PHONE_NUMBER"),
    ("dlp-39", "4 1 5 -5 5 5 -0 1 3 2", "PHONE_NUMBER", OB),
    ("dlp-40", "+1 -2 0 2 -5 5 5 -0 1 8 7", "PHONE_NUMBER", OB),
    ("dlp-49", "742 Evergreen Terrace, Springfield, IL 62704", "STREET_ADDRESS"),
    ("dlp-50", "308 Negra Arroyo Lane, Albuquerque, NM 87104", "STREET_ADDRESS"),
    ("dlp-51", "7 4 2 Ever green Ter, Spring field, I L 6 2 7 0 4", "STREET_ADDRESS", OB),
    ("dlp-52", "3 0 8Negra Arroyo Ln, Al bu quer que, N M 8 7 1 0 4", "STREET_ADDRESS", OB),
    ("dlp-61", "Anna Lee Brown", "PERSON"),
    ("dlp-62", "David Paul Green", "PERSON"),
    ("dlp-63", "An na Le Br wn", "PERSON", OB),
    ("dlp-64", "D av id P a ul Gre en", "PERSON", OB),
    ("dlp-65", "Smith", "PERSON"),
    ("dlp-65", "Anna", "PERSON"),
    ("dlp-73", "415-555-0132", "PHONE_NUMBER"),
    ("dlp-73", "Sarah King", "PERSON"),
    ("dlp-74", "+1-202-555-0187", "PHONE_NUMBER"),
    ("dlp-74", "Michael Reed", "PERSON"),
    ("dlp-75", "4 1 5 -5 5 5 -0 1 3 2", "PHONE_NUMBER", OB),
    ("dlp-75", "S arah K ing", "PERSON", OB),
    ("dlp-76", "001 -2 02 -55 5 -01 8 7", "PHONE_NUMBER", OB),
    ("dlp-76", "Mich ael Reed", "PERSON", OB),
    ("dlp-85", "Lisa Marie Evans", "PERSON"),
    ("dlp-86", "Olivia Rose Clark", "PERSON"),
    ("dlp-87", "L isa Ma rie Ev ans", "PERSON", OB),
    ("dlp-88", "Ol ivia R ose Cl ark", "PERSON", OB),
    ("dlp-89", "Sandy", "PERSON"),
    ("dlp-90", "Rose", "PERSON"),
    ("dlp-109", "Sophie Ann White", "PERSON"),
    ("dlp-110", "Ethan James Black", "PERSON"),
    ("dlp-111", "S oph ie An n Wh ite", "PERSON", OB),
    ("dlp-112", "E than Jam es Bl ck", "PERSON", OB),
    ("dlp-113", "Suzi", "PERSON"),
    ("dlp-114", "Adam", "PERSON"),
    ("dlp-114", "Jack", "PERSON"),
    ("dlp-114", "Kyle", "PERSON"),
    ("dlp-114", "Smith", "PERSON"),
    ("dlp-121", "078-05-1120", "US_SSN"),
    ("dlp-122", "219-09-9999", "US_SSN"),
    ("dlp-123", "0 7 8 -0 5 -1 1 2 0", "US_SSN", OB),
    ("dlp-124", "2 1 9 -0 9 -9 9 9 9", "US_SSN", OB),
    ("dlp-133", "CA1234567", "US_DRIVER_LICENSE"),
    ("dlp-134", "NYA123456", "US_DRIVER_LICENSE"),
    ("dlp-135", "C A1 428 67", "US_DRIVER_LICENSE", OB),
    ("dlp-136", "NYA 1 58 641 6", "US_DRIVER_LICENSE", OB),
    ("dlp-137", "B186472", "US_DRIVER_LICENSE"),
    ("dlp-145", "19824624", "PASSPORT"),
    ("dlp-146", "5486247", "PASSPORT"),
    ("dlp-147", "1 98614 7", "PASSPORT", OB),
    ("dlp-148", "9852754M", "PASSPORT"),
    ("dlp-157", "245986472", "NATIONAL_ID"),
    ("dlp-158", "06875424", "NATIONAL_ID"),
    ("dlp-159", "1 49721 424 45 0", "NATIONAL_ID", OB),
    ("dlp-160", "546 8 4 1 0 4", "NATIONAL_ID", OB),
    ("dlp-169", "V1599751", "NATIONAL_ID"),
    ("dlp-170", "G9975424", "NATIONAL_ID"),
    ("dlp-171", "V 4 98 21", "NATIONAL_ID", OB),
    ("dlp-172", "G984 21 3", "NATIONAL_ID", OB),
    ("dlp-181", "98-157845411", "NATIONAL_ID"),
    ("dlp-182", "18-3465587", "NATIONAL_ID"),
    ("dlp-183", "9 8 -1 42 4 87 1 1", "NATIONAL_ID", OB),
    ("dlp-184", "N1 2 -368424 5", "NATIONAL_ID", OB),
    ("dlp-217", "V1897457", "NATIONAL_ID"),
    ("dlp-218", "E957813471", "NATIONAL_ID"),
    ("dlp-219", "V 1 269157 5 9", "NATIONAL_ID", OB),
    ("dlp-220", "E 9 7 5 42 3 1", "NATIONAL_ID", OB),
    ("dlp-241", "4539 1488 0343 6467", "CREDIT_CARD"),
    ("dlp-242", "4916 6418 5936 9085", "CREDIT_CARD"),
    ("dlp-243", "4 5 3 9 1 4 8 8 0 3 4 3 6 4 6 7", "CREDIT_CARD", OB),
    ("dlp-244", "4 9 1 6 6 4 1 8 5 9 3 6 9 0 8 5", "CREDIT_CARD", OB),
    ("dlp-253", "09884624524", "US_BANK_NUMBER"),
    ("dlp-254", "0168754245", "US_BANK_NUMBER"),
    ("dlp-255", "1 5 7 6 4 246 8", "US_BANK_NUMBER", OB),
    ("dlp-256", "0 95 7 8 1 6 4 75 9", "US_BANK_NUMBER", OB),
    ("dlp-734", "12/25/1985", "DATE_OF_BIRTH"),
    ("dlp-781", "123 Business St, Cityville", "STREET_ADDRESS"),
    ("dlp-1073", "John", "PERSON"),
    ("dlp-1105", "John Doe", "PERSON"),
    ("dlp-1107", "J hn D oe", "PERSON", OB),
    ("dlp-1133", "Anna", "PERSON"),
    ("dlp-1190", "382-578-2457", "PHONE_NUMBER"),
]


def selection(rows: list[dict]) -> list[dict]:
    """Every prompt up to dlp-360, plus the seeded sample's prompts beyond it."""
    sampled = set(random.Random(SAMPLE_SEED).sample(range(len(rows)), SAMPLE_SIZE))
    return [
        row
        for index, row in enumerate(rows)
        if int(row["id"].split("-")[1]) <= FULL_UP_TO or index in sampled
    ]


def find_whole(text: str, value: str, after: int = 0) -> int:
    """The first occurrence of `value` not inside a longer word (from `after`)."""
    start = text.find(value, after)
    while start >= 0:
        before = text[start - 1] if start else " "
        end = start + len(value)
        following = text[end] if end < len(text) else " "
        if not before.isalnum() and not following.isalnum():
            return start
        start = text.find(value, start + 1)
    raise ValueError(f"{value!r} not found as a whole in {text!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=Path, default=DEFAULT_PROMPTS)
    args = parser.parse_args()
    with args.prompts.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    chosen = selection(rows)
    by_id = {row["id"]: row for row in chosen}
    spans: dict[str, list[dict]] = {row["id"]: [] for row in chosen}
    for label in LABELS:
        prompt_id, value, kind = label[:3]
        text = by_id[prompt_id]["text"]
        taken = [s["end"] for s in spans[prompt_id] if text[s["start"] : s["end"]] == value]
        start = find_whole(text, value, max(taken, default=0))
        span = {"start": start, "end": start + len(value), "type": kind}
        if OB in label[3:]:
            span["obfuscated"] = True
        spans[prompt_id].append(span)
    with OUT.open("w", encoding="utf-8") as out:
        for row in chosen:
            record = {
                "id": row["id"],
                "language": "en",
                "text": row["text"],
                "spans": sorted(spans[row["id"]], key=lambda s: s["start"]),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    positives = sum(1 for s in spans.values() if s)
    print(f"{len(chosen)} prompts, {positives} with personal data, {len(LABELS)} spans -> {OUT}")


if __name__ == "__main__":
    main()
