//! What a child process prints, read to the end on a thread of its own.

use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// The rest of the first line `stream` prints that starts with `prefix`, waiting at most a
/// minute (`what` names the line when it does not come). The stream is read to the end
/// meanwhile: a closed pipe would fail the child's later output.
pub fn rest_of_line(stream: impl Read + Send + 'static, prefix: &str, what: &str) -> String {
    let (sender, lines) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    loop {
        let line = lines
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no {what} within 60 s"));
        if let Some(rest) = line.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
}
