#!/usr/bin/env python3
"""Writes the hand-made hostile inputs of tests/hostile/files/ (run from anywhere).

Each file is one bad input for one door; tests/hostile/cases.tsv says how it is fed to igokg
and what the error must say. Kept as a script so that binary and large inputs are not
committed byte by byte and the corpus can be read and regenerated."""
import gzip
import os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
os.makedirs(here, exist_ok=True)
ex = os.path.join(os.path.dirname(here), "..", "..", "examples", "csto-membership-history.csv")
HEADER = open(ex, encoding="utf-8").readline().rstrip("\n")
COLS = HEADER.split(",")


def row(**kw):
    return ",".join('"' + kw.get(c, "").replace('"', '""') + '"' if kw.get(c) else "" for c in COLS)


SRC = dict(source="https://example.org/a", lang="en", quote="q")


def w(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(here, name), mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
        f.write(data)


def csv(name, *rows, header=HEADER):
    w(name, header + "\n" + "".join(r + "\n" for r in rows))


# --- CSV fact tables -------------------------------------------------------------------------
csv("csv-impossible-date.csv", row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2024-02-30", **SRC))
csv("csv-end-before-start.csv", row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2010", end="2005", **SRC))
csv("csv-unknown-member.csv", row(kind="membership", member="Atlantis", organization="CSTO", role="full", start="2002", **SRC))
csv("csv-unknown-status.csv", row(kind="membership_status", member="Armenia", organization="CSTO", status="sleeping", start="2024", **SRC))
csv("csv-unknown-kind.csv", row(kind="alliance", member="Armenia", organization="CSTO", **SRC))
csv("csv-unknown-role.csv", row(kind="membership", member="Armenia", organization="CSTO", role="king", start="2002", **SRC))
csv("csv-wrong-header.csv", "a,b,c", header="kind,membr,organisation")
csv("csv-ragged-row.csv", "membership,Armenia,CSTO")
w("csv-not-utf8.csv", (HEADER + "\n").encode() + row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2002", **SRC).encode().replace(b"Armenia", b"Arm\xe9nia") + b"\n")
w("csv-empty.csv", "")
csv("csv-missing-source.csv", row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2002", lang="en", quote="q"))
csv("csv-bad-source-iri.csv", row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2002", source="not a url <>", lang="en", quote="q"))
csv("csv-year-text.csv", row(kind="chairmanship", chair="Kazakhstan", organization="CSTO", year="next year", **SRC))
csv("csv-huge-quote.csv", row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2002", source="https://example.org/a", lang="en", quote="x" * (1024 * 1024 + 10)))
csv("csv-injection-in-member.csv", row(kind="membership", member='Armenia> } ; DROP ALL ; #', organization="CSTO", role="full", start="2002", **SRC))
csv("csv-summit-no-date.csv", row(kind="summit", organization="CSTO", place="Astana", **SRC))
csv("csv-second-row-bad.csv",
    row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2002", **SRC),
    row(kind="membership", member="Belarus", organization="CSTO", role="full", start="20022", **SRC))
csv("csv-date-with-time.csv", row(kind="membership", member="Armenia", organization="CSTO", role="full", start="2002-10-07T10:00", **SRC))

# --- COW tables ------------------------------------------------------------------------------
cow = os.path.join(os.path.dirname(here), "..", "..", "data", "cow", "igo_year_formatv3.tsv.gz")
lines = gzip.open(cow, "rt", encoding="latin-1").read().split("\n")[:40]
if lines:
    head = lines[0]
    ncol = len(head.split("\t"))
    w("cow-truncated.tsv", "\n".join(lines[:30]) + "\n" + "\t".join(lines[30].split("\t")[: ncol // 2]) + "\n")
    w("cow-wrong-header.tsv", "ioname\torgname\tyear\tfoo\n" + "X\tY\t1990\t1\n")
    r = lines[5].split("\t"); r[10] = "yes"
    w("cow-non-numeric.tsv", "\n".join(lines[:5] + ["\t".join(r)]) + "\n")
    h = head.split("\t"); h[20] = "atlantis"
    w("cow-unknown-state.tsv", "\n".join(["\t".join(h)] + lines[1:10]) + "\n")
    r = lines[7].split("\t"); r[12] = "7"
    w("cow-unknown-code.tsv", "\n".join(lines[:7] + ["\t".join(r)]) + "\n")
    r = lines[8].split("\t"); r[2] = "19x4"
    w("cow-bad-year.tsv", "\n".join(lines[:8] + ["\t".join(r)]) + "\n")
w("cow-empty.tsv", "")
w("cow-binary.tsv", bytes(range(256)) * 8)

# --- RDF files -------------------------------------------------------------------------------
w("rdf-broken.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n")
w("rdf-entities.rdf", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
  '<rdf:Description rdf:about="http://example.org/s"><ex:p>&b;</ex:p></rdf:Description></rdf:RDF>\n')
w("rdf-ill-typed.ttl", '<http://example.org/s> <http://example.org/p> "abc"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
w("rdf-bad-date.nt", '<http://example.org/s> <http://example.org/p> "2024-02-30"^^<http://www.w3.org/2001/XMLSchema#date> .\n')
w("rdf-huge-literal.nt", '<http://example.org/s> <http://example.org/p> "' + "x" * (1024 * 1024 + 1) + '" .\n')
w("rdf-bad-iri.nt", '<http://example.org/a b> <http://example.org/p> <http://example.org/o> .\n')
w("rdf-bad-quad.nq", '<http://example.org/s> <http://example.org/p> <http://example.org/o> "graph" .\n')
w("rdf-bad.jsonld", '{"@context": {"ex": "http://example.org/"}, "@id": "ex:s", "ex:p": [}\n')
w("rdf-not-utf8.ttl", b'<http://example.org/s> <http://example.org/p> "caf\xe9" .\n')
w("rdf-unknown.xyz", "<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n")
w("rdf-good-then-bad.nt", '<http://example.org/s> <http://example.org/p> "1" .\n' * 100 + "<http://example.org/s> <http://example.org/p> .\n")
w("rdf-xml-external.rdf", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
  '<rdf:Description rdf:about="http://example.org/s"><ex:p>&e;</ex:p></rdf:Description></rdf:RDF>\n')
w("rdf-ill-typed-boolean.ttl", '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n<http://example.org/s> <http://example.org/p> "maybe"^^xsd:boolean .\n')

# --- article texts ---------------------------------------------------------------------------
w("article-latin1.txt", "La cumbre de la OTSC en Astan\xe1 el 28 de noviembre de 2024.".encode("latin-1"))
w("article-utf16.txt", "قمة منظمة معاهدة الأمن الجماعي في أستانا".encode("utf-16"))
w("article-truncated-utf8.txt", "قمة منظمة معاهدة الأمن الجماعي".encode("utf-8")[:-1])

# --- SPARQL ----------------------------------------------------------------------------------
w("sparql-deep-parens.rq", "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }\n")
w("sparql-deep-braces.rq", "SELECT * WHERE " + "{" * 5000 + "}" * 5000 + "\n")
w("sparql-flat-unions.rq", "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 5000) + " }\n")
w("sparql-long-sum.rq", "SELECT * WHERE { BIND(" + " + ".join(["1"] * 5000) + " AS ?x) }\n")
w("sparql-syntax.rq", "SELECT ?s WHERE { ?s ?p \n")
w("sparql-update-as-query.rq", "DROP ALL\n")
w("sparql-load-file.rq", "LOAD <file:///etc/passwd>\n")
w("sparql-service.rq", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }\n")
print("wrote", len(os.listdir(here)), "files into", here)
