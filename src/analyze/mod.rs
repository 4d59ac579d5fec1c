//! The Chinese-text side of the atlas: segmentation, quantities, metrics, domains, glossary.

pub mod confidence;
pub mod dictionary;
pub mod domains;
pub mod english;
pub mod exclude;
pub mod glossary;
pub mod kind;
pub mod lexicon;
pub mod metrics;
pub mod numerals;
pub mod overrides;
pub mod quantity;
pub mod script;
pub mod segment;
pub mod subject;
pub mod table;
pub mod text;
pub mod tokens;
pub mod units;
pub mod words;

use std::path::Path;

use crate::content::{split, SourceFile};
use glossary::Glossary;
use metrics::{extract, Metric};

/// Removes the metrics whose value is too large for a number (hundreds of digits, say) and
/// returns them: such a figure would show as infinity and flatten every chart it is on.
pub fn take_unrepresentable(metrics: &mut Vec<Metric>) -> Vec<Metric> {
    let (kept, out) = std::mem::take(metrics)
        .into_iter()
        .partition(|m| m.value.is_finite());
    *metrics = kept;
    out
}

/// The metrics of a file's text: a content `.md` file (front matter skipped, markdown
/// structure respected) or raw report text.
pub fn file_metrics(path: &Path, text: &str, glossary: &Glossary) -> Vec<Metric> {
    let blocks = if path.extension().is_some_and(|e| e == "md") {
        let file = SourceFile {
            path: path.to_path_buf(),
            text: text.to_string(),
        };
        let (body, offset) =
            split(&file).map_or((text, 0), |parts| (parts.body, parts.body_offset));
        text::markdown_blocks(body, offset)
    } else {
        text::raw_blocks(text)
    };
    extract(text, 0, &blocks, glossary)
}
