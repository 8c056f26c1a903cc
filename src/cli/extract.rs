//! `igokg extract FILE…`: facts from news articles in Arabic, Russian and English.

use super::StorePath;
use anyhow::{bail, Context, Result};
use igokg::extract::{decode, fact_to_json_with, Extractor, Options};
use igokg::gazetteer::Gazetteer;
use igokg::model::{Fact, PartialDate};
use igokg::rdf::SourceMeta;
use std::io::{Read, Write};
use std::path::PathBuf;

/// Output forms of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per fact (the JSON Lines form of DESIGN.md)
    Jsonl,
    /// An aligned table for reading
    Table,
    /// RDF Turtle: the facts as the store would hold them
    Ttl,
}

/// Extract facts (memberships, chairs, summits, attendance, offices, visits, …) from news
/// articles, each with its evidence: source, span in Unicode code points, quote, language,
/// rule and confidence. With --insert the facts go into the store, one named graph per
/// document; running it again on the same document replaces that graph.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  igokg extract examples/csto-summit-astana-2024.ar.txt --published 2024-11-28\n  igokg extract --format table article.ru.txt\n  igokg --store kg extract --insert --source-url https://tass.ru/… --publisher TASS article.txt"
)]
pub struct Args {
    /// Article files (UTF-8 text; `-` for stdin)
    #[arg(required = true, value_hint = clap::ValueHint::FilePath)]
    pub files: Vec<PathBuf>,
    /// The language: auto (from the script), ar, ru or en
    #[arg(long, default_value = "auto", value_parser = ["auto", "ar", "ru", "en"])]
    pub lang: String,
    /// Output form (default: a table on a terminal, else jsonl)
    #[arg(long, value_enum)]
    pub format: Option<ExtractFormat>,
    /// Write the facts into the store (one named graph per document, replaced on re-runs)
    #[arg(long)]
    pub insert: bool,
    /// The source URL to record instead of the file name (one file only)
    #[arg(long, value_hint = clap::ValueHint::Url)]
    pub source_url: Option<String>,
    /// Publication date (YYYY-MM-DD) for relative dates; default: a date line in the text
    #[arg(long)]
    pub published: Option<String>,
    /// The publisher (agency) to record
    #[arg(long)]
    pub publisher: Option<String>,
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    if let Some(u) = &args.source_url {
        let ok = (u.starts_with("http://") || u.starts_with("https://")) && oxigraph::model::NamedNode::new(u.as_str()).is_ok();
        if !ok {
            anyhow::bail!("--source-url {u:?} is not an http(s) URL (spaces and other characters outside a URL are not allowed)");
        }
    }
    if args.source_url.is_some() && args.files.len() > 1 {
        bail!("--source-url names one document, but {} files were given", args.files.len());
    }
    let published =
        args.published.as_deref().map(|p| p.parse::<PartialDate>().with_context(|| format!("--published '{p}'"))).transpose()?;
    let (st, gaz) = if args.insert {
        let g = store.open_for_write()?;
        let gaz = g.gazetteer()?;
        (Some(g), gaz)
    } else {
        (None, Gazetteer::builtin())
    };
    let extractor = Extractor::new(&gaz);
    let recorded = super::now();
    let mut all: Vec<Fact> = Vec::new();
    let mut entities: Vec<igokg::model::Entity> = Vec::new();
    let mut metas = Vec::new();
    for f in &args.files {
        let name = f.display().to_string();
        let mut bytes = Vec::new();
        if name == "-" {
            std::io::stdin().read_to_end(&mut bytes).context("cannot read stdin")?;
        } else {
            std::fs::File::open(f).and_then(|mut h| h.read_to_end(&mut bytes)).with_context(|| format!("cannot read {name}"))?;
        }
        let text = decode(&bytes, &name)?;
        let source = args.source_url.clone().unwrap_or_else(|| f.file_name().map_or(name.clone(), |n| n.to_string_lossy().into_owned()));
        let lang = (args.lang != "auto").then(|| args.lang.clone());
        let opts = Options { source: source.clone(), lang, published, publisher: args.publisher.clone(), recorded: Some(recorded.clone()) };
        let got = extractor.extract_all(text, &opts).with_context(|| format!("cannot extract from {name}"))?;
        for e in got.entities {
            if !entities.iter().any(|x| x.iri == e.iri) {
                entities.push(e);
            }
        }
        let facts = got.facts;
        let mut meta = facts.first().map(|f| SourceMeta::from_provenance(&f.provenance)).unwrap_or_else(|| SourceMeta {
            source: source.clone(),
            published,
            lang: Some(opts.lang.clone().unwrap_or_else(|| igokg::extract::detect_lang(text).to_owned())),
            publisher: args.publisher.clone(),
            recorded: Some(recorded.clone()),
            ..SourceMeta::default()
        });
        meta.extractor_version = Some(format!("igokg {}", env!("CARGO_PKG_VERSION")));
        metas.push(meta);
        all.extend(facts);
    }
    if let Some(st) = st {
        let s = st.insert(&igokg::graph::Batch { facts: all.clone(), sources: metas.clone(), entities: entities.clone() }, true)?;
        eprintln!("inserted {} facts ({} new quads) into {} graph(s)", s.facts, s.quads_added, s.graphs.len());
        if args.format.is_none() {
            return Ok(());
        }
    }
    let format = args.format.unwrap_or_else(|| {
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            ExtractFormat::Table
        } else {
            ExtractFormat::Jsonl
        }
    });
    super::with_output(None, |w| write_facts(w, &all, &entities, &metas, format))
}

fn write_facts(
    w: &mut dyn Write,
    facts: &[Fact],
    entities: &[igokg::model::Entity],
    metas: &[SourceMeta],
    format: ExtractFormat,
) -> Result<()> {
    match format {
        ExtractFormat::Jsonl => {
            for f in facts {
                writeln!(w, "{}", serde_json::to_string(&fact_to_json_with(f, entities))?)?;
            }
        }
        ExtractFormat::Table => {
            writeln!(w, "{:<18} {:<70} {:<22} {:>5}  quote", "kind", "arguments", "rule", "conf")?;
            for f in facts {
                let args: Vec<String> = f.args.iter().map(|(k, v)| format!("{k}={}", v.display())).collect();
                let quote: String = f.provenance.quote.as_deref().unwrap_or("").chars().take(60).collect();
                writeln!(
                    w,
                    "{:<18} {:<70} {:<22} {:>5.2}  {}",
                    f.kind.as_str(),
                    args.join("; "),
                    f.provenance.rule.as_deref().unwrap_or(""),
                    f.provenance.confidence.unwrap_or(0.0),
                    quote.replace('\n', " ")
                )?;
            }
        }
        ExtractFormat::Ttl => {
            let mut quads = Vec::new();
            for m in metas {
                igokg::rdf::source_quads(m, &mut quads);
            }
            for e in entities {
                igokg::rdf::entity_quads(e, &mut quads);
            }
            for f in facts {
                igokg::rdf::fact_quads(f, &mut quads);
            }
            let mut ser = igokg::format::rdf_serializer(oxigraph::io::RdfFormat::Turtle).for_writer(w);
            for q in &quads {
                ser.serialize_triple(oxigraph::model::TripleRef::new(&q.subject, &q.predicate, &q.object))?;
            }
            ser.finish()?;
        }
    }
    Ok(())
}
