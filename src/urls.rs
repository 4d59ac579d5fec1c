//! Every URL and output path of the site comes from here, so the sub-path of `base_url`
//! (GitHub Pages project sites live under `/repo/`) is honoured everywhere.

use std::path::PathBuf;

use crate::lang::Lang;

#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://host/path/`
    base_url: String,
    /// `/path/`
    base_path: String,
    default_language: Lang,
}

impl Urls {
    /// `base_url` must be absolute and end with `/` (as [`crate::config::Config`] keeps it).
    pub fn new(base_url: &str, default_language: Lang) -> Urls {
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url, |(_, rest)| rest);
        let base_path = after_scheme
            .find('/')
            .map_or("/".to_string(), |i| after_scheme[i..].to_string());
        Urls {
            base_url: base_url.to_string(),
            base_path,
            default_language,
        }
    }

    /// The path prefix of the site, `/` or `/repo/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Site path of a page in a language: `("districts/banan/", En)` -> `en/districts/banan/`.
    /// Site paths are relative to the site root and end in `/` (the home page is `""`).
    pub fn localized(&self, lang: Lang, path: &str) -> String {
        match self.folder(lang) {
            None => path.to_string(),
            Some(code) => [code, "/", path].concat(),
        }
    }

    /// The folder of a language other than the default (`en`); none for the default.
    fn folder(&self, lang: Lang) -> Option<&'static str> {
        (lang != self.default_language).then(|| lang.code())
    }

    /// Root-relative URL of a page: `/repo/en/districts/banan/`.
    pub fn page(&self, lang: Lang, path: &str) -> String {
        match self.folder(lang) {
            None => self.asset(path),
            Some(code) => [self.base_path.as_str(), code, "/", path].concat(),
        }
    }

    /// Absolute URL of a page, for feeds, sitemaps and `hreflang`.
    pub fn permalink(&self, lang: Lang, path: &str) -> String {
        match self.folder(lang) {
            None => [self.base_url.as_str(), path].concat(),
            Some(code) => [self.base_url.as_str(), code, "/", path].concat(),
        }
    }

    /// Root-relative URL of a file at the site root: `style.css` -> `/repo/style.css`.
    pub fn asset(&self, path: &str) -> String {
        [self.base_path.as_str(), path.trim_start_matches('/')].concat()
    }

    /// Absolute URL of a file at the site root.
    pub fn asset_permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// Output file of a page: `en/districts/banan/index.html`.
    pub fn output_file(&self, lang: Lang, path: &str) -> PathBuf {
        PathBuf::from(self.localized(lang, path)).join("index.html")
    }

    /// A link written by an editor in markdown: site-root links (`/districts/banan/`) get the
    /// base path; relative, fragment and external links are left as written.
    pub fn content_link(&self, href: &str) -> String {
        match href.strip_prefix('/') {
            Some(rest) if !rest.starts_with('/') && !href.starts_with(&self.base_path) => {
                self.asset(rest)
            }
            _ => href.to_string(),
        }
    }
}

/// Whether a link from content may be published: relative links and http(s) and mailto URLs
/// may; `javascript:`, `vbscript:`, `data:` and every other scheme may not. The scheme is read
/// as a browser reads it, ignoring case, surrounding blanks and control characters, and tabs
/// and line breaks inside.
pub fn is_publishable(href: &str) -> bool {
    let significant = href
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut scheme = String::new();
    for c in significant {
        match c {
            ':' => {
                let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic());
                return !is_scheme || matches!(scheme.as_str(), "http" | "https" | "mailto");
            }
            'a'..='z' | 'A'..='Z' | '0'..='9' | '+' | '-' | '.' => {
                scheme.push(c.to_ascii_lowercase())
            }
            // A path, query or fragment before any colon: a relative link.
            _ => return true,
        }
    }
    true
}

/// The anchor of the `n`th glossary entry (from 0, in the glossary's order) on the glossary
/// page, which report pages and the search index link to.
pub fn glossary_anchor(n: usize) -> String {
    format!("term-{}", n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_mailto_and_relative_links_are_publishable() {
        for ok in [
            "https://x.org/a:b",
            "HTTP://x.org",
            "mailto:a@b.cn",
            "/districts/a/",
            "../b/",
            "#m-3",
            "a/b:c",
            "?q=a:b",
            "",
        ] {
            assert!(is_publishable(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "vbscript:x",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
        ] {
            assert!(!is_publishable(bad), "{bad:?}");
        }
    }

    #[test]
    fn sub_path_is_kept_everywhere() {
        let urls = Urls::new("https://example.github.io/atlas/", Lang::Zh);
        assert_eq!(urls.base_path(), "/atlas/");
        assert_eq!(urls.page(Lang::Zh, ""), "/atlas/");
        assert_eq!(
            urls.page(Lang::En, "districts/banan/"),
            "/atlas/en/districts/banan/"
        );
        assert_eq!(
            urls.permalink(Lang::En, ""),
            "https://example.github.io/atlas/en/"
        );
        assert_eq!(urls.asset("style.css"), "/atlas/style.css");
        assert_eq!(
            urls.output_file(Lang::En, ""),
            PathBuf::from("en/index.html")
        );
    }

    #[test]
    fn content_links() {
        let urls = Urls::new("https://example.github.io/atlas/", Lang::Zh);
        assert_eq!(urls.content_link("/about/"), "/atlas/about/");
        assert_eq!(urls.content_link("/atlas/about/"), "/atlas/about/");
        assert_eq!(urls.content_link("//cdn.example/x"), "//cdn.example/x");
        assert_eq!(urls.content_link("https://x.org/"), "https://x.org/");
        assert_eq!(urls.content_link("#m-3"), "#m-3");
    }

    #[test]
    fn root_site() {
        let urls = Urls::new("https://atlas.example/", Lang::Zh);
        assert_eq!(urls.page(Lang::Zh, "about/"), "/about/");
        assert_eq!(urls.content_link("/about/"), "/about/");
    }
}
