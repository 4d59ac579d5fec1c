//! Writing the site: everything goes to a staging folder beside the output, which replaces the
//! output only once complete, so a failed build leaves the previous site exactly as it was.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

use super::pages::OutputFile;

/// The folder a build writes into before it becomes the output. Dropped without
/// [`Staging::publish`], it is removed and the output stays as it was.
pub struct Staging {
    dir: Folder,
    output: PathBuf,
}

enum Folder {
    /// A fresh folder beside the output, swapped in by `publish`.
    Beside(tempfile::TempDir),
    /// The output itself, for a rebuild of a few files of a site that is already there.
    InPlace,
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("cannot {what}: {e}"))
        .hint("check that the output folder is writable")
}

impl Staging {
    pub fn new(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| io_error("create folder", &parent, e))?;
        let dir = tempfile::Builder::new()
            .prefix(".minsheng-build-")
            .tempdir_in(&parent)
            .map_err(|e| io_error("create a staging folder", &parent, e))?;
        Ok(Staging {
            dir: Folder::Beside(dir),
            output: output.to_path_buf(),
        })
    }

    /// Writes straight into an existing output, each file replaced whole (written beside it,
    /// then renamed) so that a server never reads half of one.
    pub fn in_place(output: &Path) -> Staging {
        Staging {
            dir: Folder::InPlace,
            output: output.to_path_buf(),
        }
    }

    pub fn path(&self) -> &Path {
        match &self.dir {
            Folder::Beside(dir) => dir.path(),
            Folder::InPlace => &self.output,
        }
    }

    /// Writes `files` (in parallel) into the staging folder.
    pub fn write(&self, files: &[OutputFile]) -> Result<(), Diagnostic> {
        let folders: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| self.path().join(&f.path).parent().map(Path::to_path_buf))
            .collect();
        for dir in &folders {
            std::fs::create_dir_all(dir).map_err(|e| io_error("create folder", dir, e))?;
        }
        files.par_iter().try_for_each(|file| {
            let path = self.path().join(&file.path);
            let written = match self.dir {
                Folder::Beside(_) => std::fs::write(&path, &file.bytes),
                Folder::InPlace => replace_file(&path, &file.bytes),
            };
            written.map_err(|e| io_error("write", &file.path, e))
        })
    }

    /// Moves `files` (paths relative to the staging folder) into the output one by one, for
    /// a rebuild of some of its files; each replaces its old version whole.
    pub fn move_into_output(&self, files: &[PathBuf]) -> Result<(), Diagnostic> {
        for rel in files {
            let target = self.output.join(rel);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| io_error("create folder", dir, e))?;
            }
            std::fs::rename(self.path().join(rel), &target)
                .map_err(|e| io_error("write", rel, e))?;
        }
        Ok(())
    }

    /// A file of the staging folder to write into as a stream.
    pub fn create(&self, rel: &Path) -> Result<BufWriter<File>, Diagnostic> {
        let path = self.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error("create folder", dir, e))?;
        }
        File::create(&path)
            .map(BufWriter::new)
            .map_err(|e| io_error("write", rel, e))
    }

    /// Makes the staged site the output, replacing the previous one.
    pub fn publish(self) -> Result<(), Diagnostic> {
        let output = self.output.clone();
        match self.dir {
            Folder::Beside(dir) => {
                swap_in(dir, &output).map_err(|e| io_error("replace the output folder", &output, e))
            }
            Folder::InPlace => Ok(()),
        }
    }
}

fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".minsheng-new");
    let fresh = path.with_file_name(name);
    std::fs::write(&fresh, bytes)?;
    std::fs::rename(&fresh, path)
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
