#!/usr/bin/env python3
"""The peer run of tests/w3c.rs: the same W3C tests through pyoxigraph alone.

    pip install pyoxigraph==0.5.13      # the oxigraph version of Cargo.lock
    python3 tests/w3c/pyoxigraph_suite.py [../shared/w3c]

Same method as tests/w3c.rs: the RDF syntax tests parsed with the suite's base IRI (negatives
must raise, evaluation tests compared with the expected N-Triples/N-Quads as isomorphic
datasets), counted twice: the parser's quads as they are, and as `igokg load` has them, put into
an in-memory store and read back; the SPARQL 1.1 query evaluation and syntax tests on an in-memory store holding only
the test data (default graph and named graphs as the test gives them), the query's base its
file IRI, results compared as isomorphic result sets encoded in the rs: vocabulary, in order
when the query sorts at its top. Prints one total per suite and the failing tests.
"""

import pathlib
import sys

import pyoxigraph as ox

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
}


def file_iri(p):
    return "file://" + str(pathlib.Path(p).resolve()).replace(" ", "%20")


def iri_path(iri):
    assert iri.startswith("file://"), iri
    return pathlib.Path(iri[len("file://"):].replace("%20", " "))


class Graph:
    def __init__(self, path, base):
        self.triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base))

    def objects(self, s, p):
        return [t.object for t in self.triples if t.subject == s and t.predicate == ox.NamedNode(p)]

    def object(self, s, p):
        o = self.objects(s, p)
        return o[0] if o else None

    def list(self, head):
        out = []
        while head != ox.NamedNode(RDF + "nil"):
            out.append(self.object(head, RDF + "first"))
            head = self.object(head, RDF + "rest")
        return out


def manifest_tests(path, base, suite):
    g = Graph(path, base)
    me = ox.NamedNode(base)
    out = []
    inc = g.object(me, MF + "include")
    if inc is not None:
        for m in g.list(inc):
            p = iri_path(m.value)
            out += manifest_tests(p, m.value, p.parent.name)
    entries = g.object(me, MF + "entries")
    if entries is None:
        return out
    for e in g.list(entries):
        name = e.value.replace("/", "#").rsplit("#", 1)[-1] if isinstance(e, ox.NamedNode) else str(e)
        kind = g.object(e, RDF + "type")
        kind = kind.value.replace("/", "#").rsplit("#", 1)[-1] if kind is not None else ""
        out.append(dict(id=f"{suite}#{name}", kind=kind, node=e, graph=g,
                        action=g.object(e, MF + "action"), result=g.object(e, MF + "result")))
    return out


def dataset(quads):
    d = ox.Dataset()
    for q in quads:
        d.add(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()))
    return d


def isomorphic(a, b):
    if len(a) != len(b):
        return False
    a.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    b.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return sorted(map(str, a)) == sorted(map(str, b))


# ---------- RDF ----------

def rdf_suite(root, folder, default_base):
    d = root / "rdf/rdf11" / folder
    probe = Graph(d / "manifest.ttl", default_base + "manifest.ttl")
    bases = [t.object.value for t in probe.triples if t.predicate == ox.NamedNode(MF + "assumedTestBase")]
    base = bases[0] if bases else default_base
    passed, failed, stored_passed, stored_failed = 0, [], 0, []
    for t in manifest_tests(d / "manifest.ttl", base + "manifest.ttl", folder):
        if not t["kind"].startswith("Test"):
            continue
        action = t["action"].value
        path = d / action[len(base):]
        stored_ok = None
        try:
            quads = list(ox.parse(path=str(path), format=FORMATS[path.suffix], base_iri=action))
            ok = "Negative" not in t["kind"]
            if ok and "Eval" in t["kind"]:
                r = t["result"].value
                rp = d / r[len(base):]
                expected = list(ox.parse(path=str(rp), format=FORMATS[rp.suffix], base_iri=r))
                ok = isomorphic(dataset(quads), dataset(expected))
                # What igokg load does: the quads go into a store and are read back from it.
                store = ox.Store()
                store.extend(q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
                stored_ok = isomorphic(dataset(list(store)), dataset(expected))
        except (SyntaxError, ValueError, OSError):
            ok = "Negative" in t["kind"]
        if ok:
            passed += 1
        else:
            failed.append(t["id"])
        if stored_ok is None:
            stored_ok = ok
        if stored_ok:
            stored_passed += 1
        else:
            stored_failed.append(t["id"])
    return passed, failed, stored_passed, stored_failed


# ---------- SPARQL ----------

def is_ordered(text):
    # The suite's sorted queries end in ORDER BY … [LIMIT/OFFSET] at their top level; a
    # text test matches tests/w3c.rs (which reads the algebra) on this suite.
    body = text.upper()
    last = body.rfind("}")
    return "ORDER BY" in body[last:] if last >= 0 else False


def solutions_dataset(variables, rows, ordered):
    """Solutions without blank nodes compare as (ordered) lists of rows; with blank nodes,
    as isomorphic datasets in the rs: vocabulary."""
    if not any(isinstance(t, ox.BlankNode) for row in rows for _, t in row):
        keyed = [" ".join(sorted(f"{v}={t}" for v, t in row)) for row in rows]
        return ("plain", keyed if ordered else sorted(keyed))
    d = ox.Dataset()
    rs = ox.BlankNode()
    g = ox.DefaultGraph()
    for v in variables:
        d.add(ox.Quad(rs, ox.NamedNode(RS + "resultVariable"), ox.Literal(v), g))
    for i, row in enumerate(rows):
        sol = ox.BlankNode()
        d.add(ox.Quad(rs, ox.NamedNode(RS + "solution"), sol, g))
        if ordered:
            d.add(ox.Quad(sol, ox.NamedNode(RS + "index"), ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g))
        for v, term in row:
            b = ox.BlankNode()
            d.add(ox.Quad(sol, ox.NamedNode(RS + "binding"), b, g))
            d.add(ox.Quad(b, ox.NamedNode(RS + "variable"), ox.Literal(v), g))
            d.add(ox.Quad(b, ox.NamedNode(RS + "value"), term, g))
    return ("bnodes", d)


def answer(results, ordered):
    if isinstance(results, ox.QueryBoolean):
        return ("bool", bool(results))
    if isinstance(results, ox.QuerySolutions):
        names = [v.value for v in results.variables]
        rows = []
        for s in results:
            rows.append([(n, s[n]) for n in names if s[n] is not None])
        return ("rows", solutions_dataset(names, rows, ordered))
    return ("graph", dataset(list(results)))


def expected_answer(path, ordered, construct):
    suffix = path.suffix
    fmts = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON, ".tsv": ox.QueryResultsFormat.TSV,
            ".csv": ox.QueryResultsFormat.CSV}
    if suffix in fmts:
        return answer(ox.parse_query_results(path=str(path), format=fmts[suffix]), ordered)
    quads = list(ox.parse(path=str(path), format=FORMATS[suffix], base_iri=file_iri(path)))
    rs_type = ox.NamedNode(RS + "ResultSet")
    if construct or not any(q.object == rs_type for q in quads):
        return ("graph", dataset(quads))
    triples = quads

    def obj(s, p):
        o = [t.object for t in triples if t.subject == s and t.predicate == ox.NamedNode(RS + p)]
        return o

    rs = [t.subject for t in triples if t.object == rs_type][0]
    if obj(rs, "boolean"):
        return ("bool", obj(rs, "boolean")[0].value == "true")
    names = [v.value for v in obj(rs, "resultVariable")]
    rows = []
    for sol in obj(rs, "solution"):
        idx = obj(sol, "index")
        row = [(obj(b, "variable")[0].value, obj(b, "value")[0]) for b in obj(sol, "binding")]
        rows.append((int(idx[0].value) if idx else 0, row))
    rows.sort(key=lambda r: r[0])
    return ("rows", solutions_dataset(names, [r for _, r in rows], ordered))


def same(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "bool":
        return a[1] == b[1]
    if a[0] == "rows":
        if a[1][0] != b[1][0]:
            return False
        if a[1][0] == "plain":
            return a[1][1] == b[1][1]
        return isomorphic(a[1][1], b[1][1])
    return isomorphic(a[1], b[1])


def sparql_suite(root):
    manifest = root / "sparql/sparql11/manifest-sparql11-query.ttl"
    passed, failed = 0, []
    for t in manifest_tests(manifest, file_iri(manifest), "sparql11"):
        kind = t["kind"]
        if kind not in ("QueryEvaluationTest", "PositiveSyntaxTest11", "NegativeSyntaxTest11"):
            continue
        g, a = t["graph"], t["action"]
        if isinstance(a, ox.NamedNode):
            query, data, graph_data = iri_path(a.value), [], []
        else:
            query = iri_path(g.object(a, QT + "query").value)
            data = [x.value for x in g.objects(a, QT + "data")]
            graph_data = [x.value for x in g.objects(a, QT + "graphData")]
        text = query.read_text(encoding="utf-8")
        store = ox.Store()
        try:
            for iri in data:
                p = iri_path(iri)
                store.bulk_load(path=str(p), format=FORMATS[p.suffix], base_iri=iri)
            for iri in graph_data:
                p = iri_path(iri)
                store.bulk_load(path=str(p), format=FORMATS[p.suffix], base_iri=iri, to_graph=ox.NamedNode(iri))
            if "Syntax" in kind:
                try:
                    r = store.query(text, base_iri=file_iri(query))
                    if not isinstance(r, ox.QueryBoolean):
                        list(r)
                    ok = "Negative" not in kind
                except SyntaxError:
                    ok = "Negative" in kind
            else:
                ordered = is_ordered(text)
                construct = any(w in text.upper() for w in ("CONSTRUCT", "DESCRIBE"))
                actual = answer(store.query(text, base_iri=file_iri(query)), ordered)
                ok = same(expected_answer(iri_path(t["result"].value), ordered, construct), actual)
        except Exception as e:  # noqa: BLE001 — any failure is a failed test
            ok = False
            t["id"] += f" ({type(e).__name__}: {str(e)[:80]})"
        kinds = by_kind.setdefault("syntax" if "Syntax" in kind else "evaluation", [0, 0])
        kinds[1] += 1
        if ok:
            passed += 1
            kinds[0] += 1
        else:
            failed.append(t["id"])
    return passed, failed


by_kind = {}


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[3] / "shared/w3c")
    if not (root / "rdf/rdf11").is_dir():
        sys.exit(f"the W3C suites are not in {root}")
    print(f"pyoxigraph {ox.__version__ if hasattr(ox, '__version__') else '?'}")
    total_p = total = total_s = 0
    for folder in ("rdf-n-triples", "rdf-n-quads", "rdf-turtle", "rdf-trig", "rdf-xml"):
        p, f, sp, sf = rdf_suite(root, folder, f"https://w3c.github.io/rdf-tests/rdf/rdf11/{folder}/")
        total_p += p
        total_s += sp
        total += p + len(f)
        print(f"RDF {folder}: {p} of {p + len(f)} passed" + (f"; failed: {', '.join(f)}" if f else ""))
        print(f"RDF {folder} through a store: {sp} of {sp + len(sf)} passed" + (f"; failed: {', '.join(sf)}" if sf else ""))
    print(f"RDF total: {total_p} of {total} passed; through a store (parsed, stored, read back): {total_s} of {total}")
    p, f = sparql_suite(root)
    print(f"SPARQL 1.1 query evaluation and syntax: {p} of {p + len(f)} passed"
          + "".join(f"; {k} {v[0]} of {v[1]}" for k, v in sorted(by_kind.items())))
    for x in f:
        print(f"  failed: {x}")


if __name__ == "__main__":
    main()
