//! Extraction quality on the labelled sentences of `tests/fixtures/extract/`: precision,
//! recall, and for the figures found whether their subject, English, domain, kind, unit,
//! qualifier and range are right, printed, with minimums the extractor must keep. The
//! subject counts as right when it shares enough characters with the label (a character F1
//! of at least 0.6), as a reader's chart label would.

use std::path::Path;

use minsheng::analyze::glossary::Glossary;
use minsheng::analyze::metrics::{extract, Metric};
use minsheng::analyze::text::markdown_blocks;
use minsheng::model::GlossaryEntries;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    s: String,
    h: Option<String>,
    m: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    t: String,
    v: f64,
    u: String,
    q: String,
    d: String,
    k: String,
    /// The subject, where the label gives one.
    s: Option<String>,
    #[allow(dead_code)]
    p: Option<String>,
    /// The upper end of a range.
    max: Option<f64>,
}

#[derive(Default)]
struct Score {
    gold: usize,
    predicted: usize,
    matched: usize,
    domain: usize,
    unit: usize,
    qualifier: usize,
    kind: usize,
    range: usize,
    english: usize,
    labelled: usize,
    subject: usize,
    misses: Vec<String>,
}

fn han(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect()
}

/// Whether `found` names what `label` names: a character F1 of at least 0.6.
fn same_subject(label: &str, found: &str) -> bool {
    let (g, p) = (han(label), han(found));
    if g.is_empty() || p.is_empty() {
        return false;
    }
    let common: usize = {
        let mut rest = p.clone();
        g.iter()
            .filter(|c| match rest.iter().position(|r| r == *c) {
                Some(i) => {
                    rest.swap_remove(i);
                    true
                }
                None => false,
            })
            .count()
    };
    let (precision, recall) = (
        common as f64 / p.len() as f64,
        common as f64 / g.len() as f64,
    );
    common > 0 && 2.0 * precision * recall / (precision + recall) >= 0.6
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .flat_map(|p| {
            serde_yaml::from_str::<Vec<Case>>(&std::fs::read_to_string(p).unwrap()).unwrap()
        })
        .collect()
}

fn run(case: &Case, glossary: &Glossary) -> (Vec<Metric>, usize) {
    let doc = match &case.h {
        Some(h) => format!("## {h}\n\n{}\n", case.s),
        None => format!("{}\n", case.s),
    };
    let offset = doc.find(&case.s).unwrap();
    (
        extract(&doc, 0, &markdown_blocks(&doc, 0), glossary),
        offset,
    )
}

#[test]
fn precision_recall_and_domain_accuracy() {
    let glossary = Glossary::new(&GlossaryEntries::new());
    let mut score = Score::default();
    let cases = cases();
    assert!(
        cases.len() >= 200,
        "only {} labelled sentences",
        cases.len()
    );
    for case in &cases {
        let (found, offset) = run(case, &glossary);
        let found: Vec<&Metric> = found.iter().filter(|m| m.start >= offset).collect();
        score.gold += case.m.len();
        score.predicted += found.len();
        let mut used = vec![false; found.len()];
        for gold in &case.m {
            let at = case.s.find(&gold.t).map(|i| i + offset);
            let hit = at.and_then(|start| {
                let end = start + gold.t.len();
                found.iter().enumerate().find(|(i, m)| {
                    !used[*i]
                        && m.start < end
                        && start < m.end
                        && (m.value - gold.v).abs() <= 1e-6 * gold.v.abs().max(1.0)
                })
            });
            match hit {
                Some((i, m)) => {
                    used[i] = true;
                    score.matched += 1;
                    score.domain +=
                        usize::from(serde_json::to_value(m.domain).unwrap() == gold.d.as_str());
                    score.unit += usize::from(*m.unit == *gold.u);
                    score.qualifier +=
                        usize::from(serde_json::to_value(m.qualifier).unwrap() == gold.q.as_str());
                    score.kind +=
                        usize::from(serde_json::to_value(m.kind).unwrap() == gold.k.as_str());
                    score.range += usize::from(m.value_max == gold.max);
                    score.english += usize::from(!m.subject_en.trim().is_empty());
                    if let Some(label) = &gold.s {
                        score.labelled += 1;
                        if same_subject(label, &m.subject) {
                            score.subject += 1;
                        } else {
                            score.misses.push(format!(
                                "subject {} != {}: {} | {}",
                                label, m.subject, gold.t, case.s
                            ));
                        }
                    }
                    if serde_json::to_value(m.qualifier).unwrap() != gold.q.as_str() {
                        score.misses.push(format!(
                            "qualifier {} != {:?}: {} | {}",
                            gold.q, m.qualifier, gold.t, case.s
                        ));
                    }
                    if serde_json::to_value(m.domain).unwrap() != gold.d.as_str() {
                        score.misses.push(format!(
                            "domain {} != {:?}: {} | {}",
                            gold.d, m.domain, gold.t, case.s
                        ));
                    }
                }
                None => score.misses.push(format!(
                    "missed {} ({} {}): {}",
                    gold.t, gold.v, gold.u, case.s
                )),
            }
        }
        for (m, used) in found.iter().zip(&used) {
            if !used {
                score.misses.push(format!(
                    "extra {} ({} {}): {}",
                    m.text, m.value, m.unit, case.s
                ));
            }
        }
    }
    let precision = score.matched as f64 / score.predicted.max(1) as f64;
    let recall = score.matched as f64 / score.gold.max(1) as f64;
    let ratio = |n: usize| n as f64 / score.matched.max(1) as f64;
    for miss in &score.misses {
        println!("{miss}");
    }
    let subject = score.subject as f64 / score.labelled.max(1) as f64;
    println!(
        "sentences={} gold={} predicted={} precision={precision:.3} recall={recall:.3} subject={subject:.3} english={:.3} domain={:.3} kind={:.3} unit={:.3} qualifier={:.3} range={:.3}",
        cases.len(),
        score.gold,
        score.predicted,
        ratio(score.english),
        ratio(score.domain),
        ratio(score.kind),
        ratio(score.unit),
        ratio(score.qualifier),
        ratio(score.range),
    );
    // Minimums a little under the figures measured when they were set (README, "Metrics");
    // precision and recall are at 1.000, and one figure lost or added in 418 fails them.
    let minimums = [
        ("precision", precision, 0.998),
        ("recall", recall, 0.998),
        ("subject", subject, 0.88),
        ("english given", ratio(score.english), 1.0),
        ("domain", ratio(score.domain), 0.94),
        ("kind", ratio(score.kind), 0.98),
        ("unit", ratio(score.unit), 0.98),
        ("qualifier", ratio(score.qualifier), 0.98),
        ("range", ratio(score.range), 0.97),
    ];
    for (name, measured, minimum) in minimums {
        assert!(
            measured >= minimum,
            "{name} {measured:.3} is under {minimum}"
        );
    }
}
