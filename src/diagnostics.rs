//! Problems found in user input, reported as `path:line:col: message` with the source line,
//! a caret under the place and a hint.
//!
//! Every stage collects diagnostics instead of stopping at the first one, so an editor sees
//! all of the mistakes of a build at once. The source excerpt is drawn by `annotate-snippets`.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// How bad a problem is: errors stop a build, warnings are reported by `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
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
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A problem with a whole file rather than a place in it.
    pub fn file(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(path, 1, 1, message)
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
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

    /// Attaches `line` as the text of the line the diagnostic points at.
    pub fn with_line(mut self, line: &str) -> Self {
        self.source_line = Some(line.to_string());
        self
    }

    /// The problem as text; `styled` adds terminal colours.
    pub fn render(&self, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = format!(
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        );
        let mut group = Group::with_title(level.primary_title(title.as_str()));
        if let Some(line) = &self.source_line {
            let at = caret_span(line, self.col);
            group = group.element(
                Snippet::source(line.as_str())
                    .line_start(self.line)
                    .annotation(AnnotationKind::Primary.span(at)),
            );
        }
        let hint = Level::HELP.with_name("hint");
        if let Some(text) = &self.hint {
            group = group.element(hint.message(text.as_str()));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// The bytes of the character at column `col` (1-based, in characters), or the line's end.
fn caret_span(line: &str, col: usize) -> std::ops::Range<usize> {
    match line.char_indices().nth(col - 1) {
        Some((start, c)) => start..start + c.len_utf8(),
        None => line.len()..line.len(),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// All the problems of one run, kept in file order.
#[derive(Debug, Default)]
pub struct Diagnostics {
    problems: Vec<Diagnostic>,
    /// Said after the problems, such as what happened to the previous output.
    notes: Vec<String>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.problems.extend(other.problems);
        self.notes.extend(other.notes);
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn len(&self) -> usize {
        self.problems.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.problems.iter()
    }

    /// `Ok(value)` when nothing was reported, else every problem sorted by file and line.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }

    /// The problems in file and line order, without repeats.
    pub fn sorted(mut self) -> Diagnostics {
        self.problems.sort();
        self.problems.dedup();
        self
    }

    /// Every problem, a count and the notes; `styled` adds terminal colours.
    pub fn render(&self, styled: bool) -> String {
        let mut out = String::new();
        for d in &self.problems {
            out.push_str(&d.render(styled));
            out.push('\n');
        }
        let n = self.problems.len();
        out.push_str(&format!(
            "{n} problem{} found",
            if n == 1 { "" } else { "s" }
        ));
        for note in &self.notes {
            out.push('\n');
            out.push_str(note);
        }
        out
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics {
            problems: vec![d],
            notes: Vec::new(),
        }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(problems: I) -> Self {
        Diagnostics {
            problems: problems.into_iter().collect(),
            notes: Vec::new(),
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
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
        assert!(text.starts_with("error: a.md:2:3: bad"), "{text}");
        assert!(text.contains("2 | two"), "{text}");
        assert!(text.contains("|   ^"), "{text}");
        assert!(text.contains("hint: fix it"), "{text}");
    }
}
