#!/usr/bin/env python3
"""Build ontology/data/cow-organisations.tsv: one row per Correlates of War IGO (v3.0).

    python3 ontology/data/build/cow_organisations.py [path/to/igo_year_formatv3.tsv]

Input (default): /work/shared/data/cow-igo/igo_year_formatv3.tsv (COW IGO v3.0 as distributed in
the R package igoR; see the README beside it). Output columns:
  cow_ioname   COW's abbreviation (column `ioname`)
  longorgname  COW's long name, from the row of the IGO's last year; the six names with Mac
               Roman bytes read as Latin-1 (Comit\\x8e ...) are repaired, a stray U+00CA
               (Mac Roman no-break space) is dropped, whitespace is collapsed
  first_year   first `year` row of the IGO (the data start in 1816)
  last_year    last `year` row (2014 = end of the data, not a dissolution)
  wikidata_qid the Q-id of the organisation of organisations.tsv or organisations-more.tsv that
               matches by English name or acronym (rules in `match`), else empty
Rows sorted by cow_ioname (case-insensitive, then as is). Deterministic.
"""
import csv
import re
import sys
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data/cow-igo/igo_year_formatv3.tsv")
OUT = DATA / "cow-organisations.tsv"
ORG_FILES = ["organisations.tsv", "organisations-more.tsv"]
# COW spellings that differ from every form in the organisation tables (compiler's judgement).
MANUAL = {"UM": "UfM"}  # COW: "Union of the Mediterranian" (sic) = Union for the Mediterranean


def repair(s):
    if re.search("[\u0080-\u009f]", s):
        s = s.encode("latin-1").decode("mac_roman")
    s = s.replace("\u00ca", " ").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def norm_name(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("&", " and ").replace("organisation", "organization").replace("co-operation", "cooperation")
    s = re.sub(r"\borg\b\.?", "organization", s)
    s = re.sub(r"\bintl\b\.?", "international", s)
    s = s.replace("south east", "southeast").replace("-", "")
    s = re.sub(r"[^\w ]", " ", s)
    words = [w for w in s.split() if w != "the"]
    return " ".join(words)


def norm_acr(s):
    return re.sub(r"[^0-9A-Za-z]", "", s).upper()


def is_acronym(s):
    t = re.sub(r"[\s.\-]", "", s)
    return bool(t) and t.isalnum() and t.upper() == t and any(c.isalpha() for c in t)


def cow_names(longname):
    """Name forms in a COW long name: parts split on '/', each without parentheses, plus the
    parenthesised texts that are not all-capital acronyms (e.g. '(World Bank)')."""
    names = []
    for part in longname.split("/"):
        for inner in re.findall(r"\(([^)]*)\)", part):
            if inner.strip() and not is_acronym(inner):
                names.append(inner.strip())
        outer = re.sub(r"\([^)]*\)?", " ", part).strip()
        if outer:
            names.append(outer)
    return names


def load_orgs():
    orgs = []
    for fn in ORG_FILES:
        with open(DATA / fn, encoding="utf-8") as f:
            h = f.readline().rstrip("\n").split("\t")
            for line in f:
                if not line.strip():
                    continue
                r = dict(zip(h, line.rstrip("\n").split("\t")))
                split = lambda c: [v.strip() for v in r.get(c, "").split(" | ") if v.strip()]
                forms = [r["short_en"], r["name_en"]] + split("aliases_en") + split("abbreviation_en")
                orgs.append({
                    "file": fn, "short": r["short_en"], "qid": r.get("wikidata_qid", ""),
                    "names": {norm_name(v) for v in forms if v and not is_acronym(v)} | {norm_name(r["short_en"])},
                    "acrs": {norm_acr(v) for v in forms if v and is_acronym(v)} | {norm_acr(r["short_en"])},
                })
    return orgs


def match(ioname, longname, orgs):
    """(org, rule): 1. manual list; 2. COW ioname = an acronym of the org; 3. a name form of
    the COW long name = the org's English name, short name or an English alias."""
    if ioname in MANUAL:
        return next(o for o in orgs if o["short"] == MANUAL[ioname]), "manual"
    hits = [o for o in orgs if norm_acr(ioname) in o["acrs"]]
    if len(hits) == 1:
        return hits[0], "acronym"
    forms = {norm_name(n) for n in cow_names(longname)}
    hits = [o for o in orgs if o["names"] & forms]
    if len(hits) == 1:
        return hits[0], "name"
    if len(hits) > 1:
        print(f"  ambiguous: {ioname} -> {[o['short'] for o in hits]}", file=sys.stderr)
    return None, ""


def main():
    csv.field_size_limit(10**7)
    igos = {}
    with open(SRC, encoding="utf-8", newline="") as f:
        rd = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        h = next(rd)
        ix = {k: i for i, k in enumerate(h)}
        for row in rd:
            io, year = row[ix["ioname"]].strip(), int(row[ix["year"]])
            g = igos.setdefault(io, {"first": year, "last": year, "long": "", "lastlong": -1})
            g["first"], g["last"] = min(g["first"], year), max(g["last"], year)
            if year > g["lastlong"]:
                g["lastlong"], g["long"] = year, row[ix["longorgname"]]
    orgs = load_orgs()
    rows, used = [], {}
    counts = {"acronym": 0, "name": 0, "manual": 0}
    for io in sorted(igos, key=lambda s: (s.casefold(), s)):
        g = igos[io]
        longname = repair(g["long"])
        org, rule = match(io, longname, orgs)
        q = org["qid"] if org else ""
        if org:
            counts[rule] += 1
            print(f"  {io:10} -> {org['short']:20} {q:10} by {rule}", file=sys.stderr)
            if q:
                used.setdefault(q, []).append(io)
        for v in (io, longname):
            assert "\t" not in v and "\n" not in v
        rows.append([io, longname, str(g["first"]), str(g["last"]), q])
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("cow_ioname\tlongorgname\tfirst_year\tlast_year\twikidata_qid\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    dup = {q: v for q, v in used.items() if len(v) > 1}
    print(f"{OUT}: {len(rows)} rows; matched {sum(counts.values())} {counts}; "
          f"with wikidata_qid {sum(1 for r in rows if r[4])}; Q-ids on several rows: {dup}")


if __name__ == "__main__":
    main()
