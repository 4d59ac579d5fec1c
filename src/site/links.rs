//! Internal link check of the built site: every `href` and `src` that points into the site
//! must name a file the build writes.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};

use indexmap::{IndexMap, IndexSet};
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashSet};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::urls::Urls;

use super::output::{LinkOrigin, OutputFile};

/// The links and ids of every page of the site, each distinct link kept once (pages link
/// to the same pages over and over: at 10,000 reports 97 MB of links are 24 MB distinct).
#[derive(Debug, Clone, Default)]
pub struct SiteLinks {
    /// By output path: a page rendered again finds its place without a map made of them all.
    pages: IndexMap<Box<str>, PageLinks, FxBuildHasher>,
    links: IndexSet<Box<str>, FxBuildHasher>,
}

/// Every file of the output, by its path relative to it. Output paths are made from UTF-8
/// names; one that is not could not be linked to.
pub type Written = FxHashSet<Box<str>>;

/// The `paths` as [`Written`].
pub fn written(paths: impl IntoIterator<Item = PathBuf>) -> Written {
    paths.into_iter().map(|p| key(&p)).collect()
}

fn key(path: &Path) -> Box<str> {
    path.to_string_lossy().into()
}

/// The links and ids of one written HTML page (its path is its key in [`SiteLinks::pages`]).
#[derive(Debug, Clone)]
struct PageLinks {
    /// Its distinct links, by their number in [`SiteLinks::links`], in the links' order.
    links: Box<[u32]>,
    /// Hashes of the ids, sorted for binary search: a page holds hundreds of ids, and the
    /// hashes take a quarter of their room and compare at once.
    ids: Box<[u64]>,
    /// Where the links written in markdown come from.
    origins: Box<[LinkOrigin]>,
}

/// What a page's HTML holds for the check, before its links are numbered.
struct Scanned<'f> {
    file: &'f OutputFile,
    links: Vec<&'f str>,
    ids: Box<[u64]>,
}

impl SiteLinks {
    /// The number of pages.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Adds the pages among `files` (read in parallel), a page rendered again in place of its
    /// earlier version; returns their places, for [`SiteLinks::check_pages`].
    pub fn add(&mut self, files: &[OutputFile]) -> Vec<usize> {
        let scanned: Vec<Scanned> = files.par_iter().filter_map(scan).collect();
        scanned
            .into_iter()
            .map(|page| {
                let path = key(&page.file.path);
                let page = self.number(page);
                self.pages.insert_full(path, page).0
            })
            .collect()
    }

    fn number(&mut self, page: Scanned) -> PageLinks {
        let links: Vec<u32> = page
            .links
            .iter()
            .map(|&link| match self.links.get_index_of(link) {
                Some(n) => n,
                None => self.links.insert_full(link.into()).0,
            })
            // Far fewer than 4 billion distinct links; one past that would go unchecked.
            .filter_map(|n| u32::try_from(n).ok())
            .collect();
        PageLinks {
            links: links.into(),
            ids: page.ids,
            origins: page.file.origins.clone().into(),
        }
    }

    /// Checks the links of every page against the `written` files, and their `#fragments`
    /// against the ids of the page they name.
    pub fn check(&self, written: &Written, urls: &Urls) -> Result<(), Diagnostics> {
        let all: Vec<usize> = (0..self.pages.len()).collect();
        self.check_pages(written, &all, urls)
    }

    /// Checks the links of the pages at `places`.
    pub fn check_pages(
        &self,
        written: &Written,
        places: &[usize],
        urls: &Urls,
    ) -> Result<(), Diagnostics> {
        let problems: Vec<Diagnostic> = places
            .par_iter()
            .filter_map(|&i| self.pages.get_index(i))
            .flat_map_iter(|(from, page)| {
                page.links
                    .iter()
                    .filter_map(|&n| self.links.get_index(n as usize))
                    .filter(|link| !resolves(from, link, urls, written, &self.pages))
                    .map(|link| page.broken(from, link))
                    .collect::<Vec<_>>()
            })
            .collect();
        problems
            .into_iter()
            .collect::<Diagnostics>()
            .into_result(())
    }
}

/// The links and ids of `file`, if it is an HTML page.
fn scan(file: &OutputFile) -> Option<Scanned<'_>> {
    if file.path.extension().is_none_or(|e| e != "html") {
        return None;
    }
    let mut links: Vec<&str> = Vec::new();
    let mut ids = Vec::new();
    for (name, value) in attributes(&file.bytes) {
        match name {
            Attribute::Link => links.push(value),
            Attribute::Id => ids.push(id_hash(value)),
        }
    }
    links.sort_unstable();
    links.dedup();
    ids.sort_unstable();
    ids.dedup();
    Some(Scanned {
        file,
        links,
        ids: ids.into(),
    })
}

impl PageLinks {
    /// A broken `link` of this page (at `path`), reported where it was written: the markdown
    /// line, or else the page.
    fn broken(&self, path: &str, link: &str) -> Diagnostic {
        let message = format!("broken internal link `{link}`");
        let hint = "link to a page (and an id on it) that exists; site-root links start with / and get the base path";
        match self.origins.iter().find(|o| o.href == link) {
            Some(origin) => Diagnostic::new(&origin.path, origin.line, 1, message)
                .hint(format!("{hint} (on the page {path})")),
            None => Diagnostic::file(Path::new(path), message).hint(hint),
        }
    }

    fn has_id(&self, id: &str) -> bool {
        self.ids.binary_search(&id_hash(id)).is_ok()
    }
}

fn id_hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

/// Whether `link` on page `from` names an existing file and, for a `#fragment` into a page,
/// an existing id on it. Links that leave the site count as resolved.
fn resolves(
    from: &str,
    link: &str,
    urls: &Urls,
    existing: &Written,
    pages: &IndexMap<Box<str>, PageLinks, FxBuildHasher>,
) -> bool {
    let target = if link.starts_with('#') {
        Cow::Borrowed(from)
    } else {
        match resolve(from, link, urls) {
            None => return true,
            Some(Err(())) => return false,
            Some(Ok(target)) => Cow::Owned(target),
        }
    };
    if !existing.contains(target.as_ref()) {
        return false;
    }
    match (link.split_once('#'), pages.get(target.as_ref())) {
        (Some((_, fragment)), Some(page)) if !fragment.is_empty() => page.has_id(fragment),
        _ => true,
    }
}

/// The attributes the link check reads.
#[derive(Clone, Copy)]
enum Attribute {
    /// `href` or `src`.
    Link,
    Id,
}

/// Every `href`, `src` and `id` attribute of `html` written `name="value"`, in one pass.
fn attributes(html: &[u8]) -> impl Iterator<Item = (Attribute, &str)> {
    const NAMES: [(&[u8], Attribute); 3] = [
        (b"href", Attribute::Link),
        (b"src", Attribute::Link),
        (b"id", Attribute::Id),
    ];
    memchr::memmem::find_iter(html, b"=\"").filter_map(move |i| {
        let before = &html[..i];
        let attribute = NAMES.iter().find_map(|(name, attribute)| {
            let rest = before.strip_suffix(*name)?;
            // A whole name: `data-id` is not `id`.
            let whole = rest
                .last()
                .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'-'));
            whole.then_some(*attribute)
        })?;
        let start = i + 2;
        let end = memchr::memchr(b'"', &html[start..])? + start;
        Some((attribute, std::str::from_utf8(&html[start..end]).ok()?))
    })
}

/// The output file a link points to, as a path under the output: `None` for links that leave
/// the site, `Err` for site-root links outside the base path and for links above the root.
fn resolve(from: &str, link: &str, urls: &Urls) -> Option<Result<String, ()>> {
    let link = link.split(['#', '?']).next().unwrap_or("");
    if link.is_empty() || link.contains(':') || link.starts_with("//") {
        return None;
    }
    let decoded = if link.contains('&') {
        Cow::Owned(link.replace("&amp;", "&"))
    } else {
        Cow::Borrowed(link)
    };
    // Site-root links are taken from the base path, others from the page's folder.
    let (folder, relative) = if decoded.starts_with('/') {
        match decoded.strip_prefix(urls.base_path()) {
            Some(inside) => ("", inside),
            None => return Some(Err(())),
        }
    } else {
        (
            from.rsplit_once('/').map_or("", |(folder, _)| folder),
            decoded.as_ref(),
        )
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in folder.split('/').chain(relative.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(()));
                }
            }
            name => parts.push(name),
        }
    }
    if decoded.ends_with('/') || parts.is_empty() {
        parts.push("index.html");
    }
    Some(Ok(parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// Checks `files` as written together with the other files `extra`.
    fn run_check(files: &[OutputFile], extra: &[&str], urls: &Urls) -> Result<(), Diagnostics> {
        let written = written(
            files
                .iter()
                .map(|f| f.path.clone())
                .chain(extra.iter().map(PathBuf::from)),
        );
        let mut links = SiteLinks::default();
        links.add(files);
        links.check(&written, urls)
    }

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile::new(path, html.as_bytes().to_vec())
    }

    #[test]
    fn finds_broken_and_accepts_existing() {
        let urls = Urls::new("https://x.github.io/atlas/", Lang::Zh);
        let files = vec![
            file(
                "index.html",
                r##"<a href="/atlas/en/#main">en</a><img src="/atlas/a.svg"><a href="https://x.org/">x</a><a href="#top" id="top">t</a>"##,
            ),
            file(
                "en/index.html",
                r#"<main id="main"><a href="/atlas/">zh</a><a href="../missing/">m</a><a href="/atlas/#nowhere">n</a></main>"#,
            ),
        ];
        let err = run_check(&files, &["a.svg"], &urls).unwrap_err();
        let text = err.to_string();
        assert_eq!(err.len(), 2, "{text}");
        assert!(
            text.contains("en/index.html") && text.contains("../missing/"),
            "{text}"
        );
        assert!(text.contains("`/atlas/#nowhere`"), "{text}");
    }

    #[test]
    fn links_are_kept_once_and_pages_rendered_again_take_their_place() {
        let urls = Urls::new("https://x.github.io/atlas/", Lang::Zh);
        let mut links = SiteLinks::default();
        links.add(&[
            file(
                "index.html",
                r#"<a href="/atlas/a/">a</a><a href="/atlas/b/">b</a>"#,
            ),
            file(
                "a/index.html",
                r#"<a href="/atlas/">h</a><a href="/atlas/b/">b</a>"#,
            ),
        ]);
        assert_eq!(links.len(), 2);
        assert_eq!(links.links.len(), 3, "{:?}", links.links);
        let written = written(["index.html".into(), "a/index.html".into()]);
        assert_eq!(links.check(&written, &urls).map_err(|e| e.len()), Err(2));

        let fresh = links.add(&[file("a/index.html", r#"<a href="/atlas/">h</a>"#)]);
        assert_eq!(fresh, vec![1]);
        assert_eq!(links.len(), 2);
        assert!(links.check_pages(&written, &fresh, &urls).is_ok());
        let rest = links
            .check(&written, &urls)
            .expect_err("index.html links to b");
        assert!(rest.to_string().contains("`/atlas/b/`"), "{rest}");
    }

    #[test]
    fn root_links_outside_base_path_are_broken() {
        let urls = Urls::new("https://x.github.io/atlas/", Lang::Zh);
        let files = vec![file("index.html", r#"<a href="/style.css">s</a>"#)];
        assert!(run_check(&files, &[], &urls).is_err());
    }

    #[test]
    fn links_resolve_to_output_paths() {
        let urls = Urls::new("https://x.github.io/atlas/", Lang::Zh);
        let from = "districts/banan/r1/index.html";
        let at = |link: &str| resolve(from, link, &urls);
        assert_eq!(at("../"), Some(Ok("districts/banan/index.html".into())));
        assert_eq!(
            at("./m.csv?x=1#top"),
            Some(Ok("districts/banan/r1/m.csv".into()))
        );
        assert_eq!(at("/atlas/"), Some(Ok("index.html".into())));
        assert_eq!(
            at("/atlas/data/a&amp;b.csv"),
            Some(Ok("data/a&b.csv".into()))
        );
        assert_eq!(
            at("/atlas//en/./search/"),
            Some(Ok("en/search/index.html".into()))
        );
        assert_eq!(at("../../../../up/"), Some(Err(())));
        assert_eq!(at("/elsewhere/"), Some(Err(())));
        assert_eq!(at("https://x.org/"), None);
        assert_eq!(at("//cdn.example/a.js"), None);
        assert_eq!(at("#m-7"), None);
    }
}
