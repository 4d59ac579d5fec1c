//! `minsheng serve`: started on a free port, it serves the site under its base path, keeps
//! requests inside the site, rebuilds on an edit and tells open pages to reload, and shows a
//! broken build as an overlay over the last good site until it is fixed.

use crate::common;

use std::time::{Duration, Instant};

use common::browser::{available, loaded};
use common::server::{events, events_of_build, get, serve, wait_for};
use common::Fixture;

const REPORT: &str = "content/districts/hechuan/schools-2023.md";
const REPORT_PAGE: &str = "/atlas/districts/hechuan/schools-2023/";

#[test]
fn serves_the_site_under_its_base_path_with_the_live_script() {
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let (status, body) = get(&server, "/atlas/");
    assert_eq!(status, 200);
    assert!(body.contains("<script src=\"/__minsheng/live.js\" data-build=\"0\"></script></body>"));
    let (status, body) = get(&server, REPORT_PAGE);
    assert_eq!(status, 200);
    assert!(body.contains("新增学位"), "{body}");
    assert_eq!(get(&server, "/").0, 307, "the root sends to the base path");
    assert_eq!(get(&server, "/atlas/districts/hechuan").0, 307);
    let (status, script) = get(&server, "/__minsheng/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"), "{script}");
    let (status, body) = get(&server, "/atlas/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "the site's 404 page: {body}");

    // The built site itself has no trace of the live-reload script.
    let built = fixture.build_ok();
    assert!(!built.read("index.html").contains("__minsheng"));
}

#[test]
fn requests_outside_the_site_get_404() {
    let fixture = Fixture::new("basic");
    fixture.write("secret.txt", "not for the web");
    let server = serve(&fixture);
    // The site is served from a scratch folder: climb to the file system's root, then down to
    // the fixture.
    let secret = fixture.path("secret.txt");
    let secret = secret.to_str().expect("utf-8 path").trim_start_matches('/');
    let climb = format!("/atlas/{}{secret}", "../".repeat(40));
    let encoded = format!("/atlas/{}{secret}", "%2e%2e%2f".repeat(40));
    for target in [
        climb.as_str(),
        encoded.as_str(),
        "/atlas/../secret.txt",
        "/atlas/../../../../etc/passwd",
        "/atlas/%2e%2e/secret.txt",
        "/atlas/%2E%2E%2Fsecret.txt",
        "/atlas/districts/..%2f..%2f..%2fsecret.txt",
        "/atlas/..%5csecret.txt",
        "/secret.txt",
        "/atlas/%00",
    ] {
        let (status, body) = get(&server, target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("not for the web"), "{target}");
    }
}

#[test]
fn an_edit_is_served_and_reloads_open_pages_within_two_seconds() {
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let events = events(&server);
    wait_for(&events, "clean", Duration::from_secs(5));

    let saved = Instant::now();
    fixture.edit(REPORT, "改善办学条件", "改善办学条件，另建食堂3座");
    let pages = wait_for(&events, "reload", Duration::from_secs(2));
    assert!(saved.elapsed() < Duration::from_secs(2));
    assert!(
        pages.contains(REPORT_PAGE),
        "the report's page is reloaded: {pages}"
    );
    let (_, body) = get(&server, REPORT_PAGE);
    assert!(body.contains("食堂"), "new text served");
    assert!(body.contains(">3座<"), "the new figure is marked: {body}");
    // A page sent before that rebuild, connecting only now, is told to reload at once; one
    // sent after it is not.
    let first = events_of_build(&server, 0).recv_timeout(Duration::from_secs(5));
    assert_eq!(first.expect("an event").0, "reload");
    let build = body
        .split("data-build=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page's build");
    assert_ne!(build, "0");
    let build: u64 = build.parse().expect("a number");
    let first = events_of_build(&server, build).recv_timeout(Duration::from_secs(5));
    assert_eq!(first.expect("an event").0, "clean");

    // A template edit rebuilds the whole site and reloads every page.
    fixture.edit(
        "themes/atlas/templates/report.html",
        "</article>",
        "<p class=\"edited\">改过的模板</p></article>",
    );
    // (A page list is a partial reload, such as the catch-up after the first edit.) "All"
    // is `null`, not nothing: a browser drops an event without data.
    while wait_for(&events, "reload", Duration::from_secs(10)) != "null" {}
    assert!(get(&server, REPORT_PAGE).1.contains("改过的模板"));
}

/// A report of `n` school figures in Lanping: past 500 they fill a second page.
fn school_list(fixture: &Fixture, n: usize) {
    let body: String = (1..=n)
        .map(|k| format!("今年新建学校{}所。\n\n", k + 2))
        .collect();
    fixture.write(
        "content/districts/lanping/schools-long.md",
        format!(
            "---\ntitle: 兰坪县学校清单\ntitle_en: Lanping schools\ndate: 2024-05-01\nsource: 测试日报\n\
             summary: 兰坪县的学校。\ndomains: [education]\n---\n{body}"
        ),
    );
}

#[test]
fn an_edit_that_leaves_fewer_pages_removes_the_pages_gone() {
    let fixture = Fixture::new("basic");
    school_list(&fixture, 520);
    let server = serve(&fixture);
    let events = events(&server);
    wait_for(&events, "clean", Duration::from_secs(10));
    let second = "/atlas/domains/education/lanping/page/2/";
    assert_eq!(get(&server, second).0, 200);

    school_list(&fixture, 20);
    let gone = Instant::now();
    while get(&server, second).0 != 404 {
        assert!(
            gone.elapsed() < Duration::from_secs(15),
            "the second page is still served"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let (status, first) = get(&server, "/atlas/domains/education/lanping/");
    assert_eq!(status, 200);
    assert!(!first.contains("page/2/"), "no link to the page gone");
}

#[test]
fn a_broken_edit_shows_an_overlay_over_the_last_good_site_until_fixed() {
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let events = events(&server);
    wait_for(&events, "clean", Duration::from_secs(5));

    fixture.edit(REPORT, "date: 2023-09-01", "date: 2023-09-01\nsauce: 测试");
    let problems = wait_for(&events, "problems", Duration::from_secs(2));
    assert!(problems.contains("schools-2023.md:5:1"), "{problems}");
    assert!(problems.contains("unknown field `sauce`"), "{problems}");
    let (status, body) = get(&server, REPORT_PAGE);
    assert_eq!(status, 200, "the last good site is still served");
    assert!(body.contains("新增学位"));

    // A page opened now learns of the problem at once, and a browser shows it over the page.
    let late = self::events(&server);
    assert!(wait_for(&late, "problems", Duration::from_secs(2)).contains("sauce"));
    let browser = available();
    if browser {
        let dom = loaded(&format!("{}{REPORT_PAGE}", server.origin));
        let overlay = dom
            .select(&scraper::Selector::parse("#minsheng-build-error pre").expect("selector"))
            .next()
            .map(|e| e.text().collect::<String>())
            .unwrap_or_default();
        assert!(
            overlay.contains("unknown field `sauce`"),
            "no overlay: {overlay:?}"
        );
    }

    fixture.edit(REPORT, "\nsauce: 测试", "");
    wait_for(&events, "reload", Duration::from_secs(2));
    let fixed = self::events(&server);
    assert_eq!(wait_for(&fixed, "clean", Duration::from_secs(2)), "null");
    if browser {
        let dom = loaded(&format!("{}{REPORT_PAGE}", server.origin));
        let overlay = scraper::Selector::parse("#minsheng-build-error").expect("selector");
        assert!(
            dom.select(&overlay).next().is_none(),
            "overlay after the fix"
        );
    }
}

#[test]
fn ctrl_c_stops_the_server_while_a_page_listens() {
    let fixture = Fixture::new("basic");
    let mut server = serve(&fixture);
    let events = events(&server);
    wait_for(&events, "clean", Duration::from_secs(5));
    assert!(server.interrupt(Duration::from_secs(2)), "still serving");
}
