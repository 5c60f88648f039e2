"""Write a valid synthetic fact table of N entities with about ten facts each, for scale benchmarks.

usage: python bench/synth.py N OUTDIR [--seed S]

Names are built from common Dari and Pashto name parts, so they are multi-word and share words the
way real names do; each entity gets aliases in the other Latin spellings such names take (ou/u,
ee/i, q/k, doubled letters). Dates run from 1900 to 2025 at year, month and day precision, with
some intervals. The same N and seed always write the same table, and `afg check OUTDIR` passes on it.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

GIVEN = """Abdul Ahmad Mohammad Gul Rahim Karim Nasir Yusuf Habib Hamid Latif Aziz Qadir Rashid Sharif
Wahid Zahir Jalal Kamal Faiz Nabi Sami Bashir Hakim Majid Nazir Rauf Sabir Tariq Wali Zaman Haji Sayed
Amin Anwar Baqir Daud Fazl Ghulam Hafiz Ismail Jamil Khalil Munir Naim Obaid Qasim Rafiq Saif Taher Umar
Waheed Yaqub Zia Ayub Burhan Dost Farid Hashim Idris""".split()
MIDDLE = """Shah Khan Ullah Rahman Jan Din Noor Haq Mir Zada Gul Akbar Ali Hussain Nazar Wali Baz Dil Sher
Mast Lal Sarwar Hakim Rasul Fazal Azam Qadir Amin Karim Jabbar""".split()
FAMILY = """Rahimi Karimi Nasiri Yusufzai Popalzai Barakzai Durrani Ghilzai Wardak Mohmand Shinwari
Afridi Achakzai Noorzai Alokozai Kakar Tokhi Hotak Sadozai Safi Mangal Zadran Jaji Stanikzai Ahmadzai
Hazara Tajik Panjshiri Badakhshi Kunduzi Herawi Kandahari Balkhi Logari Parwani Ghaznawi Zabuli Paktiawal
Nangarhari Laghmani Kunari Samangani Faryabi Jowzjani Sarepuli Takhari Baghlani Bamiyani Daikundi Urozgani
Helmandi Nimrozi Farahi Badghisi Ghori Kapisai Khosti Nuristani Wazir Massoudi Hekmati Qanooni Sayyafi
Dostumi Ismaili Mujaddidi Gailani Nabawi Khalili Mohaqiq Akbari Jawadi Rabbani Hanafi Omari Haqqani
Mansoori Akhundzada Baradari Muttaqi Zabihullahi Mujahidi Stanekzai""".split()
ORG_WORDS = """Front Council Movement Party Union Alliance Shura Brigade Army Committee Jamiat Hezb
Mahaz Ittehad Harakat Junbish Wahdat Etihad""".split()
PLACES = """Kabul Kandahar Herat Mazar Jalalabad Kunduz Ghazni Bamiyan Faizabad Khost Gardez Charikar
Pul-e-Khumri Taloqan Sheberghan Maimana Lashkar Gah Zaranj Farah Qala-e-Naw Chaghcharan Tarinkot Asadabad
Mehtarlam Bazarak Mahmud-e-Raqi Sharana Pul-e-Alam Maidan Shahr Nili Aybak""".split()
VERBS = ["met envoys of", "signed an accord with", "fought against", "was appointed by", "negotiated with",
         "broke with", "joined forces with", "was accused by", "sent a delegation to", "condemned"]
CLAUSES = ["in the northern provinces", "near the border", "after weeks of talks", "during the winter offensive",
           "before the elections", "amid heavy fighting", "under foreign pressure", "in a public statement",
           "at a conference abroad", "following the ceasefire"]
FACT_KINDS = ["battle", "agreement", "appointment", "statement", "negotiation", "attack", "alliance", "event",
              "report", "conference"]
TITLES = ["Commander", "Governor", "Minister of Defence", "Minister of Interior", "Spokesman", "Leader",
          "Deputy Leader", "Chief of Staff", "Ambassador", "Head of Intelligence"]
SOURCES = 20

# Spelling changes that Latin transliterations of one Dari or Pashto name show.
VARIANTS = [("ou", "u"), ("oo", "u"), ("u", "oo"), ("ee", "i"), ("i", "ee"), ("q", "k"), ("k", "kh"),
            ("a", "e"), ("e", "a"), ("ss", "s"), ("s", "ss"), ("zai", "zay"), ("ullah", "ulla"), ("w", "v")]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def folded(text: str) -> str:
    # The loader's alias-clash rule compares casefolded words, punctuation as spaces.
    return " ".join(re.sub(r"[^\w]+|_", " ", text.replace("'", "").casefold()).split())


def variant(rng: random.Random, name: str) -> str:
    words = name.split()
    index = rng.randrange(len(words))
    word = words[index]
    for old, new in rng.sample(VARIANTS, len(VARIANTS)):
        position = word.lower().find(old, 1)
        if position > 0:
            words[index] = word[:position] + new + word[position + len(old):]
            break
    return " ".join(words)


def when(rng: random.Random) -> str:
    year = rng.randint(1900, 2025)
    shape = rng.random()
    if shape < 0.35:
        return str(year)
    if shape < 0.6:
        return f"{year}-{rng.randint(1, 12):02d}"
    if shape < 0.9:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if shape < 0.99:
        return f"{year}/{min(2025, year + rng.randint(1, 5))}"
    return f"{year}/{min(2025, year + rng.randint(10, 40))}"


def cite(rng: random.Random) -> str:
    return f"s{rng.randrange(SOURCES):03d} [{rng.randint(1, 400)}]"


def write(count: int, out: Path, seed: int) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    claimed: set[str] = set()
    entities: list[tuple[str, str, str]] = []  # (id, name, kind)
    groups: list[str] = []

    with (out / "sources.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["id", "title", "publisher", "published", "url", "file"])
        for number in range(SOURCES):
            writer.writerow([f"s{number:03d}", f"Synthetic report {number}", "afg bench", f"{2000 + number}", "", f"s{number:03d}.txt"])

    with (out / "entities.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["id", "name", "kind", "aliases", "summary", "start", "end", "sources"])
        while len(entities) < count:
            roll = rng.random()
            if roll < 0.8:
                kind = "person"
                name = f"{rng.choice(GIVEN)} {rng.choice(MIDDLE)} {rng.choice(FAMILY)}"
            elif roll < 0.93:
                kind = "group"
                name = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_WORDS)} of {rng.choice(FAMILY)}"
            else:
                kind = "place"
                name = f"{rng.choice(PLACES)} {rng.choice(FAMILY)}"
            if folded(name) in claimed:
                name = f"{name} {rng.choice(GIVEN)}"
                if folded(name) in claimed:
                    continue
            claimed.add(folded(name))
            aliases = []
            for _ in range(rng.randint(1, 3)):
                alias = variant(rng, name)
                if folded(alias) not in claimed:
                    claimed.add(folded(alias))
                    aliases.append(alias)
            ident = f"{slug(name)}-{len(entities)}"
            born = rng.randint(1900, 2000)
            summary = f"A synthetic {kind} from {rng.choice(PLACES)}, active from {born}"
            writer.writerow([ident, name, kind, "; ".join(aliases), summary, str(born), "", cite(rng)])
            entities.append((ident, name, kind))
            if kind == "group":
                groups.append(ident)

    with (out / "facts.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["id", "date", "entities", "kind", "text", "sources", "low", "high", "unit"])
        for ident, name, _ in entities:
            for number in range(rng.randint(8, 12)):
                other_id, other_name, _ = entities[rng.randrange(len(entities))]
                involved = [ident] if other_id == ident else [ident, other_id]
                text = f"{name} {rng.choice(VERBS)} {other_name} {rng.choice(CLAUSES)} near {rng.choice(PLACES)}."
                low = high = unit = ""
                if rng.random() < 0.1:
                    low = str(rng.randint(10, 5000))
                    high, unit = str(int(low) + rng.randint(0, 500)), "fighters"
                writer.writerow([f"{ident}-f{number}", when(rng), "; ".join(involved), rng.choice(FACT_KINDS), text,
                                 cite(rng), low, high, unit])

    with (out / "roles.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["entity", "role", "organization", "start", "end", "sources"])
        for ident, _, kind in entities:
            if kind != "person" or not groups or rng.random() < 0.3:
                continue
            start = rng.randint(1900, 2020)
            roll = rng.random()
            end = ".." if roll < 0.1 else "" if roll < 0.2 else str(min(2025, start + rng.randint(0, 30)))
            writer.writerow([ident, rng.choice(TITLES), rng.choice(groups), str(start), end, cite(rng)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, metavar="N", help="how many entities")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR")
    parser.add_argument("--seed", type=int, default=1973)
    arguments = parser.parse_args()
    write(arguments.count, arguments.outdir, arguments.seed)


if __name__ == "__main__":
    main()
