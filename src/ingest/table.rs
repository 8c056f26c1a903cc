//! CSV fact tables: columns named after the fact model's arguments, one kind per file (given
//! by `--kind`) or a `kind` column; provenance columns `source`, `published`, `lang`,
//! `publisher`, `quote`, `span_start`, `span_end`, `confidence`, `rule`. Every row is checked
//! before anything is written; errors name the file, line and column.

use super::{InputError, InputErrors};
use crate::model::{Fact, FactKind, Method, Provenance, Resolve};
use std::io::Read;

const PROVENANCE_COLUMNS: &[&str] = &["source", "published", "lang", "publisher", "quote", "span_start", "span_end", "confidence", "rule"];
/// The bad rows reported in full; the others are counted.
pub const MAX_ERRORS: usize = 20;

/// Reads a fact table. `file` names the input in errors and is the default source.
pub fn read_facts(
    input: impl Read,
    file: &str,
    kind: Option<FactKind>,
    resolver: &dyn Resolve,
    recorded: Option<&str>,
) -> Result<Vec<Fact>, InputErrors> {
    let mut facts = Vec::new();
    let mut errors = Vec::new();
    let mut more = 0;
    for r in FactReader::new(input, file, kind, resolver, recorded)? {
        match r {
            Ok(f) => facts.push(f),
            Err(e) => push(&mut errors, &mut more, e),
        }
    }
    if !errors.is_empty() {
        return Err(InputErrors { errors, more });
    }
    Ok(facts)
}

/// The facts of a table, one row at a time: memory stays that of one record whatever the
/// length of the table (wrap the input in [`super::limit::Limited`] to bound the record too).
/// Each bad row is an error naming its line and column; reading goes on after it, except
/// after an error of the input itself (which ends the table).
pub struct FactReader<'r, R: Read> {
    records: csv::StringRecordsIntoIter<R>,
    header: Vec<String>,
    kind_col: Option<usize>,
    kind: Option<FactKind>,
    file: String,
    resolver: &'r dyn Resolve,
    recorded: Option<String>,
    done: bool,
}

impl<'r, R: Read> FactReader<'r, R> {
    /// Reads and checks the header; a bad header is an error before any row.
    pub fn new(
        input: R,
        file: &str,
        kind: Option<FactKind>,
        resolver: &'r dyn Resolve,
        recorded: Option<&str>,
    ) -> Result<Self, InputError> {
        let mut rdr = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(input);
        let header: Vec<String> = rdr
            .headers()
            .map_err(|e| InputError::new(file, Some(1), None, format!("cannot read the header: {}", csv_message(&e))))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase().replace('-', "_"))
            .collect();
        if header.iter().all(String::is_empty) {
            return Err(InputError::new(file, Some(1), None, "the table has no header"));
        }
        let kind_col = header.iter().position(|h| h == "kind");
        if kind_col.is_none() && kind.is_none() {
            return Err(InputError::new(file, Some(1), None, "no `kind` column: add one, or give the kind of every row with --kind"));
        }
        for (i, h) in header.iter().enumerate() {
            let known = h == "kind" || PROVENANCE_COLUMNS.contains(&h.as_str()) || FactKind::ALL.iter().any(|k| k.spec().arg(h).is_some());
            if !known {
                return Err(InputError::new(
                    file,
                    Some(1),
                    Some(h.clone()),
                    format!(
                        "unknown column '{}' (column {}): columns are the fact arguments, `kind`, and {}",
                        h,
                        i + 1,
                        PROVENANCE_COLUMNS.join(", ")
                    ),
                ));
            }
            if let Some(k) = kind.filter(|_| kind_col.is_none()) {
                if h != "kind" && !PROVENANCE_COLUMNS.contains(&h.as_str()) && k.spec().arg(h).is_none() {
                    return Err(InputError::new(file, Some(1), Some(h.clone()), format!("column '{h}' is not an argument of {k}")));
                }
            }
        }
        Ok(Self {
            records: rdr.into_records(),
            header,
            kind_col,
            kind,
            file: file.to_owned(),
            resolver,
            recorded: recorded.map(str::to_owned),
            done: false,
        })
    }
}

impl<R: Read> Iterator for FactReader<'_, R> {
    type Item = Result<Fact, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let file = self.file.as_str();
        let rec = match self.records.next()? {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line());
                // An error of the input (a cap reached, a read failing) ends the table.
                if line.is_none() || matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                return Some(Err(InputError::new(file, line, None, csv_message(&e))));
            }
        };
        let line = rec.position().map(|p| p.line());
        if let Some((i, cell)) = rec.iter().enumerate().find(|(_, c)| c.len() > super::literal::MAX_LITERAL) {
            let msg = format!("a cell of {} bytes exceeds the limit of {} bytes", cell.len(), super::literal::MAX_LITERAL);
            return Some(Err(InputError::new(file, line, self.header.get(i).cloned(), msg)));
        }
        if let Some((i, msg)) = rec.iter().enumerate().find_map(|(i, c)| super::literal::check_text(c).err().map(|m| (i, m))) {
            return Some(Err(InputError::new(file, line, self.header.get(i).cloned(), msg)));
        }
        Some(
            row_fact(&self.header, &rec, self.kind_col, self.kind, file, self.resolver, self.recorded.as_deref())
                .map_err(|(col, msg)| InputError::new(file, line, col, msg)),
        )
    }
}

/// A CSV error for people: an input error (a cap, a failing read) as itself, else "malformed CSV".
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => match super::limit::LimitError::from_io(io) {
            Some(limit) => limit.to_string(),
            None => format!("cannot read: {io}"),
        },
        _ => format!("malformed CSV: {e}"),
    }
}

/// Keeps the first errors of a table and counts the others.
pub fn push(errors: &mut Vec<InputError>, more: &mut usize, e: InputError) {
    if errors.len() < MAX_ERRORS {
        errors.push(e);
    } else {
        *more += 1;
    }
}

type RowError = (Option<String>, String);

fn row_fact(
    header: &[String],
    rec: &csv::StringRecord,
    kind_col: Option<usize>,
    kind: Option<FactKind>,
    file: &str,
    resolver: &dyn Resolve,
    recorded: Option<&str>,
) -> Result<Fact, RowError> {
    let cell = |name: &str| header.iter().position(|h| h == name).and_then(|i| rec.get(i)).unwrap_or("").trim();
    let kind = match kind_col.map(|i| rec.get(i).unwrap_or("").trim()) {
        Some(k) if !k.is_empty() => k.parse::<FactKind>().map_err(|e| (Some("kind".to_owned()), e.to_string()))?,
        _ => kind.ok_or((Some("kind".to_owned()), "empty kind".to_owned()))?,
    };
    let spec = kind.spec();
    let mut args = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let v = rec.get(i).unwrap_or("").trim();
        if h == "kind" || PROVENANCE_COLUMNS.contains(&h.as_str()) || v.is_empty() {
            continue;
        }
        if spec.arg(h).is_none() {
            return Err((Some(h.clone()), format!("'{v}' in column '{h}', which is not an argument of {kind}")));
        }
        args.push((h.as_str(), v));
    }
    let source = cell("source");
    let mut p = Provenance::new(if source.is_empty() { file } else { source }, Method::Csv);
    p.recorded = recorded.map(str::to_owned);
    let opt = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
    p.lang = opt(cell("lang"));
    p.publisher = opt(cell("publisher"));
    p.quote = opt(cell("quote"));
    p.rule = opt(cell("rule"));
    if !cell("published").is_empty() {
        p.published = Some(cell("published").parse().map_err(|e| (Some("published".to_owned()), format!("{e}")))?);
    }
    if !cell("confidence").is_empty() {
        p.confidence = Some(
            cell("confidence").parse().map_err(|_| (Some("confidence".to_owned()), format!("'{}' is not a number", cell("confidence"))))?,
        );
    }
    match (cell("span_start"), cell("span_end")) {
        ("", "") => {}
        (s, e) => {
            let n = |v: &str, c: &str| v.parse::<usize>().map_err(|_| (Some(c.to_owned()), format!("'{v}' is not a character offset")));
            p.span = Some((n(s, "span_start")?, n(e, "span_end")?));
        }
    }
    Fact::from_strings(kind, args, p, resolver).map_err(|e| (None, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;

    fn read(csv: &str, kind: Option<FactKind>) -> Result<Vec<Fact>, InputErrors> {
        read_facts(csv.as_bytes(), "t.csv", kind, &Gazetteer::builtin(), None)
    }

    #[test]
    fn a_kind_column_mixes_kinds() {
        let f = read("kind,member,organization,status,chair,year\nmembership,Armenia,CSTO,,,\nmembership_status,أرمينيا,ОДКБ,frozen,,\nchairmanship,,CSTO,,Kazakhstan,2024\n", None).unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!(f[2].kind, FactKind::Chairmanship);
        assert_eq!(f[0].provenance.source, "t.csv");
    }

    #[test]
    fn bad_rows_are_reported_with_line_and_nothing_is_returned() {
        let e = read(
            "member,organization,start,end\nArmenia,CSTO,2002,\nNarnia,CSTO,2002,\nArmenia,CSTO,2010,2009\nArmenia,CSTO,2023-02-30,\n",
            Some(FactKind::Membership),
        )
        .unwrap_err();
        let text = e.to_string();
        assert_eq!(e.errors.len(), 3, "{text}");
        assert!(text.contains("t.csv:3") && text.contains("Narnia"), "{text}");
        assert!(text.contains("t.csv:4") && text.contains("before"), "{text}");
        assert!(text.contains("t.csv:5") && text.contains("28 days"), "{text}");
    }

    #[test]
    fn wrong_columns_are_named() {
        let e = read("member,organisation\nArmenia,CSTO\n", Some(FactKind::Membership)).unwrap_err();
        assert!(e.to_string().contains("unknown column 'organisation'"), "{e}");
        let e = read("member,organization\nArmenia,CSTO\n", None).unwrap_err();
        assert!(e.to_string().contains("no `kind` column"), "{e}");
        let e = read("member,organization,chair\nArmenia,CSTO,\n", Some(FactKind::Membership)).unwrap_err();
        assert!(e.to_string().contains("not an argument of membership"), "{e}");
    }

    #[test]
    fn ragged_rows_are_errors() {
        let e = read("kind,member,organization\nmembership,Armenia\n", None).unwrap_err();
        assert!(e.to_string().contains("t.csv:2"), "{e}");
    }

    #[test]
    fn the_fact_reader_streams_rows_and_goes_on_after_a_bad_one() {
        let gaz = Gazetteer::builtin();
        let csv = "member,organization,start\nArmenia,CSTO,2002\nNarnia,CSTO,2002\nBelarus,CSTO,2002\n";
        let rows: Vec<Result<Fact, InputError>> =
            FactReader::new(csv.as_bytes(), "t.csv", Some(FactKind::Membership), &gaz, None).unwrap().collect();
        assert_eq!(rows.len(), 3);
        assert!(rows[0].is_ok() && rows[2].is_ok());
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
    }

    #[test]
    fn a_record_over_the_cap_ends_the_table_with_a_clear_message() {
        use crate::ingest::limit::{Limited, Lines};
        let gaz = Gazetteer::builtin();
        // Good rows past the CSV reader's buffer, then a quoted cell that never closes.
        let mut csv = b"member,organization,start\n".to_vec();
        for _ in 0..2000 {
            csv.extend_from_slice(b"Armenia,CSTO,2002\n");
        }
        csv.push(b'"');
        csv.extend(std::iter::repeat_n(b'x', 5000));
        let limited = Limited::new(&csv[..], 1 << 20, "--max-bytes", Lines::Csv(1000));
        let rows: Vec<Result<Fact, InputError>> =
            FactReader::new(limited, "t.csv", Some(FactKind::Membership), &gaz, None).unwrap().collect();
        let (last, before) = rows.split_last().unwrap();
        assert!(before.len() > 100 && before.iter().all(Result::is_ok), "{} rows before the error", before.len());
        let e = last.as_ref().unwrap_err();
        assert!(e.message.contains("line 2002 is longer than") && !e.message.contains("malformed"), "{e}");
    }
}
