//! The atlas as edited: districts, their reports, pages and the home text, in both languages.
//!
//! Everything here is plain data read from `content/`; nothing about a particular district is
//! known to the code.

mod body;
pub mod bold;
mod boundaries;
mod bounded;
pub mod correct;
mod frontmatter;
mod load;
mod read;
pub mod slug;
pub mod vet;

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::model::Domain;
use crate::model::GlossaryEntries;
use crate::model::Kind;

pub use body::Body;
pub use boundaries::Boundary;
pub use frontmatter::{decode_utf8, split, SourceFile};
pub(crate) use load::bad_slug;
pub use load::{load, load_glossary, load_report, sort_reports, LoadOptions};
pub(crate) use read::read_meta;

pub const CONTENT_DIR: &str = "content";

/// `content/districts/<slug>`: the folder of a district's profile and reports.
pub fn district_dir(slug: &str) -> PathBuf {
    std::path::Path::new(CONTENT_DIR)
        .join("districts")
        .join(slug)
}

#[derive(Debug, Clone)]
pub struct Atlas {
    pub home: Document,
    pub home_en: Option<Document>,
    /// Sorted by slug.
    pub districts: Vec<District>,
    /// Sorted by weight, then slug.
    pub pages: Vec<Page>,
    /// `content/glossary.yaml`: Chinese term -> English and notes.
    pub glossary: GlossaryEntries,
    /// `content/indicators.yaml`, in file order.
    pub indicators: Vec<Indicator>,
    /// District outlines for the map, from the GeoJSON file named in `site.toml`.
    pub boundaries: Vec<Boundary>,
}

impl Atlas {
    pub fn district(&self, slug: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.slug == slug)
    }

    pub fn reports(&self) -> impl Iterator<Item = &Report> {
        self.districts.iter().flat_map(|d| d.reports.iter())
    }

    /// Every report, at the index of its id.
    pub fn reports_by_id(&self) -> Vec<&Report> {
        let mut reports: Vec<&Report> = self.reports().collect();
        reports.sort_by_key(|r| r.id);
        debug_assert!(reports.iter().enumerate().all(|(i, r)| r.id.0 == i));
        reports
    }

    /// Every markdown document: home, districts, reports, pages, each with its translation.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        let pairs = std::iter::once((&self.home, &self.home_en))
            .chain(self.districts.iter().map(|d| (&d.text, &d.text_en)))
            .chain(self.reports().map(|r| (&r.text, &r.text_en)))
            .chain(self.pages.iter().map(|p| (&p.text, &p.text_en)));
        pairs.flat_map(|(zh, en)| std::iter::once(zh).chain(en.as_ref()))
    }
}

/// Markdown text with the front matter (if any) already parsed off.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    pub meta: DocMeta,
    /// Read from the file when needed: [`Document::text`].
    pub body: Body,
    /// Byte offset of the body in its file, so offsets into the body map to the file.
    pub body_offset: usize,
    /// Line of the file the body starts on, for messages about the body.
    pub body_line: usize,
}

impl Document {
    /// The markdown of the body, as it was when the site was loaded.
    pub fn text(&self) -> Result<String, Diagnostic> {
        self.body.read(&self.path, self.body_offset)
    }

    /// The line of the file that byte `offset` of the body `text` is on.
    pub fn line_of(&self, text: &str, offset: usize) -> usize {
        let before = text.get(..offset).unwrap_or(text);
        self.body_line + before.matches('\n').count()
    }

    /// A problem at byte `offset` of the body `text`, with its line shown.
    pub fn at(&self, text: &str, offset: usize, message: impl Into<String>) -> Diagnostic {
        let line = self.line_of(text, offset);
        let offset = offset.min(text.len());
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let col = text[start..offset].chars().count() + 1;
        let shown = text[start..].lines().next().unwrap_or_default();
        Diagnostic::new(&self.path, line, col, message).with_line(shown)
    }
}

/// Front matter of the home text, pages and English translations.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocMeta {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub updated: Option<NaiveDate>,
    /// Order among pages (lower first).
    pub weight: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct District {
    pub slug: String,
    pub meta: DistrictMeta,
    pub text: Document,
    pub text_en: Option<Document>,
    /// Newest first, then by slug.
    pub reports: Vec<Report>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictMeta {
    pub name: String,
    pub name_en: String,
    /// GB/T 2260 administrative division code, e.g. 500119.
    pub code: u32,
    pub province: String,
    /// The province's English name, e.g. Chongqing; the Chinese one is shown without it.
    pub province_en: Option<String>,
    /// 区, 县 or 市.
    pub level: String,
    pub lat: f64,
    pub lon: f64,
    pub population: Option<u64>,
    pub area_km2: Option<f64>,
}

/// A report's place in the atlas: its number in the order of district and report slugs,
/// fixed when the atlas loads. Whatever is computed per report is reached by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportId(pub usize);

#[derive(Debug, Clone)]
pub struct Report {
    pub id: ReportId,
    pub slug: String,
    /// Slug of the district whose folder holds the report.
    pub district: String,
    pub meta: ReportMeta,
    pub text: Document,
    pub text_en: Option<Document>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    pub title: String,
    pub title_en: String,
    pub date: NaiveDate,
    /// The publication the report comes from.
    pub source: String,
    pub source_url: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub domains: Vec<Domain>,
    pub updated: Option<NaiveDate>,
    /// Overrides the slug taken from the file name.
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// Corrections to what the extractor found.
    #[serde(default)]
    pub metrics: Vec<MetricOverride>,
    /// Who wrote the report and took its photos, as the raw text credits them.
    pub byline: Option<String>,
    /// The photo captions of the raw text, kept out of the body.
    #[serde(default)]
    pub captions: Vec<String>,
}

/// An editor's correction of one extracted metric, found by its text as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricOverride {
    pub text: String,
    /// Which occurrence of `text` among the report's metrics, from 1.
    pub nth: Option<usize>,
    pub subject: Option<String>,
    pub subject_en: Option<String>,
    pub domain: Option<Domain>,
    pub kind: Option<Kind>,
    /// Drops a false match.
    #[serde(default)]
    pub drop: bool,
    /// The editor read the figure and accepts it as extracted (set from the review page).
    #[serde(default)]
    pub ok: bool,
    /// Line of the override in its file, for messages.
    #[serde(skip)]
    pub line: usize,
}

/// A comparable indicator of `content/indicators.yaml`: the metrics whose unit is `unit` and
/// whose subject contains one of `subjects`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub unit: String,
    pub domain: Domain,
    pub subjects: Vec<String>,
    pub note: Option<String>,
    pub note_en: Option<String>,
}

/// A free page such as about or methodology, from `content/pages/<slug>.md`.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub text: Document,
    pub text_en: Option<Document>,
}

impl Page {
    pub fn weight(&self) -> i64 {
        self.text.meta.weight.unwrap_or(0)
    }
}
