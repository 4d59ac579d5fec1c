//! The search index a reader's first query downloads, measured in headless Chromium with the
//! Performance API: `search_bytes URL…`, each URL a search page with its query (`?q=…`).
//! Prints, per URL, the results shown and the index files and bytes fetched. Run by
//! bench/search.sh.

use std::time::Duration;

#[allow(dead_code)]
#[path = "../tests/it/common/browser.rs"]
mod browser;
#[path = "../tests/it/common/lines.rs"]
mod lines;

/// The index files the page fetched: `[count, bytes, the largest five as "name KB"]`.
const FETCHED: &str = "(() => { const index = performance.getEntriesByType('resource')\
    .filter(e => e.name.includes('/search/index/')); \
    const largest = index.slice().sort((a, b) => b.encodedBodySize - a.encodedBodySize)\
    .slice(0, 5).map(e => e.name.split('/search/index/')[1] + ' ' \
    + (e.encodedBodySize / 1024).toFixed(1)); \
    return [index.length, index.reduce((sum, e) => sum + e.encodedBodySize, 0), largest]; })()";

fn main() {
    for url in std::env::args().skip(1) {
        let mut page = browser::Browser::open(&url);
        page.wait_until(
            "document.querySelector('#search-results li') !== null",
            Duration::from_secs(60),
        );
        let results = page.eval("document.querySelectorAll('#search-results li').length");
        let fetched = page.eval(FETCHED).unwrap_or_default();
        let (files, bytes) = (&fetched[0], fetched[1].as_f64().unwrap_or(0.0));
        println!(
            "{url}: {} results shown; {files} index files, {:.1} KB (largest, KB: {})",
            results.unwrap_or_default(),
            bytes / 1024.0,
            fetched[2]
        );
    }
}
