//! Doors that read files: CSV fact tables, RDF files, terms typed at the command line.

pub mod cow;
pub mod limit;
pub mod literal;
pub mod rdf_file;
pub mod table;
pub mod term;

/// An error at a place in an input file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}{}: {message}", .line.map(|l| format!(":{l}")).unwrap_or_default(), .column.as_ref().map(|c| format!(" (column {c})")).unwrap_or_default())]
pub struct InputError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
}

impl From<oxigraph::store::StorageError> for InputError {
    fn from(e: oxigraph::store::StorageError) -> Self {
        Self::new("the store", None, None, e.to_string())
    }
}

impl InputError {
    pub fn new(file: impl Into<String>, line: Option<u64>, column: Option<String>, message: impl Into<String>) -> Self {
        Self { file: file.into(), line, column, message: message.into() }
    }
}

/// Several input errors (all bad rows of a table are reported, up to a limit).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"), if *.more > 0 { format!("\n… and {} more errors", .more) } else { String::new() })]
pub struct InputErrors {
    pub errors: Vec<InputError>,
    pub more: usize,
}

impl From<InputError> for InputErrors {
    fn from(e: InputError) -> Self {
        Self { errors: vec![e], more: 0 }
    }
}
