//! The analyze stage of the build: the metrics of every report, extracted once, corrected by
//! the editor's overrides, with glossary terms, key figures and indicator matches.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::analyze::glossary::{Glossary, TermFinder, TermHit};
use crate::analyze::metrics::{extract, Metric};
use crate::analyze::{overrides, take_unrepresentable, text};
use crate::content::{Atlas, Indicator, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Domain;
use crate::model::Kind;

/// How many figures a report's "at a glance" box shows.
const KEY_FIGURES: usize = 6;

#[derive(Clone)]
pub struct Analysis {
    pub glossary: Glossary,
    /// By district, then report slug: looked up by `&str` without allocating.
    reports: BTreeMap<String, BTreeMap<String, ReportAnalysis>>,
    /// Per indicator of the atlas (same order), the metrics that count towards it.
    pub indicators: Vec<Vec<MetricRef>>,
}

#[derive(Debug, Clone, Default)]
pub struct ReportAnalysis {
    /// In text order.
    pub metrics: Vec<Metric>,
    /// First occurrence of each site glossary term.
    pub terms: Vec<TermHit>,
    /// Indices into `metrics` of the report's key figures, in text order.
    pub key_figures: Vec<usize>,
}

/// One metric of one report; ordered by district, report, then index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MetricRef {
    pub district: String,
    pub report: String,
    pub index: usize,
}

impl Analysis {
    pub fn new(atlas: &Atlas) -> Result<Analysis, Diagnostics> {
        let glossary = Glossary::new(&atlas.glossary);
        let terms = TermFinder::new(&atlas.glossary);
        // Reports are analysed in parallel; collecting keeps their order.
        let analysed: Vec<(&Report, ReportAnalysis, Vec<Diagnostic>)> = atlas
            .reports()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|report| {
                let (analysis, problems) =
                    analyze_report(report, &glossary, &terms, &atlas.indicators);
                (report, analysis, problems)
            })
            .collect();
        let mut problems = Diagnostics::default();
        let mut reports: BTreeMap<String, BTreeMap<String, ReportAnalysis>> = BTreeMap::new();
        for (report, analysis, found) in analysed {
            problems.extend(found.into_iter().collect());
            reports
                .entry(report.district.clone())
                .or_default()
                .insert(report.slug.clone(), analysis);
        }
        let mut analysis = Analysis {
            glossary,
            reports,
            indicators: Vec::new(),
        };
        analysis.indicators = atlas
            .indicators
            .par_iter()
            .map(|indicator| analysis.matches(indicator))
            .collect();
        problems.into_result(analysis)
    }

    /// Analyses `report` again after an edit, with the indicators that depend on it.
    pub fn update_report(&mut self, atlas: &Atlas, report: &Report) -> Result<(), Diagnostics> {
        let terms = TermFinder::new(&atlas.glossary);
        let (analysis, found) = analyze_report(report, &self.glossary, &terms, &atlas.indicators);
        found.into_iter().collect::<Diagnostics>().into_result(())?;
        let (district, slug) = (&report.district, &report.slug);
        for (refs, indicator) in self.indicators.iter_mut().zip(&atlas.indicators) {
            refs.retain(|r| (&r.district, &r.report) != (district, slug));
            refs.extend(counting_towards(district, slug, &analysis, indicator));
            // The order of a full analysis.
            refs.sort();
        }
        self.reports
            .entry(district.clone())
            .or_default()
            .insert(slug.clone(), analysis);
        Ok(())
    }

    pub fn report(&self, report: &Report) -> &ReportAnalysis {
        static EMPTY: ReportAnalysis = ReportAnalysis {
            metrics: Vec::new(),
            terms: Vec::new(),
            key_figures: Vec::new(),
        };
        self.find(&report.district, &report.slug).unwrap_or(&EMPTY)
    }

    pub fn metrics(&self, report: &Report) -> &[Metric] {
        &self.report(report).metrics
    }

    pub fn metric(&self, at: &MetricRef) -> Option<&Metric> {
        self.find(&at.district, &at.report)
            .and_then(|r| r.metrics.get(at.index))
    }

    fn find(&self, district: &str, slug: &str) -> Option<&ReportAnalysis> {
        self.reports.get(district).and_then(|r| r.get(slug))
    }

    /// The metrics that count towards `indicator`, by district, report, then index.
    fn matches(&self, indicator: &Indicator) -> Vec<MetricRef> {
        self.reports
            .iter()
            .flat_map(|(district, reports)| reports.iter().map(move |(r, a)| (district, r, a)))
            .flat_map(|(district, report, analysis)| {
                counting_towards(district, report, analysis, indicator)
            })
            .collect()
    }
}

/// The metrics of one report's analysis that count towards `indicator`.
fn counting_towards<'a>(
    district: &'a str,
    report: &'a str,
    analysis: &'a ReportAnalysis,
    indicator: &'a Indicator,
) -> impl Iterator<Item = MetricRef> + 'a {
    analysis
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, metric)| counts_towards(metric, indicator))
        .map(|(index, _)| MetricRef {
            district: district.to_string(),
            report: report.to_string(),
            index,
        })
}

fn analyze_report(
    report: &Report,
    glossary: &Glossary,
    terms: &TermFinder,
    indicators: &[Indicator],
) -> (ReportAnalysis, Vec<Diagnostic>) {
    let doc = &report.text;
    let blocks = text::markdown_blocks(&doc.body, doc.body_offset);
    let mut extracted = extract(&doc.body, doc.body_offset, &blocks, glossary);
    let too_large = take_unrepresentable(&mut extracted).into_iter().map(|m| {
        doc.at(
            m.start - doc.body_offset,
            format!("the number `{}` is too large to be a figure", m.text),
        )
        .hint("check the digits; write very large amounts with 万 or 亿")
    });
    let (metrics, unmatched) = overrides::apply(extracted, &report.meta.metrics, glossary);
    let problems = too_large.chain(unmatched
        .into_iter()
        .map(|miss| {
            let item = &report.meta.metrics[miss.index];
            let (message, hint) = if miss.found > 1 && item.nth.is_none() {
                (
                    format!("metric override `{}` matches {} metrics", item.text, miss.found),
                    format!("add `nth: 1` … `nth: {}` to say which one is meant", miss.found),
                )
            } else {
                (
                    format!("metric override `{}` matches no metric", item.text),
                    "write `text:` exactly as `minsheng extract FILE` lists the metric (and `nth:` within their number)".to_string(),
                )
            };
            Diagnostic::new(&doc.path, item.line, 1, message).hint(hint)
        }))
        .collect();
    let analysis = ReportAnalysis {
        terms: terms.first_occurrences(&blocks),
        key_figures: key_figures(&metrics, indicators),
        metrics,
    };
    (analysis, problems)
}

pub fn counts_towards(metric: &Metric, indicator: &Indicator) -> bool {
    metric.unit == indicator.unit
        && indicator
            .subjects
            .iter()
            .any(|s| !s.is_empty() && metric.subject.contains(s.as_str()))
}

/// Achievements that count towards an indicator first, then the first achievement with a
/// translated subject in each domain, then targets; at most [`KEY_FIGURES`], in text order.
fn key_figures(metrics: &[Metric], indicators: &[Indicator]) -> Vec<usize> {
    let described = |m: &Metric| !m.subject.is_empty() && !m.subject_en.is_empty();
    let mut picked: Vec<usize> = Vec::new();
    let take = |i: usize, picked: &mut Vec<usize>| {
        if picked.len() < KEY_FIGURES && !picked.contains(&i) {
            picked.push(i);
        }
    };
    for (i, m) in metrics.iter().enumerate() {
        if m.kind == Kind::Actual && indicators.iter().any(|ind| counts_towards(m, ind)) {
            take(i, &mut picked);
        }
    }
    for domain in Domain::ALL {
        if let Some(i) = metrics
            .iter()
            .position(|m| m.domain == domain && m.kind == Kind::Actual && described(m))
        {
            take(i, &mut picked);
        }
    }
    for (i, m) in metrics.iter().enumerate() {
        if described(m) {
            take(i, &mut picked);
        }
    }
    picked.sort_unstable();
    picked
}
