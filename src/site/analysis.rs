//! The analyze stage of the build: the metrics of every report, extracted once, corrected by
//! the editor's overrides, with glossary terms, key figures and indicator matches.

use std::sync::Arc;

use rayon::prelude::*;

use crate::analyze::glossary::{Glossary, TermFinder, TermHit};
use crate::analyze::metrics::{extract, Metric};
use crate::analyze::{overrides, take_unrepresentable, text};
use crate::content::{Atlas, Indicator, Report, ReportId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Domain;
use crate::model::Kind;

/// How many figures a report's "at a glance" box shows.
const KEY_FIGURES: usize = 6;

#[derive(Clone)]
pub struct Analysis {
    pub glossary: Glossary,
    /// At the index of each report's id; shared, so that a copy (made when an edit changes
    /// one report while the downloads are written from the last) copies pointers only.
    reports: Vec<Arc<ReportAnalysis>>,
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
    /// How many of `metrics` each domain holds (in the order of [`Domain::ALL`]): the
    /// counts of every page are sums over reports, not over the metrics of the whole atlas.
    pub by_domain: [usize; Domain::ALL.len()],
}

/// One metric of one report; ordered by report (district and report slugs), then index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MetricRef {
    pub report: ReportId,
    pub index: usize,
}

impl Analysis {
    pub fn new(atlas: &Atlas) -> Result<Analysis, Diagnostics> {
        let glossary = Glossary::new(&atlas.glossary);
        let terms = TermFinder::new(&atlas.glossary);
        // Reports are analysed in parallel; collecting keeps their order, that of their ids.
        let analysed: Vec<(ReportAnalysis, Vec<Diagnostic>)> = atlas
            .reports_by_id()
            .into_par_iter()
            .map(|report| analyze_report(report, &glossary, &terms, &atlas.indicators))
            .collect();
        let mut problems = Diagnostics::default();
        let mut reports = Vec::with_capacity(analysed.len());
        for (analysis, found) in analysed {
            problems.extend(found.into_iter().collect());
            reports.push(Arc::new(analysis));
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
        for (refs, indicator) in self.indicators.iter_mut().zip(&atlas.indicators) {
            refs.retain(|r| r.report != report.id);
            refs.extend(counting_towards(report.id, &analysis, indicator));
            // The order of a full analysis.
            refs.sort();
        }
        self.reports[report.id.0] = Arc::new(analysis);
        Ok(())
    }

    /// The analysis of a report of the atlas analysed.
    pub fn report(&self, report: &Report) -> &ReportAnalysis {
        &self.reports[report.id.0]
    }

    pub fn metrics(&self, report: &Report) -> &[Metric] {
        &self.report(report).metrics
    }

    /// How many metrics of `reports` each domain holds, in the order of [`Domain::ALL`].
    pub fn domain_counts<'r>(
        &self,
        reports: impl Iterator<Item = &'r Report>,
    ) -> [usize; Domain::ALL.len()] {
        let mut counts = [0; Domain::ALL.len()];
        for report in reports {
            for (count, n) in counts.iter_mut().zip(self.report(report).by_domain) {
                *count += n;
            }
        }
        counts
    }

    pub fn metric(&self, at: &MetricRef) -> &Metric {
        &self.reports[at.report.0].metrics[at.index]
    }

    /// The metrics that count towards `indicator`, by report, then index.
    fn matches(&self, indicator: &Indicator) -> Vec<MetricRef> {
        self.reports
            .iter()
            .enumerate()
            .flat_map(|(id, analysis)| counting_towards(ReportId(id), analysis, indicator))
            .collect()
    }
}

/// The metrics of one report's analysis that count towards `indicator`.
fn counting_towards<'a>(
    report: ReportId,
    analysis: &'a ReportAnalysis,
    indicator: &'a Indicator,
) -> impl Iterator<Item = MetricRef> + 'a {
    analysis
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, metric)| counts_towards(metric, indicator))
        .map(move |(index, _)| MetricRef { report, index })
}

fn analyze_report(
    report: &Report,
    glossary: &Glossary,
    terms: &TermFinder,
    indicators: &[Indicator],
) -> (ReportAnalysis, Vec<Diagnostic>) {
    let doc = &report.text;
    let body = match doc.text() {
        Ok(body) => body,
        Err(unread) => return (ReportAnalysis::default(), vec![unread]),
    };
    let blocks = text::markdown_blocks(&body, doc.body_offset);
    let mut extracted = extract(&body, doc.body_offset, &blocks, glossary);
    let too_large = take_unrepresentable(&mut extracted).into_iter().map(|m| {
        doc.at(
            &body,
            m.start - doc.body_offset,
            format!("the number `{}` is too large to be a figure", m.text),
        )
        .hint("check the digits; write very large amounts with 万 or 亿")
    });
    let (mut metrics, unmatched) = overrides::apply(extracted, &report.meta.metrics, glossary);
    // Kept until the site is written: an atlas holds a million of them, and the vector grown
    // while extracting has room to spare.
    metrics.shrink_to_fit();
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
    let mut by_domain = [0; Domain::ALL.len()];
    for metric in &metrics {
        by_domain[metric.domain as usize] += 1;
    }
    let analysis = ReportAnalysis {
        terms: terms.first_occurrences(&blocks),
        key_figures: key_figures(&metrics, indicators),
        by_domain,
        metrics,
    };
    (analysis, problems)
}

pub fn counts_towards(metric: &Metric, indicator: &Indicator) -> bool {
    *metric.unit == *indicator.unit
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, LoadOptions};

    fn fixture_atlas() -> Atlas {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/basic");
        let options = LoadOptions {
            drafts: false,
            boundaries: None,
        };
        load(&root, &options).expect("the fixture loads")
    }

    #[test]
    fn reports_are_numbered_by_district_then_slug_and_analysed_under_their_id() {
        let atlas = fixture_atlas();
        let numbered: Vec<(usize, &str, &str)> = atlas
            .reports_by_id()
            .iter()
            .map(|r| (r.id.0, r.district.as_str(), r.slug.as_str()))
            .collect();
        assert_eq!(
            numbered,
            [
                (0, "hechuan", "elderly-2024"),
                (1, "hechuan", "health-2024"),
                (2, "hechuan", "schools-2023"),
                (3, "lanping", "water-2024"),
            ]
        );
        let analysis = Analysis::new(&atlas).expect("the fixture analyses");
        for report in atlas.reports() {
            let own = analysis.report(report);
            assert!(!own.metrics.is_empty(), "{}", report.slug);
            let first = MetricRef {
                report: report.id,
                index: 0,
            };
            assert_eq!(analysis.metric(&first), &own.metrics[0]);
        }
    }

    #[test]
    fn a_report_the_analysis_never_saw_is_a_bug_not_an_empty_analysis() {
        let atlas = fixture_atlas();
        let analysis = Analysis::new(&atlas).expect("the fixture analyses");
        let mut stranger = atlas.reports_by_id()[0].clone();
        stranger.id = ReportId(atlas.reports().count());
        // Only the lookup may panic: loading and analysing the fixture must not.
        let lookup = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analysis.report(&stranger).metrics.len()
        }));
        assert!(lookup.is_err(), "an unknown report got an analysis");
    }

    #[test]
    fn domain_counts_are_the_metrics_of_each_domain() {
        let atlas = fixture_atlas();
        let analysis = Analysis::new(&atlas).expect("the fixture analyses");
        let mut expected = [0; Domain::ALL.len()];
        for report in atlas.reports() {
            for metric in analysis.metrics(report) {
                expected[metric.domain as usize] += 1;
            }
        }
        assert!(
            expected.iter().filter(|&&n| n > 0).count() > 1,
            "{expected:?}"
        );
        assert_eq!(analysis.domain_counts(atlas.reports()), expected);
        let one = atlas.reports_by_id()[0];
        let own = analysis.domain_counts(std::iter::once(one));
        assert_eq!(own.iter().sum::<usize>(), analysis.metrics(one).len());
    }
}
