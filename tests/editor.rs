//! The editor's commands: `new` scaffolds files that load, `check` finds every class of
//! problem without touching the built site, and `-q` silences success.

mod common;

use common::{run, Fixture};

fn check(fixture: &Fixture, args: &[&str]) -> common::Run {
    let root = fixture.root().to_str().expect("utf-8 path").to_string();
    let mut all = vec!["check", "--root", &root];
    all.extend(args);
    run(&all)
}

fn check_json(fixture: &Fixture) -> (i32, serde_json::Value) {
    let out = check(fixture, &["--format", "json"]);
    let json = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", out.stdout, out.stderr));
    (out.code, json)
}

/// The `(path, line, severity, message)` of each problem `check --format json` reports.
fn problems(json: &serde_json::Value) -> Vec<(String, u64, String, String)> {
    json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap_or_default().to_string(),
                p["line"].as_u64().unwrap_or_default(),
                p["severity"].as_str().unwrap_or_default().to_string(),
                p["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_passes_a_clean_site_and_writes_nothing() {
    let fixture = Fixture::new("basic");
    let out = check(&fixture, &[]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("clean:"), "{}", out.stdout);
    assert!(!fixture.path("public").exists(), "check wrote public/");
    let (code, json) = check_json(&fixture);
    assert_eq!(code, 0);
    assert!(json["pages"].as_u64().unwrap_or_default() > 10, "{json}");
    assert_eq!(problems(&json), vec![]);
}

#[test]
fn check_reports_front_matter_errors_at_their_line_and_keeps_public() {
    let fixture = Fixture::new("basic");
    let before = fixture.build_ok().snapshot();
    let rel = "content/districts/hechuan/schools-2023.md";
    fixture.edit(rel, "date: 2023-09-01", "date: 2023-09-01\nsauce: 测试");
    let (code, json) = check_json(&fixture);
    assert_eq!(code, 1);
    let found = problems(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, rel);
    assert_eq!(found[0].1, 5);
    assert_eq!(found[0].2, "error");
    assert!(found[0].3.contains("unknown field `sauce`"), "{found:?}");
    assert_eq!(fixture.output().snapshot(), before, "check changed public/");
}

#[test]
fn check_finds_broken_links_and_anchors() {
    let fixture = Fixture::new("basic");
    fixture.write(
        "content/pages/links.md",
        "---\ntitle: 链接\n---\n[无此区](/districts/nowhere/) [无此锚](/districts/hechuan/#nothing-here)\n",
    );
    let (code, json) = check_json(&fixture);
    assert_eq!(code, 1);
    let messages: Vec<String> = problems(&json).into_iter().map(|p| p.3).collect();
    assert!(
        messages.iter().any(|m| m.contains("/districts/nowhere/")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("#nothing-here")),
        "{messages:?}"
    );
}

#[test]
fn check_finds_template_errors() {
    let fixture = Fixture::new("basic");
    let rel = "themes/atlas/templates/page.html";
    let text = std::fs::read_to_string(fixture.path(rel)).expect("read");
    fixture.write(
        rel,
        text.replacen("{{", "{{ page.title ", 1)
            .replacen("}}", "", 1),
    );
    let (code, json) = check_json(&fixture);
    assert_eq!(code, 1);
    let found = problems(&json);
    assert!(
        found.iter().any(|p| p.0.ends_with("page.html")),
        "{found:?}"
    );
}

#[test]
fn check_warns_about_translations_older_than_the_chinese() {
    let fixture = Fixture::new("basic");
    let rel = "content/districts/hechuan/schools-2023.md";
    fixture.edit(
        rel,
        "date: 2023-09-01",
        "date: 2023-09-01\nupdated: 2024-03-01",
    );
    let (code, json) = check_json(&fixture);
    assert_eq!(code, 1, "a stale translation is not clean");
    let found = problems(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "content/districts/hechuan/schools-2023.en.md");
    assert_eq!(found[0].2, "warning");
    assert!(
        found[0].3.contains("older than the Chinese (2024-03-01)"),
        "{found:?}"
    );

    let en = "content/districts/hechuan/schools-2023.en.md";
    fixture.edit(en, "---\n", "---\nupdated: 2024-03-02\n");
    let (code, json) = check_json(&fixture);
    assert_eq!((code, problems(&json)), (0, vec![]));
}

#[test]
fn check_ranks_glossary_gaps_by_frequency() {
    let fixture = Fixture::new("basic");
    fixture.write(
        "content/districts/lanping/gaps-2024.md",
        "---\ntitle: 缺词测试\ntitle_en: Gaps\ndate: 2024-05-01\nsource: 测试日报\nsummary: 测试。\n---\n\
         全县新建观鸟亭12座。\n\n另外新建观鸟亭3座，新建观鸟亭5座。\n\n改造公厕4座。\n",
    );
    let (code, json) = check_json(&fixture);
    assert_eq!(code, 0, "glossary gaps alone do not fail the check: {json}");
    let gaps = json["glossary_gaps"].as_array().expect("gaps");
    let first = &gaps[0];
    assert!(
        first["subject"]
            .as_str()
            .unwrap_or_default()
            .contains("观鸟亭"),
        "{gaps:?}"
    );
    assert_eq!(first["count"], 3);
    assert_eq!(first["path"], "content/districts/lanping/gaps-2024.md");
    assert_eq!(first["line"], 8);
    let counts: Vec<u64> = gaps.iter().filter_map(|g| g["count"].as_u64()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let text = check(&fixture, &[]);
    assert!(
        text.stdout
            .contains("have only English composed from the dictionary"),
        "{}",
        text.stdout
    );
}

#[test]
fn new_district_and_report_scaffold_files_that_build_once_filled_in() {
    let fixture = Fixture::new("basic");
    let root = fixture.root().to_str().expect("utf-8 path").to_string();
    let out = run(&["new", "district", "tongnan", "--root", &root]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("content/districts/tongnan/_index.md"),
        "{}",
        out.stdout
    );
    let out = run(&["new", "report", "tongnan", "minsheng-2025", "--root", &root]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for rel in ["_index.en.md", "minsheng-2025.md", "minsheng-2025.en.md"] {
        assert!(
            fixture
                .path(&format!("content/districts/tongnan/{rel}"))
                .is_file(),
            "{rel}"
        );
    }
    let report =
        std::fs::read_to_string(fixture.path("content/districts/tongnan/minsheng-2025.md"))
            .expect("read");
    for key in [
        "title:",
        "title_en:",
        "date:",
        "source:",
        "summary:",
        "domains:",
    ] {
        assert!(report.contains(key), "{key} missing:\n{report}");
    }

    // The placeholder code is refused at its line until the editor fills it in.
    let built = fixture.build(&[]);
    assert_ne!(built.code, 0);
    assert!(
        built.stderr.contains("tongnan/_index.md:5:7"),
        "{}",
        built.stderr
    );
    fixture.edit(
        "content/districts/tongnan/_index.md",
        "code: 0",
        "code: 500152",
    );
    let out = fixture.build_ok();
    assert!(out.exists("districts/tongnan/minsheng-2025/index.html"));
    assert!(out.exists("en/districts/tongnan/minsheng-2025/index.html"));
}

#[test]
fn new_refuses_bad_slugs_existing_files_and_unknown_districts() {
    let fixture = Fixture::new("basic");
    let root = fixture.root().to_str().expect("utf-8 path").to_string();
    let out = run(&["new", "district", "潼南", "--root", &root]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("minsheng new district tongnan"),
        "{}",
        out.stderr
    );
    let out = run(&["new", "report", "hechuan", "Schools 2025", "--root", &root]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("schools-2025"), "{}", out.stderr);
    let out = run(&["new", "report", "nowhere", "x-2025", "--root", &root]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("minsheng new district nowhere"),
        "{}",
        out.stderr
    );
    let before =
        std::fs::read(fixture.path("content/districts/hechuan/schools-2023.md")).expect("read");
    let out = run(&["new", "report", "hechuan", "schools-2023", "--root", &root]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    let after =
        std::fs::read(fixture.path("content/districts/hechuan/schools-2023.md")).expect("read");
    assert_eq!(before, after);
}

#[test]
fn quiet_builds_print_nothing_and_errors_still_show() {
    let fixture = Fixture::new("basic");
    // Not a terminal: no progress display, one line of summary.
    let out = fixture.build(&[]);
    assert_eq!(out.stdout.lines().count(), 1, "{:?}", out.stdout);
    assert!(out.stdout.starts_with("built "), "{:?}", out.stdout);
    assert!(
        !out.stdout.contains('\u{1b}'),
        "no terminal codes: {:?}",
        out.stdout
    );
    let out = fixture.build(&["-q"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    fixture.write("content/districts/hechuan/bad.md", "---\ntitle: [\n---\n");
    let out = fixture.build(&["-q"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("bad.md:"), "{}", out.stderr);
}
