//! `minsheng check`: everything `build` validates, plus what an editor should look at —
//! translations older than their Chinese text and metric subjects with only composed English — without
//! touching the built site.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analyze::english::Source;
use crate::analyze::metrics::untranslated_subjects;
use crate::analyze::metrics::Metric;
use crate::content::{vet, Atlas, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::analysis::Analysis;
use crate::site::claim::{clean_up_on_signal, Claim, CHECK_PREFIX};
use crate::site::{self, BuildOptions};

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// Errors and warnings, ordered by file.
    pub problems: Vec<Diagnostic>,
    /// Chinese metric subjects whose English is composed from the dictionary, most frequent
    /// first.
    pub glossary_gaps: Vec<GlossaryGap>,
    /// Per report, what an editor should look at before publishing.
    pub review: Vec<ReportReview>,
    /// Pages the site would have; 0 when the build failed.
    pub pages: usize,
}

/// One report's figures: how many, how many no editor has corrected or accepted yet, how
/// many were read with a confidence below [`LOW_CONFIDENCE`], and how many have English
/// composed from the dictionary.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ReportReview {
    pub report: PathBuf,
    pub figures: usize,
    pub unreviewed: usize,
    pub low_confidence: usize,
    pub composed_english: usize,
}

/// Below this, a figure's reading is worth an editor's look.
pub const LOW_CONFIDENCE: f64 = 0.6;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct GlossaryGap {
    pub subject: String,
    pub count: usize,
    /// Where the subject first occurs.
    pub path: PathBuf,
    pub line: usize,
}

impl CheckReport {
    /// Clean: no errors and no warnings. Glossary gaps are information, not problems.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Builds the site into a throwaway folder, so every check of a build runs, and inspects it.
pub fn run(root: &Path, base_url: Option<String>, drafts: bool) -> Result<CheckReport, Diagnostic> {
    let scratch = Claim::scratch(CHECK_PREFIX)
        .map_err(|e| Diagnostic::file(root, format!("cannot create a scratch folder: {e}")))?;
    clean_up_on_signal(&std::env::temp_dir(), CHECK_PREFIX, None);
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: scratch.path().join("public"),
        base_url,
        drafts,
        force: false,
    };
    let (problems, findings, pages) = inspect(&options);
    let problems = problems.sorted();
    Ok(CheckReport {
        problems: problems.iter().cloned().collect(),
        glossary_gaps: findings.glossary_gaps,
        review: findings.review,
        pages,
    })
}

/// What the analysis gives an editor to look at.
#[derive(Default)]
struct Findings {
    glossary_gaps: Vec<GlossaryGap>,
    review: Vec<ReportReview>,
}

/// The stages of a build up to a checked staging folder (nothing is published), with the
/// editor's warnings, glossary gaps and review counts once the site loads and is analysed.
fn inspect(options: &BuildOptions) -> (Diagnostics, Findings, usize) {
    let site = match site::load(options) {
        Ok(site) => site,
        Err(problems) => return (problems, Findings::default(), 0),
    };
    let mut problems = stale_translations(&site.atlas);
    problems.extend(vet::raw_html(&site.atlas, site.config.unsafe_html));
    let analysis = match site::analyze(&site) {
        Ok(analysis) => analysis,
        Err(errors) => {
            problems.extend(errors);
            return (problems, Findings::default(), 0);
        }
    };
    let findings = Findings {
        glossary_gaps: gaps(&site.atlas, &analysis),
        review: review(&site.atlas, &analysis),
    };
    let mut clock = site::Clock::new(&());
    let pages = match site::stage(&options.output, &site, &analysis, &mut clock) {
        Ok(staged) => staged.pages.len(),
        Err(errors) => {
            problems.extend(errors);
            0
        }
    };
    (problems, findings, pages)
}

fn review(atlas: &Atlas, analysis: &Analysis) -> Vec<ReportReview> {
    atlas
        .reports()
        .map(|report| {
            let metrics = analysis.metrics(report);
            let count = |keep: fn(&Metric) -> bool| metrics.iter().filter(|m| keep(m)).count();
            ReportReview {
                report: report.text.path.clone(),
                figures: metrics.len(),
                unreviewed: count(|m| !m.confidence.reviewed()),
                low_confidence: count(|m| m.confidence.score < LOW_CONFIDENCE),
                composed_english: count(|m| m.subject_en_source == Source::Composed),
            }
        })
        .collect()
}

/// Translations whose date is older than their Chinese text's: a report's English counts as
/// written on the report's `date` unless it has its own `updated`; a page's or a district's
/// English needs its own `updated` once the Chinese has one.
fn stale_translations(atlas: &Atlas) -> Diagnostics {
    // Each translation with the date of its Chinese text and its own, when they are known.
    let reports = atlas.reports().filter_map(|report| {
        let en = report.text_en.as_ref()?;
        let zh = report.meta.updated.unwrap_or(report.meta.date);
        Some((en, zh, Some(en.meta.updated.unwrap_or(report.meta.date))))
    });
    let documents = atlas
        .districts
        .iter()
        .map(|d| (&d.text, &d.text_en))
        .chain(atlas.pages.iter().map(|p| (&p.text, &p.text_en)))
        .chain([(&atlas.home, &atlas.home_en)])
        .filter_map(|(zh, en)| {
            let en = en.as_ref()?;
            Some((en, zh.meta.updated?, en.meta.updated))
        });
    reports
        .chain(documents)
        .filter_map(|(en, zh, written)| {
            let message = match written {
                Some(written) if written < zh => {
                    format!("the English text ({written}) is older than the Chinese ({zh})")
                }
                Some(_) => return None,
                None => format!("the Chinese was updated on {zh}; the English has no `updated:`"),
            };
            Some(
                Diagnostic::file(&en.path, message).warning().hint(
                    "bring the translation up to date, then set `updated:` in its front matter",
                ),
            )
        })
        .collect()
}

fn gaps(atlas: &Atlas, analysis: &Analysis) -> Vec<GlossaryGap> {
    let metrics: Vec<_> = atlas
        .reports()
        .flat_map(|r| analysis.metrics(r).iter().map(move |m| (r, m)))
        .collect();
    let mut first: HashMap<&str, (&Report, &Metric)> = HashMap::new();
    for &(report, metric) in &metrics {
        first.entry(&metric.subject).or_insert((report, metric));
    }
    let ranked = untranslated_subjects(metrics.iter().map(|(_, m)| *m));
    ranked
        .into_iter()
        .filter_map(|(subject, count)| {
            let &(report, metric) = first.get(subject)?;
            let doc = &report.text;
            // A file that cannot be read again is reported by the build; the gap stays listed.
            let text = doc.text().unwrap_or_default();
            Some(GlossaryGap {
                subject: subject.to_string(),
                count,
                path: doc.path.clone(),
                line: doc.line_of(&text, metric.start.saturating_sub(doc.body_offset)),
            })
        })
        .collect()
}

/// The report as text: the problems, then the glossary gaps (the first `shown` of them).
pub fn text(report: &CheckReport, styled: bool, shown: usize) -> String {
    let mut out = String::new();
    for problem in &report.problems {
        out.push_str(&problem.render(styled));
        out.push('\n');
    }
    if !report.glossary_gaps.is_empty() {
        out.push_str(&format!(
            "{} metric subjects have only English composed from the dictionary (add them to content/glossary.yaml), most frequent first:\n",
            report.glossary_gaps.len()
        ));
        for gap in report.glossary_gaps.iter().take(shown) {
            out.push_str(&format!(
                "  {:>4}  {}  ({}:{})\n",
                gap.count,
                gap.subject,
                gap.path.display(),
                gap.line
            ));
        }
        if report.glossary_gaps.len() > shown {
            out.push_str(&format!(
                "  … and {} more (-v lists all, --format json gives them to scripts)\n",
                report.glossary_gaps.len() - shown
            ));
        }
    }
    let sum = |count: fn(&ReportReview) -> usize| report.review.iter().map(count).sum::<usize>();
    let figures = sum(|r| r.figures);
    if figures > 0 {
        out.push_str(&format!(
            "{figures} figures in {} reports: {} not yet reviewed, {} read with a confidence \
             below {LOW_CONFIDENCE}, {} with composed English (--format json counts them per \
             report)\n",
            report.review.len(),
            sum(|r| r.unreviewed),
            sum(|r| r.low_confidence),
            sum(|r| r.composed_english),
        ));
    }
    let errors = report
        .problems
        .iter()
        .filter(|p| p.severity == crate::diagnostics::Severity::Error)
        .count();
    let warnings = report.problems.len() - errors;
    if report.is_clean() {
        out.push_str(&format!("clean: {} pages checked\n", report.pages));
    } else {
        out.push_str(&format!("{errors} errors, {warnings} warnings\n"));
    }
    out
}
