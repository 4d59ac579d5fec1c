//! `minsheng theme eject [DIR]`: the built-in theme written out, to change as a site's own.

use std::path::Path;

use super::files::{write_tree, Written};
use crate::diagnostics::Diagnostics;

/// Writes the built-in theme's files into `dir` (see [`write_tree`] for `force`).
pub fn eject(dir: &Path, force: bool) -> Result<Written, Diagnostics> {
    let files: Vec<(String, Vec<u8>)> = crate::embedded::theme()
        .into_iter()
        .map(|(rel, bytes)| (rel, bytes.to_vec()))
        .collect();
    write_tree(
        dir,
        &files,
        force,
        &format!("minsheng theme eject {}", dir.display()),
    )
}
