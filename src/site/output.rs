//! Writing the site: everything goes to a staging folder beside the output, which replaces the
//! output only once complete, so a failed build leaves the previous site exactly as it was.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use super::claim::{self, Claim};
use crate::diagnostics::Diagnostic;

/// A file of the built site: its path under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// Where the page's links into the site were written, for a page made from markdown.
    pub origins: Vec<LinkOrigin>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
            origins: Vec::new(),
        }
    }
}

/// A link of a page as written into its HTML, and the markdown line that wrote it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkOrigin {
    pub href: String,
    pub path: PathBuf,
    pub line: usize,
}

/// The file that marks a folder as a site minsheng wrote, which a build may replace.
pub const MARKER: &str = ".minsheng-output";
const MARKER_TEXT: &str =
    "This folder was written by `minsheng build`, which replaces all of it on every build.\n";

/// The marker, a file of every built site.
pub fn marker() -> OutputFile {
    OutputFile::new(MARKER, MARKER_TEXT.as_bytes().to_vec())
}

/// The folder a build writes into before it becomes the output. Dropped without
/// [`Staging::publish`], it is removed and the output stays as it was.
pub struct Staging {
    dir: Folder,
    output: PathBuf,
}

enum Folder {
    /// A fresh folder beside the output, swapped in by `publish`.
    Beside(Claim),
    /// The output itself, for a rebuild of a few files of a site that is already there.
    InPlace,
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::file(path, format!("cannot {what}: {e}"))
        .hint("check that the output folder is writable")
}

impl Staging {
    /// A staging folder beside `output`; staging folders left there by builds that were
    /// stopped are removed first.
    pub fn new(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = parent_of(output);
        std::fs::create_dir_all(parent).map_err(|e| io_error("create folder", parent, e))?;
        claim::sweep(parent, claim::BUILD_PREFIX);
        let dir = Claim::new(parent, claim::BUILD_PREFIX)
            .map_err(|e| io_error("create a staging folder", parent, e))?;
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
        let folders: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
        for dir in folders {
            create_within(self.path(), dir).map_err(|e| io_error("create folder", dir, e))?;
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
        if let Some(dir) = rel.parent() {
            create_within(self.path(), dir).map_err(|e| io_error("create folder", dir, e))?;
        }
        File::create(self.path().join(rel))
            .map(BufWriter::new)
            .map_err(|e| io_error("write", rel, e))
    }

    /// Makes the staged site the output, replacing the previous one. Every error says where
    /// the previous site is.
    pub fn publish(self) -> Result<(), Diagnostic> {
        match self.dir {
            Folder::Beside(claim) => swap_in(claim, &self.output),
            Folder::InPlace => Ok(()),
        }
    }
}

/// The folder that holds `path`.
pub fn parent_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".minsheng-new");
    let fresh = path.with_file_name(name);
    std::fs::write(&fresh, bytes)?;
    std::fs::rename(&fresh, path)
}

/// Moves the previous site aside, the staged one into its place, and drops the previous one
/// (with the claim); on failure the previous site is put back.
fn swap_in(claim: Claim, output: &Path) -> Result<(), Diagnostic> {
    let failed = |what: String, e: std::io::Error| {
        Diagnostic::file(output, format!("{what}: {e}"))
            .hint("check that the output folder and the folder holding it are writable")
    };
    if !output.exists() {
        return std::fs::rename(claim.path(), output).map_err(|e| {
            failed(
                "cannot move the new site into place; there was no previous site".into(),
                e,
            )
        });
    }
    let old = claim.old_site();
    std::fs::rename(output, &old).map_err(|e| {
        failed(
            "cannot move the previous site aside, so it was left as it was".into(),
            e,
        )
    })?;
    let Err(e) = std::fs::rename(claim.path(), output) else {
        return Ok(());
    };
    match std::fs::rename(&old, output) {
        Ok(()) => Err(failed(
            "cannot move the new site into place; the previous site was put back".into(),
            e,
        )),
        Err(back) => {
            // The claim would remove the previous site with itself: keep both folders.
            let message = format!(
                "cannot move the new site into place ({e}), nor the previous site back ({back}): \
                 the previous site is in {}",
                old.display()
            );
            std::mem::forget(claim);
            Err(Diagnostic::file(output, message)
                .hint("move that folder back to the output path by hand"))
        }
    }
}

/// Refuses an output folder that could hold anything but a site minsheng built: the site
/// folder, a folder holding it, a folder inside its sources or its `.git`, or a folder of
/// other files (unless `force`). Paths are compared with `..` and links resolved.
pub fn check_location(root: &Path, output: &Path, force: bool) -> Result<(), Diagnostic> {
    let refused = |message: String, hint: &str| {
        Err(Diagnostic::file(output, format!("{message}; nothing was written")).hint(hint))
    };
    let (site, out) = match (resolve(root), resolve(output)) {
        (Ok(site), Ok(out)) => (site, out),
        (Err(e), _) | (_, Err(e)) => {
            return refused(format!("cannot resolve the output folder: {e}"), OWN_FOLDER)
        }
    };
    if site.starts_with(&out) {
        return refused(
            format!(
                "the output folder {} is the site folder or holds it, which a build would replace",
                out.display()
            ),
            OWN_FOLDER,
        );
    }
    let sources = [crate::content::CONTENT_DIR, "themes", ".git"];
    if let Some(inside) = sources.iter().find(|s| out.starts_with(site.join(s))) {
        return refused(
            format!(
                "the output folder {} is the site's {inside}/ or inside it, which a build would replace",
                out.display()
            ),
            OWN_FOLDER,
        );
    }
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return refused(
            format!("{} is a file, not a folder", out.display()),
            OWN_FOLDER,
        );
    }
    let empty = std::fs::read_dir(&out).is_ok_and(|mut entries| entries.next().is_none());
    if force || empty || out.join(MARKER).is_file() {
        return Ok(());
    }
    refused(
        format!(
            "{} holds files that minsheng did not write (it has no {MARKER}), and a build replaces the whole folder",
            out.display()
        ),
        "build into an empty or new folder, such as public/, or pass --force to replace this one",
    )
}

const OWN_FOLDER: &str = "build into a folder of its own, such as public/ in the site folder";

/// `path` made absolute with `..` and links resolved, also where its last components do not
/// exist yet.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let components: Vec<Component> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let head: PathBuf = components[..existing].iter().collect();
        match head.canonicalize() {
            Ok(mut real) => {
                for part in &components[existing..] {
                    match part {
                        Component::ParentDir => {
                            real.pop();
                        }
                        Component::Normal(name) => real.push(name),
                        _ => {}
                    }
                }
                return Ok(real);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(absolute)
}

/// Creates folder `rel` of `root` and the folders between, never `root` itself: a staging
/// folder removed by a stop (Ctrl-C) stays removed, and the writes into it fail instead.
fn create_within(root: &Path, rel: &Path) -> std::io::Result<()> {
    if rel.as_os_str().is_empty() {
        return match root.is_dir() {
            true => Ok(()),
            false => Err(std::io::ErrorKind::NotFound.into()),
        };
    }
    let dir = root.join(rel);
    match std::fs::create_dir(&dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            create_within(root, rel.parent().unwrap_or(Path::new("")))?;
            match std::fs::create_dir(&dir) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                other => other,
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_made_within_a_root_that_is_never_brought_back() {
        let temp = tempfile::tempdir().expect("temp dir");
        let root = temp.path().join("staging");
        std::fs::create_dir(&root).expect("root");
        create_within(&root, Path::new("districts/d01/r1")).expect("nested folders");
        create_within(&root, Path::new("districts/d01")).expect("existing folders");
        assert!(root.join("districts/d01/r1").is_dir());
        std::fs::remove_dir_all(&root).expect("removed, as a stop removes it");
        let error = create_within(&root, Path::new("search/index/p")).expect_err("no root");
        assert_eq!(error.kind(), std::io::ErrorKind::NotFound);
        assert!(!root.exists());
    }
}
