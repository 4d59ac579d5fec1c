//! The downloads: every metric as `data/metrics.csv.gz` and `data/metrics.json.gz`, and a CSV
//! per district at `districts/<slug>/metrics.csv.gz`. Columns are documented on the data page.
//! All are compressed: plain, they held a fifth of a large atlas's bytes. A district's file is
//! its part of the site-wide CSV with the header before it, so it costs no second compression.
//! The sentence a figure comes from is in the JSON only: in the CSV files it was most of the
//! bytes, repeated for every figure of a sentence, and each row's `url` links to it.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::Serialize;

use crate::analyze::lexicon::Qualifier;
use crate::analyze::metrics::{optional_whole_numbers, whole_numbers_as_integers, MetricId};
use crate::content::{Atlas, District, Report};
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::model::Domain;
use crate::model::Kind;
use crate::site::analysis::Analysis;
use crate::site::names::report_path;
use crate::site::output::Staging;
use crate::urls::Urls;

/// The site-wide downloads.
pub const ALL_CSV: &str = "data/metrics.csv.gz";
pub const ALL_JSON: &str = "data/metrics.json.gz";

/// One row of the exports: a metric with where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Row<'a> {
    pub district: &'a str,
    pub report: &'a str,
    pub report_date: String,
    pub id: MetricId,
    pub text: Cow<'a, str>,
    #[serde(serialize_with = "whole_numbers_as_integers")]
    pub value: f64,
    /// The upper end of a range; empty otherwise.
    #[serde(serialize_with = "optional_whole_numbers")]
    pub value_max: Option<f64>,
    pub unit: Cow<'a, str>,
    pub qualifier: Qualifier,
    pub kind: Kind,
    pub period: Option<Cow<'a, str>>,
    pub domain: Domain,
    pub subject: Cow<'a, str>,
    pub subject_en: Cow<'a, str>,
    /// In the JSON only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Cow<'a, str>>,
    /// Permalink of the sentence on the report page (default language).
    pub url: String,
}

impl Row<'_> {
    /// The row for a spreadsheet: text that a spreadsheet would take for a formula (starting
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP
    /// recommends. The value stays a number.
    fn for_spreadsheet(&self) -> Row<'_> {
        Row {
            district: self.district,
            report: self.report,
            report_date: self.report_date.clone(),
            id: self.id,
            text: cell(&self.text),
            value: self.value,
            value_max: self.value_max,
            unit: cell(&self.unit),
            qualifier: self.qualifier,
            kind: self.kind,
            period: self.period.as_deref().map(cell),
            domain: self.domain,
            subject: cell(&self.subject),
            subject_en: cell(&self.subject_en),
            sentence: None,
            url: self.url.clone(),
        }
    }
}

fn cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(["'", text].concat())
    } else {
        Cow::Borrowed(text)
    }
}

/// The rows of one district: its reports by slug, each in text order.
fn district_rows<'a>(
    district: &'a District,
    analysis: &'a Analysis,
    urls: &Urls,
    lang: Lang,
) -> Vec<Row<'a>> {
    let mut reports: Vec<&Report> = district.reports.iter().collect();
    reports.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut rows = Vec::new();
    for report in reports {
        let page = urls.permalink(lang, &report_path(report));
        for metric in analysis.metrics(report) {
            rows.push(Row {
                district: &district.slug,
                report: &report.slug,
                report_date: report.meta.date.format("%Y-%m-%d").to_string(),
                id: metric.id,
                text: Cow::Borrowed(&metric.text),
                value: metric.value,
                value_max: metric.value_max,
                unit: Cow::Borrowed(&metric.unit),
                qualifier: metric.qualifier,
                kind: metric.kind,
                period: metric.period.as_deref().map(Cow::Borrowed),
                domain: metric.domain,
                subject: Cow::Borrowed(&metric.subject),
                subject_en: Cow::Borrowed(&metric.subject_en),
                sentence: Some(Cow::Borrowed(&metric.sentence)),
                url: format!("{page}#{}", metric.id),
            });
        }
    }
    rows
}

/// Writes the downloads into `staging`. Districts are serialised a few at a time in parallel,
/// each row once for both CSV files, and written in order by a thread of their own while the
/// next few serialise; only those districts' bytes are held at once. Returns the paths
/// written.
pub fn write(
    atlas: &Atlas,
    analysis: &Analysis,
    urls: &Urls,
    lang: Lang,
    staging: &Staging,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let all_csv = PathBuf::from(ALL_CSV);
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<(&District, Serialised)>>(1);
        let writer = scope.spawn(move || write_in_order(receiver, staging));
        for districts in atlas.districts.chunks(2 * rayon::current_num_threads()) {
            let serialised: Vec<Serialised> = districts
                .par_iter()
                .map(|district| serialise(&district_rows(district, analysis, urls, lang)))
                .collect::<Result<_, _>>()
                .map_err(|e| export_error(&all_csv, e))?;
            // A send fails only when the writer has stopped on an error, reported below.
            if sender
                .send(districts.iter().zip(serialised).collect())
                .is_err()
            {
                break;
            }
        }
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|_| Err(Diagnostic::file(&all_csv, "the export writer stopped")))
    })
}

/// Writes the serialised districts `receiver` hands over, in order: each district's own CSV,
/// and its rows into the site-wide CSV and JSON.
fn write_in_order(
    receiver: std::sync::mpsc::Receiver<Vec<(&District, Serialised)>>,
    staging: &Staging,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let all_csv = PathBuf::from(ALL_CSV);
    let all_json = PathBuf::from(ALL_JSON);
    let header = csv_header()
        .and_then(|header| gzip(&header).map_err(|e| e.to_string()))
        .map_err(|e| export_error(&all_csv, e))?;
    let mut csv_all = staging.create(&all_csv)?;
    let mut json = staging.create(&all_json)?;
    let csv_error = |e: std::io::Error| export_error(&all_csv, e);
    let json_error = |e: std::io::Error| export_error(&all_json, e);
    csv_all.write_all(&header).map_err(csv_error)?;
    json.write_all(&gzip(b"{\"metrics\":[").map_err(json_error)?)
        .map_err(json_error)?;
    let comma = gzip(b",").map_err(json_error)?;
    let mut written = vec![all_csv.clone(), all_json.clone()];
    let mut empty = true;
    for (district, rows) in receiver.into_iter().flatten() {
        let own = PathBuf::from(format!("districts/{}/metrics.csv.gz", district.slug));
        let mut csv_own = staging.create(&own)?;
        let own_error = |e: std::io::Error| export_error(&own, e);
        csv_own.write_all(&header).map_err(own_error)?;
        csv_own.write_all(&rows.csv_gz).map_err(own_error)?;
        csv_own.flush().map_err(own_error)?;
        written.push(own.clone());
        csv_all.write_all(&rows.csv_gz).map_err(csv_error)?;
        if let Some(objects) = &rows.json_gz {
            if !empty {
                json.write_all(&comma).map_err(json_error)?;
            }
            empty = false;
            json.write_all(objects).map_err(json_error)?;
        }
    }
    csv_all.flush().map_err(csv_error)?;
    json.write_all(&gzip(b"]}\n").map_err(json_error)?)
        .map_err(json_error)?;
    json.flush().map_err(json_error)?;
    Ok(written)
}

/// The rows of a district as CSV lines (no header) and as JSON objects (separated by commas;
/// none without rows), each a gzip member.
struct Serialised {
    csv_gz: Vec<u8>,
    json_gz: Option<Vec<u8>>,
}

/// `bytes` as one gzip member, at level 2: a fifth smaller than the fastest level (1) at the
/// same export time, where higher levels cost seconds of a large build. Members written
/// one after another are one gzip file, so the districts are compressed in parallel and
/// joined in order.
fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::new(2));
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn serialise(rows: &[Row]) -> Result<Serialised, String> {
    let mut csv = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    let mut json = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        csv.serialize(row.for_spreadsheet())
            .map_err(|e| e.to_string())?;
        if i > 0 {
            json.push(b',');
        }
        serde_json::to_writer(&mut json, row).map_err(|e| e.to_string())?;
    }
    let csv = csv.into_inner().map_err(|e| e.to_string())?;
    let compressed = |bytes: &[u8]| gzip(bytes).map_err(|e| e.to_string());
    Ok(Serialised {
        csv_gz: compressed(&csv)?,
        json_gz: (!json.is_empty()).then(|| compressed(&json)).transpose()?,
    })
}

fn csv_header() -> Result<Vec<u8>, String> {
    let mut header = csv::Writer::from_writer(Vec::new());
    header.write_record(HEADER).map_err(|e| e.to_string())?;
    header.into_inner().map_err(|e| e.to_string())
}

/// The columns.
const HEADER: [&str; 15] = [
    "district",
    "report",
    "report_date",
    "id",
    "text",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "kind",
    "period",
    "domain",
    "subject",
    "subject_en",
    "url",
];

fn export_error(path: &Path, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::file(path, format!("cannot write the export: {e}"))
        .hint("check that the output folder is writable")
}
