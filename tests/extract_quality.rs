//! Extraction quality on the labelled sentences of `tests/fixtures/extract/`: precision,
//! recall and domain accuracy, printed, with minimums the extractor must keep.

use std::path::Path;

use minsheng::analyze::glossary::{Glossary, GlossaryEntries};
use minsheng::analyze::metrics::{extract, Metric};
use minsheng::analyze::text::markdown_blocks;
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
    #[allow(dead_code)]
    s: Option<String>,
    #[allow(dead_code)]
    p: Option<String>,
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
    misses: Vec<String>,
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
                    score.unit += usize::from(m.unit == gold.u);
                    score.qualifier +=
                        usize::from(serde_json::to_value(m.qualifier).unwrap() == gold.q.as_str());
                    score.kind +=
                        usize::from(serde_json::to_value(m.kind).unwrap() == gold.k.as_str());
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
    println!(
        "sentences={} gold={} predicted={} precision={precision:.3} recall={recall:.3} domain={:.3} unit={:.3} qualifier={:.3} kind={:.3}",
        cases.len(),
        score.gold,
        score.predicted,
        ratio(score.domain),
        ratio(score.unit),
        ratio(score.qualifier),
        ratio(score.kind)
    );
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert!(recall >= 0.95, "recall {recall:.3}");
    assert!(
        ratio(score.domain) >= 0.90,
        "domain accuracy {:.3}",
        ratio(score.domain)
    );
}
