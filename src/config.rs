//! `site.toml` -> [`Config`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::confined;
use crate::diagnostics::{line_col, Diagnostic};
use crate::lang::Lang;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone)]
pub struct Config {
    /// Absolute URL of the site root, always ending in `/`.
    pub base_url: String,
    pub default_language: Lang,
    pub theme: String,
    pub languages: BTreeMap<Lang, LanguageConfig>,
    pub highlight_theme: String,
    pub feed_limit: usize,
    /// GeoJSON file of district outlines for the map, relative to the site folder.
    pub map_boundaries: Option<std::path::PathBuf>,
    /// Raw HTML in markdown is published, sanitised (`[markdown] unsafe_html = true`);
    /// otherwise it is shown as text.
    pub unsafe_html: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    #[serde(default = "default_language")]
    default_language: String,
    #[serde(default = "default_theme")]
    theme: String,
    languages: BTreeMap<String, LanguageConfig>,
    #[serde(default)]
    highlight: Highlight,
    #[serde(default)]
    feed: Feed,
    #[serde(default)]
    map: MapConfig,
    #[serde(default)]
    markdown: MarkdownConfig,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MarkdownConfig {
    #[serde(default)]
    unsafe_html: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MapConfig {
    boundaries: Option<std::path::PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Highlight {
    #[serde(default = "default_highlight_theme")]
    theme: String,
}

impl Default for Highlight {
    fn default() -> Self {
        Highlight {
            theme: default_highlight_theme(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Feed {
    #[serde(default = "default_feed_limit")]
    limit: usize,
}

impl Default for Feed {
    fn default() -> Self {
        Feed {
            limit: default_feed_limit(),
        }
    }
}

fn default_language() -> String {
    "zh".into()
}
fn default_theme() -> String {
    "atlas".into()
}
fn default_highlight_theme() -> String {
    "InspiredGitHub".into()
}
fn default_feed_limit() -> usize {
    20
}

impl Config {
    /// Reads `site.toml` under `root`. Every problem is a diagnostic pointing into the file.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let rel = Path::new(CONFIG_FILE);
        let source = confined::read(root, rel).map_err(|e| match e {
            confined::Error::Io(e) => Diagnostic::file(
                CONFIG_FILE,
                format!("cannot read the site configuration: {e}"),
            )
            .hint("run minsheng in the folder that holds site.toml, or pass --root DIR"),
            outside => outside.diagnostic(rel),
        })?;
        let source = String::from_utf8(source).map_err(|e| {
            Diagnostic::file(CONFIG_FILE, format!("site.toml is not UTF-8: {e}"))
                .hint("save site.toml as UTF-8")
        })?;
        Config::parse(&source)
    }

    pub fn parse(source: &str) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(source).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| line_col(source, s.start));
            Diagnostic::new(CONFIG_FILE, line, col, e.message().trim().to_string())
                .hint("see the configuration section of the README for the keys site.toml takes")
                .with_source(source)
        })?;
        let at_key = |key: &str| {
            let offset = source.find(key).unwrap_or(0);
            let (line, col) = line_col(source, offset);
            move |message: String| {
                Diagnostic::new(CONFIG_FILE, line, col, message).with_source(source)
            }
        };
        let default_language = Lang::parse(&raw.default_language).ok_or_else(|| {
            at_key("default_language")(format!("unknown language `{}`", raw.default_language))
                .hint("use \"zh\" (also accepted: zh-Hans, zh-CN) or \"en\"")
        })?;
        let mut languages = BTreeMap::new();
        for (code, language) in raw.languages {
            let lang = Lang::parse(&code).ok_or_else(|| {
                at_key(&format!("languages.{code}"))(format!("unknown language `{code}`"))
                    .hint("the atlas has two languages: [languages.zh] and [languages.en]")
            })?;
            languages.insert(lang, language);
        }
        if let Some(missing) = Lang::ALL.iter().find(|l| !languages.contains_key(l)) {
            return Err(at_key("[languages")(format!(
                "missing [languages.{}] table",
                missing.code()
            ))
            .hint("give each language a title: [languages.zh] title = \"…\" and [languages.en] title = \"…\""));
        }
        let base_url = normalize_base_url(&raw.base_url).ok_or_else(|| {
            at_key("base_url")(format!(
                "base_url `{}` is not an absolute http(s) URL",
                raw.base_url
            ))
            .hint("for GitHub Pages use https://USER.github.io/REPO/")
        })?;
        if !is_folder_name(&raw.theme) {
            return Err(at_key("theme")(format!(
                "theme `{}` is not the name of a folder under themes/",
                raw.theme
            ))
            .hint("give the name of the theme's folder alone, e.g. theme = \"atlas\""));
        }
        Ok(Config {
            base_url,
            default_language,
            theme: raw.theme,
            languages,
            highlight_theme: raw.highlight.theme,
            feed_limit: raw.feed.limit,
            map_boundaries: raw.map.boundaries,
            unsafe_html: raw.markdown.unsafe_html,
        })
    }

    pub fn language(&self, lang: Lang) -> &LanguageConfig {
        &self.languages[&lang]
    }

    /// Replaces the base URL (the `--base-url` option).
    pub fn with_base_url(mut self, url: &str) -> Result<Config, Diagnostic> {
        self.base_url = normalize_base_url(url).ok_or_else(|| {
            Diagnostic::file(
                "--base-url",
                format!("`{url}` is not an absolute http(s) URL"),
            )
            .hint("pass a URL such as https://USER.github.io/REPO/")
        })?;
        Ok(self)
    }
}

/// A folder's name alone: no separators, not `.` or `..`, nothing hidden.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':', '\0'])
}

/// `https://host/path` -> `https://host/path/`; `None` unless http(s) with a host.
fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(['?', '#', ' ']) {
        return None;
    }
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "base_url = \"https://example.github.io/atlas\"\n[languages.zh]\ntitle = \"图谱\"\n[languages.en]\ntitle = \"Atlas\"\n";

    #[test]
    fn base_url_gets_trailing_slash() {
        let config = Config::parse(MINIMAL).unwrap();
        assert_eq!(config.base_url, "https://example.github.io/atlas/");
        assert_eq!(config.default_language, Lang::Zh);
    }

    #[test]
    fn accepts_zh_hans_as_language_code() {
        let source = MINIMAL.replace("languages.zh", "languages.zh-Hans");
        let source = format!("default_language = \"zh-CN\"\n{source}");
        let config = Config::parse(&source).unwrap();
        assert_eq!(config.language(Lang::Zh).title, "图谱");
    }

    #[test]
    fn unknown_key_points_at_its_line() {
        let source = format!("{MINIMAL}titel = \"x\"\n");
        let err = Config::parse(&source).unwrap_err();
        assert!(err.message.contains("unknown field"), "{}", err.message);
        assert_eq!(err.line, 6);
    }

    #[test]
    fn theme_is_a_folder_name() {
        for theme in ["../../elsewhere", "/etc", "a/b", "..", ".hidden", ""] {
            let source = format!("theme = \"{theme}\"\n{MINIMAL}");
            let err = Config::parse(&source).unwrap_err();
            assert!(
                err.message.contains("not the name of a folder"),
                "{theme}: {err}"
            );
            assert_eq!(err.line, 1);
        }
        let source = format!("theme = \"my-theme_2\"\n{MINIMAL}");
        assert_eq!(Config::parse(&source).unwrap().theme, "my-theme_2");
    }

    #[test]
    fn rejects_relative_base_url() {
        let source = MINIMAL.replace("https://example.github.io/atlas", "/atlas/");
        let err = Config::parse(&source).unwrap_err();
        assert!(err.to_string().contains("base_url"), "{err}");
    }
}
