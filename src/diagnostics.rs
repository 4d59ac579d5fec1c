//! Problems found in user input, reported as `path:line:col: message` with a hint.
//!
//! Every stage collects diagnostics instead of stopping at the first one, so an editor sees
//! all of the mistakes of a build at once.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the problem is on, shown with a caret under `col`.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(
        path: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line: line.max(1),
            col: col.max(1),
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A problem with a whole file rather than a place in it.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(path, 1, 1, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the text of the line the diagnostic points at, taken from the file's source.
    pub fn with_source(mut self, source: &str) -> Self {
        self.source_line = source.lines().nth(self.line - 1).map(str::to_string);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        )?;
        if let Some(line) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad: String = line
                .chars()
                .take(self.col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {pad} |\n {number} | {line}\n {pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// All the problems of one run, kept in file order.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// `Ok(value)` when nothing was reported, else every problem sorted by file and line.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }

    /// The problems in file and line order, without repeats.
    pub fn sorted(mut self) -> Diagnostics {
        self.0.sort();
        self.0.dedup();
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "error: {d}")?;
        }
        let n = self.0.len();
        write!(f, "{n} problem{} found", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for Diagnostics {}

/// Line and column (both 1-based, column in characters) of a byte offset in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Path shown to the user: relative to the site root when possible.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = "第一行\n南川区x";
        assert_eq!(line_col(s, 0), (1, 1));
        let x = s.find('x').unwrap();
        assert_eq!(line_col(s, x), (2, 4));
    }

    #[test]
    fn display_has_location_caret_and_hint() {
        let d = Diagnostic::new("a.md", 2, 3, "bad")
            .hint("fix it")
            .with_source("one\ntwo\n");
        let text = d.to_string();
        assert!(text.starts_with("a.md:2:3: bad"), "{text}");
        assert!(text.contains("2 | two"), "{text}");
        assert!(text.contains("|   ^"), "{text}");
        assert!(text.ends_with("hint: fix it"), "{text}");
    }
}
