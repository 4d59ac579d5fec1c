//! Writing the files a command creates (`new`, `init`, `theme eject`): an existing file is
//! never replaced, so none of these commands can lose an editor's work.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Writes `root/rel`, which must not exist yet; one that appeared since a caller's check is
/// still never replaced.
pub fn write_new(root: &Path, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = root.join(rel);
    let cannot = |e: std::io::Error| Diagnostic::file(&path, format!("cannot write: {e}"));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(cannot)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(cannot)?;
    file.write_all(bytes).map_err(cannot)
}

/// What writing a set of files into a folder did, by path inside the folder.
#[derive(Debug, Default)]
pub struct Written {
    pub created: Vec<PathBuf>,
    /// Files that were there already and were left as they were (`--force` only).
    pub kept: Vec<PathBuf>,
}

/// Writes `files` (path inside `dir`, bytes) into `dir`. A folder with anything in it is
/// refused unless `force`; with it, files already there are kept and the rest written.
/// `command` names what to run with `--force` in the refusal.
pub fn write_tree(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
    command: &str,
) -> Result<Written, Diagnostics> {
    if dir.is_file() {
        return Err(Diagnostic::file(dir, "is a file, not a folder")
            .hint("give the path of a new or empty folder")
            .into());
    }
    if !force && has_entries(dir) {
        return Err(Diagnostic::file(dir, "the folder is not empty")
            .hint(format!(
                "give a new or empty folder, or run `{command} --force` to add the missing \
                 files and keep every file already there"
            ))
            .into());
    }
    let mut written = Written::default();
    let mut problems = Diagnostics::default();
    for (rel, bytes) in files {
        let rel = PathBuf::from(rel);
        if dir.join(&rel).exists() {
            written.kept.push(rel);
            continue;
        }
        match write_new(dir, &rel, bytes) {
            Ok(()) => written.created.push(rel),
            Err(d) => problems.push(d),
        }
    }
    problems.into_result(written)
}

fn has_entries(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}
