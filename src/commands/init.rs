//! `minsheng init DIR`: a new, empty atlas that builds at once with the built-in theme, with
//! the GitHub Pages workflow that publishes it.

use std::path::Path;

use super::files::{write_tree, Written};
use crate::diagnostics::Diagnostics;

/// Writes the starter site into `dir` (see [`write_tree`] for `force`).
pub fn run(dir: &Path, force: bool) -> Result<Written, Diagnostics> {
    let files: Vec<(String, Vec<u8>)> = crate::embedded::starter()
        .into_iter()
        .map(|(rel, bytes)| (rel, fill(bytes)))
        .collect();
    write_tree(
        dir,
        &files,
        force,
        &format!("minsheng init {}", dir.display()),
    )
}

/// The starter file with this release's version and repository put in, so that the site's
/// workflow installs the minsheng that made it.
fn fill(bytes: &[u8]) -> Vec<u8> {
    match std::str::from_utf8(bytes) {
        Ok(text) => text
            .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
            .replace("@REPOSITORY@", env!("CARGO_PKG_REPOSITORY"))
            .into_bytes(),
        Err(_) => bytes.to_vec(),
    }
}

/// What to do next, printed after the files are written.
pub fn next_steps(dir: &Path) -> String {
    format!(
        "next steps:\n\
         \x20 cd {}\n\
         \x20 minsheng new district SLUG                    add a district: its page and map point\n\
         \x20 minsheng import REPORT.txt --district SLUG    turn a report's text into a page\n\
         \x20 minsheng serve                                preview while you edit\n\
         to publish: push the folder to GitHub and set Settings → Pages → Source to GitHub Actions\n",
        dir.display()
    )
}
