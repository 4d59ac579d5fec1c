//! Rebuilding after an edit: one report's edit renders that report's pages at once and the
//! rest of what depends on it when edits pause, and the result is byte for byte the site a
//! full build makes of the edited sources.

use crate::common;

use std::path::PathBuf;

use common::{Fixture, Output, BASE_URL};
use minsheng::site::session::{Rebuilt, Session};
use minsheng::site::BuildOptions;

const REPORT: &str = "content/districts/hechuan/schools-2023.md";

/// The folder the session serves.
const SERVED: &str = "served";

fn session(fixture: &Fixture) -> Session {
    let (session, built) = Session::start(BuildOptions {
        root: fixture.root().to_path_buf(),
        output: fixture.path(SERVED),
        base_url: Some(BASE_URL.to_string()),
        drafts: false,
        force: false,
    });
    built.expect("first build");
    session
}

/// What the session serves now.
fn served(fixture: &Fixture) -> Output {
    Output {
        dir: fixture.path(SERVED),
    }
}

/// The output of a full build of the fixture as it is now.
fn full_build(fixture: &Fixture) -> Output {
    fixture.build_ok()
}

#[test]
fn one_report_edit_renders_its_pages_first_then_matches_a_full_build() {
    let fixture = Fixture::new("basic");
    let mut session = session(&fixture);
    fixture.edit(REPORT, "改善办学条件", "改善办学条件，另建食堂3座");
    fixture.edit(REPORT, "date: 2023-09-01", "date: 2024-09-01");

    let rebuilt = session.update(&[fixture.path(REPORT)]).expect("update");
    let Rebuilt::Partial { files, .. } = rebuilt else {
        panic!("a report edit rebuilt the whole site: {rebuilt:?}");
    };
    let expected: Vec<PathBuf> = vec![
        "districts/hechuan/schools-2023/index.html".into(),
        "en/districts/hechuan/schools-2023/index.html".into(),
    ];
    assert_eq!(files, expected, "only the report's own pages come first");
    let served = served(&fixture);
    assert!(served
        .read("districts/hechuan/schools-2023/index.html")
        .contains("食堂"));

    let later = session.catch_up().expect("catch up");
    assert!(later.contains(&"index.html".into()), "{later:?}");
    assert!(
        later.contains(&"districts/hechuan/index.html".into()),
        "{later:?}"
    );
    assert!(
        !later.iter().any(|p| p.starts_with("districts/lanping")),
        "{later:?}"
    );
    session.finish_exports().expect("exports");

    let full = full_build(&fixture);
    let (served, full) = (served.snapshot(), full.snapshot());
    assert_eq!(
        served.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &full {
        assert!(
            served[path] == *bytes,
            "{} differs from a full build",
            path.display()
        );
    }
}

#[test]
fn other_changes_rebuild_the_whole_site() {
    let fixture = Fixture::new("basic");
    let mut session = session(&fixture);
    fixture.write(
        "content/districts/hechuan/new-2025.md",
        "---\ntitle: 新报道\ntitle_en: New\ndate: 2025-01-01\nsource: 测试日报\nsummary: 新。\n---\n新建公园2个。\n",
    );
    let rebuilt = session
        .update(&[fixture.path("content/districts/hechuan/new-2025.md")])
        .expect("update");
    assert!(matches!(rebuilt, Rebuilt::Full(_)), "{rebuilt:?}");
    assert!(served(&fixture)
        .dir
        .join("districts/hechuan/new-2025/index.html")
        .is_file());
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_site_and_recovers() {
    let fixture = Fixture::new("basic");
    let mut session = session(&fixture);
    let before = served(&fixture).snapshot();
    fixture.edit(REPORT, "date: 2023-09-01", "date: 2023-09-01\nsauce: 测试");
    let problems = session.update(&[fixture.path(REPORT)]).expect_err("broken");
    assert!(problems.to_string().contains("unknown field `sauce`"));
    let after = served(&fixture).snapshot();
    assert!(before == after, "a failed rebuild changed the site");
    fixture.edit(REPORT, "\nsauce: 测试", "");
    assert!(session.update(&[fixture.path(REPORT)]).is_ok());
}

#[test]
fn a_district_gaining_a_domain_is_rebuilt_whole_and_matches_a_full_build() {
    let fixture = Fixture::new("basic");
    let mut session = session(&fixture);
    // Hechuan has no employment figures yet: its domain pages gain one.
    fixture.edit(REPORT, "改善办学条件", "改善办学条件，新增城镇就业1200人");
    let rebuilt = session.update(&[fixture.path(REPORT)]).expect("update");
    assert!(matches!(rebuilt, Rebuilt::Full(_)), "{rebuilt:?}");
    let served = served(&fixture).snapshot();
    assert!(served == full_build(&fixture).snapshot());
}

#[test]
fn after_a_failed_full_build_the_next_edit_rebuilds_everything() {
    let fixture = Fixture::new("basic");
    let mut session = session(&fixture);
    let template = "themes/atlas/templates/report.html";
    fixture.edit(template, "</article>", "{{ broken </article>");
    assert!(session.update(&[fixture.path(template)]).is_err());
    // The template is still broken: a report edit must not look like a clean site.
    fixture.edit(REPORT, "改善办学条件", "改善办学条件，另建食堂3座");
    assert!(session.update(&[fixture.path(REPORT)]).is_err());
    fixture.edit(template, "{{ broken </article>", "</article>");
    let rebuilt = session.update(&[fixture.path(template)]).expect("fixed");
    assert!(matches!(rebuilt, Rebuilt::Full(_)), "{rebuilt:?}");
}

#[test]
fn a_report_still_broken_keeps_the_site_unclean_after_another_report_is_saved() {
    let fixture = Fixture::new("basic");
    let mut session = session(&fixture);
    let other = "content/districts/hechuan/health-2024.md";
    fixture.edit(REPORT, "date: 2023-09-01", "date: 2023-09-01\nsauce: 测试");
    assert!(session.update(&[fixture.path(REPORT)]).is_err());
    let text = std::fs::read_to_string(fixture.path(other)).expect("read");
    fixture.write(other, text.clone() + "\n");
    let problems = session
        .update(&[fixture.path(other)])
        .expect_err("still broken");
    assert!(problems.to_string().contains("sauce"), "{problems}");
    fixture.edit(REPORT, "\nsauce: 测试", "");
    assert!(session.update(&[fixture.path(REPORT)]).is_ok());
}
