//! The analyze stage of the build: the metrics of every report, extracted once, corrected by
//! the editor's overrides, with glossary terms, key figures and indicator matches.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::analyze::glossary::{Glossary, TermFinder, TermHit};
use crate::analyze::metrics::{extract, Kind, Metric};
use crate::analyze::{overrides, text, Domain};
use crate::content::{Atlas, Indicator, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};

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

/// One metric of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
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
                let (analysis, problems) = analyze_report(report, &glossary, &terms);
                (report, analysis, problems)
            })
            .collect();
        let mut problems = Diagnostics::default();
        let mut reports: BTreeMap<String, BTreeMap<String, ReportAnalysis>> = BTreeMap::new();
        for (report, mut analysis, found) in analysed {
            for problem in found {
                problems.push(problem);
            }
            analysis.key_figures = key_figures(&analysis.metrics, &atlas.indicators);
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
            .iter()
            .map(|indicator| analysis.matches(indicator))
            .collect();
        problems.into_result(analysis)
    }

    /// Analyses `report` again after an edit, with the indicators that depend on it.
    pub fn update_report(&mut self, atlas: &Atlas, report: &Report) -> Result<(), Diagnostics> {
        let terms = TermFinder::new(&atlas.glossary);
        let (mut analysis, found) = analyze_report(report, &self.glossary, &terms);
        let mut problems = Diagnostics::default();
        for problem in found {
            problems.push(problem);
        }
        problems.into_result(())?;
        analysis.key_figures = key_figures(&analysis.metrics, &atlas.indicators);
        let (district, slug) = (&report.district, &report.slug);
        let matches = |refs: &mut Vec<MetricRef>, indicator: &Indicator| {
            refs.retain(|r| (&r.district, &r.report) != (district, slug));
            refs.extend(
                (0..analysis.metrics.len())
                    .filter(|&i| counts_towards(&analysis.metrics[i], indicator))
                    .map(|index| MetricRef {
                        district: district.clone(),
                        report: slug.clone(),
                        index,
                    }),
            );
            // The order of a full analysis: by district, report, then index.
            refs.sort_by(|a, b| {
                (&a.district, &a.report, a.index).cmp(&(&b.district, &b.report, b.index))
            });
        };
        let mut indicators = std::mem::take(&mut self.indicators);
        for (refs, indicator) in indicators.iter_mut().zip(&atlas.indicators) {
            matches(refs, indicator);
        }
        self.indicators = indicators;
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

    fn matches(&self, indicator: &Indicator) -> Vec<MetricRef> {
        let mut found = Vec::new();
        let all = self
            .reports
            .iter()
            .flat_map(|(district, reports)| reports.iter().map(move |(r, a)| (district, r, a)));
        for (district, report, analysis) in all {
            for (index, metric) in analysis.metrics.iter().enumerate() {
                if counts_towards(metric, indicator) {
                    found.push(MetricRef {
                        district: district.clone(),
                        report: report.clone(),
                        index,
                    });
                }
            }
        }
        found
    }
}

fn analyze_report(
    report: &Report,
    glossary: &Glossary,
    terms: &TermFinder,
) -> (ReportAnalysis, Vec<Diagnostic>) {
    let doc = &report.text;
    let blocks = text::markdown_blocks(&doc.body, doc.body_offset);
    let extracted = extract(&doc.body, doc.body_offset, &blocks, glossary);
    let (metrics, unmatched) = overrides::apply(extracted, &report.meta.metrics, glossary);
    let problems = unmatched
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
        })
        .collect();
    let analysis = ReportAnalysis {
        terms: terms.first_occurrences(&blocks),
        metrics,
        key_figures: Vec::new(),
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
