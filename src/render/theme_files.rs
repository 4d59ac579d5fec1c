//! The files of a theme. The default theme, `atlas`, is compiled into the binary, so a site
//! needs no `themes/` folder to build; a site's own `themes/<name>/` is laid over it file by
//! file, so that a site may replace one template and keep the rest.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The name of the built-in theme, and of the folder `theme eject` writes it to.
pub const BUILT_IN_NAME: &str = "atlas";

/// Where messages about a built-in file say it is.
const BUILT_IN_LABEL: &str = "(built-in theme atlas)";

pub struct ThemeFile {
    /// The path messages name: `themes/<name>/…` for a site's own file.
    pub path: PathBuf,
    pub bytes: Cow<'static, [u8]>,
}

/// A theme's files by their `/`-separated path inside the theme (`templates/base.html`).
pub type ThemeFiles = BTreeMap<String, ThemeFile>;

/// The files of theme `name` for the site at `root`: the built-in theme's, each replaced by
/// the site's `themes/<name>/` file of the same path where there is one.
pub fn load(root: &Path, name: &str) -> Result<ThemeFiles, Diagnostics> {
    let mut files: ThemeFiles = crate::embedded::theme()
        .into_iter()
        .map(|(rel, bytes)| {
            let path = Path::new(BUILT_IN_LABEL).join(&rel);
            let file = ThemeFile {
                path,
                bytes: Cow::Borrowed(bytes),
            };
            (rel, file)
        })
        .collect();
    let dir = Path::new("themes").join(name);
    if !root.join(&dir).is_dir() {
        if name == BUILT_IN_NAME {
            return Ok(files);
        }
        return Err(Diagnostic::file(&dir, format!("theme `{name}` not found"))
            .hint(format!(
                "set `theme` in site.toml to a folder under themes/, or remove the line to use \
                 the built-in theme `{BUILT_IN_NAME}` (`minsheng theme eject` writes it out to \
                 start from)"
            ))
            .into());
    }
    let mut problems = Diagnostics::default();
    for (rel, path) in site_files(root, &dir, &mut problems) {
        match crate::confined::read(root, &path) {
            Ok(bytes) => {
                let file = ThemeFile {
                    path,
                    bytes: Cow::Owned(bytes),
                };
                files.insert(rel, file);
            }
            Err(e) => problems.push(e.diagnostic(&path)),
        }
    }
    problems.into_result(files)
}

/// The files under the site's theme folder `dir`: their path inside the theme, and their path
/// from the site root. A link is listed when it leads to a file; reading it checks where.
fn site_files(root: &Path, dir: &Path, problems: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for entry in WalkDir::new(root.join(dir)).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::file(dir, format!("cannot read the theme: {e}")));
                continue;
            }
        };
        let linked_file = entry.path_is_symlink() && entry.path().is_file();
        if !entry.file_type().is_file() && !linked_file {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root.join(dir)) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        files.push((name, dir.join(rel)));
    }
    files
}
