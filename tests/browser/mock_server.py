#!/usr/bin/env python3
"""Development mock of `igokg serve`: serves src/serve/page/index.html and fake but plausible
answers for the endpoints the page uses (the contract the Rust server implements):

  POST /sparql                  SPARQL JSON results (evaluated by pyoxigraph on a small fake
                                graph shaped like the project's when pyoxigraph is installed,
                                otherwise a canned answer); errors as 400 text/plain
  GET  /api/examples            [{name, description, sparql}] from examples/queries/*.rq
  GET  /api/search?q=&limit=&lang=
  GET  /api/neighbourhood?org=IRI&at=YYYY[-MM[-DD]]&lang=

Data: CSTO with Armenia frozen since 2024, Kazakhstan chair 2024, Astana summit 2024-11-28,
names in ar/en/ru. Not used by the real test, which runs against the real server.

    python3 tests/browser/mock_server.py [--port 8765]
"""

import argparse
import json
import re
import sys
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "src" / "serve" / "page" / "index.html"
ID = "https://w3id.org/igokg/id/"

# qid: (kind, en, ar, ru, aliases)
ENTITIES = {
    "Q318693": ("organisation", "Collective Security Treaty Organization", "منظمة معاهدة الأمن الجماعي",
                "Организация Договора о коллективной безопасности", ["CSTO", "ОДКБ"]),
    "Q485207": ("organisation", "Shanghai Cooperation Organisation", "منظمة شانغهاي للتعاون",
                "Шанхайская организация сотрудничества", ["SCO", "ШОС"]),
    "Q399": ("state", "Armenia", "أرمينيا", "Армения", []),
    "Q184": ("state", "Belarus", "بيلاروس", "Беларусь", ["Белоруссия"]),
    "Q232": ("state", "Kazakhstan", "كازاخستان", "Казахстан", []),
    "Q813": ("state", "Kyrgyzstan", "قيرغيزستان", "Киргизия", ["Кыргызстан"]),
    "Q159": ("state", "Russia", "روسيا", "Россия", ["Russian Federation"]),
    "Q863": ("state", "Tajikistan", "طاجيكستان", "Таджикистан", []),
    "Q265": ("state", "Uzbekistan", "أوزبكستان", "Узбекистан", []),
    "Q227": ("state", "Azerbaijan", "أذربيجان", "Азербайджан", []),
    "Q230": ("state", "Georgia", "جورجيا", "Грузия", []),
    "Q403": ("state", "Serbia", "صربيا", "Сербия", []),
    "Q889": ("state", "Afghanistan", "أفغانستان", "Афганистан", []),
    "Q1520": ("city", "Astana", "أستانا", "Астана", ["Nur-Sultan"]),
    "Q2280": ("city", "Minsk", "مينسك", "Минск", []),
    "Q1953": ("city", "Yerevan", "يريفان", "Ереван", []),
}
CSTO = "Q318693"
# (member, org, role, start, end, source)
MEMBERSHIPS = [
    ("Q399", CSTO, "full", "2002", None, "cow"), ("Q184", CSTO, "full", "2002", None, "cow"),
    ("Q232", CSTO, "full", "2002", None, "cow"), ("Q813", CSTO, "full", "2002", None, "cow"),
    ("Q159", CSTO, "full", "2002", None, "cow"), ("Q863", CSTO, "full", "2002", None, "cow"),
    ("Q265", CSTO, "full", "2006", "2012", "cow"), ("Q227", CSTO, "full", "1994", "1999", "csv"),
    ("Q230", CSTO, "full", "1994", "1999", "csv"), ("Q403", CSTO, "observer", "2013", None, "csv"),
    ("Q889", CSTO, "observer", "2013", "2021", "csv"),
    ("Q232", "Q485207", "full", "2001", None, "csv"), ("Q159", "Q485207", "full", "2001", None, "csv"),
]
STATUSES = [("Q399", CSTO, "frozen", "2024-02", None, "news")]
CHAIRS = [("Q399", CSTO, "2022"), ("Q184", CSTO, "2023"), ("Q232", CSTO, "2024"), ("Q813", CSTO, "2025")]
SUMMITS = [(CSTO, "2022-11-23", "Q1953"), (CSTO, "2023-11-23", "Q2280"), (CSTO, "2024-11-28", "Q1520")]
SOURCES = {
    "cow": "Correlates of War IGO v3.0 igo_year_formatv3.tsv",
    "csv": "memberships.csv",
    "news": "csto-summit-astana-2024.ar.txt",
}


def bounds(d, end=False):
    """Earliest and latest xsd:date of a partial date."""
    p = d.split("-")
    lo = "-".join([p[0], p[1] if len(p) > 1 else "01", p[2] if len(p) > 2 else "01"])
    last = {"02": "28", "04": "30", "06": "30", "09": "30", "11": "30"}
    hi_m = p[1] if len(p) > 1 else "12"
    hi = "-".join([p[0], hi_m, p[2] if len(p) > 2 else last.get(hi_m, "31")])
    return lo, hi


def name(qid, lang):
    e = ENTITIES[qid]
    return {"en": e[1], "ar": e[2], "ru": e[3]}.get(lang or "en", e[1])


# ---------------------------------------------------------------- TriG for pyoxigraph
def trig():
    def lit(s):
        return json.dumps(s, ensure_ascii=False)

    def dt(d):
        t = {1: "gYear", 2: "gYearMonth", 3: "date"}[len(d.split("-"))]
        return f'"{d}"^^xsd:{t}'

    out = ["""@prefix igo: <https://w3id.org/igokg/ontology#> . @prefix igoid: <https://w3id.org/igokg/id/> .
@prefix igof: <https://w3id.org/igokg/fact/> . @prefix igog: <https://w3id.org/igokg/graph/> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> ."""]
    for key, src in SOURCES.items():
        out.append(f"igog:{key} a igo:SourceGraph ; igo:sourceName {lit(src)} .")
    out.append("igog:news schema:datePublished \"2024-11-28\"^^xsd:date .")
    g = ["igog:gazetteer {"]
    for q, (kind, en, ar, ru, _aliases) in ENTITIES.items():
        cls = {"organisation": "igo:InternationalOrganization", "state": "igo:State", "city": "igo:City"}[kind]
        g.append(f"igoid:{q} a {cls} ; rdfs:label {lit(en)}@en , {lit(ar)}@ar , {lit(ru)}@ru ; "
                 f"igo:wikidataId {lit(q)} ; owl:sameAs <http://www.wikidata.org/entity/{q}> .")
    out.append("\n".join(g) + "\n}")
    facts = {k: [] for k in SOURCES}
    for i, (m, o, role, start, end, src) in enumerate(MEMBERSHIPS):
        s_lo, s_hi = bounds(start)
        f = (f"<https://w3id.org/igokg/fact/membership/m{i}> a org:Membership , igo:MembershipFact ; igo:kind \"membership\" ; "
             f"org:member igoid:{m} ; org:organization igoid:{o} ; org:role <https://w3id.org/igokg/code/role/{role}> ; "
             f"igo:start {dt(start)} ; igo:startEarliest \"{s_lo}\"^^xsd:date ; igo:startLatest \"{s_hi}\"^^xsd:date")
        if end:
            e_lo, e_hi = bounds(end)
            f += f" ; igo:end {dt(end)} ; igo:endEarliest \"{e_lo}\"^^xsd:date ; igo:endLatest \"{e_hi}\"^^xsd:date"
        facts[src].append(f + f" .\nigoid:{m} org:memberOf igoid:{o} .")
    for i, (m, o, st, start, end, src) in enumerate(STATUSES):
        s_lo, s_hi = bounds(start)
        facts[src].append(
            f"<https://w3id.org/igokg/fact/membership_status/s{i}> a igo:MembershipStatus ; igo:kind \"membership_status\" ; org:member igoid:{m} ; "
            f"org:organization igoid:{o} ; igo:participationStatus <https://w3id.org/igokg/code/status/{st}> ; "
            f"igo:start {dt(start)} ; igo:startEarliest \"{s_lo}\"^^xsd:date ; igo:startLatest \"{s_hi}\"^^xsd:date .")
    for i, (c, o, y) in enumerate(CHAIRS):
        facts["news"].append(f"<https://w3id.org/igokg/fact/chairmanship/c{i}> a igo:Chairmanship ; igo:kind \"chairmanship\" ; igo:chair igoid:{c} ; "
                             f"org:organization igoid:{o} ; igo:year \"{y}\"^^xsd:gYear . igoid:{c} igo:chairOf igoid:{o} .")
    for o, d, place in SUMMITS:
        facts["news"].append(f"<{ID}event/{o}-summit-{d[:4]}> a igo:Summit , schema:Event ; igo:kind \"summit\" ; "
                             f"schema:organizer igoid:{o} ; schema:startDate \"{d}\"^^xsd:date ; schema:location igoid:{place} .")
    for k, fs in facts.items():
        out.append(f"igog:{k} {{\n" + "\n".join(fs) + "\n}")
    return "\n".join(out) + "\n"


try:
    import pyoxigraph as ox

    STORE = ox.Store()
    STORE.load(trig().encode(), format=ox.RdfFormat.TRIG)
except ImportError:  # canned answers only
    STORE = None


PREFIXES = {
    "igo": "https://w3id.org/igokg/ontology#", "igoid": ID, "igof": "https://w3id.org/igokg/fact/",
    "igog": "https://w3id.org/igokg/graph/", "role": "https://w3id.org/igokg/code/role/",
    "status": "https://w3id.org/igokg/code/status/", "wd": "http://www.wikidata.org/entity/",
    "org": "http://www.w3.org/ns/org#", "schema": "https://schema.org/", "prov": "http://www.w3.org/ns/prov#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def run_sparql(query):
    """Returns (status, content type, body bytes)."""
    if STORE is None:
        if not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", query, re.I) or query.count("{") != query.count("}"):
            return 400, "text/plain", b"SPARQL parse error (mock without pyoxigraph: only a rough check)"
        rows = [{"member": {"type": "uri", "value": ID + q}, "name": {"type": "literal", "value": name(q, "en"), "xml:lang": "en"},
                 "role": {"type": "literal", "value": r}} for q, o, r, s, e, _ in MEMBERSHIPS if o == CSTO and not e]
        return 200, "application/sparql-results+json", json.dumps({"head": {"vars": ["member", "name", "role"]}, "results": {"bindings": rows}}).encode()
    try:
        # like the real store: project prefixes predeclared, default graph = union of all graphs
        union = not re.search(r"^\s*(FROM|USING)\b", query, re.I | re.M)
        res = STORE.query(query, prefixes=PREFIXES, use_default_graph_as_union=union)
    except (SyntaxError, ValueError, OSError) as e:
        return 400, "text/plain; charset=utf-8", str(e).encode()
    if isinstance(res, ox.QueryTriples):
        return 200, "application/n-triples", res.serialize(format=ox.RdfFormat.N_TRIPLES)
    return 200, "application/sparql-results+json", res.serialize(format=ox.QueryResultsFormat.JSON)


# ---------------------------------------------------------------- API
def norm(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in "\u0640\u200c\u200d\u200f\u200e")
    s = re.sub("[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه").replace("ё", "е")
    return re.sub(r"[\s\-.]+", " ", s).strip()


def search(q, limit, lang):
    nq = norm(q)
    hits = []
    for qid, (kind, en, ar, ru, aliases) in ENTITIES.items():
        names = [en, ar, ru, *aliases]
        score = max((3 if norm(n) == nq else 2 if norm(n).startswith(nq) else 1 if nq in norm(n) else 0) for n in names)
        if nq and score:
            hits.append((-score, en, {"iri": ID + qid, "label": name(qid, lang), "kind": kind,
                                      "names": {"ar": ar, "en": en, "ru": ru}, "wikidata": qid}))
    return [h for _, _, h in sorted(hits, key=lambda h: h[:2])][:limit]


def holds(start, end, at):
    """Known to hold at `at` (a partial date): surely started by its end, not surely ended before it."""
    if not at:
        return end is None
    at_lo, at_hi = bounds(at)
    return bounds(start)[1] <= at_hi and (end is None or bounds(end)[0] > at_lo)


def neighbourhood(org_iri, at, lang):
    qid = org_iri[len(ID):] if org_iri.startswith(ID) else None
    if qid not in ENTITIES or ENTITIES[qid][0] != "organisation":
        return None
    members = []
    for m, o, role, start, end, src in MEMBERSHIPS:
        if o == qid and holds(start, end, at):
            status = [st for mm, oo, st, s, e, _ in STATUSES if (mm, oo) == (m, o) and holds(s, e, at or "9999")]
            members.append({"iri": ID + m, "label": name(m, lang), "role": role,
                            "status": status[0] if status else "active", "source": SOURCES[src]})
    # As the real server: the chairs and summits of the date's year (no date: today's).
    year = (at or __import__("datetime").date.today().isoformat())[:4]
    chairs = [{"iri": ID + c, "label": name(c, lang), "period": y} for c, o, y in CHAIRS if o == qid and y == year]
    summits = [{"iri": f"{ID}event/{o}-summit-{d[:4]}", "label": f"{ENTITIES[o][4][0] if ENTITIES[o][4] else ''} summit {d[:4]}".strip(),
                "date": d, "place": name(p, lang)} for o, d, p in SUMMITS if o == qid and d[:4] == year]
    return {"org": {"iri": org_iri, "label": name(qid, lang)}, "members": members, "chairs": chairs, "summits": summits}


def examples():
    out = []
    for f in sorted((ROOT / "examples" / "queries").glob("*.rq")):
        text = f.read_text(encoding="utf-8")
        desc = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            line = line[1:].strip()
            if not line:
                break
            desc.append(line)
        out.append({"name": f.stem, "description": " ".join(desc), "sparql": text})
    return out


class Handler(BaseHTTPRequestHandler):
    def send(self, status, ctype, body):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def json(self, obj):
        self.send(200, "application/json; charset=utf-8", json.dumps(obj, ensure_ascii=False))

    def do_GET(self):
        u = urlparse(self.path)
        qs = {k: v[0] for k, v in parse_qs(u.query).items()}
        lang = qs.get("lang", "en")
        if lang not in ("ar", "en", "ru"):
            return self.send(400, "text/plain", "lang must be ar, en or ru")
        if u.path in ("/", "/index.html"):
            return self.send(200, "text/html; charset=utf-8", PAGE.read_bytes())
        if u.path == "/api/examples":
            return self.json(examples())
        if u.path == "/api/search":
            try:
                limit = int(qs.get("limit", "20"))
            except ValueError:
                return self.send(400, "text/plain", "limit must be a number")
            return self.json(search(qs.get("q", ""), limit, lang))
        if u.path == "/api/neighbourhood":
            at = qs.get("at")
            if at and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", at):
                return self.send(400, "text/plain", f"invalid date {at!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
            d = neighbourhood(qs.get("org", ""), at, lang)
            if d is None:
                return self.send(404, "text/plain", f"no organisation {qs.get('org')!r}")
            return self.json(d)
        self.send(404, "text/plain", "not found")

    def do_POST(self):
        if urlparse(self.path).path != "/sparql":
            return self.send(404, "text/plain", "not found")
        if not self.headers.get("Content-Type", "").startswith("application/sparql-query"):
            return self.send(415, "text/plain", "expected Content-Type: application/sparql-query")
        n = int(self.headers.get("Content-Length") or 0)
        self.send(*run_sparql(self.rfile.read(n).decode("utf-8", "replace")))

    def log_message(self, fmt, *args):
        sys.stderr.write("mock: " + fmt % args + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--host", default="127.0.0.1")
    a = ap.parse_args()
    srv = ThreadingHTTPServer((a.host, a.port), Handler)
    print(f"mock igokg serve on http://{a.host}:{srv.server_address[1]}/ (sparql: {'pyoxigraph' if STORE else 'canned'})", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
