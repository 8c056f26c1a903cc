//! `igokg eval GOLD.jsonl PRED.jsonl`: precision, recall and F1 of extracted facts.

use anyhow::{Context, Result};
use igokg::eval::{read_jsonl, score};
use igokg::gazetteer::Gazetteer;
use std::path::PathBuf;

/// Output forms of `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

/// Score extracted facts (the JSON Lines of `igokg extract`) against gold facts (the same
/// form, or the short form where an entity is a Wikidata id or an English name): precision,
/// recall and F1 per kind and overall. A predicted fact matches a gold fact of the same kind
/// when every argument the gold fact gives matches: an entity by Wikidata id or English label
/// (a person by surname), a date to the gold's precision, an event by organisation and year.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  igokg extract article.ar.txt > pred.jsonl && igokg eval article.gold.jsonl pred.jsonl")]
pub struct Args {
    /// Gold facts (JSON Lines)
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub gold: PathBuf,
    /// Predicted facts (JSON Lines; `-` for stdin)
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub pred: PathBuf,
    /// Output form
    #[arg(long, value_enum, default_value = "table")]
    pub format: EvalFormat,
    /// Also list the gold facts missed and the predictions that matched nothing
    #[arg(long)]
    pub verbose: bool,
}

fn read(p: &PathBuf) -> Result<String> {
    if p.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        return Ok(s);
    }
    std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
}

pub fn run(args: Args, _store: &super::StorePath) -> Result<()> {
    let gaz = Gazetteer::builtin();
    let gold = read_jsonl(&read(&args.gold)?, &args.gold.display().to_string())?;
    let pred = read_jsonl(&read(&args.pred)?, &args.pred.display().to_string())?;
    let r = score(&gold, &pred, &gaz);
    super::with_output(None, |w| {
        match args.format {
            EvalFormat::Table => write!(w, "{}", r.table())?,
            EvalFormat::Json => {
                let by_kind: serde_json::Map<String, serde_json::Value> = r
                    .by_kind
                    .iter()
                    .map(|(k, c)| (k.clone(), serde_json::json!({"gold": c.gold, "predicted": c.predicted, "matched": c.matched, "precision": c.precision(), "recall": c.recall(), "f1": c.f1()})))
                    .collect();
                let o = &r.overall;
                writeln!(
                    w,
                    "{}",
                    serde_json::json!({"by_kind": by_kind, "overall": {"gold": o.gold, "predicted": o.predicted, "matched": o.matched, "precision": o.precision(), "recall": o.recall(), "f1": o.f1()}})
                )?;
            }
        }
        if args.verbose {
            for m in &r.missed {
                writeln!(w, "MISSED   {m}")?;
            }
            for s in &r.spurious {
                let mut s = s.clone();
                if let Some(o) = s.as_object_mut() {
                    o.remove("evidence");
                }
                writeln!(w, "SPURIOUS {s}")?;
            }
        }
        Ok(())
    })
}
