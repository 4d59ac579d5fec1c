//! Reading a content file: UTF-8 check, `---` YAML front matter, body with its line offset.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::bounded;
use crate::confined;
use crate::diagnostics::{line_col, Diagnostic};

/// A content file as read: its path for messages and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, used in every message about the file.
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// Reads `root/rel`, which must lie inside the site folder. Invalid UTF-8 and control
    /// characters are diagnostics at the first bad byte.
    pub fn read(root: &Path, rel: &Path) -> Result<SourceFile, Diagnostic> {
        let bytes = confined::read(root, rel).map_err(|e| match e {
            confined::Error::Io(e) => Diagnostic::file(rel, format!("cannot read file: {e}")),
            outside => outside.diagnostic(rel),
        })?;
        SourceFile::from_bytes(rel, bytes)
    }

    /// The text of `bytes`, read from `path`, checked as `read` checks a file.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
        let text = decode_utf8(path, bytes)?;
        let file = SourceFile {
            path: path.to_path_buf(),
            text,
        };
        match control_character(&file.text) {
            Some((at, c)) => Err(file
                .error_at(
                    at,
                    format!("control character U+{:04X} in the text", c as u32),
                )
                .hint(
                    "remove it: text may hold tabs and line breaks, no other control characters",
                )),
            None => Ok(file),
        }
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

/// The first control character of `text` other than a tab, a line feed, or a carriage return
/// before a line feed, with its byte offset.
fn control_character(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    // Most files have none: look at single bytes first, characters only where one may be.
    let suspect = bytes
        .iter()
        .position(|&b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f || b == 0xc2)?;
    text[suspect..].char_indices().find_map(|(i, c)| {
        let at = suspect + i;
        let allowed = c == '\t'
            || c == '\n'
            || (c == '\r' && bytes.get(at + 1) == Some(&b'\n'))
            || !c.is_control();
        (!allowed).then_some((at, c))
    })
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
            if offset - open_len > bounded::FRONT_MATTER_BYTES {
                return Err(file
                    .error_at(0, bounded::too_large(offset - open_len))
                    .hint("front matter holds the report's keys; move long text into the body"));
            }
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
    if let Err((offset, message)) = bounded::check(yaml) {
        return Err(file.error_at(yaml_offset + offset, message).hint(
            "write every value out in full: anchors (&), aliases (*) and deep [ ] or { } nesting are not accepted",
        ));
    }
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
    fn control_characters_are_found_where_they_are() {
        assert_eq!(control_character("a\tb\r\nc\n"), None);
        assert_eq!(control_character("标题\n正文\0"), Some((13, '\0')));
        assert_eq!(control_character("a\rb"), Some((1, '\r')));
        assert_eq!(control_character("é\u{85}"), Some((2, '\u{85}')));
        assert_eq!(control_character("x\u{7f}"), Some((1, '\u{7f}')));
    }

    #[test]
    fn huge_front_matter_is_refused_before_parsing() {
        let text = format!("---\ntitle: {}\n---\n", "长".repeat(100_000));
        let err = split(&file(&text)).unwrap_err();
        assert!(err.message.contains("front matter"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_line() {
        let err = decode_utf8(Path::new("x.md"), b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!((err.line, err.col), (2, 3));
    }
}
