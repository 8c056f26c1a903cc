#!/usr/bin/env python3
"""The peer of bench/perf.sh's in-process rows: the COW IGO-year table mapped naively to W3C ORG
in pyoxigraph (one org:Membership per run of years coded 1, 2 or 3, with integer ex:start and
ex:end years; no roles, provenance, partial dates or labels other than the state's name), and
the three questions of issue 11 timed on it.

    python3 bench/naive_cow.py IGO_YEAR_TSV STORE_DIR ORG STATE YEAR RUNS [QUERY_DIR]

Prints one line per question: name, rows, median ms. With QUERY_DIR, also writes each
question's SPARQL there (members.rq, count.rq, partners.rq), for bench_queries to run the same
text in igokg's build of the engine (bench/perf.sh).
"""
import gzip
import statistics
import sys
import time

import pyoxigraph as ox

tsv, store_dir, org, state, year, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
query_dir = sys.argv[7] if len(sys.argv) > 7 else None
EX = "http://example.org/cow/"
ORG = "http://www.w3.org/ns/org#"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
XSD_INT = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")

store = ox.Store(store_dir)
if len(store) == 0:
    opener = gzip.open if tsv.endswith(".gz") else open
    with opener(tsv, "rt", encoding="utf-8", errors="replace") as f:
        header = f.readline().rstrip("\n").split("\t")
        states = header[3:header.index("sdate")]
        years = {}  # (org, state) -> member years
        last = 0
        for line in f:
            cells = line.rstrip("\n").split("\t")
            io, y = cells[0].strip(), int(cells[2])
            last = max(last, y)
            for i, s in enumerate(states):
                if cells[3 + i].strip() in ("1", "2", "3"):
                    years.setdefault((io, s), []).append(y)
    quads = []
    n = 0
    for (io, s), ys in years.items():
        ys.sort()
        runs_ = [[ys[0], ys[0]]]
        for y in ys[1:]:
            if y == runs_[-1][1] + 1:
                runs_[-1][1] = y
            else:
                runs_.append([y, y])
        for a, b in runs_:
            m = ox.NamedNode(f"{EX}m{n}")
            n += 1
            quads += [
                ox.Quad(m, ox.NamedNode(f"{ORG}member"), ox.NamedNode(f"{EX}state/{s}")),
                ox.Quad(m, ox.NamedNode(f"{ORG}organization"), ox.NamedNode(f"{EX}org/{io}")),
                ox.Quad(m, ox.NamedNode(f"{EX}start"), ox.Literal(str(a), datatype=XSD_INT)),
            ]
            if b < last:
                quads.append(ox.Quad(m, ox.NamedNode(f"{EX}end"), ox.Literal(str(b + 1), datatype=XSD_INT)))
    for s in states:
        quads.append(ox.Quad(ox.NamedNode(f"{EX}state/{s}"), RDFS_LABEL, ox.Literal(s)))
    store.bulk_extend(quads)
    store.flush()

P = f"PREFIX org: <{ORG}> PREFIX ex: <{EX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
holds = lambda v: f"?{v}_s <= {year} && (!BOUND(?{v}_e) || ?{v}_e > {year})"
questions = [
    (f"members {org} --at {year}", P + f"""SELECT ?s (SAMPLE(?l) AS ?name) WHERE {{
  ?m org:organization <{EX}org/{org}> ; org:member ?s ; ex:start ?m_s . OPTIONAL {{ ?m ex:end ?m_e }}
  FILTER({holds('m')}) OPTIONAL {{ ?s rdfs:label ?l }} }} GROUP BY ?s ORDER BY ?name"""),
    (f"memberships-count --at {year} (every state)", P + f"""SELECT ?s (SAMPLE(?l) AS ?name) (COUNT(DISTINCT ?o) AS ?n) WHERE {{
  ?m org:member ?s ; org:organization ?o ; ex:start ?m_s . OPTIONAL {{ ?m ex:end ?m_e }}
  FILTER({holds('m')}) OPTIONAL {{ ?s rdfs:label ?l }} }} GROUP BY ?s ORDER BY DESC(?n) ?name"""),
    (f"partners {state} --at {year}", P + f"""SELECT ?other (SAMPLE(?l) AS ?name) (COUNT(DISTINCT ?o) AS ?n) WHERE {{
  ?a org:member <{EX}state/{state}> ; org:organization ?o ; ex:start ?a_s . OPTIONAL {{ ?a ex:end ?a_e }} FILTER({holds('a')})
  ?b org:organization ?o ; org:member ?other ; ex:start ?b_s . OPTIONAL {{ ?b ex:end ?b_e }}
  FILTER(?other != <{EX}state/{state}> && {holds('b')}) OPTIONAL {{ ?other rdfs:label ?l }} }}
  GROUP BY ?other ORDER BY DESC(?n) ?name LIMIT 10"""),
]
if query_dir:
    for file, (_, q) in zip(("members.rq", "count.rq", "partners.rq"), questions):
        with open(f"{query_dir}/{file}", "w") as f:
            f.write(q)
for name, q in questions:
    rows = 0
    for _ in range(3):
        rows = len(list(store.query(q)))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        len(list(store.query(q)))
        times.append((time.perf_counter() - t0) * 1e3)
    print(f"{name}\t{rows}\t{statistics.median(times):.2f}")
