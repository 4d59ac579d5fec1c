//! Which files `serve` watches, and which of their events mean an edit.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::{Config, CONFIG_FILE};
use crate::content::CONTENT_DIR;
use crate::diagnostics::Diagnostic;

/// Watches `content/`, `themes/`, `site.toml` and the map's boundaries file under `root`,
/// sending each changed path. Dropping the watcher stops it.
pub fn start(
    root: &Path,
    config: &Config,
    changed: Sender<PathBuf>,
) -> Result<RecommendedWatcher, Diagnostic> {
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if !matches!(
            event.kind,
            EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
        ) {
            return;
        }
        for path in event.paths.into_iter().filter(|p| !is_scratch(p)) {
            // Sending fails only once the server is stopping.
            let _ = changed.send(path);
        }
    })
    .map_err(|e| cannot_watch(root, e))?;
    let sources = [
        (Path::new(CONTENT_DIR), RecursiveMode::Recursive),
        (Path::new("themes"), RecursiveMode::Recursive),
        (Path::new(CONFIG_FILE), RecursiveMode::NonRecursive),
    ];
    let boundaries = config
        .map_boundaries
        .as_deref()
        .map(|file| (file, RecursiveMode::NonRecursive));
    for (rel, mode) in sources.into_iter().chain(boundaries) {
        let path = root.join(rel);
        if path.exists() {
            watcher
                .watch(&path, mode)
                .map_err(|e| cannot_watch(&path, e))?;
        }
    }
    Ok(watcher)
}

fn cannot_watch(path: &Path, e: notify::Error) -> Diagnostic {
    Diagnostic::file(path, format!("cannot watch for changes: {e}"))
        .hint("on Linux, raise fs.inotify.max_user_watches if the limit is reached")
}

/// Files editors write beside the real ones (swap, backup, lock files, vim's `4913` probe).
fn is_scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".minsheng-new"]
            .iter()
            .any(|end| name.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_not_edits() {
        for scratch in [
            ".report.md.swp",
            "report.md~",
            "#report.md#",
            "4913",
            "x.tmp",
        ] {
            assert!(is_scratch(Path::new(scratch)), "{scratch}");
        }
        assert!(!is_scratch(Path::new("content/districts/a/report.md")));
    }
}
