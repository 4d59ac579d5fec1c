//! A running `minsheng serve` on a fixture site, and plain HTTP to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use super::lines::rest_of_line;
use super::Fixture;

/// A running `minsheng serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub origin: String,
}

impl Server {
    /// Interrupts the server as Ctrl-C does; whether it stopped within `limit`.
    pub fn interrupt(&mut self, limit: Duration) -> bool {
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

pub fn serve(fixture: &Fixture) -> Server {
    serve_with(fixture, &[])
}

/// [`serve`] with more options.
pub fn serve_with(fixture: &Fixture, options: &[&str]) -> Server {
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
pub fn serving_url(stdout: ChildStdout) -> String {
    let rest = rest_of_line(stdout, "serving ", "URL from serve");
    rest.split(' ').next().unwrap_or_default().to_string()
}

/// Status line and body of a GET of `target`, sent exactly as written.
pub fn get(server: &Server, target: &str) -> (u16, String) {
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
pub fn send(server: &Server, write: impl Fn(&str) -> String) -> (u16, String) {
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
pub fn events(server: &Server) -> Receiver<(String, String)> {
    events_of(server, "")
}

/// [`events`] as a page sent from the good build numbered `build` hears them.
pub fn events_of_build(server: &Server, build: u64) -> Receiver<(String, String)> {
    events_of(server, &format!("?build={build}"))
}

fn events_of(server: &Server, query: &str) -> Receiver<(String, String)> {
    let host = server.origin.trim_start_matches("http://").to_string();
    let mut stream = TcpStream::connect(&host).expect("connect");
    write!(
        stream,
        "GET /__minsheng/events{query} HTTP/1.1\r\nHost: {host}\r\nAccept: \
         text/event-stream\r\n\r\n"
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
pub fn wait_for(events: &Receiver<(String, String)>, name: &str, limit: Duration) -> String {
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
