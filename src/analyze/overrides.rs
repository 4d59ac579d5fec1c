//! An editor's corrections applied to the extracted metrics of one report.

use super::confidence::Confidence;
use super::english::Source;
use super::glossary::Glossary;
use super::metrics::Metric;
use crate::content::MetricOverride;

/// An override that matched no metric: its index in the list and what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Unmatched {
    pub index: usize,
    /// How many metrics have the override's text.
    pub found: usize,
}

/// Applies `overrides` to `metrics` (dropping or correcting them); ids stay as extracted, so
/// anchors do not move when a false match is dropped. `nth` counts in the extracted order.
pub fn apply(
    metrics: Vec<Metric>,
    overrides: &[MetricOverride],
    glossary: &Glossary,
) -> (Vec<Metric>, Vec<Unmatched>) {
    let texts: Vec<Box<str>> = metrics.iter().map(|m| m.text.clone()).collect();
    let mut slots: Vec<Option<Metric>> = metrics.into_iter().map(Some).collect();
    let mut unmatched = Vec::new();
    for (index, item) in overrides.iter().enumerate() {
        let same_text: Vec<usize> = texts
            .iter()
            .enumerate()
            .filter(|(_, text)| ***text == *item.text)
            .map(|(i, _)| i)
            .collect();
        let target = match item.nth {
            Some(n) => n.checked_sub(1).and_then(|n| same_text.get(n)),
            None if same_text.len() == 1 => same_text.first(),
            None => None,
        };
        let Some(&slot) = target else {
            unmatched.push(Unmatched {
                index,
                found: same_text.len(),
            });
            continue;
        };
        if item.drop {
            slots[slot] = None;
        } else if let Some(metric) = slots[slot].as_mut() {
            correct(metric, item, glossary);
        }
    }
    (slots.into_iter().flatten().collect(), unmatched)
}

fn correct(metric: &mut Metric, item: &MetricOverride, glossary: &Glossary) {
    metric.confidence = Confidence::corrected();
    if let Some(subject) = &item.subject {
        metric.subject = subject.as_str().into();
        let english = glossary.english(subject);
        metric.subject_en = english.text.into();
        metric.subject_en_source = english.source;
    }
    if let Some(subject_en) = &item.subject_en {
        metric.subject_en = subject_en.as_str().into();
        metric.subject_en_source = Source::Glossary;
    }
    if let Some(domain) = item.domain {
        metric.domain = domain;
    }
    if let Some(kind) = item.kind {
        metric.kind = kind;
    }
}
