//! The downloads: every metric as `data/metrics.csv` and `data/metrics.json`, and a CSV per
//! district at `districts/<slug>/metrics.csv`. Columns are documented on the data page.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analyze::domains::Domain;
use crate::analyze::lexicon::Qualifier;
use crate::analyze::metrics::{whole_numbers_as_integers, Kind};
use crate::content::{Atlas, District, Report};
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::site::analysis::Analysis;
use crate::site::output::Staging;
use crate::site::pages::report_path;
use crate::urls::Urls;

/// One row of the exports: a metric with where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct Row<'a> {
    pub district: &'a str,
    pub report: &'a str,
    pub report_date: String,
    pub id: &'a str,
    pub text: &'a str,
    #[serde(serialize_with = "whole_numbers_as_integers")]
    pub value: f64,
    pub unit: &'a str,
    pub qualifier: Qualifier,
    pub kind: Kind,
    pub period: Option<&'a str>,
    pub domain: Domain,
    pub subject: &'a str,
    pub subject_en: &'a str,
    pub sentence: &'a str,
    /// Permalink of the sentence on the report page (default language).
    pub url: String,
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
                id: &metric.id,
                text: &metric.text,
                value: metric.value,
                unit: &metric.unit,
                qualifier: metric.qualifier,
                kind: metric.kind,
                period: metric.period.as_deref(),
                domain: metric.domain,
                subject: &metric.subject,
                subject_en: &metric.subject_en,
                sentence: &metric.sentence,
                url: format!("{page}#{}", metric.id),
            });
        }
    }
    rows
}

/// Writes the downloads into `staging`, district by district, so that an atlas of any size
/// holds the rows of one district at a time. Returns the paths written.
pub fn write(
    atlas: &Atlas,
    analysis: &Analysis,
    urls: &Urls,
    lang: Lang,
    staging: &Staging,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let all_csv = PathBuf::from("data/metrics.csv");
    let all_json = PathBuf::from("data/metrics.json");
    let mut csv_all = csv::Writer::from_writer(staging.create(&all_csv)?);
    let mut json = staging.create(&all_json)?;
    let json_error = |e: std::io::Error| export_error(&all_json, e);
    json.write_all(b"{\"metrics\":[").map_err(json_error)?;
    let mut written = vec![all_csv.clone(), all_json.clone()];
    let mut empty = true;
    for district in &atlas.districts {
        let rows = district_rows(district, analysis, urls, lang);
        let own = PathBuf::from(format!("districts/{}/metrics.csv", district.slug));
        let mut csv_own = csv::Writer::from_writer(staging.create(&own)?);
        for row in &rows {
            csv_all
                .serialize(row)
                .map_err(|e| export_error(&all_csv, e))?;
            csv_own.serialize(row).map_err(|e| export_error(&own, e))?;
            if !empty {
                json.write_all(b",").map_err(json_error)?;
            }
            empty = false;
            serde_json::to_writer(&mut json, row).map_err(|e| export_error(&all_json, e))?;
        }
        finish_csv(csv_own, rows.is_empty(), &own)?;
        written.push(own);
    }
    finish_csv(csv_all, empty, &all_csv)?;
    json.write_all(b"]}\n").map_err(json_error)?;
    json.flush().map_err(json_error)?;
    Ok(written)
}

/// Flushes a CSV file, writing the header alone when there were no rows.
fn finish_csv(
    mut writer: csv::Writer<BufWriter<File>>,
    empty: bool,
    path: &Path,
) -> Result<(), Diagnostic> {
    if empty {
        writer
            .write_record(HEADER)
            .map_err(|e| export_error(path, e))?;
    }
    writer.flush().map_err(|e| export_error(path, e))
}

/// The columns, written on their own when there are no rows.
const HEADER: [&str; 15] = [
    "district",
    "report",
    "report_date",
    "id",
    "text",
    "value",
    "unit",
    "qualifier",
    "kind",
    "period",
    "domain",
    "subject",
    "subject_en",
    "sentence",
    "url",
];

fn export_error(path: &Path, e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::file(path, format!("cannot write the export: {e}"))
        .hint("check that the output folder is writable")
}
