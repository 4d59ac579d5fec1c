//! The build's own files: no command-line option makes a build delete or replace anything but
//! its own output, and a build or server that is stopped leaves nothing behind. Every case
//! runs on a temporary copy of the fixture site.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{run, Fixture, Run};

const REPORT: &str = "content/districts/hechuan/schools-2023.md";
const SOURCES: [&str; 4] = [
    "site.toml",
    "content/districts/hechuan/_index.md",
    "themes/atlas/templates/base.html",
    REPORT,
];

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("minsheng")
}

fn assert_sources_intact(fixture: &Fixture) {
    for source in SOURCES {
        assert!(fixture.path(source).is_file(), "{source} is gone");
    }
}

/// Entries of `dir` whose names start with `prefix`.
fn entries(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.starts_with(prefix))
                .collect()
        })
        .unwrap_or_default()
}

fn assert_refused(run: &Run, says: &str) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(says), "{says}:\n{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
}

#[test]
fn output_paths_that_reach_the_site_through_dotdot_are_refused() {
    let fixture = Fixture::new("basic");
    let root = fixture.root().to_str().unwrap().to_string();
    // Through a folder that exists and through one that does not.
    for output in [
        format!("{root}/content/.."),
        format!("{root}/x/../../{}", last(&root)),
    ] {
        let run = fixture.build(&["--output", &output]);
        assert_refused(&run, "is the site folder or holds it");
        assert_sources_intact(&fixture);
    }
}

fn last(path: &str) -> &str {
    Path::new(path).file_name().unwrap().to_str().unwrap()
}

#[test]
fn output_relative_to_the_current_folder_is_resolved_before_anything_moves() {
    let fixture = Fixture::new("basic");
    let name = last(fixture.root().to_str().unwrap()).to_string();
    let output = Command::new(binary())
        .current_dir(fixture.root())
        .args(["build", "--output", &format!("../{name}")])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_sources_intact(&fixture);
    let parent = fixture.root().parent().unwrap();
    assert!(!parent.join(&name).join("index.html").exists());
}

#[cfg(unix)]
#[test]
fn a_linked_site_folder_is_recognised_as_the_site() {
    let fixture = Fixture::new("basic");
    let links = tempfile::tempdir().unwrap();
    let link = links.path().join("site");
    std::os::unix::fs::symlink(fixture.root(), &link).unwrap();
    let root = fixture.root().to_str().unwrap();
    let link = link.to_str().unwrap();
    for (site, output) in [(link, root), (root, link)] {
        let run = run(&["build", "--root", site, "--output", output]);
        assert_refused(&run, "is the site folder or holds it");
        assert_sources_intact(&fixture);
    }
}

#[test]
fn output_inside_sources_or_git_is_refused() {
    let fixture = Fixture::new("basic");
    fixture.write(".git/HEAD", "ref: refs/heads/main\n");
    for inside in ["content", "themes/atlas", ".git", ".git/objects"] {
        let output = fixture.path(inside);
        let run = fixture.build(&["--output", output.to_str().unwrap()]);
        let top = inside.split('/').next().unwrap();
        assert_refused(&run, &format!("is the site's {top}/ or inside it"));
        assert_sources_intact(&fixture);
        assert!(fixture.path(".git/HEAD").is_file());
    }
}

#[test]
fn a_folder_minsheng_did_not_write_is_replaced_only_with_force() {
    let fixture = Fixture::new("basic");
    fixture.write("elsewhere/notes.txt", "keep me");
    let output = fixture.path("elsewhere");
    let output = output.to_str().unwrap();
    let run = fixture.build(&["--output", output]);
    assert_refused(&run, "holds files that minsheng did not write");
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(fixture.path("elsewhere/notes.txt")).unwrap(),
        "keep me"
    );

    let run = fixture.build(&["--output", output, "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fixture.path("elsewhere/index.html").is_file());
    assert!(!fixture.path("elsewhere/notes.txt").exists());
    // Written by minsheng now: the next build replaces it without --force.
    assert!(fixture.path("elsewhere/.minsheng-output").is_file());
    let run = fixture.build(&["--output", output]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn leftovers_of_a_killed_build_are_removed_by_the_next() {
    let fixture = Fixture::new("basic");
    // A build killed with SIGKILL leaves its staging folder, the previous site it had moved
    // aside and its (no longer locked) lock file; an earlier version left `.minsheng-old-*`.
    fixture.write(".minsheng-build-999999-abc/index.html", "half");
    fixture.write(".minsheng-build-999999-abc.old/index.html", "old");
    fixture.write(".minsheng-build-999999-abc.lock", "");
    fixture.write(".minsheng-old-xyz/site/index.html", "older");
    fixture.build_ok();
    assert_eq!(entries(fixture.root(), ".minsheng-"), Vec::<String>::new());
}

/// Starts a build of a larger copy of the fixture and stops it with `signal` while it
/// writes its staging folder; returns how it ended.
#[cfg(unix)]
fn stop_a_build(fixture: &Fixture, signal: &str) -> Option<i32> {
    for attempt in 0..5 {
        let mut child = Command::new(binary())
            .args(["build", "--root", fixture.root().to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while entries(fixture.root(), ".minsheng-build-").is_empty()
            && started.elapsed() < Duration::from_secs(20)
            && child.try_wait().unwrap().is_none()
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(20 * attempt));
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let status = child.wait().unwrap();
        if !status.success() {
            return status.code();
        }
    }
    None
}

#[cfg(unix)]
#[test]
fn a_build_stopped_by_a_signal_leaves_the_previous_site_and_nothing_else() {
    let fixture = Fixture::new("basic");
    let text = std::fs::read_to_string(fixture.path(REPORT)).unwrap();
    for n in 0..150 {
        fixture.write(&format!("content/districts/hechuan/copy-{n:03}.md"), &text);
    }
    fixture.build_ok();
    let before = std::fs::read(fixture.path("public/index.html")).unwrap();
    for signal in ["-INT", "-TERM"] {
        let code = stop_a_build(&fixture, signal);
        assert_eq!(code, Some(130), "{signal}");
        assert_eq!(entries(fixture.root(), ".minsheng-"), Vec::<String>::new());
        assert_eq!(
            std::fs::read(fixture.path("public/index.html")).unwrap(),
            before
        );
    }
}

#[cfg(unix)]
#[test]
fn serve_removes_its_scratch_folder_when_stopped_and_leftovers_when_started() {
    let fixture = Fixture::new("basic");
    let temp = tempfile::tempdir().unwrap();
    // Left by a serve that was killed.
    std::fs::create_dir_all(temp.path().join("minsheng-serve-999999-abc/site")).unwrap();
    std::fs::write(temp.path().join("minsheng-serve-999999-abc.lock"), "").unwrap();
    let mut child = Command::new(binary())
        .args([
            "serve",
            "--port",
            "0",
            "--root",
            fixture.root().to_str().unwrap(),
        ])
        .env("TMPDIR", temp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("serving") {
        line.clear();
        let read = std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        assert!(read > 0, "serve ended before serving");
    }
    let ours = entries(temp.path(), "minsheng-serve-");
    assert_eq!(ours.len(), 2, "{ours:?}");
    assert!(!ours.iter().any(|n| n.contains("999999")), "{ours:?}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    child.wait().unwrap();
    assert_eq!(entries(temp.path(), "minsheng-"), Vec::<String>::new());
}
