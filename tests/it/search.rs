//! Search: the index files, and the search page opened in headless Chromium against a local
//! server (Chromium is installed by `.ci/run`).

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::thread;

use tower_http::services::ServeDir;

use common::browser::{available, rendered};
use common::{select_attr, select_text};

const BASE: &str = "/atlas/";

/// Serves `dir` under `/atlas/` on a free loopback port until the test run ends.
fn serve(dir: PathBuf) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    listener.set_nonblocking(true).expect("non-blocking socket");
    let port = listener.local_addr().expect("address").port();
    thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let site =
                axum::Router::new().nest_service(BASE.trim_end_matches('/'), ServeDir::new(dir));
            let _ = axum::serve(listener, site).await;
        });
    });
    format!("http://127.0.0.1:{port}{BASE}")
}

/// The shared fixture site, served.
fn site() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| serve(common::basic_site().dir.clone()))
        .clone()
}

#[test]
fn a_chinese_query_lists_the_elderly_care_report_first() {
    if !available() {
        return;
    }
    let base = site();
    let page = rendered(&format!("{base}search/?q=%E5%85%BB%E8%80%81"));
    let links = select_attr(&page, "#search-results a.result-title", "href");
    assert!(!links.is_empty(), "no results");
    assert_eq!(links[0], "/atlas/districts/hechuan/elderly-2024/");
    assert_eq!(
        select_attr(
            &page,
            "#search-results li:first-child .result-kind",
            "class"
        ),
        ["result-kind kind-report"]
    );
    // The query words are highlighted in the result.
    let marks = select_text(&page, "#search-results li:first-child mark");
    assert!(marks.iter().any(|m| m == "养老"), "{marks:?}");
}

#[test]
fn search_mode_finds_a_long_term_by_its_parts() {
    if !available() {
        return;
    }
    let base = site();
    for query in [
        "%E6%8A%A4%E7%90%86",
        "%E9%95%BF%E6%9C%9F%E6%8A%A4%E7%90%86%E4%BF%9D%E9%99%A9",
    ] {
        let page = rendered(&format!("{base}search/?q={query}"));
        let links = select_attr(&page, "#search-results a.result-title", "href");
        assert!(
            links.contains(&"/atlas/districts/hechuan/elderly-2024/".to_string()),
            "{query}: {links:?}"
        );
    }
}

#[test]
fn an_english_query_lists_health_reports() {
    if !available() {
        return;
    }
    let base = site();
    let page = rendered(&format!("{base}en/search/?q=hospital"));
    let links = select_attr(&page, "#search-results a.result-title", "href");
    assert_eq!(
        links.first().map(String::as_str),
        Some("/atlas/en/districts/hechuan/health-2024/"),
        "{links:?}"
    );
    let place = select_text(&page, "#search-results li:first-child .meta").concat();
    assert!(place.contains("Hechuan"), "{place}");
}

#[test]
fn empty_and_hostile_queries_show_nothing_and_run_nothing() {
    if !available() {
        return;
    }
    let base = site();
    let empty = rendered(&format!("{base}search/?q="));
    assert!(select_text(&empty, "#search-results li").is_empty());
    let hostile = rendered(&format!(
        "{base}search/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    ));
    assert!(select_text(&hostile, "#search-results li").is_empty());
    assert_eq!(
        select_text(&hostile, "main img").len(),
        0,
        "no element was injected"
    );
    assert_eq!(select_attr(&hostile, "[onerror]", "onerror").len(), 0);
    assert_eq!(
        select_text(&hostile, "#search-status"),
        ["没有找到结果。"],
        "the query was searched as text"
    );
}

#[test]
fn without_javascript_the_page_says_search_needs_it() {
    let out = common::basic_site();
    for (page, text) in [
        ("search/index.html", "搜索需要启用 JavaScript"),
        ("en/search/index.html", "Search needs JavaScript"),
    ] {
        let html = out.read(page);
        let noscript = html.split("<noscript>").nth(1).unwrap_or("");
        assert!(noscript.contains(text), "{page}");
    }
}

#[test]
fn the_index_is_split_into_vocabulary_and_postings_shards() {
    let out = common::basic_site();
    for dir in ["search/index", "en/search/index"] {
        let meta: serde_json::Value =
            serde_json::from_str(&out.read(&format!("{dir}/meta.json"))).expect("meta");
        assert!(meta["vocab"].as_u64().expect("vocab shards") >= 16);
        assert!(meta["postings"].as_u64().expect("postings shards") >= 16);
        for sub in ["v", "p"] {
            let files = std::fs::read_dir(out.dir.join(dir).join(sub))
                .expect("shards")
                .count();
            assert!(files > 1, "{dir}/{sub}: {files} shard files");
        }
        assert!(Path::new(&out.dir.join(dir).join("d/report-0.json")).is_file());
    }
    // 长期护理保险 is indexed whole and by its parts.
    let meta: serde_json::Value =
        serde_json::from_str(&out.read("search/index/meta.json")).expect("meta");
    let vocab = meta["vocab"].as_u64().expect("vocab") as u32;
    for term in ["护理", "长期护理保险"] {
        let k = term.chars().next().expect("char") as u32 % vocab;
        let shard: serde_json::Value =
            serde_json::from_str(&out.read(&format!("search/index/v/{k}.json"))).expect("shard");
        let terms = shard["t"].as_array().expect("terms");
        assert!(terms.contains(&term.into()), "{term}");
    }
}

#[test]
fn every_indexed_document_links_to_an_existing_page_and_anchor() {
    let out = common::basic_site();
    let mut checked = 0;
    for dir in ["search/index/d", "en/search/index/d"] {
        for entry in std::fs::read_dir(out.dir.join(dir)).expect("chunks") {
            let path = entry.expect("entry").path();
            let rows: Vec<Vec<String>> =
                serde_json::from_slice(&std::fs::read(&path).expect("chunk")).expect("rows");
            for row in rows {
                let url = &row[1];
                let rest = url.strip_prefix(BASE).expect("site URL");
                let (page, anchor) = rest.split_once('#').unwrap_or((rest, ""));
                let html = out.html(&format!("{page}index.html"));
                if !anchor.is_empty() {
                    assert_eq!(
                        select_attr(&html, &format!("#{anchor}"), "id").len(),
                        1,
                        "{url}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 20, "{checked}");
    let glossary = out.html("glossary/index.html");
    assert_eq!(select_text(&glossary, "#term-1 dt").len(), 1);
}
