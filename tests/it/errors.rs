//! Bad input: every problem is reported as `path:line:col: message` with a hint, the exit code
//! is non-zero, and the previously built site is left exactly as it was.

use crate::common;

use common::{Fixture, Run};

/// Builds the fixture, breaks it with `edit`, builds again and checks that the failed build
/// changed nothing in `public/`. Returns the failed run.
fn broken_build(edit: impl FnOnce(&Fixture)) -> Run {
    let fixture = Fixture::new("basic");
    let before = fixture.build_ok().snapshot();
    edit(&fixture);
    let run = fixture.build(&[]);
    assert_ne!(run.code, 0, "the build should fail:\n{}", run.stdout);
    assert!(
        fixture.output().snapshot() == before,
        "public/ changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(fixture.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".minsheng-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    run
}

fn assert_reports(run: &Run, location: &str, message: &str) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains(location))
        .unwrap_or_else(|| panic!("no problem at {location}:\n{}", run.stderr));
    assert!(
        line.contains(message),
        "expected `{message}` in:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: "), "no hint:\n{}", run.stderr);
}

const REPORT: &str = "content/districts/hechuan/schools-2023.md";

#[test]
fn invalid_yaml() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write(
            REPORT,
            text.replace("source: 测试日报", "source: [测试日报"),
        );
    });
    assert_reports(
        &run,
        "content/districts/hechuan/schools-2023.md:",
        "schools-2023.md:",
    );
    assert!(
        run.stderr.contains("schools-2023.md:5:") || run.stderr.contains("schools-2023.md:6:"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_required_field() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write(REPORT, text.replace("date: 2023-09-01\n", ""));
    });
    assert_reports(&run, "schools-2023.md:2:1:", "missing field `date`");
}

#[test]
fn unknown_front_matter_key() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write(REPORT, text.replace("source:", "sauce:"));
    });
    assert_reports(&run, "schools-2023.md:5:1:", "unknown field `sauce`");
}

#[test]
fn unknown_domain() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write(
            REPORT,
            text.replace("domains: [education]", "domains: [schools]"),
        );
    });
    assert_reports(&run, "schools-2023.md:7:", "unknown variant `schools`");
}

#[test]
fn report_naming_an_unknown_district() {
    let run = broken_build(|f| {
        f.write(
            "content/districts/tongnan/roads-2024.md",
            "---\ntitle: x\n---\n",
        );
    });
    assert_reports(
        &run,
        "content/districts/tongnan/roads-2024.md:1:1:",
        "unknown district `tongnan`",
    );
    assert!(
        run.stderr.contains("minsheng new district tongnan"),
        "{}",
        run.stderr
    );
}

#[test]
fn non_ascii_slug_gets_a_suggestion() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write("content/districts/hechuan/养老报道.md", text);
    });
    assert_reports(&run, "养老报道.md:1:1:", "not a valid report slug");
    assert!(
        run.stderr.contains("rename it to `yanglaobaodao`"),
        "{}",
        run.stderr
    );
}

#[test]
fn non_ascii_district_folder() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path("content/districts/lanping/_index.md")).unwrap();
        f.write("content/districts/兰坪/_index.md", text);
    });
    assert_reports(
        &run,
        "兰坪/_index.md:1:1:",
        "not a valid district folder slug",
    );
    assert!(
        run.stderr.contains("rename it to `lanping`"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_slug() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write(
            "content/districts/hechuan/copy.md",
            text.replace("---\ntitle:", "---\nslug: schools-2023\ntitle:"),
        );
    });
    assert_reports(
        &run,
        "content/districts/hechuan/",
        "duplicate report slug `schools-2023`",
    );
    assert!(run.stderr.contains("copy.md"), "{}", run.stderr);
}

#[test]
fn page_slug_taken_by_the_site() {
    let run = broken_build(|f| f.write("content/pages/districts.md", "---\ntitle: 区县\n---\n"));
    assert_reports(
        &run,
        "content/pages/districts.md:1:1:",
        "duplicate slug `districts`",
    );
}

#[test]
fn invalid_utf8() {
    let run = broken_build(|f| {
        let mut bytes = std::fs::read(f.path(REPORT)).unwrap();
        bytes.extend_from_slice(b"\n\xd6\xd0\xce\xc4\n");
        f.write(REPORT, bytes);
    });
    assert_reports(&run, "schools-2023.md:15:1:", "invalid UTF-8");
}

#[test]
fn template_syntax_error_names_its_line() {
    let run = broken_build(|f| {
        let path = "themes/atlas/templates/page.html";
        let text = std::fs::read_to_string(f.path(path)).unwrap();
        f.write(path, text.replace("{{ page.title }}", "{{ page.title "));
    });
    assert_reports(&run, "themes/atlas/templates/page.html:4:", "");
    // The broken line is shown under the message, read from the site folder.
    assert!(
        run.stderr.contains("4 |   <h1>{{ page.title </h1>"),
        "{}",
        run.stderr
    );
}

#[test]
fn slug_override_cannot_leave_the_output_folder() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write(
            REPORT,
            text.replace("---\ntitle:", "---\nslug: ../../../escape\ntitle:"),
        );
    });
    assert_reports(&run, "schools-2023.md:1:1:", "not a valid report slug");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path(REPORT)).unwrap();
        f.write(REPORT, text.replace("source:", "sauce:"));
        f.write(
            "content/districts/tongnan/roads-2024.md",
            "---\ntitle: x\n---\n",
        );
        f.write("themes/atlas/templates/domain.html", "{{ broken");
        let lanping = "content/districts/lanping/_index.md";
        let text = std::fs::read_to_string(f.path(lanping)).unwrap();
        f.write(lanping, text.replace("lat: 26.45\n", ""));
    });
    for location in [
        "schools-2023.md:5:1:",
        "tongnan/roads-2024.md:1:1:",
        "templates/domain.html:1:",
        "lanping/_index.md:",
    ] {
        assert!(
            run.stderr.contains(location),
            "{location} not reported:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("4 problems found"), "{}", run.stderr);
    // Ordered by file.
    let tongnan = run.stderr.find("tongnan").unwrap();
    let lanping = run.stderr.find("lanping").unwrap();
    assert!(lanping < tongnan, "{}", run.stderr);
}

#[test]
fn script_in_a_title_is_shown_as_text() {
    let fixture = Fixture::new("basic");
    let text = std::fs::read_to_string(fixture.path(REPORT)).unwrap();
    fixture.write(
        REPORT,
        text.replace(
            "title: 合川区新建学校报道",
            "title: \"<script>alert(1)</script>学校\"",
        ),
    );
    let out = fixture.build_ok();
    for page in [
        "districts/hechuan/schools-2023/index.html",
        "districts/hechuan/index.html",
        "index.html",
    ] {
        let html = out.read(page);
        assert!(
            !html.contains("<script>alert(1)</script>"),
            "{page} runs the script"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;学校")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;学校"),
            "{page}: {html}"
        );
    }
    let feed = out.read("atom.xml");
    assert!(!feed.contains("<script>"), "{feed}");
}

#[test]
fn bad_site_toml_points_at_its_line() {
    let run = broken_build(|f| {
        let text = std::fs::read_to_string(f.path("site.toml")).unwrap();
        f.write(
            "site.toml",
            text.replace("default_language", "default_langauge"),
        );
    });
    assert_reports(&run, "site.toml:2:1:", "unknown field `default_langauge`");
}
