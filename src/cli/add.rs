//! `igokg add <kind> --<argument> VALUE …`, `igokg add triple S P O`, `igokg add entity`.
//!
//! The fact subcommands and their flags are generated from the fact model's table of kinds,
//! so CLI flags, CSV columns and JSON keys are the same names.

use super::StorePath;
use anyhow::{anyhow, bail, Result};
use clap::{Arg, ArgAction, ArgMatches, Command, FromArgMatches};
use igokg::gazetteer::entity_iri;
use igokg::ingest::term;
use igokg::model::{is_wikidata_id, Entity, EntityType, Fact, FactKind, Method, Name, Provenance};
use igokg::rdf;
use oxigraph::model::{GraphName, Quad};
use std::io::Write;

/// What to add.
#[derive(Debug, Clone)]
pub enum Args {
    Fact {
        kind: FactKind,
        args: Vec<(String, String)>,
        prov: ProvArgs,
        dry_run: bool,
        verbose: bool,
    },
    Triple {
        s: String,
        p: String,
        o: String,
        graph: Option<String>,
        dry_run: bool,
        verbose: bool,
    },
    Entity {
        kind: EntityType,
        names: Vec<(String, String)>,
        aliases: Vec<String>,
        wikidata: Option<String>,
        country: Option<String>,
        dry_run: bool,
        verbose: bool,
    },
}

/// Provenance flags of `add <kind>`.
#[derive(Debug, Clone, Default)]
pub struct ProvArgs {
    pub source: Option<String>,
    pub published: Option<String>,
    pub lang: Option<String>,
    pub publisher: Option<String>,
    pub quote: Option<String>,
    pub span: Option<String>,
    pub confidence: Option<String>,
}

const PROV: &[(&str, &str)] = &[
    ("source", "where the fact comes from: a URL or file name (default: 'igokg cli'); each source is one named graph"),
    ("published", "publication date of the source (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("lang", "language of the source (ar, en, ru, …)"),
    ("publisher", "who published the source"),
    ("quote", "the words of the source that state the fact"),
    ("span", "START:END character offsets (Unicode code points) of the quote in the source"),
    ("confidence", "how sure, between 0 and 1"),
];

fn dry_run_arg() -> Arg {
    Arg::new("dry-run").long("dry-run").action(ArgAction::SetTrue).help("show what would be added, and write nothing")
}

fn verbose_arg() -> Arg {
    Arg::new("verbose").long("verbose").short('v').action(ArgAction::SetTrue).help("with --dry-run: also print the quads (N-Quads)")
}

impl clap::Args for Args {
    fn augment_args(cmd: Command) -> Command {
        let mut cmd = cmd
            .about("Add a fact, a raw triple or an entity")
            .subcommand_required(true)
            .arg_required_else_help(true)
            .after_help("Examples:\n  igokg add membership-status --member أرمينيا --organization CSTO --status frozen --start 2024-02 --source https://example.org/a --quote \"…\"\n  igokg add chairmanship --chair Kyrgyzstan --organization ОДКБ --year 2025\n  igokg add attendance --participant 'Vladimir Putin' --event CSTO@2024\n  igokg add triple igoid:Q399 rdfs:comment '\"froze its participation\"@en' --graph igog:notes\n  igokg add entity --type person --name-en 'Kaja Kallas' --name-ru 'Кая Каллас'");
        for k in FactKind::ALL {
            let spec = k.spec();
            let mut sc = Command::new(k.cli_name()).about(spec.about).arg(dry_run_arg()).arg(verbose_arg());
            if k.as_str() != k.cli_name() {
                sc = sc.alias(k.as_str());
            }
            for a in spec.args {
                let flag = a.name.replace('_', "-");
                sc = sc.arg(
                    Arg::new(a.name).long(flag.clone()).alias(a.name).value_name(a.name.to_uppercase()).help(a.help).required(a.required),
                );
            }
            for (name, help) in PROV {
                sc = sc.arg(Arg::new(*name).long(*name).help(*help).help_heading("Provenance"));
            }
            cmd = cmd.subcommand(sc);
        }
        cmd.subcommand(
            Command::new("triple")
                .about("Add one raw triple; terms in N-Triples syntax or with the ontology's prefixes (igoid:Q399, \"2024\"^^xsd:gYear)")
                .arg(Arg::new("subject").required(true).help("an IRI (<…> or prefix:local) or a blank node"))
                .arg(Arg::new("predicate").required(true).help("an IRI"))
                .arg(Arg::new("object").required(true).help("an IRI, a blank node or a literal (\"text\"@lang, \"v\"^^xsd:type, 42)"))
                .arg(Arg::new("graph").long("graph").help("the named graph (an IRI; default: the default graph)"))
                .arg(dry_run_arg())
                .arg(verbose_arg()),
        )
        .subcommand(
            Command::new("entity")
                .about("Add an entity (a person, state, city or organisation) that the gazetteer does not know")
                .arg(Arg::new("type").long("type").required(true).help("person, state, city or organization"))
                .arg(Arg::new("name-en").long("name-en").help("English name"))
                .arg(Arg::new("name-ar").long("name-ar").help("Arabic name"))
                .arg(Arg::new("name-ru").long("name-ru").help("Russian name"))
                .arg(Arg::new("alias").long("alias").action(ArgAction::Append).help("another name (repeatable); TEXT or TEXT@lang"))
                .arg(Arg::new("wikidata").long("wikidata").help("its Wikidata id (Q…)"))
                .arg(Arg::new("country").long("country").help("for a city: its country"))
                .arg(dry_run_arg())
                .arg(verbose_arg()),
        )
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for Args {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let (name, sub) = m.subcommand().ok_or_else(|| clap::Error::raw(clap::error::ErrorKind::MissingSubcommand, "add needs a kind"))?;
        let s = |k: &str| sub.get_one::<String>(k).cloned();
        let dry_run = sub.get_flag("dry-run");
        let verbose = sub.get_flag("verbose");
        match name {
            "triple" => Ok(Self::Triple {
                s: s("subject").unwrap_or_default(),
                p: s("predicate").unwrap_or_default(),
                o: s("object").unwrap_or_default(),
                graph: s("graph"),
                dry_run,
                verbose,
            }),
            "entity" => {
                let kind =
                    s("type").unwrap_or_default().parse().map_err(|e: String| clap::Error::raw(clap::error::ErrorKind::InvalidValue, e))?;
                let names = [("en", "name-en"), ("ar", "name-ar"), ("ru", "name-ru")]
                    .iter()
                    .filter_map(|(l, k)| s(k).map(|v| ((*l).to_owned(), v)))
                    .collect();
                let aliases = sub.get_many::<String>("alias").map(|v| v.cloned().collect()).unwrap_or_default();
                Ok(Self::Entity { kind, names, aliases, wikidata: s("wikidata"), country: s("country"), dry_run, verbose })
            }
            kind => {
                let kind: FactKind =
                    kind.parse().map_err(|e: igokg::model::FactError| clap::Error::raw(clap::error::ErrorKind::InvalidSubcommand, e))?;
                let args = kind.spec().args.iter().filter_map(|a| s(a.name).map(|v| (a.name.to_owned(), v))).collect();
                let prov = ProvArgs {
                    source: s("source"),
                    published: s("published"),
                    lang: s("lang"),
                    publisher: s("publisher"),
                    quote: s("quote"),
                    span: s("span"),
                    confidence: s("confidence"),
                };
                Ok(Self::Fact { kind, args, prov, dry_run, verbose })
            }
        }
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

/// Builds provenance from the flags.
pub fn provenance(p: &ProvArgs, method: Method, recorded: &str) -> Result<Provenance> {
    let mut prov = Provenance::new(p.source.clone().unwrap_or_else(|| "igokg cli".into()), method);
    prov.recorded = Some(recorded.to_owned());
    prov.lang = p.lang.clone();
    prov.publisher = p.publisher.clone();
    prov.quote = p.quote.clone();
    if let Some(d) = &p.published {
        prov.published = Some(d.parse().map_err(|e| anyhow!("--published: {e}"))?);
    }
    if let Some(c) = &p.confidence {
        prov.confidence = Some(c.parse().map_err(|_| anyhow!("--confidence '{c}' is not a number between 0 and 1"))?);
    }
    if let Some(span) = &p.span {
        let (a, b) = span.split_once(':').ok_or_else(|| anyhow!("--span '{span}': expected START:END"))?;
        let n = |v: &str| v.trim().parse::<usize>().map_err(|_| anyhow!("--span '{span}': '{v}' is not a character offset"));
        prov.span = Some((n(a)?, n(b)?));
    }
    if let (Some(q), Some((a, b))) = (&prov.quote, prov.span) {
        if b - a != q.chars().count() {
            bail!("--span {a}:{b} covers {} characters but --quote has {}", b - a, q.chars().count());
        }
    }
    Ok(prov)
}

fn print_quads(quads: &[Quad]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for q in quads {
        writeln!(out, "{q} .")?;
    }
    Ok(())
}

/// What a dry run would add: a line for a person (`what`), where it would go, how many quads,
/// and the quads themselves with `-v`.
fn show_dry_run(what: &str, graph: &str, quads: &[Quad], verbose: bool) -> Result<()> {
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "would add {}", igokg::format::terminal_text(what))?;
        writeln!(out, "  in graph {graph}: {} (nothing written: dry run)", super::plural(quads.len() as u64, "quad"))?;
    }
    if verbose {
        print_quads(quads)?;
    } else {
        eprintln!("(-v prints the quads)");
    }
    Ok(())
}

/// Every literal passes the checks of every door (size, datatype, no control characters).
fn check_literals(quads: &[Quad]) -> Result<()> {
    for q in quads {
        igokg::ingest::literal::check_term(&q.object).map_err(|e| anyhow!("{e} (in {} of {})", q.predicate, q.subject))?;
    }
    Ok(())
}

pub fn run(args: Args, store: &StorePath) -> Result<()> {
    match args {
        Args::Fact { kind, args, prov, dry_run, verbose } => {
            let (st, names) = store.open_unless_dry_run(dry_run)?;
            let prov = provenance(&prov, Method::Cli, &super::now())?;
            let fact = Fact::from_strings(kind, args.iter().map(|(k, v)| (k.as_str(), v.as_str())), prov, names.resolver(st.as_ref()))?;
            let mut quads = Vec::new();
            rdf::source_quads(&rdf::SourceMeta::from_provenance(&fact.provenance), &mut quads);
            let node = rdf::fact_quads(&fact, &mut quads);
            check_literals(&quads)?;
            match st {
                None => show_dry_run(
                    &format!("{} ({})", fact.summary(), node.as_str()),
                    rdf::source_graph(&fact.provenance.source).as_str(),
                    &quads,
                    verbose,
                ),
                Some(st) => {
                    let n = st.insert(&igokg::graph::Batch { facts: vec![fact.clone()], ..Default::default() }, false)?;
                    eprintln!(
                        "added {} ({} new quads) in graph {}",
                        node.as_str(),
                        n.quads_added,
                        rdf::source_graph(&fact.provenance.source).as_str()
                    );
                    Ok(())
                }
            }
        }
        Args::Triple { s, p, o, graph, dry_run, verbose } => {
            let subject = term::parse_subject(&s).map_err(|e| anyhow!("subject: {e}"))?;
            let predicate = term::parse_iri(&p).map_err(|e| anyhow!("predicate: {e}"))?;
            let object = term::parse_term(&o).map_err(|e| anyhow!("object: {e}"))?;
            let graph_name = match graph.as_deref() {
                None | Some("default") => GraphName::DefaultGraph,
                Some(g) => term::parse_iri(g).map_err(|e| anyhow!("--graph: {e}"))?.into(),
            };
            let q = Quad::new(subject, predicate, object, graph_name);
            if dry_run {
                let g = q.graph_name.to_string();
                return show_dry_run(&format!("{} {} {}", q.subject, q.predicate, q.object), &g, &[q], verbose);
            }
            let st = store.open_for_write()?;
            let added = st.insert_quads(std::slice::from_ref(&q))?;
            eprintln!("{}", if added == 1 { "added 1 quad" } else { "the quad was already there" });
            Ok(())
        }
        Args::Entity { kind, names, aliases, wikidata, country, dry_run, verbose } => {
            if names.is_empty() {
                bail!("an entity needs at least one of --name-en, --name-ar, --name-ru");
            }
            if let Some(q) = &wikidata {
                if !is_wikidata_id(q) {
                    bail!("--wikidata '{q}' is not a Wikidata id (Q followed by digits)");
                }
            }
            let (st, resolver) = store.open_unless_dry_run(dry_run)?;
            let key = names.iter().find(|(l, _)| l == "en").unwrap_or(&names[0]).1.clone();
            let iri = entity_iri(kind, wikidata.as_deref(), &key);
            let country = match country {
                Some(c) => Some(
                    resolver.resolver(st.as_ref()).entity("country", &c, &[EntityType::State]).map_err(|e| anyhow!("--country: {e}"))?.iri,
                ),
                None => None,
            };
            let alias_names = aliases
                .iter()
                .map(|a| match a.rsplit_once('@') {
                    Some((t, l)) if l.len() <= 3 && l.chars().all(|c| c.is_ascii_alphabetic()) => {
                        Name { lang: l.to_owned(), text: t.to_owned() }
                    }
                    _ => Name { lang: "und".into(), text: a.clone() },
                })
                .collect();
            let e = Entity {
                iri,
                kind,
                wikidata,
                labels: names.into_iter().map(|(lang, text)| Name { lang, text }).collect(),
                aliases: alias_names,
                notations: vec![],
                country,
                capital: false,
                historical: false,
                minted_by: None,
                romanised: false,
            };
            let mut quads = Vec::new();
            rdf::entity_quads(&e, &mut quads);
            check_literals(&quads)?;
            if dry_run {
                let label = e.labels.iter().map(|n| format!("{}@{}", n.text, n.lang)).collect::<Vec<_>>().join(", ");
                return show_dry_run(&format!("{kind} {label} ({})", e.iri), rdf::entities_graph().as_str(), &quads, verbose);
            }
            let Some(st) = st else { unreachable!("a graph is opened unless it is a dry run") };
            st.add_entity(&e)?;
            eprintln!("added {} {}", kind, e.iri);
            Ok(())
        }
    }
}
