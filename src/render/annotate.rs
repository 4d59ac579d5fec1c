//! The marks a report's Chinese text gets: each metric and the first use of each glossary
//! term, with a popover that opens on hover, keyboard focus and touch. A term's popover gives
//! its English and links to its glossary entry, where its note is: an atlas repeats terms in
//! thousands of reports.

use std::fmt::Write;

use super::markdown::{escape_html, Mark};
use super::numbers::{format_metric, format_normalized, period_name};
use crate::analyze::glossary::TermHit;
use crate::analyze::metrics::Metric;
use crate::lang::Lang;
use crate::model::GlossaryEntries;
use crate::model::Kind;
use crate::urls::glossary_anchor;

/// UI words the popovers need, in Chinese, and the glossary page's address.
pub struct TipWords<'a> {
    pub target: &'a str,
    pub period: &'a str,
    pub glossary: &'a str,
}

/// Marks for `metrics` and `terms` (file offsets) on a text whose body starts at `body_offset`;
/// a term that overlaps a metric is left unmarked.
pub fn marks(
    metrics: &[Metric],
    terms: &[TermHit],
    glossary: &GlossaryEntries,
    body_offset: usize,
    words: &TipWords,
) -> Vec<Mark> {
    let mut marks: Vec<Mark> = metrics
        .iter()
        .filter(|m| m.start >= body_offset)
        .map(|m| metric_mark(m, body_offset, words))
        .collect();
    for (n, hit) in terms.iter().enumerate() {
        // The entry and its place on the glossary page, whose anchors are numbered.
        let Some((position, (_, entry))) = glossary
            .iter()
            .enumerate()
            .find(|(_, (term, _))| **term == hit.term)
        else {
            continue;
        };
        let (start, end) = (
            hit.start - body_offset.min(hit.start),
            hit.end - body_offset.min(hit.end),
        );
        if marks.iter().any(|m| m.start < end && start < m.end) {
            continue;
        }
        let id = format!("g-{}", n + 1);
        marks.push(Mark {
            start,
            end,
            open: format!(
                "<a class=\"term\" href=\"{}#{}\" aria-describedby=\"{id}t\">",
                words.glossary,
                glossary_anchor(position)
            ),
            close: format!(
                "<span class=\"tip\" id=\"{id}t\" lang=\"en\">{}</span></a>",
                escape_html(&entry.en)
            ),
            part: "<span class=\"term-part\">".into(),
        });
    }
    marks.sort_by_key(|m| m.start);
    marks
}

/// A metric's mark: a popover of plain elements, the subject (`b`), its English (`i`), the
/// value where the text writes it otherwise or in base units (`span`) and the domain, target
/// and period (`small`). Class names, roles and a machine-readable value are left out: an
/// atlas holds millions of these, and the downloads carry the values.
fn metric_mark(metric: &Metric, body_offset: usize, words: &TipWords) -> Mark {
    let lang = Lang::Zh;
    // Written into one buffer per tag.
    let id = &metric.id;
    let mut close = String::with_capacity(256);
    let _ = write!(close, "<span class=\"tip\" id=\"{id}t\">");
    if !metric.subject.is_empty() {
        push_element(&mut close, "b", "", &metric.subject);
    }
    if !metric.subject_en.is_empty() {
        push_element(&mut close, "i", " lang=\"en\"", &metric.subject_en);
    }
    let shown = format_metric(lang, metric);
    let normalized = format_normalized(metric.value, metric.value_max, &metric.unit);
    let differs = *shown != *metric.text;
    let expands = !normalized.chars().filter(|&c| c != ' ').eq(shown.chars());
    if differs || expands {
        close.push_str("<span>");
        if differs {
            push_escaped(&mut close, &shown);
        }
        if expands {
            close.push_str(if differs { " = " } else { "= " });
            push_escaped(&mut close, &normalized);
        }
        close.push_str("</span>");
    }
    close.push_str("<small>");
    push_escaped(&mut close, metric.domain.name(lang));
    if metric.kind == Kind::Target {
        close.push_str(" · ");
        push_escaped(&mut close, words.target);
    }
    if let Some(period) = &metric.period {
        close.push_str(" · ");
        push_escaped(&mut close, words.period);
        close.push(' ');
        push_escaped(&mut close, &period_name(lang, period));
    }
    close.push_str("</small></span></span>");
    let class = match metric.kind {
        Kind::Target => "metric target",
        Kind::Actual => "metric",
    };
    let open =
        format!("<span id=\"{id}\" class=\"{class}\" tabindex=\"0\" aria-describedby=\"{id}t\">");
    Mark {
        start: metric.start - body_offset,
        end: metric.end - body_offset,
        open,
        close,
        part: format!("<span class=\"metric metric-part\" data-metric=\"{id}\">"),
    }
}

/// `<{name}{attributes}>{text}</{name}>`, the text escaped.
fn push_element(out: &mut String, name: &str, attributes: &str, text: &str) {
    let _ = write!(out, "<{name}{attributes}>");
    push_escaped(out, text);
    let _ = write!(out, "</{name}>");
}

fn push_escaped(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *out, text);
}
