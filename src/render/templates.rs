//! The theme: Tera templates, static files and UI strings (`i18n/<lang>.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, Tera};

use super::theme_files::{self, ThemeFile, ThemeFiles};

use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;

const TEMPLATES: &str = "templates/";
const STATIC: &str = "static/";

/// UI strings of one language: `key -> text`.
pub type Strings = BTreeMap<String, String>;

pub struct Theme {
    tera: Tera,
    /// Templates by name, to show the line an error points at.
    sources: Sources,
    strings: BTreeMap<Lang, Strings>,
    /// The files under `static/`, by their path there.
    statics: Vec<(String, ThemeFile)>,
}

type Sources = BTreeMap<String, SourceFile>;

impl Theme {
    /// Theme `name` of the site at `root`: the built-in theme with the site's own files of
    /// `themes/<name>/` laid over it.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
        let files = theme_files::load(root, name)?;
        let mut problems = Diagnostics::default();
        let (tera, sources) = load_templates(&files, &mut problems);
        let mut strings = BTreeMap::new();
        for lang in Lang::ALL {
            match load_strings(&files, lang) {
                Ok(s) => {
                    strings.insert(lang, s);
                }
                Err(d) => problems.push(d),
            }
        }
        check_same_keys(&files, &strings, &mut problems);
        let statics = files
            .into_iter()
            .filter_map(|(rel, file)| Some((rel.strip_prefix(STATIC)?.to_string(), file)))
            .collect();
        problems.into_result(Theme {
            tera,
            sources,
            strings,
            statics,
        })
    }

    /// The files under the theme's `static/`, by their path there.
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.statics
            .iter()
            .map(|(rel, file)| (rel.as_str(), file.bytes.as_ref()))
    }

    pub fn strings(&self, lang: Lang) -> &Strings {
        &self.strings[&lang]
    }

    /// The bytes of `template` rendered with `context` (`capacity`: a guess at their size),
    /// an HTML page without its templates' indentation; an error points at the template line.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(capacity);
        self.tera
            .render_to(template, context, &mut bytes)
            .map_err(|e| template_error(&self.sources, template, &e))?;
        if template.ends_with(".html") {
            return Ok(super::unindent::unindent(&bytes));
        }
        Ok(bytes)
    }
}

fn load_templates(files: &ThemeFiles, problems: &mut Diagnostics) -> (Tera, Sources) {
    let mut sources = Sources::new();
    for (rel, file) in files {
        let Some(name) = rel.strip_prefix(TEMPLATES) else {
            continue;
        };
        match SourceFile::from_bytes(&file.path, file.bytes.to_vec()) {
            Ok(source) => {
                sources.insert(name.to_string(), source);
            }
            Err(d) => problems.push(d),
        }
    }
    let mut tera = Tera::new();
    // Parse templates one at a time first so that each syntax error is reported, not only the
    // first; references between templates are checked when all are added together.
    for (name, source) in &sources {
        let mut alone = Tera::new();
        if let Err(e) = alone.add_raw_template(name, &source.text) {
            if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                problems.push(template_error(&sources, name, &e));
            }
        }
    }
    if problems.is_empty() {
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.text.as_str())))
        {
            problems.push(template_error(&sources, "", &e));
        }
    }
    (tera, sources)
}

/// A Tera error as a diagnostic. Tera reports `--> name:line:col` for syntax and rendering
/// errors; the innermost such location names the template line to fix.
fn template_error(sources: &Sources, template: &str, error: &tera::Error) -> Diagnostic {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        text.push('\n');
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    let message = text
        .lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_else(|| text.lines().next().unwrap_or("template error"))
        .to_string();
    let location = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("--> "));
    let (name, line, col) = location
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), line, col))
        })
        .unwrap_or_else(|| (template.to_string(), 1, 1));
    let source = sources.get(&name);
    let path = source.map_or_else(|| Path::new(TEMPLATES).join(&name), |s| s.path.clone());
    let mut diagnostic = Diagnostic::new(&path, line, col, message).hint(
        "fix the template; the context templates receive is documented in the theme's README.md \
         (`minsheng theme eject` writes it out)",
    );
    if let Some(source) = source {
        diagnostic = diagnostic.with_source(&source.text);
    }
    diagnostic
}

fn strings_file(lang: Lang) -> String {
    format!("i18n/{}.toml", lang.code())
}

fn load_strings(files: &ThemeFiles, lang: Lang) -> Result<Strings, Diagnostic> {
    let rel = strings_file(lang);
    let Some(theme_file) = files.get(&rel) else {
        return Err(Diagnostic::file(&rel, "missing UI strings").hint(format!(
            "the theme needs its UI strings for {} in {rel}",
            lang.native_name()
        )));
    };
    let file = SourceFile::from_bytes(&theme_file.path, theme_file.bytes.to_vec())?;
    toml::from_str(&file.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        file.error_at(offset, e.message().trim().to_string())
            .hint("write one `key = \"text\"` per line")
    })
}

fn check_same_keys(
    files: &ThemeFiles,
    strings: &BTreeMap<Lang, Strings>,
    problems: &mut Diagnostics,
) {
    for lang in Lang::ALL {
        let (Some(ours), Some(theirs)) = (strings.get(&lang), strings.get(&lang.other())) else {
            return;
        };
        let rel = strings_file(lang);
        let path = files
            .get(&rel)
            .map_or_else(|| PathBuf::from(&rel), |f| f.path.clone());
        for key in theirs.keys().filter(|k| !ours.contains_key(*k)) {
            problems.push(
                Diagnostic::file(&path, format!("missing UI string `{key}`")).hint(format!(
                    "add `{key} = \"…\"`: {} has it",
                    strings_file(lang.other())
                )),
            );
        }
    }
}
