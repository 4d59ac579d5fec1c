//! The review page of `minsheng serve`: every figure with its confidence, and corrections
//! posted from it, written into the report's front matter.

use crate::common;

use std::thread;
use std::time::{Duration, Instant};

use common::browser::{available, Browser};
use common::server::{events, get, send, serve, serve_with, Server};
use common::{select_attr, select_text, Fixture};

#[test]
fn the_review_page_lists_every_figure_lowest_confidence_first() {
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let (status, body) = get(&server, "/__minsheng/review/");
    assert_eq!(status, 200, "{body}");
    let page = scraper::Html::parse_document(&body);
    let scores: Vec<f64> = select_attr(&page, "tr[data-score]", "data-score")
        .iter()
        .map(|s| s.parse().expect("a score"))
        .collect();
    assert!(scores.len() >= 10, "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    let links = select_attr(&page, "tbody a", "href");
    assert_eq!(links.len(), scores.len());
    assert!(links
        .iter()
        .all(|l| l.starts_with("/atlas/districts/") && l.contains("#m-")));
    // Each figure is marked in its sentence, and its grounds are given.
    assert_eq!(select_text(&page, "tbody mark").len(), scores.len());
    assert!(body.contains("kind_marked_before") || body.contains("kind_from_document"));

    // Filtered by district, only that district's figures.
    let (_, body) = get(&server, "/__minsheng/review/?district=lanping&domain=");
    let lanping = select_attr(&scraper::Html::parse_document(&body), "tbody a", "href");
    assert!(!lanping.is_empty() && lanping.len() < links.len());
    assert!(lanping
        .iter()
        .all(|l| l.starts_with("/atlas/districts/lanping/")));

    // The page is the server's: a build writes nothing of it.
    let out = fixture.build_ok();
    assert!(!out.dir.join("__minsheng").exists());
}

#[test]
fn the_review_page_exists_only_on_a_loopback_address() {
    let fixture = Fixture::new("basic");
    let server = serve_with(&fixture, &["--bind", "0.0.0.0"]);
    let (status, _) = get(&server, "/__minsheng/review/");
    assert_eq!(status, 404);
}

/// Status and body of a POST of the form `fields` to the review page's action, with the
/// `Origin` header given.
fn post(server: &Server, origin: Option<&str>, fields: &[(&str, &str)]) -> (u16, String) {
    use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, NON_ALPHANUMERIC)))
        .collect();
    let body = body.join("&");
    let origin = origin
        .map(|o| format!("Origin: {o}\r\n"))
        .unwrap_or_default();
    send(server, |host| {
        format!(
            "POST /__minsheng/review HTTP/1.1\r\nHost: {host}\r\n{origin}Content-Type: \
             application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: \
             close\r\n\r\n{body}",
            body.len()
        )
    })
}

/// The token of the review page's forms.
fn token(server: &Server) -> String {
    let (_, body) = get(server, "/__minsheng/review/");
    let page = scraper::Html::parse_document(&body);
    select_attr(&page, "input[name=token]", "value")
        .first()
        .cloned()
        .expect("a form with a token")
}

const HEALTH: &str = "content/districts/hechuan/health-2024.md";

#[test]
fn a_correction_from_the_review_page_changes_only_its_line_and_the_pages_follow() {
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let before = std::fs::read_to_string(fixture.path(HEALTH)).expect("read");
    let token = token(&server);
    let origin = server.origin.clone();
    let fields = [
        ("report", HEALTH),
        ("id", "m-1"),
        ("token", token.as_str()),
        ("subject", "县域医共体"),
        ("subject_en", "close-knit medical consortia"),
    ];
    let events = events(&server);
    let (status, response) = post(&server, Some(&origin), &fields);
    assert_eq!(status, 303, "{response}");
    // Open pages reload, the review page among them (it carries the live-reload script).
    let reload = loop {
        let (name, data) = events
            .recv_timeout(Duration::from_secs(20))
            .expect("a reload after the correction");
        if name == "reload" {
            break data;
        }
    };
    assert!(reload.contains("/__minsheng/review/"), "{reload}");
    assert!(
        reload.contains("/atlas/districts/hechuan/health-2024/"),
        "{reload}"
    );
    let (_, page) = get(&server, "/__minsheng/review/");
    // Sent from a later build than the first.
    assert!(page.contains("<script src=\"/__minsheng/live.js\" data-build=\""));
    assert!(!page.contains("data-build=\"0\""), "{page}");
    let after = std::fs::read_to_string(fixture.path(HEALTH)).expect("read");
    assert_eq!(
        after,
        before.replace("subject: 紧密型医共体", "subject: \"县域医共体\"")
    );
    // The rebuild shows it on the review page and the report page.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, page) = get(&server, REVIEW_HEALTH);
        if page.contains("县域医共体") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the page never showed the correction"
        );
        thread::sleep(Duration::from_millis(100));
    }
    let (_, report) = get(&server, "/atlas/districts/hechuan/health-2024/");
    assert!(report.contains("县域医共体"));

    // Accepting another figure remembers it in the front matter.
    let (status, _) = post(
        &server,
        Some(&origin),
        &[
            ("report", HEALTH),
            ("id", "m-5"),
            ("token", &token),
            ("ok", "true"),
        ],
    );
    assert_eq!(status, 303);
    let accepted = std::fs::read_to_string(fixture.path(HEALTH)).expect("read");
    assert!(accepted.contains("ok: true"), "{accepted}");
    assert!(accepted.ends_with(before.split_once("\n---\n").unwrap().1));
    // Once rebuilt, it leaves the list of figures not yet reviewed.
    let unreviewed = format!("{REVIEW_HEALTH}&reviewed=no");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, page) = get(&server, &unreviewed);
        let ids = select_text(&scraper::Html::parse_document(&page), "tbody a");
        if !ids.iter().any(|a| a.ends_with("#m-5")) {
            assert!(!ids.iter().any(|a| a.ends_with("#m-1")), "{ids:?}");
            assert!(!ids.is_empty(), "other figures are still to review");
            break;
        }
        assert!(Instant::now() < deadline, "m-5 stayed unreviewed: {ids:?}");
        thread::sleep(Duration::from_millis(100));
    }
}

const REVIEW_HEALTH: &str =
    "/__minsheng/review/?report=content%2Fdistricts%2Fhechuan%2Fhealth-2024.md";

#[test]
fn a_correction_without_the_token_or_from_elsewhere_or_outside_the_site_writes_nothing() {
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let before = std::fs::read_to_string(fixture.path(HEALTH)).expect("read");
    let config = std::fs::read_to_string(fixture.path("site.toml")).expect("read");
    let token = token(&server);
    let origin = server.origin.clone();
    let change = |report: &'static str, token: &str| {
        vec![
            ("report", report.to_string()),
            ("id", "m-1".to_string()),
            ("token", token.to_string()),
            ("subject", "别的".to_string()),
        ]
    };
    let send = |origin: Option<&str>, fields: Vec<(&str, String)>| {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post(&server, origin, &fields).0
    };
    assert_eq!(send(Some(&origin), change(HEALTH, "not-the-token")), 403);
    assert_eq!(
        send(Some("http://evil.example"), change(HEALTH, &token)),
        403
    );
    assert_eq!(send(None, change(HEALTH, &token)), 403);
    assert_eq!(send(Some(&origin), change("site.toml", &token)), 400);
    assert_eq!(
        send(
            Some(&origin),
            change("content/districts/hechuan/../../../site.toml", &token)
        ),
        400
    );
    let mut bad_domain = change(HEALTH, &token);
    bad_domain.push(("domain", "nowhere".into()));
    bad_domain.retain(|(k, _)| *k != "subject");
    let (status, page) = {
        let fields: Vec<(&str, &str)> = bad_domain.iter().map(|(k, v)| (*k, v.as_str())).collect();
        post(&server, Some(&origin), &fields)
    };
    assert_eq!(status, 400);
    assert!(page.contains("`nowhere` is not a domain"), "{page}");
    assert_eq!(
        std::fs::read_to_string(fixture.path(HEALTH)).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read_to_string(fixture.path("site.toml")).unwrap(),
        config
    );
}

#[test]
fn an_editor_corrects_a_subject_in_the_browser_and_the_report_page_follows() {
    if !available() {
        return;
    }
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let before = std::fs::read_to_string(fixture.path(HEALTH)).expect("read");
    let review = format!("http://localhost:{}{REVIEW_HEALTH}", port(&server));
    let mut browser = Browser::open(&review);
    let m1 = "[...document.querySelectorAll('form[method=post]')]\
              .find(f => f.elements.namedItem('id').value === 'm-1')";
    browser.wait_until(&format!("{m1} !== undefined"), Duration::from_secs(30));
    // Typed into the row's subject and saved, as an editor does.
    let typed = browser.eval(&format!(
        "(() => {{ const f = {m1}; f.elements.namedItem('subject').value = '县域医共体'; \
         f.querySelector('button:not([name])').click(); return true; }})()"
    ));
    assert_eq!(typed, Some(serde_json::Value::Bool(true)));
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::read_to_string(fixture.path(HEALTH)).expect("read") == before {
        assert!(Instant::now() < deadline, "the front matter never changed");
        thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        std::fs::read_to_string(fixture.path(HEALTH)).expect("read"),
        before.replace("subject: 紧密型医共体", "subject: \"县域医共体\"")
    );
    // Back on the review page, which reloads once the site is rebuilt.
    browser.wait_until(
        &format!("location.pathname === '/__minsheng/review/' && {m1}.elements.namedItem('subject').value === '县域医共体'"),
        Duration::from_secs(30),
    );
    let report = format!(
        "http://localhost:{}/atlas/districts/hechuan/health-2024/",
        port(&server)
    );
    browser.goto(&report);
    browser.wait_until(
        "document.getElementById('m-1').textContent.includes('县域医共体')",
        Duration::from_secs(30),
    );
}

/// The server's port: the review page is opened as `localhost`, the name an editor types.
fn port(server: &Server) -> &str {
    server.origin.rsplit(':').next().expect("a port")
}
