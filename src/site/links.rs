//! Internal link check of the built site: every `href` and `src` that points into the site
//! must name a file the build writes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::urls::Urls;

use super::pages::OutputFile;

/// Checks the links of every HTML file in `files`; `extra` are other files that will exist.
pub fn check(
    files: &[OutputFile],
    extra: &BTreeSet<PathBuf>,
    urls: &Urls,
) -> Result<(), Diagnostics> {
    let mut existing: BTreeSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    existing.extend(extra.iter().map(PathBuf::as_path));
    let mut problems = Diagnostics::default();
    for file in files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
    {
        let html = String::from_utf8_lossy(&file.bytes);
        for link in links(&html) {
            let Some(target) = resolve(&file.path, link, urls) else {
                continue;
            };
            match target {
                Ok(target) if existing.contains(target.as_path()) => {}
                Ok(_) | Err(()) => problems.push(
                    Diagnostic::file(&file.path, format!("broken internal link `{link}`"))
                        .hint("link to a page that exists; site-root links start with / and get the base path"),
                ),
            }
        }
    }
    problems.into_result(())
}

/// Values of `href="…"` and `src="…"` attributes.
pub fn links(html: &str) -> impl Iterator<Item = &str> {
    ["href=\"", "src=\""].into_iter().flat_map(move |attr| {
        html.match_indices(attr).filter_map(move |(i, _)| {
            let start = i + attr.len();
            let end = html[start..].find('"')? + start;
            Some(&html[start..end])
        })
    })
}

/// The output file a link points to: `None` for links that leave the site, `Err` for site-root
/// links outside the base path.
fn resolve(from: &Path, link: &str, urls: &Urls) -> Option<Result<PathBuf, ()>> {
    let link = link.split(['#', '?']).next().unwrap_or("");
    if link.is_empty() || link.contains(':') || link.starts_with("//") {
        return None;
    }
    let decoded = link.replace("&amp;", "&");
    let path = if let Some(rooted) = decoded.strip_prefix('/') {
        match ("/".to_string() + rooted).strip_prefix(urls.base_path()) {
            Some(inside) => PathBuf::from(inside),
            None => return Some(Err(())),
        }
    } else {
        from.parent().unwrap_or(Path::new("")).join(&decoded)
    };
    let mut normal = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir if !normal.pop() => return Some(Err(())),
            std::path::Component::Normal(p) => normal.push(p),
            _ => {}
        }
    }
    if decoded.ends_with('/') || normal.as_os_str().is_empty() {
        normal.push("index.html");
    }
    Some(Ok(normal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn finds_broken_and_accepts_existing() {
        let urls = Urls::new("https://x.github.io/atlas/", Lang::Zh);
        let files = vec![
            file(
                "index.html",
                r##"<a href="/atlas/en/">en</a><img src="/atlas/a.svg"><a href="https://x.org/">x</a><a href="#top">t</a>"##,
            ),
            file(
                "en/index.html",
                r#"<a href="/atlas/">zh</a><a href="../missing/">m</a>"#,
            ),
        ];
        let extra = BTreeSet::from([PathBuf::from("a.svg")]);
        let err = check(&files, &extra, &urls).unwrap_err();
        let text = err.to_string();
        assert_eq!(err.len(), 1, "{text}");
        assert!(
            text.contains("en/index.html") && text.contains("../missing/"),
            "{text}"
        );
    }

    #[test]
    fn root_links_outside_base_path_are_broken() {
        let urls = Urls::new("https://x.github.io/atlas/", Lang::Zh);
        let files = vec![file("index.html", r#"<a href="/style.css">s</a>"#)];
        assert!(check(&files, &BTreeSet::new(), &urls).is_err());
    }
}
