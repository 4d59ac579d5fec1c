//! `minsheng serve`: started on a free port, it serves the site under its base path, keeps
//! requests inside the site, rebuilds on an edit and tells open pages to reload, and shows a
//! broken build as an overlay over the last good site until it is fixed.

use crate::common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use common::browser::{available, loaded};
use common::{select_attr, select_text, Fixture};

const REPORT: &str = "content/districts/hechuan/schools-2023.md";
const REPORT_PAGE: &str = "/atlas/districts/hechuan/schools-2023/";

/// A running `minsheng serve`, stopped when dropped.
struct Server {
    child: Child,
    origin: String,
}

impl Server {
    /// Interrupts the server as Ctrl-C does; whether it stopped within `limit`.
    fn interrupt(&mut self, limit: Duration) -> bool {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill")
            .args(["-INT", &pid])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // Interrupted, the server removes its scratch folder.
        if !self.interrupt(Duration::from_secs(5)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn serve(fixture: &Fixture) -> Server {
    serve_with(fixture, &[])
}

/// [`serve`] with more options.
fn serve_with(fixture: &Fixture, options: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minsheng"))
        .args(["serve", "--port", "0"])
        .args(options)
        .arg("--root")
        .arg(fixture.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let url = serving_url(stdout);
    let origin = url
        .strip_suffix("/atlas/")
        .unwrap_or_else(|| panic!("not served under the base path: {url}"))
        .to_string();
    Server { child, origin }
}

/// The URL from the `serving URL` line, waiting for the first build.
fn serving_url(stdout: ChildStdout) -> String {
    let (sender, lines) = mpsc::channel();
    thread::spawn(move || {
        // Read to the end: a closed pipe would fail the server's later messages.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("serve printed no URL within 60 s");
        if let Some(rest) = line.strip_prefix("serving ") {
            return rest.split(' ').next().unwrap_or_default().to_string();
        }
    }
}

/// Status line and body of a GET of `target`, sent exactly as written.
fn get(server: &Server, target: &str) -> (u16, String) {
    let (status, text) = send(server, |host| {
        format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
    });
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// Status and whole response of the request `write(host)` makes.
fn send(server: &Server, write: impl Fn(&str) -> String) -> (u16, String) {
    let host = server.origin.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).expect("connect");
    stream.write_all(write(host).as_bytes()).expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// The server's event stream: each `event:` name with its data, as they arrive.
fn events(server: &Server) -> Receiver<(String, String)> {
    let host = server.origin.trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&host).expect("connect");
    write!(
        stream,
        "GET /__minsheng/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let (mut event, mut data) = (String::new(), String::new());
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(text) = line.strip_prefix("data: ") {
                data = text.to_string();
            } else if line.is_empty() && !event.is_empty() {
                let done = (std::mem::take(&mut event), std::mem::take(&mut data));
                if sender.send(done).is_err() {
                    return;
                }
            }
        }
    });
    receiver
}

/// Waits (at most `limit`) for an event named `name`, skipping others; returns its data.
fn wait_for(events: &Receiver<(String, String)>, name: &str, limit: Duration) -> String {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok((event, data)) if event == name => return data,
            Ok(_) => continue,
            Err(_) => panic!("no `{name}` event within {limit:?}"),
        }
    }
}

#[test]
fn serves_the_site_under_its_base_path_with_the_live_script() {
    let fixture = Fixture::new("basic");
    let server = serve(&fixture);
    let (status, body) = get(&server, "/atlas/");
    assert_eq!(status, 200);
    assert!(body.contains("<script src=\"/__minsheng/live.js\"></script></body>"));
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

    // A template edit rebuilds the whole site and reloads every page.
    fixture.edit(
        "themes/atlas/templates/report.html",
        "</article>",
        "<p class=\"edited\">改过的模板</p></article>",
    );
    // (A page list is a partial reload, such as the catch-up after the first edit.)
    while !wait_for(&events, "reload", Duration::from_secs(10)).is_empty() {}
    assert!(get(&server, REPORT_PAGE).1.contains("改过的模板"));
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
    assert_eq!(wait_for(&fixed, "clean", Duration::from_secs(2)), "");
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
    assert!(page.contains("<script src=\"/__minsheng/live.js\"></script>"));
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
