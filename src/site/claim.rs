//! Working folders a process owns for a while: a build's staging folder beside the output, the
//! previous site on its way out, the scratch folders of `serve` and `check`.
//!
//! Each folder `<prefix><pid>-<random>` has a lock file `<same>.lock` beside it, locked for as
//! long as the process holds the folder. A process stopped by a signal it cannot catch leaves
//! both behind, unlocked; the next run's [`sweep`] tells them from folders in use by trying
//! the lock, and removes them.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Names of a build's folders beside its output.
pub const BUILD_PREFIX: &str = ".minsheng-build-";
/// Names of the scratch folders of `serve` and `check` in the system's temporary folder.
pub const SERVE_PREFIX: &str = "minsheng-serve-";
pub const CHECK_PREFIX: &str = "minsheng-check-";
/// The name an earlier version gave the previous site while swapping in a new one.
const OLD_PREFIX: &str = ".minsheng-old-";
const LOCK: &str = ".lock";
/// The previous site, moved aside while the new one takes its place.
const OLD: &str = ".old";

/// A folder this process owns, removed (with the previous site it may hold) on drop.
#[derive(Debug)]
pub struct Claim {
    dir: PathBuf,
    lock_path: PathBuf,
    _lock: File,
}

impl Claim {
    /// Creates `<parent>/<prefix><pid>-<random>` and takes its lock.
    pub fn new(parent: &Path, prefix: &str) -> io::Result<Claim> {
        loop {
            let (lock, lock_path) = tempfile::Builder::new()
                .prefix(&format!("{prefix}{}-", std::process::id()))
                .suffix(LOCK)
                .tempfile_in(parent)?
                .keep()
                .map_err(|e| e.error)?;
            lock.lock()?;
            // A sweep may have taken the fresh, not yet locked file for a leftover and removed
            // it: then the lock guards nothing, and another name is needed.
            if !lock_path.exists() {
                continue;
            }
            let dir = folder_of(&lock_path);
            std::fs::create_dir(&dir)?;
            return Ok(Claim {
                dir,
                lock_path,
                _lock: lock,
            });
        }
    }

    /// A scratch folder in the system's temporary folder, after removing those left there by
    /// stopped runs.
    pub fn scratch(prefix: &str) -> io::Result<Claim> {
        let temp = std::env::temp_dir();
        sweep(&temp, prefix);
        Claim::new(&temp, prefix)
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Where the previous site waits while the new one is moved into its place.
    pub fn old_site(&self) -> PathBuf {
        suffixed(&self.dir, OLD)
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        remove_claimed(&self.dir);
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Removes the folders of `prefix` under `parent` left by processes that no longer run;
/// returns how many were removed. Folders whose lock is held are in use and stay.
pub fn sweep(parent: &Path, prefix: &str) -> usize {
    let names = claimed_names(parent, |name| {
        name.starts_with(prefix) || (prefix == BUILD_PREFIX && name.starts_with(OLD_PREFIX))
    });
    let mut removed = 0;
    for name in names {
        let dir = parent.join(&name);
        let lock_path = suffixed(&dir, LOCK);
        // Held while the lock is tried, so the owner cannot be told the folder is its own
        // while it is being removed.
        let lock = match File::open(&lock_path) {
            Ok(lock) => match lock.try_lock() {
                Ok(()) => Some(lock),
                Err(_) => continue,
            },
            Err(_) => None,
        };
        if remove_claimed(&dir) {
            removed += 1;
        }
        let _ = std::fs::remove_file(&lock_path);
        drop(lock);
    }
    removed
}

/// Set by the signal handler before it removes the process's folders: the one flag a handler
/// can leave for the threads it does not stop.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Parks the calling thread for good when a signal is stopping the process: the handler is
/// removing the folders the thread was writing into, and ends the process with status 130. A
/// failed write found on the way is then the stop, not an error to report with status 1.
pub fn wait_if_stopping() {
    while STOPPING.load(Ordering::SeqCst) {
        std::thread::park();
    }
}

/// On Ctrl-C or a termination signal, removes this process's folders of `prefix` under
/// `parent` (see [`abandon`]) and exits with status 130.
pub fn clean_up_on_signal(parent: &Path, prefix: &'static str, output: Option<&Path>) {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let parent = absolute(parent);
    let output = output.map(absolute);
    let set = ctrlc::set_handler(move || {
        STOPPING.store(true, Ordering::SeqCst);
        if abandon(&parent, prefix, output.as_deref()) {
            if let Some(output) = &output {
                // Not eprintln: a closed stderr must not keep the process from ending.
                let _ = writeln!(
                    io::stderr(),
                    "stopped; {} was left as it was",
                    output.display()
                );
            }
        }
        std::process::exit(130);
    });
    if let Err(e) = set {
        eprintln!("cannot clean up when stopped: {e}");
    }
}

/// Removes this process's folders of `prefix` under `parent`, for a signal handler: the
/// process is about to exit, so they are not in use any more. A previous site moved aside
/// is put back first when the new one never took its place.
/// Returns whether there was any.
pub fn abandon(parent: &Path, prefix: &str, output: Option<&Path>) -> bool {
    let own = format!("{prefix}{}-", std::process::id());
    let names = claimed_names(parent, |name| name.starts_with(&own));
    for name in &names {
        let dir = parent.join(name);
        if let Some(output) = output.filter(|o| !o.exists()) {
            let _ = std::fs::rename(suffixed(&dir, OLD), output);
        }
        remove_claimed(&dir);
        let _ = std::fs::remove_file(suffixed(&dir, LOCK));
    }
    !names.is_empty()
}

/// The folder names (without suffix) of the entries of `parent` that `matches` accepts.
fn claimed_names(parent: &Path, matches: impl Fn(&str) -> bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| matches(name))
        .map(|name| base_name(&name).to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Removes a claimed folder and the previous site beside it; true if anything was there.
/// Threads may still be writing into it when a signal arrives (serve's export of the
/// downloads and search index takes seconds at atlas scale), so removal is tried again until
/// nothing is left, for up to five seconds.
fn remove_claimed(dir: &Path) -> bool {
    let old = suffixed(dir, OLD);
    let found = dir.exists() || old.exists();
    for _ in 0..500 {
        let _ = std::fs::remove_dir_all(dir);
        let _ = std::fs::remove_dir_all(&old);
        if !dir.exists() && !old.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    found
}

/// The folder a lock file guards.
fn folder_of(lock_path: &Path) -> PathBuf {
    let name = lock_path
        .file_name()
        .and_then(|n| n.to_str())
        .map(base_name)
        .unwrap_or_default();
    lock_path.with_file_name(name)
}

/// `name` without the suffix of a lock file or a previous site.
fn base_name(name: &str) -> &str {
    name.strip_suffix(LOCK)
        .or_else(|| name.strip_suffix(OLD))
        .unwrap_or(name)
}

fn suffixed(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    dir.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_claim_is_removed_with_its_lock_when_dropped() {
        let parent = tempfile::tempdir().unwrap();
        let claim = Claim::new(parent.path(), BUILD_PREFIX).unwrap();
        std::fs::write(claim.path().join("a.html"), "x").unwrap();
        assert_eq!(names(parent.path()).len(), 2);
        drop(claim);
        assert!(names(parent.path()).is_empty());
    }

    #[test]
    fn sweep_keeps_folders_in_use_and_removes_leftovers() {
        let parent = tempfile::tempdir().unwrap();
        let live = Claim::new(parent.path(), BUILD_PREFIX).unwrap();
        // Left by a killed build: the folder, the previous site and an unlocked lock file.
        let dead = parent.path().join(".minsheng-build-1-abc");
        std::fs::create_dir_all(dead.join("districts")).unwrap();
        std::fs::create_dir_all(parent.path().join(".minsheng-build-1-abc.old")).unwrap();
        std::fs::write(parent.path().join(".minsheng-build-1-abc.lock"), "").unwrap();
        // Left by an earlier version, without a lock file.
        std::fs::create_dir_all(parent.path().join(".minsheng-old-xyz/site")).unwrap();
        std::fs::create_dir_all(parent.path().join("public")).unwrap();
        assert_eq!(sweep(parent.path(), BUILD_PREFIX), 2);
        let left = names(parent.path());
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.contains(&"public".to_string()));
        assert!(live.path().is_dir());
    }

    #[test]
    fn abandon_puts_the_previous_site_back_when_the_new_one_is_missing() {
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("public");
        let claim = Claim::new(parent.path(), BUILD_PREFIX).unwrap();
        std::fs::create_dir(claim.old_site()).unwrap();
        std::fs::write(claim.old_site().join("index.html"), "old").unwrap();
        abandon(parent.path(), BUILD_PREFIX, Some(&output));
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "old"
        );
        std::mem::forget(claim);
        assert_eq!(names(parent.path()), vec!["public".to_string()]);
    }
}
