//! Folders compiled into the binary, so that an installed `minsheng` works anywhere: the
//! built-in theme and the starter site that `minsheng init` writes.

use include_dir::{include_dir, Dir, DirEntry};

static THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/atlas");
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// The built-in theme's files, by their `/`-separated path inside the theme, in path order.
pub fn theme() -> Vec<(String, &'static [u8])> {
    files(&THEME)
}

/// The starter site's files, by their `/`-separated path inside the site, in path order.
pub fn starter() -> Vec<(String, &'static [u8])> {
    files(&STARTER)
}

fn files(dir: &'static Dir<'static>) -> Vec<(String, &'static [u8])> {
    let mut found = Vec::new();
    collect(dir, &mut found);
    found.sort();
    found
}

fn collect(dir: &'static Dir<'static>, found: &mut Vec<(String, &'static [u8])>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(inner) => collect(inner, found),
            DirEntry::File(file) => {
                let rel = file.path().to_string_lossy().replace('\\', "/");
                found.push((rel, file.contents()));
            }
        }
    }
}
