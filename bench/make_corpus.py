#!/usr/bin/env python3
"""Makes a synthetic news corpus for throughput runs of `igokg extract`.

Each article is one of the repository's own example articles (examples/*.txt and the old
development set tests/fixtures/devset/*.txt; never the blind set) varied three ways, with a
fixed seed so that a run can be repeated:
  - names: every country name (in the article's language, from ontology/data/countries.tsv)
    is replaced by another country's name in the same language;
  - dates: every year from 1990 to 2030 is shifted by the same random offset;
  - order: the paragraphs after the first (the date line) are shuffled.
The articles are the same size as their templates (about 2 KB each), so 20,000 of them make
about 40 MB.

    python3 bench/make_corpus.py OUT_DIR [COUNT] [SEED]
"""

import csv
import pathlib
import random
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def templates():
    files = sorted(ROOT.glob("examples/*.txt")) + sorted((ROOT / "tests/fixtures/devset").glob("*.txt"))
    out = []
    for f in files:
        lang = f.name.rsplit(".", 2)[-2] if f.name.count(".") >= 2 else "en"
        out.append((f.stem, lang, f.read_text(encoding="utf-8")))
    return out


def country_names():
    names = {"en": [], "ar": [], "ru": []}
    with open(ROOT / "ontology/data/countries.tsv", encoding="utf-8") as h:
        for row in csv.DictReader(h, delimiter="\t"):
            for lang in names:
                n = (row.get(f"name_{lang}") or "").strip()
                if n and len(n) > 3:
                    names[lang].append(n)
    return names


def vary(text, lang, names, rng):
    # Names: each known country name in the text becomes another one of the same language.
    pool = names.get(lang, [])
    present = [n for n in pool if n in text]
    if present:
        swap = {n: rng.choice(pool) for n in present}
        pattern = re.compile("|".join(re.escape(n) for n in sorted(present, key=len, reverse=True)))
        text = pattern.sub(lambda m: swap[m.group(0)], text)
    # Dates: shift every year by one offset.
    shift = rng.randint(-6, 4)
    text = re.sub(r"\b(199\d|20[0-2]\d|2030)\b", lambda m: str(int(m.group(0)) + shift), text)
    # Order: shuffle the paragraphs after the date line.
    paras = text.split("\n\n")
    if len(paras) > 2:
        head, rest = paras[0], paras[1:]
        rng.shuffle(rest)
        text = "\n\n".join([head] + rest)
    return text


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20250101
    rng = random.Random(seed)
    tpl = templates()
    names = country_names()
    total = 0
    for i in range(count):
        stem, lang, text = tpl[i % len(tpl)]
        doc = vary(text, lang, names, rng)
        # 200 articles per folder, as a news archive by day would hold them.
        d = out / f"{i // 200:03d}"
        d.mkdir(parents=True, exist_ok=True)
        p = d / f"{i:05d}-{stem}.txt"
        data = doc.encode("utf-8")
        p.write_bytes(data)
        total += len(data)
    print(f"{count} articles, {total / 1e6:.1f} MB in {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
