//! What templates see: plain serialisable views of the atlas in one language.
//!
//! Kept apart from the content model so templates can change without touching loading, and
//! documented for theme authors in `themes/atlas/README.md`.

use serde::Serialize;

use super::markdown::Heading;
use crate::lang::Lang;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub base_path: String,
    /// The page language's BCP 47 tag (`zh-Hans`, `en`).
    pub lang_tag: &'static str,
}

/// URLs of the site-wide pages and files, in the page language.
#[derive(Debug, Clone, Serialize)]
pub struct UrlsView {
    pub home: String,
    pub districts: String,
    pub domains: String,
    pub feed: String,
    pub stylesheet: String,
    pub highlight: String,
    pub favicon: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    /// True when the link points at the page being rendered (or a page under it).
    pub current: bool,
}

/// The same page in one language, for the switcher and `hreflang`.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationView {
    pub lang: Lang,
    pub tag: &'static str,
    pub name: &'static str,
    pub url: String,
    pub permalink: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// `home`, `districts`, `district`, `report`, `domains`, `domain`, `page` or `404`.
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    pub permalink: String,
    /// Rendered markdown body (HTML), empty for generated pages.
    pub content: String,
    /// Tag of the language `content` is written in; differs from the page's when untranslated.
    pub content_lang: &'static str,
    /// False on an English page whose text has not been translated yet.
    pub translated: bool,
    pub headings: Vec<Heading>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistrictView {
    pub slug: String,
    pub name: String,
    pub name_zh: String,
    pub name_en: String,
    pub code: u32,
    pub province: String,
    pub level: String,
    pub lat: f64,
    pub lon: f64,
    pub population: Option<u64>,
    pub area_km2: Option<f64>,
    pub url: String,
    pub report_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainView {
    pub slug: &'static str,
    pub name: &'static str,
    pub name_zh: &'static str,
    pub scope: &'static str,
    pub url: String,
    pub report_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub slug: String,
    pub title: String,
    pub title_zh: String,
    pub title_en: String,
    /// `YYYY-MM-DD`
    pub date: String,
    pub source: String,
    pub source_url: Option<String>,
    pub summary: String,
    /// Tag of the language `summary` is written in.
    pub summary_lang: &'static str,
    pub url: String,
    pub permalink: String,
    pub district: DistrictRef,
    pub domains: Vec<DomainRef>,
    /// Whether an English text exists.
    pub translated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DistrictRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainRef {
    pub slug: &'static str,
    pub name: &'static str,
    pub url: String,
}

/// One URL of the sitemap with its language alternates.
#[derive(Debug, Clone, Serialize)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    pub alternates: Vec<TranslationView>,
}
