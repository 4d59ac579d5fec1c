//! `minsheng import FILE --district SLUG`: a raw report becomes a content markdown file.

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// What the editor asked for on the command line.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site folder, holding content/.
    pub root: PathBuf,
    /// The raw report: plain text in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16.
    pub file: PathBuf,
    pub district: String,
    pub slug: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub source: Option<String>,
    /// Replace an existing file.
    pub force: bool,
}

/// What the import wrote, for the message on the terminal.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The written file, relative to the site root.
    pub path: PathBuf,
    pub district: String,
    pub title: String,
    /// The encoding the raw file was read in, e.g. `GBK`.
    pub encoding: &'static str,
    /// How many metrics the extractor finds in the body.
    pub metrics: usize,
}

pub fn run(options: &ImportOptions) -> Result<Imported, Diagnostics> {
    Err(Diagnostic::file(&options.file, "import is not written yet").into())
}
