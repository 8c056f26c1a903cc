#!/usr/bin/env python3
"""Check the .tsv tables of ontology/data: UTF-8, LF line ends, the same number of cells on
every line as in the header, no cell with leading/trailing whitespace, no empty ` | ` values.

    python3 ontology/data/build/check_tsv.py [FILE.tsv ...]   # default: every ontology/data/*.tsv
Exit status 1 if any check fails.
"""
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent


def check(path):
    errors = []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"not UTF-8: {e}"]
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append("starts with a BOM")
    if "\r" in text:
        errors.append("contains CR")
    if not text.endswith("\n"):
        errors.append("no final newline")
    lines = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    width = len(lines[0].split("\t"))
    for n, line in enumerate(lines, 1):
        cells = line.split("\t")
        if len(cells) != width:
            errors.append(f"line {n}: {len(cells)} cells, header has {width}")
        for i, c in enumerate(cells):
            if c != c.strip():
                errors.append(f"line {n} cell {i + 1}: leading/trailing whitespace {c!r}")
            if " | " in c and any(not v.strip() for v in c.split(" | ")):
                errors.append(f"line {n} cell {i + 1}: empty value in multi-valued cell")
        if len(errors) > 20:
            errors.append("...")
            break
    return errors, len(lines) - 1, width


def main():
    files = [Path(a) for a in sys.argv[1:]] or sorted(DATA.glob("*.tsv"))
    bad = 0
    for p in files:
        res = check(p)
        if isinstance(res, list):
            errs, rows, width = res, 0, 0
        else:
            errs, rows, width = res
        status = "ok" if not errs else "FAIL"
        print(f"{status:4} {p.name}: {rows} rows x {width} columns, {p.stat().st_size} bytes")
        for e in errs:
            print("     ", e)
        bad += bool(errs)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
