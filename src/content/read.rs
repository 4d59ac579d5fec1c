//! One content file read into a [`Document`] and, where it has them, its typed front matter
//! and the lines its keys are on (for errors that point at the key).

use std::path::Path;

use serde::de::DeserializeOwned;

use super::frontmatter::{parse_yaml, split, SourceFile};
use super::{Body, DocMeta, Document, ReportMeta};
use crate::diagnostics::Diagnostic;

/// The front matter of a file, which must parse as `T`.
pub(crate) fn read_meta<T: DeserializeOwned>(root: &Path, rel: &Path) -> Result<T, Diagnostic> {
    read_required(root, rel).map(|(meta, _, _)| meta)
}

/// A file whose front matter must parse as `T`, with the front matter's text and first line.
pub(super) fn read_required<T: DeserializeOwned>(
    root: &Path,
    rel: &Path,
) -> Result<(T, Document, FrontMatter), Diagnostic> {
    let file = SourceFile::read(root, rel)?;
    let parts = split(&file)?;
    let Some(yaml) = parts.front_matter else {
        return Err(file.error_at(0, "missing front matter").hint(
            "start the file with `---`, the YAML keys (see the methodology page), and `---`",
        ));
    };
    let meta = parse_yaml::<T>(&file, yaml, parts.front_matter_offset)?;
    let front_matter = FrontMatter {
        text: yaml.to_string(),
        line: file.text[..parts.front_matter_offset].matches('\n').count() + 1,
    };
    Ok((
        meta,
        document(
            root,
            &file,
            parts.body,
            parts.body_offset,
            DocMeta::default(),
        ),
        front_matter,
    ))
}

pub(super) struct FrontMatter {
    text: String,
    /// Line of the file the front matter's first line is on.
    line: usize,
}

impl FrontMatter {
    /// Where the value of top-level `key:` is (file line, column) and the line's text, or the
    /// first line when the key is absent.
    fn key_line(&self, key: &str) -> (usize, usize, Option<&str>) {
        let prefix = format!("{key}:");
        let Some((i, line)) = self
            .text
            .lines()
            .enumerate()
            .find(|(_, l)| l.starts_with(&prefix))
        else {
            return (self.line, 1, None);
        };
        let value = line[prefix.len()..].trim_start();
        let col = line[..line.len() - value.len()].chars().count() + 1;
        (self.line + i, col, Some(line))
    }

    /// A problem with the value of top-level `key` of the file at `path`.
    pub(super) fn at(&self, path: &Path, key: &str, message: impl Into<String>) -> Diagnostic {
        let (line, col, source) = self.key_line(key);
        let d = Diagnostic::new(path, line, col, message);
        match source {
            Some(source) => d.with_line(source),
            None => d,
        }
    }
}

/// Gives each metric override the line of its `text:` key: overrides are the only list items
/// of report front matter with that key, in order.
pub(super) fn locate_overrides(meta: &mut ReportMeta, front_matter: &FrontMatter) {
    let lines = front_matter
        .text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with("text:"))
        .map(|(i, _)| front_matter.line + i);
    for (item, line) in meta.metrics.iter_mut().zip(lines) {
        item.line = line;
    }
}

/// A page or translation: front matter with a `title` is required.
pub(super) fn read_translation(root: &Path, rel: &Path) -> Result<Document, Diagnostic> {
    let doc = read_doc(root, rel)?;
    if doc
        .meta
        .title
        .as_deref()
        .is_none_or(|t| t.trim().is_empty())
    {
        return Err(Diagnostic::new(&doc.path, 1, 1, "missing field `title`")
            .hint("add `title: …` to the front matter"));
    }
    Ok(doc)
}

/// A document that may be absent.
pub(super) fn read_optional_doc(root: &Path, rel: &Path) -> Result<Option<Document>, Diagnostic> {
    if root.join(rel).exists() {
        read_doc(root, rel).map(Some)
    } else {
        Ok(None)
    }
}

/// A document whose front matter, if any, is [`DocMeta`].
fn read_doc(root: &Path, rel: &Path) -> Result<Document, Diagnostic> {
    let file = SourceFile::read(root, rel)?;
    let parts = split(&file)?;
    let meta = match parts.front_matter {
        Some(yaml) => parse_yaml::<DocMeta>(&file, yaml, parts.front_matter_offset)?,
        None => DocMeta::default(),
    };
    Ok(document(root, &file, parts.body, parts.body_offset, meta))
}

fn document(
    root: &Path,
    file: &SourceFile,
    body: &str,
    body_offset: usize,
    meta: DocMeta,
) -> Document {
    let body_line = file.text[..body_offset].matches('\n').count() + 1;
    Document {
        path: file.path.clone(),
        meta,
        body: Body::new(root.into(), body),
        body_offset,
        body_line,
    }
}
