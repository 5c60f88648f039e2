"""Top-1 and top-3 rates of `afg search` on tests/questions/search.tsv (written from sources 000-004)
and search2019.tsv (from sources 005-014), each and together, and how `afg who` does on absent names
(absent.txt) and variant spellings (variants.tsv), through the JSON contract.

usage: python tests/questions/rates.py [-v]   (-v lists the questions missed)
"""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def rows(name: str) -> list[list[str]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def ask(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "afgcli", *args, "--json"], capture_output=True, text=True)
    return json.loads(done.stdout)


def search_rates(questions: list[list[str]], verbose: bool) -> tuple[int, int]:
    top1 = top3 = 0
    for question, wanted in questions:
        ids = [r["id"] for r in ask("search", *question.split(), "-n", "3")["results"]]
        good = set(wanted.split())
        top1 += bool(ids[:1] and ids[0] in good)
        top3 += bool(good.intersection(ids))
        if verbose and not (ids[:1] and ids[0] in good):
            print(f"miss{'' if good.intersection(ids) else ' (not in 3)'}: {question!r} -> {ids}")
    return top1, top3


def rates(verbose: bool = False) -> dict[str, float]:
    sets = {"2018": rows("search.tsv"), "2019": rows("search2019.tsv")}
    measured: dict[str, float] = {}
    top1 = top3 = 0
    for name, questions in sets.items():
        one, three = search_rates(questions, verbose)
        measured |= {f"top1_{name}": round(100 * one / len(questions), 1), f"top3_{name}": round(100 * three / len(questions), 1)}
        top1, top3 = top1 + one, top3 + three
    questions = [q for qs in sets.values() for q in qs]
    absent = [name for (name,) in rows("absent.txt")]
    no_match = sum(ask("who", *name.split())["entity"] is None for name in absent)
    variants = rows("variants.tsv")
    found = 0
    for name, wanted in variants:
        entity = ask("who", *name.split())["entity"]
        found += bool(entity and entity["id"] == wanted)
        if verbose and not (entity and entity["id"] == wanted):
            print(f"variant missed: {name!r} -> {entity and entity['id']}")
    return {
        **measured,
        "questions": len(questions),
        "top1": round(100 * top1 / len(questions), 1),
        "top3": round(100 * top3 / len(questions), 1),
        "absent_no_match": round(100 * no_match / len(absent), 1),
        "variant_recall": round(100 * found / len(variants), 1),
    }


if __name__ == "__main__":
    print(json.dumps(rates("-v" in sys.argv)))
