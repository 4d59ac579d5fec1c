//! Corrections sent from the review page: checked (same origin, the run's token, a figure of
//! a report the site has, valid values), then written into the report's front matter with
//! every other byte kept, through a temporary file renamed over it.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};

use super::review::{every, Row, Rows};
use crate::confined;
use crate::content::correct::{quoted, write_into, Correction};
use crate::model::Domain;

/// Longest subject a form may set, in characters.
const MAX_SUBJECT: usize = 200;

/// Why a correction was not written.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not from this run's review page.
    Forbidden(String),
    /// A field the editor can fix: shown on the page, nothing written.
    Invalid(String),
}

/// What a correction must match: the site folder, the server's origins
/// (`http://127.0.0.1:1111`, `http://localhost:1111`) and this run's token.
pub struct Guard {
    pub root: PathBuf,
    pub origins: Vec<String>,
    pub token: String,
}

/// A token no other run shares: the process's random hash keys, applied to the time.
pub fn new_token() -> String {
    let part = || {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        hasher.finish()
    };
    format!("{:016x}{:016x}", part(), part())
}

impl Guard {
    /// Checks and writes the correction of `form`; returns the report file written.
    pub fn apply(
        &self,
        origin: Option<&str>,
        referer: Option<&str>,
        rows: &Rows,
        form: &[(String, String)],
    ) -> Result<PathBuf, Refused> {
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
        let same_origin = match (origin, referer) {
            (Some(origin), _) => self.origins.iter().any(|o| o == origin),
            (None, Some(referer)) => self.path_of(referer).is_some(),
            (None, None) => false,
        };
        if !same_origin {
            return Err(Refused::Forbidden(
                "a correction must come from this server's review page".into(),
            ));
        }
        if field("token") != Some(self.token.as_str()) {
            return Err(Refused::Forbidden(
                "the page is from an earlier run of the server: reload it".into(),
            ));
        }
        let (report, id) = (field("report").unwrap_or(""), field("id").unwrap_or(""));
        let Some(row) = every(rows).find(|r| r.report.to_string_lossy() == report && r.id == id)
        else {
            return Err(Refused::Invalid(format!(
                "no figure {id} in a report {report}: reload the page"
            )));
        };
        let correction = Correction {
            text: row.text.clone(),
            nth: row.nth,
            fields: fields(row, &field)?,
        };
        self.write(&row.report, &correction)?;
        Ok(row.report.clone())
    }

    /// The path of `url` when it is on one of the server's origins.
    pub fn path_of<'u>(&self, url: &'u str) -> Option<&'u str> {
        self.origins
            .iter()
            .find_map(|o| url.strip_prefix(o.as_str()))
            .filter(|path| path.starts_with('/'))
    }

    fn write(&self, rel: &Path, correction: &Correction) -> Result<(), Refused> {
        let failed = |e: String| Refused::Invalid(format!("{}: {e}", rel.display()));
        let path =
            confined::resolve(&self.root, rel).map_err(|_| failed("not in the site".into()))?;
        rewrite(&path, |text| write_into(text, correction)).map_err(failed)
    }
}

/// Rewrites the file at `path` with `edit` through a temporary file renamed over it. The file
/// is read again just before the rename: if the editor saved it meanwhile, `edit` is applied
/// to their version instead, so neither change is lost.
fn rewrite(path: &Path, edit: impl Fn(&str) -> Result<String, String>) -> Result<(), String> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".minsheng-new");
    let fresh = path.with_file_name(name);
    let read = || std::fs::read_to_string(path).map_err(|e| e.to_string());
    for _ in 0..3 {
        let before = read()?;
        let after = edit(&before)?;
        std::fs::write(&fresh, &after).map_err(|e| e.to_string())?;
        if read()? == before {
            return std::fs::rename(&fresh, path).map_err(|e| e.to_string());
        }
    }
    let _ = std::fs::remove_file(&fresh);
    Err("the file keeps changing; try again".into())
}

/// The fields to write: accepting or dropping the figure alone, else each field whose value
/// differs from the figure's.
fn fields<'f>(
    row: &Row,
    field: &dyn Fn(&str) -> Option<&'f str>,
) -> Result<Vec<(&'static str, String)>, Refused> {
    if field("ok").is_some() {
        return Ok(vec![("ok", "true".into())]);
    }
    if field("drop").is_some() {
        return Ok(vec![("drop", "true".into())]);
    }
    let mut fields = Vec::new();
    for (name, now) in [("subject", &row.subject), ("subject_en", &row.subject_en)] {
        match field(name) {
            Some(value) if value != now.as_str() => fields.push((name, text_value(name, value)?)),
            _ => {}
        }
    }
    if let Some(domain) = field("domain").filter(|d| *d != row.domain) {
        if Domain::from_slug(domain).is_none() {
            let all: Vec<&str> = Domain::ALL.iter().map(|d| d.slug()).collect();
            return Err(Refused::Invalid(format!(
                "`{domain}` is not a domain; one of: {}",
                all.join(", ")
            )));
        }
        fields.push(("domain", domain.to_string()));
    }
    if let Some(kind) = field("kind").filter(|k| *k != row.kind) {
        if !matches!(kind, "actual" | "target") {
            return Err(Refused::Invalid(format!(
                "`{kind}` is not a kind: actual or target"
            )));
        }
        fields.push(("kind", kind.to_string()));
    }
    if fields.is_empty() {
        return Err(Refused::Invalid("nothing was changed".into()));
    }
    Ok(fields)
}

fn text_value(name: &str, value: &str) -> Result<String, Refused> {
    if value.is_empty()
        || value.chars().count() > MAX_SUBJECT
        || value.chars().any(char::is_control)
    {
        return Err(Refused::Invalid(format!(
            "`{name}` must be one line of 1 to {MAX_SUBJECT} characters"
        )));
    }
    Ok(quoted(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// An editor's save landing while a correction is being made, `saves` times in a row.
    fn racing(saves: usize) -> (Result<(), String>, String, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("report.md");
        std::fs::write(&path, "a\n").expect("write");
        let calls = Cell::new(0);
        let result = rewrite(&path, |text| {
            calls.set(calls.get() + 1);
            if calls.get() <= saves {
                let editor = format!(
                    "{}editor {}\n",
                    std::fs::read_to_string(&path).unwrap(),
                    calls.get()
                );
                std::fs::write(&path, editor).expect("editor's save");
            }
            Ok(format!("{text}correction\n"))
        });
        let text = std::fs::read_to_string(&path).expect("read");
        (result, text, dir)
    }

    #[test]
    fn an_editor_saving_during_a_correction_keeps_both_changes() {
        let (result, text, dir) = racing(1);
        assert_eq!(result, Ok(()));
        assert_eq!(text, "a\neditor 1\ncorrection\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_that_keeps_changing_is_left_as_the_editor_saved_it() {
        let (result, text, dir) = racing(3);
        assert_eq!(result, Err("the file keeps changing; try again".into()));
        assert_eq!(text, "a\neditor 1\neditor 2\neditor 3\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn localhost_and_the_address_served_are_the_same_origin() {
        let guard = Guard {
            root: PathBuf::from("."),
            origins: vec![
                "http://127.0.0.1:1111".into(),
                "http://localhost:1111".into(),
            ],
            token: "t".into(),
        };
        assert_eq!(
            guard.path_of("http://localhost:1111/__minsheng/review/"),
            Some("/__minsheng/review/")
        );
        assert_eq!(guard.path_of("http://localhost:11112/"), None);
        assert_eq!(guard.path_of("http://evil.example/"), None);
        let refused = guard.apply(Some("http://localhost:2222"), None, &Vec::new(), &[]);
        assert!(matches!(refused, Err(Refused::Forbidden(_))));
        let passed = guard.apply(
            Some("http://localhost:1111"),
            None,
            &Vec::new(),
            &[("token".into(), "t".into())],
        );
        assert!(matches!(passed, Err(Refused::Invalid(_))), "{passed:?}");
    }
}
