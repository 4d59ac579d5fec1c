//! Writing the site: everything goes to a staging folder beside the output, which replaces the
//! output only once complete, so a failed build leaves the previous site exactly as it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

use super::pages::OutputFile;

/// Writes `files` as the new content of `output`.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |what: &str, path: &Path, e: std::io::Error| {
        Diagnostic::file(path, format!("cannot {what}: {e}"))
            .hint("check that the output folder is writable")
    };
    std::fs::create_dir_all(&parent).map_err(|e| io("create folder", &parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".minsheng-build-")
        .tempdir_in(&parent)
        .map_err(|e| io("create a staging folder", &parent, e))?;
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| staging.path().join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for dir in &folders {
        std::fs::create_dir_all(dir).map_err(|e| io("create folder", dir, e))?;
    }
    files.par_iter().try_for_each(|file| {
        std::fs::write(staging.path().join(&file.path), &file.bytes)
            .map_err(|e| io("write", &file.path, e))
    })?;
    swap_in(staging, output).map_err(|e| io("replace the output folder", output, e))
}

fn swap_in(staging: tempfile::TempDir, output: &Path) -> std::io::Result<()> {
    if output.exists() {
        let old = tempfile::Builder::new()
            .prefix(".minsheng-old-")
            .tempdir_in(
                output
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new(".")),
            )?;
        let old_site = old.path().join("site");
        std::fs::rename(output, &old_site)?;
        if let Err(e) = std::fs::rename(staging.path(), output) {
            // Put the previous site back before reporting.
            std::fs::rename(&old_site, output)?;
            return Err(e);
        }
        // `old` is removed with the previous site when dropped.
    } else {
        std::fs::rename(staging.path(), output)?;
    }
    // The staging folder was renamed away; keep the guard from deleting the new output.
    let _ = staging.keep();
    Ok(())
}
