//! The marks a report's Chinese text gets: each metric and the first use of each glossary
//! term, with a popover that opens on hover, keyboard focus and touch. A term's popover gives
//! its English and links to its glossary entry, where its note is: an atlas repeats terms in
//! thousands of reports.

use std::fmt::Write;

use super::markdown::{escape_html, Mark};
use super::numbers::{format_normalized, format_value, period_name};
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
        let Some(entry) = glossary.get(&hit.term) else {
            continue;
        };
        let position = glossary
            .keys()
            .take_while(|term| **term != hit.term)
            .count();
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
                "<a class=\"term\" href=\"{}#{}\" aria-describedby=\"{id}-tip\">",
                words.glossary,
                glossary_anchor(position)
            ),
            close: format!(
                "<span class=\"tip\" role=\"tooltip\" id=\"{id}-tip\" lang=\"en\">{}</span></a>",
                escape_html(&entry.en)
            ),
            part: "<span class=\"term-part\">".into(),
        });
    }
    marks.sort_by_key(|m| m.start);
    marks
}

fn metric_mark(metric: &Metric, body_offset: usize, words: &TipWords) -> Mark {
    let lang = Lang::Zh;
    // Written into one buffer per tag: a report holds dozens of metrics, an atlas millions.
    let id = &metric.id;
    let mut close = String::with_capacity(320);
    let _ = write!(
        close,
        "<span class=\"tip\" role=\"tooltip\" id=\"{id}-tip\">"
    );
    // The value is shown again only where it is written otherwise than in the text.
    let shown = format_value(lang, metric.value, &metric.unit, metric.qualifier);
    if shown != metric.text {
        push_span(&mut close, "tip-value", "", &shown);
    }
    let normalized = format_normalized(metric.value, &metric.unit);
    if !normalized.chars().filter(|&c| c != ' ').eq(shown.chars()) {
        close.push_str("<span class=\"tip-norm\">= ");
        push_escaped(&mut close, &normalized);
        close.push_str("</span>");
    }
    if !metric.subject_en.is_empty() {
        push_span(
            &mut close,
            "tip-subject",
            " lang=\"en\"",
            &metric.subject_en,
        );
    }
    if !metric.subject.is_empty() {
        push_span(&mut close, "tip-subject", "", &metric.subject);
    }
    close.push_str("<span class=\"tip-facts\">");
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
    close.push_str("</span></span></span>");
    let mut open = String::with_capacity(192);
    let _ = write!(
        open,
        "<span id=\"{id}\" class=\"metric\" tabindex=\"0\" data-value=\"{}\" data-unit=\"",
        metric.value
    );
    push_escaped(&mut open, &metric.unit);
    let _ = write!(
        open,
        "\" data-domain=\"{}\" data-kind=\"{}\" aria-describedby=\"{id}-tip\">",
        metric.domain.slug(),
        metric.kind.slug(),
    );
    Mark {
        start: metric.start - body_offset,
        end: metric.end - body_offset,
        open,
        close,
        part: format!("<span class=\"metric metric-part\" data-metric=\"{id}\">"),
    }
}

/// `<span class="{class}"{attributes}>{text}</span>`, the text escaped.
fn push_span(out: &mut String, class: &str, attributes: &str, text: &str) {
    let _ = write!(out, "<span class=\"{class}\"{attributes}>");
    push_escaped(out, text);
    out.push_str("</span>");
}

fn push_escaped(out: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut *out, text);
}
