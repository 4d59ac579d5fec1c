//! Reading a content file: UTF-8 check, `---` YAML front matter, body with its line offset.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diagnostics::{line_col, Diagnostic};

/// A content file as read: its path for messages and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, used in every message about the file.
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// Reads `root/rel`; invalid UTF-8 is a diagnostic at the first bad byte.
    pub fn read(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
        let bytes = std::fs::read(root.join(rel))
            .map_err(|e| Diagnostic::file(rel, format!("cannot read file: {e}")))?;
        let text = decode_utf8(rel, bytes)?;
        Ok(SourceFile {
            path: rel.to_path_buf(),
            text,
        })
    }

    /// A diagnostic at byte `offset` of this file, with the source line shown.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = line_col(&self.text, offset);
        Diagnostic::new(&self.path, line, col, message).with_source(&self.text)
    }
}

/// The text of a file's bytes, without a byte-order mark; invalid UTF-8 is a diagnostic at
/// the first bad byte.
pub fn decode_utf8(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        let (line, col) = line_col(&prefix, prefix.len());
        Diagnostic::new(rel, line, col, format!("invalid UTF-8 at byte {valid}"))
            .hint("save the file as UTF-8; `minsheng import` converts GBK/GB18030 and UTF-16 text")
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// A file split into its front matter and markdown body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML between the `---` lines, if the file has front matter.
    pub front_matter: Option<&'a str>,
    /// Byte offset of the front matter YAML in the file.
    pub front_matter_offset: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. A file that opens with `---` but never closes it is an error.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = file.text.as_str();
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(Split {
            front_matter: None,
            front_matter_offset: 0,
            body: text,
            body_offset: 0,
        });
    };
    let open_len = text.len() - after_open.len();
    let mut offset = open_len;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_offset = offset + line.len();
            return Ok(Split {
                front_matter: Some(&text[open_len..offset]),
                front_matter_offset: open_len,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(file
        .error_at(0, "front matter is opened with `---` but never closed")
        .hint("end the front matter with a line holding only `---`"))
}

/// Parses front matter YAML into `T`, pointing errors at the right line of the file.
///
/// This is the one place that calls the YAML library, so moving to another YAML crate is a
/// change here only.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    yaml_offset: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(yaml).map_err(|e| {
        let offset = e.location().map_or(0, |l| l.index());
        let message = e.to_string();
        // serde_yaml appends " at line X column Y", which is relative to the front matter.
        let message = message
            .split(" at line ")
            .next()
            .unwrap_or(&message)
            .to_string();
        let hint = yaml_hint(&message);
        file.error_at(yaml_offset + offset, message).hint(hint)
    })
}

fn yaml_hint(message: &str) -> String {
    if message.starts_with("unknown field") {
        "check the spelling of the key; the keys each file takes are listed on the methodology page"
            .into()
    } else if message.starts_with("missing field") {
        "add the field to the front matter (see the methodology page for the format)".into()
    } else if message.starts_with("unknown variant") {
        "use one of the values listed".into()
    } else {
        "front matter is YAML between two `---` lines: `key: value`, one per line".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "x.md".into(),
            text: text.into(),
        }
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
    }

    #[test]
    fn splits_front_matter_and_body() {
        let f = file("---\ntitle: 标题\n---\n正文\n");
        let s = split(&f).unwrap();
        assert_eq!(s.front_matter, Some("title: 标题\n"));
        assert_eq!(s.body, "正文\n");
        assert_eq!(&f.text[s.body_offset..], "正文\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = split(&file("---\ntitle: x\n正文")).unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn yaml_error_points_at_file_line() {
        let f = file("---\ntitle: a\ntitel: b\n---\n");
        let s = split(&f).unwrap();
        let err = parse_yaml::<Meta>(&f, s.front_matter.unwrap(), 4).unwrap_err();
        assert_eq!((err.line, err.col), (3, 1), "{err}");
        assert!(err.message.contains("unknown field `titel`"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_line() {
        let err = decode_utf8(Path::new("x.md"), b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!((err.line, err.col), (2, 3));
    }
}
