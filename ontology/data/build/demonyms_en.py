#!/usr/bin/env python3
"""Build ontology/patterns/en-demonyms.tsv: the English nationality adjective of each state of
ontology/data/countries.tsv ("Kenyan", "Senegalese"), from the PyPI package countryinfo (MIT
licence, https://github.com/porimol/countryinfo), for `igokg extract`'s "Kenyan President …".

    pip install -r ontology/data/build/requirements.txt   # countryinfo==1.0.1
    python3 ontology/data/build/demonyms_en.py            # writes ../../patterns/en-demonyms.tsv

Rules (deterministic; rows sorted by ISO code):
- only states of countries.tsv, matched by ISO 3166 alpha-2 code;
- states that en.tsv's [nationality] section lists already keep en.tsv's words only;
- a demonym that two states share ("Congolese", "Dominican", "Guinean") names neither, and so
  does one that is also a common lower-case English word ("polish");
- several demonyms in one field ("Bahraini, Bahrainian") are split.
"""
import csv
import importlib.metadata
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import countryinfo

PINNED = "1.0.1"
HERE = Path(__file__).resolve().parent
COUNTRIES = HERE.parent / "countries.tsv"
EN = HERE.parent.parent / "patterns" / "en.tsv"
OUT = HERE.parent.parent / "patterns" / "en-demonyms.tsv"
COMMON_WORDS = {"polish"}


def main():
    version = importlib.metadata.version("countryinfo")
    if version != PINNED:
        sys.exit(f"countryinfo {version} installed; this script is pinned to {PINNED}")
    isos = {r["iso_alpha2"] for r in csv.DictReader(open(COUNTRIES, encoding="utf-8"), delimiter="\t")}
    listed, section = set(), None
    for line in open(EN, encoding="utf-8"):
        if line.startswith("["):
            section = line.strip()
        elif section == "[nationality]" and "\t" in line:
            listed.add(line.split("\t")[0])
    data = Path(countryinfo.__file__).parent / "data"
    by_word = defaultdict(set)
    for f in sorted(data.glob("*.json")):
        d = json.load(open(f, encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        dem = d.get("demonym") or ""
        if iso not in isos or iso in listed or not dem:
            continue
        for w in re.split(r"\s*[,/;]\s*|\s+or\s+", dem):
            w = w.strip()
            if w and w.lower() not in COMMON_WORDS:
                by_word[w].add(iso)
    rows = defaultdict(list)
    for w, owners in by_word.items():
        if len(owners) == 1:
            rows[next(iter(owners))].append(w)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# English nationality adjectives of the states of ontology/data/countries.tsv, written by\n")
        out.write(f"# ontology/data/build/demonyms_en.py from PyPI countryinfo {PINNED} (MIT licence). Do not edit.\n")
        out.write("[nationality]\n")
        for iso in sorted(rows):
            out.write(f"{iso}\t{' | '.join(sorted(set(rows[iso])))}\n")
    print(f"{OUT}: {len(rows)} states", file=sys.stderr)


if __name__ == "__main__":
    main()
