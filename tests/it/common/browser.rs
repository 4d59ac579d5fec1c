//! Pages as a reader's browser shows them: headless Chromium's DOM after the scripts ran.

use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

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

fn dump(url: &str, timing: &[&str]) -> scraper::Html {
    let _one = CHROMIUM.lock().unwrap_or_else(|e| e.into_inner());
    let profile = tempfile::tempdir().expect("profile");
    let dom = profile.path().join("dom.html");
    let child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--dump-dom",
        ])
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
