//! `minsheng extract FILE`: the metrics of one report, as a table or as JSON.

use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::analyze::english::Source;
use crate::analyze::glossary::Glossary;
use crate::analyze::metrics::untranslated_subjects;
use crate::analyze::metrics::Metric;
use crate::analyze::{file_metrics, take_unrepresentable};
use crate::content::decode_utf8;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Untranslated,
}

#[derive(Serialize)]
struct Extraction<'a> {
    file: String,
    metrics: &'a [Metric],
}

/// Extracts the metrics of `file`, using the glossary of the site at `root` if it has one.
pub fn run(file: &Path, root: &Path, format: Format) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| {
        Diagnostic::file(file, format!("cannot read file: {e}"))
            .hint("give the path of a report, .md or .txt")
    })?;
    // Offsets count bytes of the file as read, byte-order mark included.
    let bom = if bytes.starts_with("\u{feff}".as_bytes()) {
        3
    } else {
        0
    };
    let text = decode_utf8(file, bytes)?;
    let mut metrics = file_metrics(file, &text, &site_glossary(root)?);
    for m in take_unrepresentable(&mut metrics) {
        eprintln!(
            "note: {}: `{}` skipped: the number is too large to be a figure",
            file.display(),
            m.text
        );
    }
    for m in &mut metrics {
        m.start += bom;
        m.end += bom;
    }
    Ok(match format {
        Format::Json => {
            let extraction = Extraction {
                file: file.display().to_string(),
                metrics: &metrics,
            };
            serde_json::to_string_pretty(&extraction).unwrap_or_default() + "\n"
        }
        Format::Table => table(&metrics),
        Format::Untranslated => untranslated(&metrics),
    })
}

/// The glossary of the site at `root`, or an empty one if it has none.
pub(crate) fn site_glossary(root: &Path) -> Result<Glossary, Diagnostic> {
    Ok(Glossary::new(&crate::content::load_glossary(root)?))
}

const COLUMNS: [&str; 10] = [
    "id",
    "text",
    "value",
    "unit",
    "qualifier",
    "domain",
    "kind",
    "period",
    "subject",
    "subject_en",
];

fn table(metrics: &[Metric]) -> String {
    // Cells as the JSON has them: enums by name, whole numbers without a decimal point.
    let rows: Vec<[String; 10]> = metrics
        .iter()
        .map(|m| {
            let json = serde_json::to_value(m).unwrap_or_default();
            COLUMNS.map(|column| match &json[column] {
                serde_json::Value::String(s) => s.replace(['\n', '\r'], ""),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            })
        })
        .collect();
    let mut widths = COLUMNS.map(|c| c.width());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(&COLUMNS.map(String::from));
    for row in &rows {
        out.push_str(&line(row));
    }
    let composed = metrics
        .iter()
        .filter(|m| m.subject_en_source == Source::Composed)
        .count();
    out.push_str(&format!(
        "{} metrics; {composed} subjects have English composed from the dictionary (list them with --untranslated)\n",
        metrics.len()
    ));
    out
}

/// Subjects whose English is composed from the dictionary, most frequent first.
fn untranslated(metrics: &[Metric]) -> String {
    untranslated_subjects(metrics)
        .iter()
        .map(|(s, n)| format!("{n}\t{s}\n"))
        .collect()
}
