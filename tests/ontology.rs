//! The ontology files are read without error by independent tools, and the code's closed
//! vocabulary is declared in them.

use std::process::Command;

const FILES: [&str; 3] = ["ontology/igokg.ttl", "ontology/codes.ttl", "ontology/shapes.ttl"];

#[test]
fn rapper_reads_every_ontology_file_without_error() {
    for f in FILES {
        let out = Command::new("rapper").args(["-i", "turtle", "-c", f]).output().expect("rapper is needed (bash .ci/setup installs it)");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && !err.contains("Error") && !err.contains("Warning"), "{f}: {err}");
    }
}

#[test]
fn rdflib_reads_every_ontology_file_without_error() {
    for f in FILES {
        let py = format!(
            "import rdflib, warnings\nwarnings.simplefilter('error')\ng = rdflib.Graph()\ng.parse('{f}', format='turtle')\nprint(len(g))"
        );
        let out = Command::new("python3").args(["-c", &py]).output().expect("python3 with rdflib is needed");
        assert!(out.status.success(), "{f}: {}", String::from_utf8_lossy(&out.stderr));
        let n: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
        assert!(n > 100, "{f}: {n} triples");
    }
}

#[test]
fn every_project_term_is_declared_in_the_ontology() {
    let ttl = std::fs::read_to_string("ontology/igokg.ttl").unwrap();
    let mut declared = std::collections::HashSet::new();
    let parser = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle);
    for q in parser.for_slice(ttl.as_bytes()) {
        let q = q.unwrap();
        if q.predicate == oxigraph::model::vocab::rdf::TYPE {
            declared.insert(q.subject.to_string());
        }
    }
    for t in igokg::vocab::igo_terms() {
        assert!(declared.contains(&t.to_string()), "{t} is not declared in ontology/igokg.ttl");
    }
}

#[test]
fn every_code_of_the_model_is_a_concept_with_three_labels() {
    let ttl = std::fs::read_to_string("ontology/codes.ttl").unwrap();
    let parser = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle);
    let quads: Vec<_> = parser.for_slice(ttl.as_bytes()).map(Result::unwrap).collect();
    use igokg::model::{Code, Position, Role, Status};
    let codes = Role::ALL
        .iter()
        .map(|r| Code::Role(*r))
        .chain(Status::ALL.iter().map(|s| Code::Status(*s)))
        .chain(Position::ALL.iter().map(|p| Code::Position(*p)));
    for c in codes {
        let iri = igokg::rdf::code_iri(c);
        let langs: Vec<String> = quads
            .iter()
            .filter(|q| q.subject.to_string() == iri.to_string() && q.predicate.as_str().ends_with("#prefLabel"))
            .filter_map(|q| match &q.object {
                oxigraph::model::Term::Literal(l) => l.language().map(str::to_owned),
                _ => None,
            })
            .collect();
        for l in ["ar", "en", "ru"] {
            assert!(langs.iter().any(|x| x == l), "{iri} has no {l} label");
        }
    }
}
