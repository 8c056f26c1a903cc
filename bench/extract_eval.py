#!/usr/bin/env python3
"""Scores `igokg extract` on a set of articles with gold facts, by language and by kind.

Usage:
  python3 bench/extract_eval.py tests/fixtures/blindset [--igokg target/release/igokg] [--json out.json]

Each `<id>.<lang>.txt` in the folder is extracted with `igokg extract --format jsonl` and scored
against `<id>.gold.jsonl` with `igokg eval --format json` (the matching rule of the design
brief). Counts are summed over articles (micro-averaged): precision, recall and F1 overall,
per language, per kind, and per language and kind.
"""
import argparse, collections, json, os, pathlib, subprocess, sys, tempfile


def find_igokg(explicit):
    if explicit:
        return explicit
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/igokg-target"))
    for p in (pathlib.Path(target) / "release/igokg", pathlib.Path(target) / "debug/igokg"):
        if p.exists():
            return str(p)
    sys.exit("no igokg binary found: build it (cargo build --release) or pass --igokg PATH")


def prf(c):
    p = c["matched"] / c["predicted"] if c["predicted"] else (1.0 if not c["gold"] else 0.0)
    r = c["matched"] / c["gold"] if c["gold"] else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--igokg")
    ap.add_argument("--json", help="also write the scores as JSON to this file")
    args = ap.parse_args()
    exe = find_igokg(args.igokg)
    folder = pathlib.Path(args.folder)
    texts = sorted(p for p in folder.glob("*.txt") if len(p.name.split(".")) == 3)
    if not texts:
        sys.exit(f"no <id>.<lang>.txt articles in {folder}")
    zero = lambda: {"gold": 0, "predicted": 0, "matched": 0}
    total, by_lang, by_kind, by_lang_kind, by_article = zero(), collections.defaultdict(zero), collections.defaultdict(zero), collections.defaultdict(zero), {}
    with tempfile.TemporaryDirectory() as tmp:
        for t in texts:
            ident, lang, _ = t.name.split(".")
            gold = folder / f"{ident}.gold.jsonl"
            if not gold.exists():
                sys.exit(f"{t}: no {gold.name}")
            pred = pathlib.Path(tmp) / f"{ident}.pred.jsonl"
            with open(pred, "wb") as out:
                r = subprocess.run([exe, "extract", "--format", "jsonl", str(t)], stdout=out, stderr=subprocess.PIPE)
            if r.returncode != 0:
                sys.exit(f"{t}: igokg extract failed: {r.stderr.decode(errors='replace')}")
            r = subprocess.run([exe, "eval", "--format", "json", str(gold), str(pred)], capture_output=True)
            if r.returncode != 0:
                sys.exit(f"{t}: igokg eval failed: {r.stderr.decode(errors='replace')}")
            scores = json.loads(r.stdout)
            by_article[t.name] = scores["overall"]
            for kind, c in scores["by_kind"].items():
                for k in ("gold", "predicted", "matched"):
                    total[k] += c[k]
                    by_lang[lang][k] += c[k]
                    by_kind[kind][k] += c[k]
                    by_lang_kind[(lang, kind)][k] += c[k]

    def row(name, c):
        p, r, f = prf(c)
        return f"{name:<34} {c['gold']:>5} {c['predicted']:>5} {c['matched']:>5}   {p:.3f} {r:.3f} {f:.3f}"

    head = f"{'':<34} {'gold':>5} {'pred':>5} {'match':>5}   {'P':<5} {'R':<5} {'F1':<5}"
    print(head)
    print(row(f"overall ({len(texts)} articles)", total))
    for lang in sorted(by_lang):
        print(row(f"  {lang}", by_lang[lang]))
    print("by kind")
    for kind in sorted(by_kind):
        print(row(f"  {kind}", by_kind[kind]))
    print("by language and kind")
    for (lang, kind) in sorted(by_lang_kind):
        print(row(f"  {lang} {kind}", by_lang_kind[(lang, kind)]))
    if args.json:
        out = {
            "overall": {**total, **dict(zip("prf", prf(total)))},
            "by_lang": {l: {**c, **dict(zip("prf", prf(c)))} for l, c in sorted(by_lang.items())},
            "by_kind": {k: {**c, **dict(zip("prf", prf(c)))} for k, c in sorted(by_kind.items())},
            "by_lang_kind": {f"{l}/{k}": {**c, **dict(zip("prf", prf(c)))} for (l, k), c in sorted(by_lang_kind.items())},
            "by_article": by_article,
        }
        pathlib.Path(args.json).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
