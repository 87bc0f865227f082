"""Generate labelled, production-style prompts (English and French) with fake personal data.

Call sheets, crew contact lists, payroll notes, location-scouting notes and ordinary creative
prompts, filled with invented people and numbers: names are drawn from several unrelated
pools and combined at random, identifiers are random but valid (Luhn, IBAN and NIR keys,
numbering plans), so no real person is described. About a quarter of the prompts hold no
personal data but plenty of look-alikes (scene numbers, call times, budgets, shoot dates,
years, ISBNs, sluglines) so precision is measured too.

Each JSONL line: {"id", "language", "text", "spans": [{"start", "end", "type"}]}.

    python bench/gen_pii_prompts.py --count 400 --seed 7 --out tests/data/pii_prompts.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import string
from pathlib import Path


def _w(words: str) -> list[str]:
    return words.split()


def _roles(roles: str) -> list[str]:
    return roles.split("|")


FIRST = {
    "anglo": _w(
        "Emma Oliver Grace Harry Chloe Jack Megan Liam Sophie Connor Hannah Ethan "
        "Abigail Noah Lily Owen Ruby Declan Holly Travis"
    ),
    "french": _w(
        "Julien Camille Mathilde Théo Léa Antoine Chloé Baptiste Manon Hugo Élodie Rémi "
        "Inès Mathieu Clémence Gaëlle Timothée Solène Benoît Margaux"
    ),
    "hispanic": _w("Alejandro Lucía Mateo Valentina Santiago Camila Diego Ximena Javier Paloma"),
    "west_african": _w("Kwame Ama Chidi Ngozi Kofi Abena Tunde Yetunde Oumar Fatou"),
    "south_asian": _w("Priya Arjun Ananya Rohan Kavya Vikram Meera Sanjay Aditi Nikhil"),
    "east_asian": _w("Hiroshi Yuki Mei Jun Seo-yeon Haruto Xiaoling Minh Jiwoo Kenji"),
    "arabic": _w("Karim Yasmine Nadia Mehdi Samir Leïla Rachid Amira Youssef Salma"),
    "slavic_nordic": _w("Jonas Ingrid Mikael Astrid Piotr Katarzyna Dmitri Oksana Lars Freja"),
}
LAST = {
    "anglo": _w(
        "Whitaker Holloway Pemberton Ashworth Calloway Brennan Fairbanks Thornton "
        "Gallagher Redmond Okafor Sinclair Harrington Doyle"
    ),
    "french": _w(
        "Moreau Lefèvre Garnier Rousseau Fontaine Chevalier Marchand Duval Lacroix "
        "Girard Bonnet Mercier Faure Delmas Perrin"
    ),
    "hispanic": _w("Delgado Fuentes Ibarra Montoya Castillo Villanueva Herrera Salazar"),
    "west_african": _w("Mensah Adeyemi Okonkwo Diallo Traoré Boateng Nwosu Coulibaly"),
    "south_asian": _w("Raman Iyer Chatterjee Deshpande Malhotra Venkatesan Krishnan"),
    "east_asian": _w("Tanaka Nakamura Zhang Nguyen Park Watanabe Lim Huang"),
    "arabic": _w("Benali Haddad Mansour Khelifi Bouzid Saadi Amrani"),
    "slavic_nordic": _w("Lindqvist Kowalski Novak Petrov Halvorsen Sørensen Wiśniewska"),
}
TITLES = {"en": ["Mr", "Ms", "Mrs", "Dr"], "fr": ["M.", "Mme", "Mlle"]}

ROLES = {
    "en": _roles(
        "gaffer|key grip|DP|1st AD|2nd AD|location manager|line producer|"
        "costume designer|production coordinator|sound mixer|script supervisor|"
        "stunt coordinator|art director|hair and makeup lead|transport captain|"
        "unit manager|casting director|editor"
    ),
    "fr": _roles(
        "chef opérateur|chef électricien|machiniste|1er assistant réalisateur|"
        "régisseur général|régisseuse|directrice de production|cheffe costumière|"
        "ingénieur du son|scripte|chef décorateur|maquilleuse|chargé de figuration|"
        "monteuse|coordinateur cascades"
    ),
}


class Builder:
    """Concatenates text pieces and records the labelled ones' offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[dict] = []

    def add(self, piece: str, label: str | None = None) -> Builder:
        if label:
            self.spans.append(
                {"start": self.length, "end": self.length + len(piece), "type": label}
            )
        self.parts.append(piece)
        self.length += len(piece)
        return self

    def text(self) -> str:
        return "".join(self.parts)


class Faker:
    """Random but well-formed fake personal data."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def name(self, lang: str) -> tuple[str, str]:
        pool_first = self.rng.choice(list(FIRST))
        pool_last = pool_first if self.rng.random() < 0.6 else self.rng.choice(list(LAST))
        first = self.rng.choice(FIRST[pool_first])
        last = self.rng.choice(LAST[pool_last])
        roll = self.rng.random()
        if roll < 0.08:
            last = f"{last}-{self.rng.choice(LAST[self.rng.choice(list(LAST))])}"
        if lang == "fr" and self.rng.random() < 0.2:
            last = last.upper()
        return first, last

    def full_name(self, lang: str) -> str:
        first, last = self.name(lang)
        return f"{first} {last}"

    def phone(self, lang: str) -> str:
        r = self.rng
        kind = r.choice(["fr", "fr", "us", "uk"] if lang == "fr" else ["us", "us", "uk", "fr"])
        if kind == "fr":
            lead = r.choice(["6", "7", "1", "4", "5"])
            # Valid metropolitan ranges only (06 9x and 07 0x-2x are overseas or unassigned).
            lead += str(r.randint(3, 8)) if lead == "7" else str(r.randint(1, 8))
            digits = lead + "".join(r.choice(string.digits) for _ in range(7))
            pairs = [digits[i : i + 2] for i in range(1, 9, 2)]
            fmt = r.choice(["spaced", "dots", "compact", "intl", "intl0", "intlc"])
            local = "0" + digits[0]
            if fmt == "spaced":
                return " ".join([local, *pairs])
            if fmt == "dots":
                return ".".join([local, *pairs])
            if fmt == "compact":
                return local + "".join(pairs)
            if fmt == "intl":
                return "+33 " + digits[0] + " " + " ".join(pairs)
            if fmt == "intl0":
                return "+33 (0)" + digits[0] + " " + " ".join(pairs)
            return "+33" + digits
        if kind == "us":
            area = r.choice(["212", "310", "323", "415", "646", "818", "917", "404", "512", "617"])
            exchange = f"{r.randint(2, 9)}{r.randint(0, 9)}{r.randint(0, 9)}"
            line = f"{r.randint(0, 9999):04d}"
            fmt = r.choice(["paren", "dash", "dots", "intl", "intldash"])
            return {
                "paren": f"({area}) {exchange}-{line}",
                "dash": f"{area}-{exchange}-{line}",
                "dots": f"{area}.{exchange}.{line}",
                "intl": f"+1 {area} {exchange} {line}",
                "intldash": f"+1-{area}-{exchange}-{line}",
            }[fmt]
        if r.random() < 0.5:
            rest = f"{r.choice('378')}{r.randint(0, 999):03d} {r.randint(0, 9999):04d}"
            return r.choice(["+44 20 ", "020 "]) + rest
        mobile = f"7{r.choice(['4', '5', '7', '8', '9'])}{r.randint(10, 99)}"
        rest = f"{r.randint(0, 999999):06d}"
        return r.choice([f"+44 {mobile} {rest}", f"0{mobile} {rest}"])

    def email(self, name: str | None = None) -> str:
        r = self.rng
        if name:
            first, last = name.split(" ", 1)
        else:
            first, last = self.name("en")
        first = _ascii(first).lower()
        last = _ascii(last).lower().replace(" ", "")
        local = r.choice(
            [
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{first}_{last}{r.randint(1, 99)}",
                f"{first}",
                f"{last}.{first[0]}",
            ]
        )
        domain = r.choice(
            [
                "gmail.com",
                "yahoo.fr",
                "outlook.com",
                "orange.fr",
                "hotmail.co.uk",
                "northlightfilms.com",
                "prod-lesateliers.fr",
                "icloud.com",
                "bluehourpictures.co.uk",
                "free.fr",
            ]
        )
        return f"{local}@{domain}"

    def address(self, lang: str) -> str:
        r = self.rng
        kind = r.choice(["fr", "fr", "uk", "us"] if lang == "fr" else ["us", "uk", "us", "fr"])
        if kind == "us":
            street = r.choice(
                [
                    "Maple",
                    "Sunset",
                    "Hollywood",
                    "Cedar Ridge",
                    "Mission",
                    "Lincoln",
                    "Amphitheatre",
                    "Vine",
                    "Laurel Canyon",
                    "Elm",
                ]
            )
            stype = r.choice(
                [
                    "Street",
                    "St.",
                    "Avenue",
                    "Ave",
                    "Boulevard",
                    "Blvd",
                    "Drive",
                    "Road",
                    "Lane",
                    "Parkway",
                    "Way",
                ]
            )
            city, state, zip_ = r.choice(
                [
                    ("Los Angeles", "CA", "900"),
                    ("Burbank", "CA", "915"),
                    ("Brooklyn", "NY", "112"),
                    ("Atlanta", "GA", "303"),
                    ("Austin", "TX", "787"),
                    ("Albuquerque", "NM", "871"),
                ]
            )
            base = f"{r.randint(1, 9899)} {street} {stype}"
            if r.random() < 0.2:
                base += f", Suite {r.randint(100, 900)}"
            if r.random() < 0.7:
                base += f", {city}, {state} {zip_}{r.randint(10, 99)}"
            return base
        if kind == "uk":
            street = r.choice(
                [
                    "Baker",
                    "Acacia",
                    "Wardour",
                    "Camden High",
                    "Portobello",
                    "Kings",
                    "Old Kent",
                    "Canal",
                    "Abbey",
                    "Rosemary",
                ]
            )
            stype = r.choice(
                ["Street", "Road", "Lane", "Avenue", "Gardens", "Close", "Mews", "Crescent", "Row"]
            )
            number = f"{r.randint(1, 240)}{r.choice(['', '', '', 'A', 'B'])}"
            city, post = r.choice(
                [
                    ("London", "NW1"),
                    ("London", "W1F"),
                    ("Manchester", "M4"),
                    ("Leeds", "LS6"),
                    ("Bristol", "BS1"),
                    ("Glasgow", "G12"),
                ]
            )
            base = f"{number} {street} {stype}"
            if r.random() < 0.75:
                letters = "".join(r.choice("ABDEFGHJLNPQRSTUWXYZ") for _ in range(2))
                base += f", {city} {post} {r.randint(1, 9)}{letters}"
            return base
        stype = r.choice(
            [
                "rue",
                "rue",
                "avenue",
                "boulevard",
                "place",
                "impasse",
                "allée",
                "quai",
                "chemin",
                "cours",
            ]
        )
        name = r.choice(
            [
                "de la Paix",
                "Victor Hugo",
                "des Lilas",
                "du Faubourg Saint-Antoine",
                "Foch",
                "Jean Jaurès",
                "de Belleville",
                "des Martyrs",
                "du Port",
                "de l'Église",
                "Gambetta",
                "des Tanneurs",
            ]
        )
        number = f"{r.randint(1, 180)}{r.choice(['', '', '', ' bis', ' ter'])}"
        base = f"{number} {stype} {name}"
        if r.random() < 0.7:
            city, cp = r.choice(
                [
                    ("Paris", "750"),
                    ("Lyon", "6900"),
                    ("Marseille", "130"),
                    ("Lille", "5900"),
                    ("Bordeaux", "3300"),
                    ("Boulogne-Billancourt", "92100"),
                    ("Saint-Denis", "93200"),
                ]
            )
            code = cp if len(cp) == 5 else cp + str(r.randint(1, 20)).zfill(5 - len(cp))
            base += r.choice([", ", " "]) + f"{code[:5]} {city}"
        return base

    def card(self) -> str:
        r = self.rng
        prefix, length = r.choice([("4", 16), ("51", 16), ("55", 16), ("37", 15), ("6011", 16)])
        body = prefix + "".join(r.choice(string.digits) for _ in range(length - len(prefix) - 1))
        number = body + str(_luhn_digit(body))
        if length == 15:
            groups = [number[:4], number[4:10], number[10:]]
        else:
            groups = [number[i : i + 4] for i in range(0, 16, 4)]
        return r.choice([" ", "-", ""]).join(groups)

    def iban(self) -> str:
        r = self.rng
        country, bban_len = r.choice([("FR", 23), ("GB", 18), ("DE", 18), ("ES", 20), ("BE", 12)])
        if country == "GB":
            bban = "".join(r.choice(string.ascii_uppercase) for _ in range(4)) + "".join(
                r.choice(string.digits) for _ in range(14)
            )
        else:
            bban = "".join(r.choice(string.digits) for _ in range(bban_len))
        check = 98 - int(_iban_numeric(bban + country + "00")) % 97
        iban = f"{country}{check:02d}{bban}"
        if r.random() < 0.6:
            return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
        return iban

    def ssn(self) -> str:
        r = self.rng
        area = r.choice([a for a in range(1, 900) if a != 666])
        return f"{area:03d}-{r.randint(1, 99):02d}-{r.randint(1, 9999):04d}"

    def nir(self) -> str:
        r = self.rng
        body = (
            f"{r.randint(1, 2)}{r.randint(50, 99):02d}{r.randint(1, 12):02d}"
            f"{r.choice(['75', '69', '13', '92', '33', '59', '2A'])}{r.randint(1, 999):03d}"
            f"{r.randint(1, 999):03d}"
        )
        numeric = body.replace("2A", "19").replace("2B", "18")
        key = 97 - int(numeric) % 97
        if r.random() < 0.5:
            return f"{body}{key:02d}"
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"

    def passport(self) -> str:
        r = self.rng
        kind = r.choice(["digits", "fr", "alnum"])
        if kind == "digits":
            return "".join(r.choice(string.digits) for _ in range(9))
        if kind == "fr":
            return (
                f"{r.randint(10, 99)}{r.choice(string.ascii_uppercase)}"
                f"{r.choice(string.ascii_uppercase)}{r.randint(10000, 99999)}"
            )
        return r.choice("CEGKL") + "".join(r.choice(string.digits + "XT") for _ in range(7)) + "7"

    def ip(self) -> str:
        r = self.rng
        return r.choice(
            [
                f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                f"192.168.{r.randint(0, 20)}.{r.randint(2, 254)}",
                f"{r.randint(20, 220)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
            ]
        )

    def dob(self, lang: str) -> str:
        r = self.rng
        day, month, year = r.randint(1, 28), r.randint(1, 12), r.randint(1950, 2006)
        en_months = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
        fr_months = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ]
        if lang == "fr":
            return r.choice(
                [
                    f"{day:02d}/{month:02d}/{year}",
                    f"{day} {fr_months[month - 1]} {year}",
                    f"{day:02d}.{month:02d}.{year}",
                ]
            )
        return r.choice(
            [
                f"{month:02d}/{day:02d}/{year}",
                f"{en_months[month - 1]} {day}, {year}",
                f"{day} {en_months[month - 1]} {year}",
                f"{year}-{month:02d}-{day:02d}",
            ]
        )


def _ascii(value: str) -> str:
    import unicodedata

    return (
        "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
        .replace("ø", "o")
        .replace("ł", "l")
        .replace("'", "")
    )


def _luhn_digit(body: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def _iban_numeric(value: str) -> str:
    return "".join(str(int(c, 36)) for c in value)


# --- templates --------------------------------------------------------------------------------
# Each template adds pieces to a Builder; labelled pieces come from the Faker.


def _person(b: Builder, f: Faker, lang: str) -> str:
    r = f.rng
    first, last = f.name(lang)
    if r.random() < 0.12:
        b.add(r.choice(TITLES[lang]) + " ")
        b.add(last, "PERSON")
        return f"{first} {last}"
    b.add(f"{first} {last}", "PERSON")
    return f"{first} {last}"


NEGATIVE_BITS = {
    "en": [
        "Scene 42, take 3.",
        "INT. KITCHEN - NIGHT.",
        "EXT. ROOFTOP - DAWN.",
        "Call time 06:30.",
        "Budget: $1,250,000.",
        "Shoot date 03/14/2025.",
        "Episode S02E05.",
        "Unit base at Stage 4.",
        "Reference the 1999 film for tone.",
        "ISBN 978-2-07-036822-8.",
        "Wrap by 19:45.",
        "Lens kit: 35mm, 50mm, 85mm.",
        "Call Sheet #27.",
        "Day 12 of 48.",
        "Page count 4 3/8.",
        "Weather backup: Stage B.",
        "Aspect ratio 2.39:1.",
        "Version 3.2.1 of the script.",
    ],
    "fr": [
        "Séquence 42, prise 3.",
        "INT. CUISINE - NUIT.",
        "EXT. TOIT - AUBE.",
        "PAT à 06h30.",
        "Budget : 1 250 000 €.",
        "Tournage le 14/03/2025.",
        "Épisode 5, saison 2.",
        "Base technique au plateau 4.",
        "Inspiration : le film de 1999.",
        "Fin de journée 19h45.",
        "Objectifs : 35 mm, 50 mm, 85 mm.",
        "Feuille de service n° 27.",
        "Jour 12 sur 48.",
        "Repli météo : studio B.",
        "Format 2,39:1.",
        "Version 3.2.1 du scénario.",
    ],
}


def t_call_sheet(b: Builder, f: Faker, lang: str) -> None:
    r = f.rng
    b.add(r.choice(NEGATIVE_BITS[lang]) + " ")
    b.add("Call sheet crew:\n" if lang == "en" else "Feuille de service, équipe :\n")
    for _ in range(r.randint(1, 3)):
        role = r.choice(ROLES[lang])
        b.add(r.choice([f"{role.capitalize()}: ", f"- {role} ", f"{role.upper()} — "]))
        name = _person(b, f, lang)
        if r.random() < 0.8:
            b.add(r.choice([", ", " – ", " : ", " ("]))
            b.add(f.phone(lang), "PHONE_NUMBER")
            if r.random() < 0.4:
                b.add(", ")
                b.add(f.email(name), "EMAIL_ADDRESS")
        b.add("\n")
    b.add(r.choice(NEGATIVE_BITS[lang]))


def t_contacts(b: Builder, f: Faker, lang: str) -> None:
    r = f.rng
    name = None
    if lang == "en":
        b.add(
            r.choice(
                [
                    "Summarise this contact for the unit list: ",
                    "Format as a table: ",
                    "Draft an intro email to ",
                    "Please call ",
                ]
            )
        )
    else:
        b.add(
            r.choice(
                [
                    "Résume ce contact pour la liste : ",
                    "Mets en tableau : ",
                    "Rédige un mail d'introduction à ",
                    "Merci d'appeler ",
                ]
            )
        )
    name = _person(b, f, lang)
    b.add(" (" + r.choice(ROLES[lang]) + ")")
    b.add(
        r.choice([", email ", " — mail: ", ", courriel : ", " at "])
        if lang == "en"
        else r.choice([", mail : ", ", courriel : ", " — e-mail "])
    )
    b.add(f.email(name if r.random() < 0.7 else None), "EMAIL_ADDRESS")
    b.add(
        r.choice([", mobile ", ", cell ", ", phone: "])
        if lang == "en"
        else r.choice([", portable ", ", tél. ", ", tel : "])
    )
    b.add(f.phone(lang), "PHONE_NUMBER")
    if r.random() < 0.5:
        b.add(", lives at " if lang == "en" else ", domicile : ")
        b.add(f.address(lang), "STREET_ADDRESS")
    b.add(".")


def t_payroll(b: Builder, f: Faker, lang: str) -> None:
    r = f.rng
    if lang == "en":
        b.add(
            r.choice(
                [
                    "Payroll note: overtime for ",
                    "Check the deal memo for ",
                    "Prepare the start paperwork for ",
                ]
            )
        )
    else:
        b.add(
            r.choice(
                [
                    "Note de paie : heures sup pour ",
                    "Vérifie le contrat de ",
                    "Prépare la DPAE pour ",
                ]
            )
        )
    _person(b, f, lang)
    b.add(", " + r.choice(ROLES[lang]) + ". ")
    fields = r.sample(["ssn", "nir", "iban", "card", "dob", "passport", "address"], r.randint(2, 4))
    for field in fields:
        if field == "ssn":
            b.add(
                r.choice(["SSN ", "Social security number: ", "SSN: "])
                if lang == "en"
                else "SSN (US) : "
            )
            b.add(f.ssn(), "US_SSN")
        elif field == "nir":
            b.add(
                "NIR "
                if r.random() < 0.3
                else (
                    "Numéro de sécurité sociale : "
                    if lang == "fr"
                    else "French social security no. "
                )
            )
            b.add(f.nir(), "FR_NIR")
        elif field == "iban":
            b.add(
                r.choice(["IBAN ", "Bank details: IBAN ", "pay to "])
                if lang == "en"
                else r.choice(["IBAN : ", "RIB/IBAN ", "virement sur "])
            )
            b.add(f.iban(), "IBAN_CODE")
        elif field == "card":
            b.add(
                r.choice(["per diem card ", "company card: ", "Visa "])
                if lang == "en"
                else r.choice(["carte bancaire ", "CB : ", "carte "])
            )
            b.add(f.card(), "CREDIT_CARD")
        elif field == "dob":
            b.add(
                r.choice(["DOB: ", "date of birth ", "born on ", "born "])
                if lang == "en"
                else r.choice(["né le ", "née le ", "date de naissance : ", "naissance "])
            )
            b.add(f.dob(lang), "DATE_OF_BIRTH")
        elif field == "passport":
            b.add(
                r.choice(["passport no. ", "Passport: ", "passport number "])
                if lang == "en"
                else r.choice(["passeport n° ", "Passeport : ", "numéro de passeport "])
            )
            b.add(f.passport(), "PASSPORT")
        else:
            b.add("home address " if lang == "en" else "adresse ")
            b.add(f.address(lang), "STREET_ADDRESS")
        b.add(r.choice(["; ", ". ", ", "]))
    b.add(r.choice(NEGATIVE_BITS[lang]))


def t_scouting(b: Builder, f: Faker, lang: str) -> None:
    r = f.rng
    if lang == "en":
        b.add(
            r.choice(
                [
                    "Location scout notes: the house at ",
                    "Recce: owner's flat at ",
                    "Write a shot list for the exterior of ",
                ]
            )
        )
    else:
        b.add(
            r.choice(
                [
                    "Repérage : la maison au ",
                    "Notes de repérage, appartement du ",
                    "Décris la façade du ",
                ]
            )
        )
    b.add(f.address(lang), "STREET_ADDRESS")
    b.add(
        r.choice([". Owner ", ". Contact "])
        if lang == "en"
        else r.choice([". Propriétaire ", ". Contact "])
    )
    _person(b, f, lang)
    b.add(r.choice([" on ", ", ", " — "]) if lang == "en" else r.choice([" au ", ", ", " — "]))
    b.add(f.phone(lang), "PHONE_NUMBER")
    b.add(". ")
    if r.random() < 0.3:
        b.add("Wi-Fi router at " if lang == "en" else "Box internet en ")
        b.add(f.ip(), "IP_ADDRESS")
        b.add(". ")
    b.add(r.choice(NEGATIVE_BITS[lang]))


def t_creative(b: Builder, f: Faker, lang: str) -> None:
    r = f.rng
    en = [
        "Generate a moodboard for a rain-soaked neon alley, 1980s Tokyo, anamorphic flares.",
        "Write three loglines for a heist comedy set in a ski resort in Chamonix.",
        "Suggest a colour palette for EXT. DESERT - DAY, warm and dusty, like a Western.",
        "Draft a storyboard description for Scene 12: the chase through the market in Marrakesh.",
        "Give me ten names for a fictional coffee brand seen in the background of Episode 3.",
        "Rewrite this call sheet header, friendlier: Call Sheet Day 12, Unit Base Stage 4.",
        "Create a temp poster concept for a thriller set in Paris in 1968, Bauhaus typography.",
        "List props for INT. VICTORIAN PARLOUR - NIGHT: candelabra, chaise longue, wax fruit.",
    ]
    fr = [
        "Génère un moodboard pour une ruelle néon sous la pluie, Tokyo années 80.",
        "Écris trois pitchs pour une comédie de casse dans une station de ski à Chamonix.",
        "Propose une palette de couleurs pour EXT. DÉSERT - JOUR, chaude et poussiéreuse.",
        "Décris le storyboard de la séquence 12 : la poursuite dans le marché de Marrakech.",
        "Donne dix noms de marques de café fictives pour l'arrière-plan de l'épisode 3.",
        "Reformule l'en-tête de la feuille de service : Jour 12, base technique plateau 4.",
        "Crée un concept d'affiche provisoire pour un thriller à Paris en 1968.",
        "Liste les accessoires pour INT. SALON BOURGEOIS - NUIT : chandelier, méridienne.",
    ]
    b.add(r.choice(en if lang == "en" else fr))
    if r.random() < 0.5:
        b.add(" " + r.choice(NEGATIVE_BITS[lang]))


TEMPLATES = [t_call_sheet, t_contacts, t_payroll, t_scouting, t_creative]
WEIGHTS = [3, 3, 3, 2, 3]


def generate(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    faker = Faker(rng)
    records = []
    for i in range(count):
        lang = "en" if i % 2 == 0 else "fr"
        template = rng.choices(TEMPLATES, WEIGHTS)[0]
        builder = Builder()
        template(builder, faker, lang)
        records.append(
            {"id": f"p{i:04d}", "language": lang, "text": builder.text(), "spans": builder.spans}
        )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("tests/data/pii_prompts.jsonl"))
    args = parser.parse_args()
    records = generate(args.count, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    spans = sum(len(r["spans"]) for r in records)
    print(f"wrote {len(records)} prompts, {spans} labelled spans to {args.out}")


if __name__ == "__main__":
    main()
