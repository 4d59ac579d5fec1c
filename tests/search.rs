//! Search: the index files, and the search page opened in headless Chromium against a local
//! server (Chromium is installed by `.ci/run`).

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread;

use common::browser::{available, rendered};
use common::{select_attr, select_text, Fixture, Output};

const BASE: &str = "/atlas/";

/// Serves `dir` under `/atlas/` on a free loopback port until the test ends: one thread per
/// connection, one request each (`Connection: close`), so an idle preconnected socket never
/// holds up the page's requests.
fn serve(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("address").port();
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            thread::spawn(move || respond(&dir, stream));
        }
    });
    format!("http://127.0.0.1:{port}{BASE}")
}

fn respond(dir: &Path, mut stream: TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head);
    let target = head.split_whitespace().nth(1).unwrap_or("/");
    let url = target.split(['?', '#']).next().unwrap_or("");
    let rel = url.strip_prefix(BASE).unwrap_or("");
    let mut path = dir.join(percent_decode(rel));
    if path.is_dir() {
        path = path.join("index.html");
    }
    let (status, kind, body) = match std::fs::read(&path) {
        Ok(bytes) if !rel.contains("..") => {
            let kind = match path.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("json") => "application/json",
                Some("css") => "text/css",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            ("200 OK", kind, bytes)
        }
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    let _ = stream.write_all(&body);
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn site() -> (Fixture, String) {
    let fixture = Fixture::new("basic");
    let out: Output = fixture.build_ok();
    let url = serve(out.dir.clone());
    (fixture, url)
}

#[test]
fn a_chinese_query_lists_the_elderly_care_report_first() {
    if !available() {
        return;
    }
    let (_fixture, base) = site();
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
    let (_fixture, base) = site();
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
    let (_fixture, base) = site();
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
    let (_fixture, base) = site();
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
    let fixture = Fixture::new("basic");
    let out = fixture.build_ok();
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
    let fixture = Fixture::new("basic");
    let out = fixture.build_ok();
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
    let fixture = Fixture::new("basic");
    let out = fixture.build_ok();
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
