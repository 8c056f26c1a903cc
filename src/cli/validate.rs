//! `igokg validate`: SHACL shapes and temporal rules.

use super::StorePath;
use anyhow::{bail, Result};
use igokg::validate::{validate, Severity};

/// Check the store against the SHACL shapes of ontology/shapes.ttl and the temporal rules: a
/// chair is a member in its year, intervals end after they start, a frozen or suspended status
/// lies within a membership, one chair per organisation per year; and report sources that
/// disagree. Exits with 1 when there is a violation.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  igokg validate")]
pub struct Args {
    /// Also fail on warnings (conflicting sources)
    #[arg(long)]
    pub strict: bool,
}

pub fn run(a: Args, store: &StorePath) -> Result<()> {
    let graph = store.open_for_read()?;
    let st = graph.store();
    let findings = validate(st)?;
    for f in &findings {
        println!("{f}");
    }
    let violations = findings.iter().filter(|f| f.severity == Severity::Violation).count();
    let warnings = findings.len() - violations;
    eprintln!("{violations} violation(s), {warnings} warning(s)");
    if violations > 0 || (a.strict && warnings > 0) {
        bail!("the store does not validate");
    }
    Ok(())
}
