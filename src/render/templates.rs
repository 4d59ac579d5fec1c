//! The theme: Tera templates, static files and UI strings (`i18n/<lang>.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::content::SourceFile;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;

/// Templates every theme must have, one per kind of page or file the build writes.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "districts.html",
    "district.html",
    "report.html",
    "domains.html",
    "domain.html",
    "indicators.html",
    "indicator.html",
    "search.html",
    "glossary.html",
    "page.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
];

/// UI strings of one language: `key -> text`.
pub type Strings = BTreeMap<String, String>;

pub struct Theme {
    tera: Tera,
    /// `themes/<name>` relative to the site root.
    dir: PathBuf,
    /// Template texts by name, to show the line an error points at.
    sources: Sources,
    strings: BTreeMap<Lang, Strings>,
}

type Sources = BTreeMap<String, String>;

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
        let dir = Path::new("themes").join(name);
        if !root.join(&dir).is_dir() {
            return Err(Diagnostic::file(&dir, format!("theme `{name}` not found"))
                .hint("set `theme` in site.toml to a folder under themes/ (the default theme is `atlas`)")
                .into());
        }
        let mut problems = Diagnostics::default();
        let (tera, sources) = load_templates(root, &dir, &mut problems);
        let mut strings = BTreeMap::new();
        for lang in Lang::ALL {
            match load_strings(root, &dir, lang) {
                Ok(s) => {
                    strings.insert(lang, s);
                }
                Err(d) => problems.push(d),
            }
        }
        check_same_keys(&dir, &strings, &mut problems);
        problems.into_result(Theme {
            tera,
            dir,
            sources,
            strings,
        })
    }

    pub fn static_dir(&self) -> PathBuf {
        self.dir.join("static")
    }

    pub fn strings(&self, lang: Lang) -> &Strings {
        &self.strings[&lang]
    }

    /// The bytes of `template` rendered with `context` (`capacity`: a guess at their size); an
    /// error points at the template line.
    pub fn render(
        &self,
        template: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(capacity);
        self.tera
            .render_to(template, context, &mut bytes)
            .map_err(|e| template_error(&self.dir, &self.sources, template, &e))?;
        Ok(bytes)
    }
}

fn load_templates(root: &Path, dir: &Path, problems: &mut Diagnostics) -> (Tera, Sources) {
    let templates_dir = dir.join("templates");
    let mut sources = Sources::new();
    for entry in WalkDir::new(root.join(&templates_dir)).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let Ok(name) = entry.path().strip_prefix(root.join(&templates_dir)) else {
            continue;
        };
        let name = name.to_string_lossy().replace('\\', "/");
        match SourceFile::read(root, rel) {
            Ok(file) => {
                sources.insert(name, file.text);
            }
            Err(d) => problems.push(d),
        }
    }
    for required in REQUIRED_TEMPLATES {
        if !sources.contains_key(*required) {
            problems.push(
                Diagnostic::file(
                    templates_dir.join(required),
                    format!("missing template `{required}`"),
                )
                .hint("every theme needs it; copy it from themes/atlas/templates/"),
            );
        }
    }
    let mut tera = Tera::new();
    // Parse templates one at a time first so that each syntax error is reported, not only the
    // first; references between templates are checked when all are added together.
    for (name, text) in &sources {
        let mut alone = Tera::new();
        if let Err(e) = alone.add_raw_template(name, text) {
            if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                problems.push(template_error(dir, &sources, name, &e));
            }
        }
    }
    if problems.is_empty() {
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            problems.push(template_error(dir, &sources, "", &e));
        }
    }
    (tera, sources)
}

/// A Tera error as a diagnostic. Tera reports `--> name:line:col` for syntax and rendering
/// errors; the innermost such location names the template line to fix.
fn template_error(
    dir: &Path,
    sources: &Sources,
    template: &str,
    error: &tera::Error,
) -> Diagnostic {
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
    let path = dir.join("templates").join(&name);
    let mut diagnostic = Diagnostic::new(&path, line, col, message).hint(
        "fix the template; the context templates receive is documented in themes/atlas/README.md",
    );
    if let Some(source) = sources.get(&name) {
        diagnostic = diagnostic.with_source(source);
    }
    diagnostic
}

fn load_strings(root: &Path, dir: &Path, lang: Lang) -> Result<Strings, Diagnostic> {
    let rel = dir.join("i18n").join(format!("{}.toml", lang.code()));
    let file = SourceFile::read(root, &rel).map_err(|d| {
        d.hint(format!(
            "the theme needs its UI strings for {} in {}",
            lang.native_name(),
            rel.display()
        ))
    })?;
    toml::from_str(&file.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        file.error_at(offset, e.message().trim().to_string())
            .hint("write one `key = \"text\"` per line")
    })
}

fn check_same_keys(dir: &Path, strings: &BTreeMap<Lang, Strings>, problems: &mut Diagnostics) {
    for lang in Lang::ALL {
        let (Some(ours), Some(theirs)) = (strings.get(&lang), strings.get(&lang.other())) else {
            return;
        };
        for key in theirs.keys().filter(|k| !ours.contains_key(*k)) {
            let rel = dir.join("i18n").join(format!("{}.toml", lang.code()));
            problems.push(
                Diagnostic::file(&rel, format!("missing UI string `{key}`")).hint(format!(
                    "add `{key} = \"…\"`: i18n/{}.toml has it",
                    lang.other().code()
                )),
            );
        }
    }
}
