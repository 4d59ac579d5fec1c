//! The downloads: every metric as `data/metrics.csv` and `data/metrics.json`, and a CSV per
//! district at `districts/<slug>/metrics.csv`. Columns are documented on the data page.

use serde::Serialize;

use crate::analyze::domains::Domain;
use crate::analyze::lexicon::Qualifier;
use crate::analyze::metrics::{whole_numbers_as_integers, Kind};
use crate::content::Atlas;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::site::analysis::Analysis;
use crate::site::pages::{report_path, OutputFile};
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

#[derive(Serialize)]
struct Export<'a> {
    metrics: &'a [Row<'a>],
}

/// Every metric in district, report and text order.
pub fn rows<'a>(atlas: &'a Atlas, analysis: &'a Analysis, urls: &Urls, lang: Lang) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for district in &atlas.districts {
        let mut reports: Vec<_> = district.reports.iter().collect();
        reports.sort_by(|a, b| a.slug.cmp(&b.slug));
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
    }
    rows
}

pub fn files(
    atlas: &Atlas,
    analysis: &Analysis,
    urls: &Urls,
    lang: Lang,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let rows = rows(atlas, analysis, urls, lang);
    let mut files = vec![
        OutputFile {
            path: "data/metrics.csv".into(),
            bytes: csv_bytes(&rows)?,
        },
        OutputFile {
            path: "data/metrics.json".into(),
            bytes: json_bytes(&rows)?,
        },
    ];
    for district in &atlas.districts {
        let own: Vec<Row> = rows
            .iter()
            .filter(|r| r.district == district.slug)
            .cloned()
            .collect();
        files.push(OutputFile {
            path: format!("districts/{}/metrics.csv", district.slug).into(),
            bytes: csv_bytes(&own)?,
        });
    }
    Ok(files)
}

fn csv_bytes(rows: &[Row]) -> Result<Vec<u8>, Diagnostic> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        writer.write_record(HEADER).map_err(export_error)?;
    }
    for row in rows {
        writer.serialize(row).map_err(export_error)?;
    }
    writer
        .into_inner()
        .map_err(|e| export_error(e.into_error()))
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

fn json_bytes(rows: &[Row]) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = serde_json::to_vec(&Export { metrics: rows })
        .map_err(|e| Diagnostic::file("data/metrics.json", e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn export_error(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::file("data/metrics.csv", format!("cannot write the export: {e}"))
}
