//! Pages as a reader's browser shows them: headless Chromium's DOM after the scripts ran.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use super::lines::rest_of_line;

/// The variable that makes a missing Chromium a failure rather than a skip (`.ci/run` sets it).
const REQUIRED: &str = "MINSHENG_REQUIRE_CHROMIUM";
const INSTALL: &str = "install it with `apt-get install chromium fonts-noto-cjk`";

fn find_chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn chromium() -> &'static str {
    find_chromium().unwrap_or_else(|| panic!("headless Chromium is needed: {INSTALL}"))
}

/// Whether a browser test can run. Without Chromium it says so in one line and the test
/// passes as skipped, unless `MINSHENG_REQUIRE_CHROMIUM` is set, where it fails.
pub fn available() -> bool {
    if find_chromium().is_some() {
        return true;
    }
    if std::env::var_os(REQUIRED).is_some() {
        panic!("headless Chromium is needed ({REQUIRED} is set): {INSTALL}");
    }
    eprintln!(
        "skipped: this test opens pages in headless Chromium, which is not installed; {INSTALL}"
    );
    false
}

/// One Chromium at a time: parallel headless instances stall each other on a small machine.
static CHROMIUM: Mutex<()> = Mutex::new(());

/// The page's DOM after its scripts ran and its requests settled.
pub fn rendered(url: &str) -> scraper::Html {
    dump(url, &["--virtual-time-budget=8000", "--timeout=30000"])
}

/// The page's DOM once it has loaded, for pages that keep a connection open (whose requests
/// never settle).
pub fn loaded(url: &str) -> scraper::Html {
    dump(url, &["--timeout=5000"])
}

const HEADLESS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

fn one_at_a_time() -> MutexGuard<'static, ()> {
    CHROMIUM.lock().unwrap_or_else(|e| e.into_inner())
}

fn dump(url: &str, timing: &[&str]) -> scraper::Html {
    let _one = one_at_a_time();
    let profile = tempfile::tempdir().expect("profile");
    let dom = profile.path().join("dom.html");
    let child = Command::new(chromium())
        .args(HEADLESS)
        .arg("--dump-dom")
        .args(timing)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        // Into a file, not a pipe, so a large page cannot block it while we wait.
        .stdout(std::fs::File::create(&dom).expect("dom file"))
        .stderr(Stdio::null())
        .spawn()
        .expect("run chromium");
    wait_at_most(child, Duration::from_secs(90));
    let output = std::fs::read(&dom).expect("dom");
    scraper::Html::parse_document(&String::from_utf8_lossy(&output))
}

/// Waits for the child to succeed, failing the test when it runs longer than `limit`.
fn wait_at_most(mut child: Child, limit: Duration) {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "chromium failed: {status}");
            return;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("chromium did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(50));
    }
}

/// A headless Chromium with one page, driven over the DevTools protocol as a reader's typing
/// and clicks would drive it; stopped when dropped.
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    sent: u64,
    _one: MutexGuard<'static, ()>,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium with `url` open.
    pub fn open(url: &str) -> Browser {
        let one = one_at_a_time();
        let profile = tempfile::tempdir().expect("profile");
        let mut child = Command::new(chromium())
            .args(HEADLESS)
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run chromium");
        let address = devtools_address(&mut child);
        let (socket, _) = tungstenite::connect(address.as_str()).expect("connect to DevTools");
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_secs(60)))
                .expect("timeout");
        }
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            sent: 0,
            _one: one,
            _profile: profile,
        };
        let target =
            browser.command("Target.createTarget", json!({ "url": url }))["targetId"].clone();
        let attached = browser.command(
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        );
        browser.session = attached["sessionId"]
            .as_str()
            .expect("a session")
            .to_string();
        browser
    }

    /// The result of the DevTools command `method`, which must succeed.
    fn command(&mut self, method: &str, params: Value) -> Value {
        self.call(method, params).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The result of the DevTools command `method`, sent to the page once attached, or the
    /// error it gave.
    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.sent += 1;
        let mut command = json!({ "id": self.sent, "method": method, "params": params });
        if !self.session.is_empty() {
            command["sessionId"] = json!(self.session);
        }
        let text = command.to_string();
        self.socket
            .send(Message::text(text))
            .expect("send to DevTools");
        loop {
            let message = self.socket.read().expect("a DevTools answer");
            let Ok(answer) = serde_json::from_str::<Value>(message.to_text().unwrap_or("")) else {
                continue;
            };
            if answer["id"] == json!(self.sent) {
                return match answer["error"].is_null() {
                    true => Ok(answer["result"].clone()),
                    false => Err(format!("{method}: {answer}")),
                };
            }
        }
    }

    /// The value of the script `expression` run in the page, `None` when it threw or could
    /// not run (as while the page is being replaced).
    pub fn eval(&mut self, expression: &str) -> Option<Value> {
        let params =
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true });
        let result = self.call("Runtime.evaluate", params).ok()?;
        result["exceptionDetails"]
            .is_null()
            .then(|| result["result"]["value"].clone())
    }

    /// Waits (at most `limit`) until `expression` is true in the loaded page.
    pub fn wait_until(&mut self, expression: &str, limit: Duration) {
        let deadline = Instant::now() + limit;
        let check = format!("document.readyState === 'complete' && ({expression})");
        while self.eval(&check) != Some(json!(true)) {
            if Instant::now() > deadline {
                let page = self.eval("location.href + '\\n' + document.body.innerText");
                panic!("never true within {limit:?}: {expression}\non the page {page:?}");
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn goto(&mut self, url: &str) {
        self.command("Page.navigate", json!({ "url": url }));
        self.wait_until(
            &format!("location.href === {}", json!(url)),
            Duration::from_secs(30),
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The browser's DevTools address, from the line Chromium prints once it listens.
fn devtools_address(child: &mut Child) -> String {
    let stderr = child.stderr.take().expect("stderr");
    let address = rest_of_line(stderr, "DevTools listening on ", "DevTools address");
    address.trim().to_string()
}
