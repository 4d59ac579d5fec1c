//! The body of a content file, read again from its file each time it is needed instead of
//! held: the reports of an atlas are hundreds of megabytes of text, needed once to analyse,
//! once to index for search and once per page that shows them.

use std::hash::BuildHasher;
use std::path::Path;
use std::sync::Arc;

use super::frontmatter::SourceFile;
use super::vet;
use crate::diagnostics::Diagnostic;

/// Where a body is and what it held when the site was loaded: its length and a hash, so that
/// a file changed since then is an error, never a page built from half of each.
#[derive(Debug, Clone)]
pub struct Body {
    /// The site folder the file's path is relative to; none for an empty body.
    root: Option<Arc<Path>>,
    len: usize,
    hash: u64,
    /// Whether it may hold links or HTML, which every build vets: found while the text is
    /// at hand, so that a report without them is not read again for it.
    markup: bool,
}

impl Body {
    pub fn new(root: Arc<Path>, text: &str) -> Body {
        Body {
            root: Some(root),
            len: text.len(),
            hash: hash(text),
            markup: vet::may_hold_markup(text),
        }
    }

    /// The body of a document without a file.
    pub fn empty() -> Body {
        Body {
            root: None,
            len: 0,
            hash: hash(""),
            markup: false,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn may_hold_markup(&self) -> bool {
        self.markup
    }

    /// The text of the body of `path`, which starts at byte `offset` of the file.
    pub fn read(&self, path: &Path, offset: usize) -> Result<String, Diagnostic> {
        let Some(root) = &self.root else {
            return Ok(String::new());
        };
        let mut file = SourceFile::read(root, path)?;
        let same = file
            .text
            .get(offset..offset + self.len)
            .is_some_and(|text| hash(text) == self.hash);
        if !same {
            return Err(changed(path));
        }
        file.text.truncate(offset + self.len);
        file.text.drain(..offset);
        Ok(file.text)
    }
}

fn hash(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

fn changed(path: &Path) -> Diagnostic {
    Diagnostic::file(path, "the file changed while the site was built")
        .hint("build again; `minsheng serve` rebuilds by itself once the file is saved")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_read_again_as_it_was_and_a_changed_file_is_an_error() {
        let root = tempfile::tempdir().expect("temporary folder");
        let path = Path::new("report.md");
        let file = "---\ntitle: 报告\n---\n新建幼儿园3所。\n";
        std::fs::write(root.path().join(path), file).expect("written");
        let offset = file.find("新建").expect("body");
        let body = Body::new(root.path().into(), &file[offset..]);
        assert_eq!(body.read(path, offset).expect("read"), "新建幼儿园3所。\n");
        // Without links or HTML, the build's vetting does not read it again.
        assert!(!body.may_hold_markup());
        assert!(Body::new(root.path().into(), "见[公告](https://example.org/)").may_hold_markup());

        std::fs::write(root.path().join(path), file.replace('3', "4")).expect("rewritten");
        let changed = body.read(path, offset).expect_err("changed").to_string();
        assert!(changed.contains("report.md"), "{changed}");
        assert!(
            changed.contains("changed while the site was built"),
            "{changed}"
        );

        std::fs::remove_file(root.path().join(path)).expect("removed");
        let gone = body.read(path, offset).expect_err("gone").to_string();
        assert!(gone.contains("cannot read file"), "{gone}");
        assert_eq!(Body::empty().read(path, 0).expect("empty"), "");
    }
}
