//! Extraction throughput in MB of Chinese report text per second, on one core, segmentation
//! included: the five sample reports, repeated to about 1 MB, as raw text.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use minsheng::analyze::file_metrics;
use minsheng::analyze::glossary::Glossary;
use minsheng::model::GlossaryEntries;

fn corpus() -> String {
    let districts = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/districts");
    let mut reports: Vec<_> = walkdir::WalkDir::new(districts)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".md") && !name.ends_with(".en.md") && !name.starts_with('_')
        })
        .map(|p| std::fs::read_to_string(p).expect("report"))
        .collect();
    reports.sort();
    let one = reports.concat();
    one.repeat((1_000_000 / one.len()).max(1))
}

fn extraction(c: &mut Criterion) {
    let text = corpus();
    let glossary = Glossary::new(&GlossaryEntries::new());
    // Load the dictionary before timing: it is loaded once per process.
    file_metrics(Path::new("warm.txt"), "新建学校3所。", &glossary);
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("sample reports, raw text", |b| {
        b.iter(|| file_metrics(Path::new("corpus.txt"), &text, &glossary).len())
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
