//! Extraction throughput in MiB of Chinese report text per second, on one core, segmentation
//! included: the five sample reports, repeated to about 1 MB, as raw text. A plain timer
//! (`harness = false`): `cargo bench --bench extract` prints the median of ten runs.

use std::path::Path;
use std::time::{Duration, Instant};

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

/// Runs of the whole corpus timed; the median is the figure.
const SAMPLES: usize = 10;

fn main() {
    let text = corpus();
    let glossary = Glossary::new(&GlossaryEntries::new());
    // Load the dictionary before timing: it is loaded once per process.
    file_metrics(Path::new("warm.txt"), "新建学校3所。", &glossary);
    let mut times: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let started = Instant::now();
            std::hint::black_box(file_metrics(Path::new("corpus.txt"), &text, &glossary).len());
            started.elapsed()
        })
        .collect();
    times.sort();
    let mib = text.len() as f64 / (1024.0 * 1024.0);
    let rate = |t: Duration| mib / t.as_secs_f64();
    let median = times[SAMPLES / 2];
    println!(
        "extract, sample reports as raw text ({mib:.2} MiB, {SAMPLES} runs): median {:.1} ms, \
         {:.2} MiB/s (slowest {:.2}, fastest {:.2})",
        median.as_secs_f64() * 1000.0,
        rate(median),
        rate(times[SAMPLES - 1]),
        rate(times[0]),
    );
}
