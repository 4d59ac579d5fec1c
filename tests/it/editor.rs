//! The editor's commands: `new` scaffolds files that load, `check` finds every class of
//! problem without touching the built site, and `-q` silences success.

use crate::common;

use std::path::{Path, PathBuf};

use common::{assert_links_resolve, run, select_text, Fixture, Output};

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
    // Per report, the figures and those an editor should look at.
    let review = json["review"].as_array().expect("review");
    assert_eq!(review.len(), 4, "{json}");
    let count = |r: &serde_json::Value, key: &str| r[key].as_u64().expect(key);
    for report in review {
        assert!(
            report["report"].as_str().unwrap().ends_with(".md"),
            "{report}"
        );
        assert!(count(report, "figures") > 0, "{report}");
        assert!(count(report, "low_confidence") <= count(report, "figures"));
        // health-2024 corrects one of its figures in `metrics:` (and drops another).
        let corrected = usize::from(
            report["report"]
                .as_str()
                .unwrap()
                .ends_with("health-2024.md"),
        );
        assert_eq!(
            count(report, "unreviewed") + corrected as u64,
            count(report, "figures"),
            "{report}"
        );
        assert!(count(report, "composed_english") <= count(report, "figures"));
    }
    assert!(
        out.stdout.contains("figures in 4 reports"),
        "{}",
        out.stdout
    );
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

/// `minsheng init` into a new folder inside a temporary one, which it returns with the site.
fn init_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("atlas");
    let out = run(&["init", site.to_str().expect("utf-8 path")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for step in ["minsheng new district", "minsheng import", "minsheng serve"] {
        assert!(out.stdout.contains(step), "{step}:\n{}", out.stdout);
    }
    assert!(
        out.stdout.contains("created") && out.stdout.contains("site.toml"),
        "{}",
        out.stdout
    );
    (dir, site)
}

fn build_site(site: &Path, output: &Path) -> Output {
    let out = run(&[
        "build",
        "--root",
        site.to_str().expect("utf-8 path"),
        "--output",
        output.to_str().expect("utf-8 path"),
        "--base-url",
        "https://example.github.io/new-atlas/",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    Output {
        dir: output.to_path_buf(),
    }
}

#[test]
fn init_writes_an_empty_atlas_that_builds_in_both_languages() {
    let (dir, site) = init_site();
    for rel in [
        "site.toml",
        "content/_index.md",
        "content/_index.en.md",
        "content/glossary.yaml",
        "content/indicators.yaml",
        ".gitignore",
        ".github/workflows/publish.yml",
    ] {
        assert!(site.join(rel).is_file(), "{rel} not written");
    }
    // The theme is built in: the new site has no copy of it.
    assert!(!site.join("themes").exists());
    let out = build_site(&site, &dir.path().join("public"));
    assert!(
        select_text(&out.html("index.html"), "p.empty").contains(&"图谱还没有收录区县。".into())
    );
    assert!(select_text(&out.html("en/index.html"), "p.empty")
        .contains(&"The atlas holds no districts yet.".into()));
    assert!(out.exists("style.css") && out.exists("search.js"));
    // Every page exists in both languages, and every link and asset resolves.
    let pages = out.html_files();
    assert!(pages.len() > 20, "{pages:?}");
    for page in &pages {
        let twin = match page.strip_prefix("en") {
            Ok(zh) => zh.to_path_buf(),
            Err(_) => Path::new("en").join(page),
        };
        assert!(
            pages.contains(&twin),
            "{} has no {}",
            page.display(),
            twin.display()
        );
    }
    assert!(assert_links_resolve(&out, "/new-atlas/") > 100);
}

#[test]
fn init_refuses_a_folder_with_files_unless_forced_and_then_keeps_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().to_str().expect("utf-8 path");
    std::fs::write(dir.path().join("site.toml"), "# mine\n").expect("write");
    let out = run(&["init", site]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("not empty"), "{}", out.stderr);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert!(!dir.path().join("content").exists());
    let out = run(&["init", site, "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("kept"), "{}", out.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site.toml")).expect("read"),
        "# mine\n"
    );
    assert!(dir.path().join("content/_index.en.md").is_file());
}

#[test]
fn init_workflow_installs_this_release_and_checks_its_checksum() {
    let (_dir, site) = init_site();
    let text = std::fs::read_to_string(site.join(".github/workflows/publish.yml")).expect("read");
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    let env = &workflow["env"];
    assert_eq!(
        env["MINSHENG_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(
        env["MINSHENG_REPO"].as_str(),
        Some(env!("CARGO_PKG_REPOSITORY"))
    );
    let steps = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("steps");
    let script = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"].as_str() == Some(name))
            .and_then(|s| s["run"].as_str())
            .unwrap_or_else(|| panic!("no step {name}"))
            .to_string()
    };
    let install = script("Install minsheng");
    for part in [
        "releases/download/v$MINSHENG_VERSION",
        "sha256sum -c",
        "cargo install --locked --git",
    ] {
        assert!(install.contains(part), "{part}:\n{install}");
    }
    assert!(script("Build the site for this repository's Pages URL").starts_with("minsheng build"));
}

#[test]
fn a_site_template_replaces_the_built_in_one_and_the_rest_stay_built_in() {
    let (dir, site) = init_site();
    let index = site.join("themes/atlas/templates/index.html");
    std::fs::create_dir_all(index.parent().expect("parent")).expect("mkdir");
    std::fs::write(
        &index,
        "{% extends \"base.html\" %}{% block content %}<p id=\"own\">{{ site.title }}</p>{% endblock content %}",
    )
    .expect("write");
    let out = build_site(&site, &dir.path().join("public"));
    let home = out.html("en/index.html");
    assert_eq!(
        select_text(&home, "#own"),
        vec!["Livelihood Atlas".to_string()]
    );
    // base.html, the other pages and the static files are the built-in theme's.
    assert!(!select_text(&home, "nav a").is_empty());
    assert!(select_text(&out.html("en/districts/index.html"), "p.empty")
        .contains(&"The atlas holds no districts yet.".into()));
    assert!(out.exists("style.css"));
}

#[test]
fn an_ejected_theme_builds_the_same_site_as_the_built_in_one() {
    let (dir, site) = init_site();
    let before = build_site(&site, &dir.path().join("before")).snapshot();
    let root = site.to_str().expect("utf-8 path");
    let out = run(&["theme", "eject", "--root", root]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(site.join("themes/atlas/templates/base.html").is_file());
    assert!(site.join("themes/atlas/i18n/en.toml").is_file());
    assert!(site.join("themes/atlas/README.md").is_file());
    let after = build_site(&site, &dir.path().join("after")).snapshot();
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(before == after, "the ejected theme built different bytes");
    // A second eject would mix two themes: it is refused.
    let again = run(&["theme", "eject", "--root", root]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
}

#[test]
fn a_theme_that_is_neither_built_in_nor_in_the_site_is_named() {
    let (_dir, site) = init_site();
    let config = site.join("site.toml");
    let text = std::fs::read_to_string(&config).expect("read");
    std::fs::write(
        &config,
        text.replace("theme = \"atlas\"", "theme = \"paper\""),
    )
    .expect("write");
    let out = run(&["build", "--root", site.to_str().expect("utf-8 path")]);
    assert_eq!(out.code, 1);
    for part in [
        "themes/paper",
        "theme `paper` not found",
        "minsheng theme eject",
    ] {
        assert!(out.stderr.contains(part), "{part}:\n{}", out.stderr);
    }
}
