//! The marks a report's Chinese text gets: each metric and the first use of each glossary
//! term, with a popover that opens on hover, keyboard focus and touch.

use super::markdown::{escape_html, Mark};
use super::numbers::{format_normalized, format_value, period_name};
use crate::analyze::glossary::{GlossaryEntries, TermHit};
use crate::analyze::metrics::{Kind, Metric};
use crate::lang::Lang;

/// UI words the popovers need, in the page language.
pub struct TipWords<'a> {
    pub target: &'a str,
    pub period: &'a str,
}

/// Marks for `metrics` and `terms` (file offsets) on a text whose body starts at `body_offset`;
/// a term that overlaps a metric is left unmarked.
pub fn marks(
    metrics: &[Metric],
    terms: &[TermHit],
    glossary: &GlossaryEntries,
    body_offset: usize,
    lang: Lang,
    words: &TipWords,
) -> Vec<Mark> {
    let mut marks: Vec<Mark> = metrics
        .iter()
        .filter(|m| m.start >= body_offset)
        .map(|m| metric_mark(m, body_offset, lang, words))
        .collect();
    for (n, hit) in terms.iter().enumerate() {
        let Some(entry) = glossary.get(&hit.term) else {
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
        let note = entry
            .note_en
            .as_deref()
            .map(|note| format!("<span class=\"tip-note\">{}</span>", escape_html(note)))
            .unwrap_or_default();
        marks.push(Mark {
            start,
            end,
            open: format!("<span class=\"term\" tabindex=\"0\" aria-describedby=\"{id}-tip\">"),
            close: format!(
                "<span class=\"tip\" role=\"tooltip\" id=\"{id}-tip\" lang=\"en\"><span class=\"tip-value\">{}</span>{note}</span></span>",
                escape_html(&entry.en)
            ),
            part: "<span class=\"term-part\">".into(),
        });
    }
    marks.sort_by_key(|m| m.start);
    marks
}

fn metric_mark(metric: &Metric, body_offset: usize, lang: Lang, words: &TipWords) -> Mark {
    let id = &metric.id;
    let shown = format_value(lang, metric.value, &metric.unit, metric.qualifier);
    let mut tip = format!("<span class=\"tip-value\">{}</span>", escape_html(&shown));
    let normalized = format_normalized(metric.value, &metric.unit);
    if normalized.replace(' ', "") != shown {
        tip.push_str(&format!(
            "<span class=\"tip-norm\">= {}</span>",
            escape_html(&normalized)
        ));
    }
    if !metric.subject_en.is_empty() {
        tip.push_str(&format!(
            "<span class=\"tip-subject\" lang=\"en\">{}</span>",
            escape_html(&metric.subject_en)
        ));
    }
    if !metric.subject.is_empty() && lang == Lang::Zh {
        tip.push_str(&format!(
            "<span class=\"tip-subject\">{}</span>",
            escape_html(&metric.subject)
        ));
    }
    let mut facts = vec![metric.domain.name(lang).to_string()];
    if metric.kind == Kind::Target {
        facts.push(words.target.to_string());
    }
    if let Some(period) = &metric.period {
        facts.push(format!("{} {}", words.period, period_name(lang, period)));
    }
    tip.push_str(&format!(
        "<span class=\"tip-facts\">{}</span>",
        escape_html(&facts.join(" · "))
    ));
    Mark {
        start: metric.start - body_offset,
        end: metric.end - body_offset,
        open: format!(
            "<span id=\"{id}\" class=\"metric\" tabindex=\"0\" data-value=\"{}\" data-unit=\"{}\" data-domain=\"{}\" data-kind=\"{}\" aria-describedby=\"{id}-tip\">",
            metric.value,
            escape_html(&metric.unit),
            metric.domain.slug(),
            metric.kind.slug(),
        ),
        close: format!(
            "<span class=\"tip\" role=\"tooltip\" id=\"{id}-tip\" lang=\"{}\">{tip}</span></span>",
            lang.tag()
        ),
        part: format!("<span class=\"metric metric-part\" data-metric=\"{id}\">"),
    }
}
