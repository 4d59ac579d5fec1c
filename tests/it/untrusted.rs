//! Content as untrusted input (copied from web pages, built by CI from pull requests): no
//! script reaches a published page, no file outside the site is read, no spreadsheet formula
//! is written, small files cannot cost much, and odd values are errors at their line. Every
//! case runs on a temporary copy of the fixture site.

use crate::common;

use common::{run, select_attr, Fixture, Run};

const REPORT: &str = "content/districts/hechuan/schools-2023.md";
const REPORT_EN: &str = "content/districts/hechuan/schools-2023.en.md";
const PAGE: &str = "districts/hechuan/schools-2023/index.html";
const SAFE_TOML: &str = "# The fixture publishes its raw HTML, sanitised, to test that marks stay out of it.\n[markdown]\nunsafe_html = true\n";

/// The fixture with raw HTML left to the default (shown as text).
fn default_fixture() -> Fixture {
    let fixture = Fixture::new("basic");
    fixture.edit("site.toml", SAFE_TOML, "");
    fixture
}

fn assert_fails_at(run: &Run, location: &str, says: &str) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(location), "{location}:\n{}", run.stderr);
    assert!(run.stderr.contains(says), "{says}:\n{}", run.stderr);
}

const HOSTILE_HTML: &str =
    "\n\n<script>alert(1)</script>\n\n图片<img src=\"https://example.org/x.png\" onerror=alert(2)>说明<sup>2</sup>。\n";

#[test]
fn raw_html_is_shown_as_text_by_default_in_both_languages() {
    let fixture = default_fixture();
    fixture.edit(
        REPORT,
        "改善办学条件",
        &format!("改善办学条件{HOSTILE_HTML}"),
    );
    fixture.edit(
        REPORT_EN,
        "school facilities.",
        &format!("school facilities.{HOSTILE_HTML}"),
    );
    let out = fixture.build_ok();
    for page in [PAGE.to_string(), format!("en/{PAGE}")] {
        let html = out.read(&page);
        for tag in ["<script>alert", "<img src=", "onerror=alert(2)>"] {
            assert!(!html.contains(tag), "{page} publishes {tag}");
        }
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
    }
}

#[test]
fn published_raw_html_is_sanitised() {
    let fixture = Fixture::new("basic");
    fixture.edit(
        REPORT,
        "改善办学条件",
        &format!("改善办学条件{HOSTILE_HTML}"),
    );
    let html = fixture.build_ok().read(PAGE);
    assert!(!html.contains("alert("), "{html}");
    assert!(html.contains("<sup>2</sup>"), "{html}");
    assert!(
        html.contains("<img src=\"https://example.org/x.png\">"),
        "{html}"
    );
}

#[test]
fn script_links_are_errors_at_their_line_and_keep_the_site() {
    for (file, link, line) in [
        (REPORT, "[点此](javascript:alert(1))", 13),
        (REPORT, "[点此](  JaVaScRiPt:alert(1))", 13),
        (REPORT, "![图](data:image/svg+xml;base64,PHN2Zz4=)", 13),
        (REPORT, "[点此](vbscript:msgbox)", 13),
        (REPORT_EN, "[here](javascript:alert(1))", 9),
    ] {
        let fixture = Fixture::new("basic");
        fixture.build_ok();
        let before = std::fs::read(fixture.path("public/index.html")).unwrap();
        let anchor = if file == REPORT {
            "改善办学条件"
        } else {
            "school facilities"
        };
        fixture.edit(file, anchor, &format!("{anchor}{link}"));
        let run = fixture.build(&[]);
        assert_fails_at(&run, &format!("{file}:{line}:"), "cannot be published");
        assert!(run.stderr.contains("was left as it was"), "{}", run.stderr);
        assert_eq!(
            std::fs::read(fixture.path("public/index.html")).unwrap(),
            before
        );
    }
}

#[test]
fn a_source_url_must_be_http() {
    let fixture = Fixture::new("basic");
    fixture.edit(
        REPORT,
        "source: 测试日报\n",
        "source: 测试日报\nsource_url: \"javascript:alert(1)\"\n",
    );
    assert_fails_at(&fixture.build(&[]), &format!("{REPORT}:6:"), "source_url");
}

#[test]
fn check_reports_unsafe_html_as_errors_and_raw_html_as_warnings() {
    let fixture = default_fixture();
    fixture.edit(
        REPORT,
        "改善办学条件",
        &format!("改善办学条件{HOSTILE_HTML}"),
    );
    let run = run(&[
        "check",
        "--root",
        fixture.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let problems: Vec<(u64, String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["path"] == REPORT)
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["severity"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let severity_at = |line: u64| {
        problems
            .iter()
            .filter(|p| p.0 == line)
            .map(|p| p.1.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(severity_at(15), ["error"], "{problems:?}");
    // `<img onerror>` is an error, `<sup>` only shown as text.
    assert_eq!(
        severity_at(17),
        ["error", "warning", "warning"],
        "{problems:?}"
    );
}

#[test]
fn csv_cells_cannot_become_formulas() {
    let fixture = Fixture::new("basic");
    fixture.edit(
        REPORT,
        "domains: [education]\n",
        "domains: [education]\nmetrics:\n  - text: 6所\n    subject: \"=HYPERLINK(\\\"http://x\\\")\"\n    subject_en: \"+cmd|' /C calc'!A0\"\n",
    );
    let out = fixture.build_ok();
    for csv in ["data/metrics.csv.gz", "districts/hechuan/metrics.csv.gz"] {
        let text = out.read(csv);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let row = reader
            .records()
            .map(Result::unwrap)
            .find(|r| &r[column("text")] == "6所")
            .unwrap();
        assert_eq!(
            &row[column("subject")],
            "'=HYPERLINK(\"http://x\")",
            "{csv}"
        );
        assert_eq!(&row[column("subject_en")], "'+cmd|' /C calc'!A0", "{csv}");
        assert!(!headers.iter().any(|h| h == "sentence"), "{csv}");
        assert_eq!(&row[column("value")], "6", "{csv}");
    }
    // The JSON download keeps the text as it is, and the sentence the CSV files leave out.
    let json = out.read("data/metrics.json.gz");
    assert!(json.contains("\"subject\":\"=HYPERLINK("));
    assert!(json.contains("\"sentence\":\"合川区今年新建"), "{json}");
}

#[cfg(unix)]
#[test]
fn files_and_folders_outside_the_site_are_never_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = "---\ntitle: 泄露\ntitle_en: leak\ndate: 2024-01-01\nsource: x\nsummary: x\n---\nSECRET-LINE 新建学校3所。\n";
    std::fs::write(outside.path().join("secret.md"), secret).unwrap();
    std::fs::write(outside.path().join("_index.md"), secret).unwrap();
    let link = |fixture: &Fixture, target: &std::path::Path, rel: &str| {
        std::os::unix::fs::symlink(target, fixture.path(rel)).unwrap();
    };

    let fixture = Fixture::new("basic");
    link(
        &fixture,
        &outside.path().join("secret.md"),
        "content/districts/hechuan/leak.md",
    );
    let run = fixture.build(&[]);
    assert_fails_at(
        &run,
        "content/districts/hechuan/leak.md",
        "outside the site folder",
    );
    assert!(!run.stderr.contains("SECRET"), "{}", run.stderr);

    let fixture = Fixture::new("basic");
    link(&fixture, outside.path(), "content/districts/elsewhere");
    let run = fixture.build(&[]);
    assert_fails_at(
        &run,
        "content/districts/elsewhere",
        "outside the site folder",
    );
    assert!(!run.stderr.contains("SECRET"), "{}", run.stderr);

    let fixture = Fixture::new("basic");
    let boundaries = outside.path().join("secret.md");
    fixture.edit(
        "site.toml",
        "[markdown]",
        &format!(
            "[map]\nboundaries = \"{}\"\n\n[markdown]",
            boundaries.display()
        ),
    );
    let run = fixture.build(&[]);
    assert_fails_at(&run, "secret.md", "outside the site folder");
    assert!(
        !run.stderr.contains("SECRET") && !run.stderr.contains("泄露"),
        "{}",
        run.stderr
    );

    // A link that stays inside the site is followed.
    let fixture = Fixture::new("basic");
    fixture.write(
        "shared/glossary.yaml",
        std::fs::read(fixture.path("content/glossary.yaml")).unwrap(),
    );
    std::fs::remove_file(fixture.path("content/glossary.yaml")).unwrap();
    link(
        &fixture,
        &fixture.path("shared/glossary.yaml"),
        "content/glossary.yaml",
    );
    fixture.build_ok();
}

#[test]
fn a_theme_is_a_folder_under_themes() {
    let fixture = Fixture::new("basic");
    fixture.edit(
        "site.toml",
        "default_language",
        "theme = \"../../elsewhere\"\ndefault_language",
    );
    assert_fails_at(
        &fixture.build(&[]),
        "site.toml:2:",
        "not the name of a folder under themes/",
    );
}

#[test]
fn yaml_aliases_deep_nesting_and_huge_front_matter_are_refused() {
    let big = "长".repeat(30_000);
    for (added, line, says) in [
        (
            format!("byline: &big {big}\ncaptions: [*big, *big, *big]\n"),
            8,
            "anchors and aliases",
        ),
        (
            format!("captions: {}\n", "[".repeat(100_000)),
            8,
            "nested more than",
        ),
        (
            format!("byline: {}\n", "长".repeat(100_000)),
            1,
            "larger than the 256 KB allowed",
        ),
    ] {
        let fixture = Fixture::new("basic");
        let domains = "domains: [education]\n";
        fixture.edit(REPORT, domains, &format!("{domains}{added}"));
        assert_fails_at(&fixture.build(&[]), &format!("{REPORT}:{line}:"), says);
    }
}

#[test]
fn a_number_too_large_is_an_error_at_its_line_and_skipped_by_extract() {
    let fixture = Fixture::new("basic");
    let digits = "9".repeat(400);
    fixture.edit(
        REPORT,
        "今年新建中小学校6所，",
        &format!("今年新建中小学校6所，投入{digits}亿元，"),
    );
    let run = fixture.build(&[]);
    assert_fails_at(&run, &format!("{REPORT}:9:"), "too large to be a figure");
    assert!(!run.stderr.contains("inf"), "{}", run.stderr);

    let run = run_extract(&fixture);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("too large to be a figure"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("\"value\": null") && !run.stdout.contains("inf"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\"value\": 8000"), "{}", run.stdout);
}

fn run_extract(fixture: &Fixture) -> Run {
    let file = fixture.path(REPORT);
    run(&[
        "extract",
        file.to_str().unwrap(),
        "--json",
        "--root",
        fixture.root().to_str().unwrap(),
    ])
}

#[test]
fn control_characters_are_errors_at_their_place() {
    let fixture = Fixture::new("basic");
    fixture.edit(REPORT, "今年新建", "今年\u{0}新建");
    let run = fixture.build(&[]);
    assert_fails_at(&run, &format!("{REPORT}:9:"), "control character U+0000");
}

#[test]
fn a_broken_link_is_reported_at_its_markdown_line() {
    let fixture = Fixture::new("basic");
    fixture.edit(REPORT, "(/districts/hechuan/)", "(/districts/nowhere/)");
    let run = fixture.build(&[]);
    assert_fails_at(&run, &format!("{REPORT}:13:"), "broken internal link");
}

#[test]
fn import_drops_raw_html_and_script_links_and_says_so() {
    let fixture = Fixture::new("basic");
    fixture.write(
        "raw/page.txt",
        "合川区学校建设\n\n<script>alert(1)</script>今年新建学校3所，<img src=x onerror=alert(1)>详见[通知](javascript:alert(1))。\n",
    );
    let file = fixture.path("raw/page.txt");
    let run = run(&[
        "import",
        file.to_str().unwrap(),
        "--district",
        "hechuan",
        "--date",
        "2024-05-01",
        "--root",
        fixture.root().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("dropped 2 raw HTML tags, 1 links"),
        "{}",
        run.stderr
    );
    let written =
        std::fs::read_to_string(fixture.path("content/districts/hechuan/page.md")).unwrap();
    assert!(written.contains("今年新建学校3所，详见通知。"), "{written}");
    assert!(!written.contains("alert"), "{written}");
    let out = fixture.build_ok();
    let links = select_attr(&out.html("districts/hechuan/page/index.html"), "a", "href");
    assert!(links.iter().all(|l| !l.contains("javascript")), "{links:?}");
}
