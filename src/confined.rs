//! Reading only inside the site folder. Content is untrusted (copied from web pages, built by
//! CI from pull requests), so a link in it to a file or folder elsewhere must never make the
//! build read, print or publish what lies outside.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    /// The path leads outside the site folder (through a link, `..` or an absolute path).
    Outside,
}

impl Error {
    /// The problem, named at `rel` (the path as the site gives it, never its target).
    pub fn diagnostic(&self, rel: &Path) -> Diagnostic {
        match self {
            Error::Io(e) => Diagnostic::file(rel, format!("cannot read: {e}")),
            Error::Outside => Diagnostic::file(
                rel,
                format!(
                    "{} leads outside the site folder; minsheng reads nothing outside it",
                    rel.display()
                ),
            )
            .hint("copy the file into the site folder, or remove the link"),
        }
    }
}

/// The real path of `root/rel`, links and `..` resolved, if it lies inside the site folder.
/// A build gives `root` as a real path already, which saves resolving it for each of its
/// thousands of files.
pub fn resolve(root: &Path, rel: &Path) -> Result<PathBuf, Error> {
    let real = root.join(rel).canonicalize().map_err(Error::Io)?;
    // A real path holds no links, so one that starts with `root` lies inside it.
    if real.starts_with(root) || real.starts_with(root.canonicalize().map_err(Error::Io)?) {
        Ok(real)
    } else {
        Err(Error::Outside)
    }
}

/// The bytes of `root/rel`, if it lies inside the site folder.
pub fn read(root: &Path, rel: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(resolve(root, rel)?).map_err(Error::Io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_inside_are_read_and_links_outside_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("a.md"), "a").unwrap();
        std::os::unix::fs::symlink(site.path().join("a.md"), site.path().join("b.md")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), site.path().join("c.md"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("d")).unwrap();
        assert_eq!(read(site.path(), Path::new("b.md")).unwrap(), b"a");
        let name = outside.path().file_name().unwrap().to_str().unwrap();
        let up = format!("../{name}/secret");
        let absolute = outside.path().join("secret");
        for rel in ["c.md", "d/secret", &up, absolute.to_str().unwrap()] {
            let err = read(site.path(), Path::new(rel)).unwrap_err();
            assert!(matches!(err, Error::Outside), "{rel}: {err:?}");
            let message = err.diagnostic(Path::new(rel)).to_string();
            assert!(!message.contains("secret\n"), "{message}");
        }
    }
}
