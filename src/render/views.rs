//! What templates see: plain serialisable views of the atlas in one language.
//!
//! Kept apart from the content model so templates can change without touching loading, and
//! documented for theme authors in `themes/atlas/README.md`.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::markdown::Heading;
use crate::analyze::confidence::Confidence;
use crate::analyze::lexicon::Qualifier;
use crate::analyze::metrics::MetricId;
use crate::lang::Lang;
use crate::model::Kind;

/// A view many pages or rows show (a district's reference, a report in a list), turned into
/// a template value once: Tera clones that value into each page's context where it would
/// otherwise serialise the view again, field by field, for every row that shows it.
#[derive(Debug, Clone)]
pub struct Cached<T> {
    view: Arc<T>,
    value: tera::Value,
}

impl<T: Serialize> Cached<T> {
    pub fn new(view: T) -> Cached<T> {
        Cached {
            value: tera::Value::from_serializable(&view),
            view: Arc::new(view),
        }
    }
}

impl<T> Deref for Cached<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.view
    }
}

impl<T> Serialize for Cached<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

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
    pub indicators: String,
    pub search: String,
    /// Folder of the page language's search index (ends in `/`).
    pub search_index: String,
    pub search_script: String,
    pub glossary: String,
    pub metrics_csv: String,
    pub metrics_json: String,
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
    /// In the page language when the content gives it, with the tag of its language.
    pub province: String,
    pub province_lang: &'static str,
    /// 区, 县 or 市, or its English from the theme's strings (`level_区`).
    pub level: String,
    pub level_lang: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub population: Option<u64>,
    pub area_km2: Option<f64>,
    pub url: String,
    pub report_count: usize,
    pub metric_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainView {
    pub slug: &'static str,
    pub name: &'static str,
    pub name_zh: &'static str,
    pub scope: &'static str,
    pub url: String,
    pub report_count: usize,
    pub metric_count: usize,
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
    pub district: Cached<DistrictRef>,
    pub domains: Vec<Cached<DomainRef>>,
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

/// One metric as a row of the templates' tables, in the page language: what a row shows and
/// links to. Borrowed from the analysis where it can be: an atlas shows a million of these,
/// and every field is serialised for every row of every page.
#[derive(Debug, Clone, Serialize)]
pub struct MetricView<'m> {
    /// In base units (万 and 亿 expanded).
    pub value: f64,
    /// Value, unit and qualifier written the way of the page language.
    pub display: String,
    pub kind: Kind,
    /// The period as a reader of the page language reads it.
    pub period_label: Option<String>,
    /// The subject in the page language, falling back to Chinese.
    pub label: &'m str,
    /// Tag of the language `label` is written in.
    pub label_lang: &'static str,
    /// The label is English composed word by word from the dictionary, not yet in the
    /// glossary: templates mark it.
    pub composed: bool,
    /// The sentence on the report page (`…/<report>/#m-7`): in the page language, or on the
    /// Chinese page when an English translation (without anchors) replaces the text.
    pub url: String,
    pub district: Cached<DistrictRef>,
}

/// One metric of a report page's own figures: its row and everything else known of it.
#[derive(Debug, Clone, Serialize)]
pub struct MetricDetailView<'m> {
    #[serde(flatten)]
    pub row: MetricView<'m>,
    /// Anchor on the report page (`m-7`).
    pub id: MetricId,
    /// The claim as written in the Chinese text.
    pub text: Cow<'m, str>,
    pub unit: &'m str,
    pub qualifier: Qualifier,
    /// As extracted (`2021`, `十三五`).
    pub period: Option<&'m str>,
    pub subject: &'m str,
    pub subject_en: &'m str,
    /// How sure the extraction is (`score` in [0, 1]) and its grounds; an editor's
    /// correction scores 1.
    pub confidence: &'m Confidence,
    pub domain: Cached<DomainRef>,
    pub report_title: Cached<String>,
}

/// Metrics of one domain, with the chart of them (SVG markup, empty when nothing to chart).
#[derive(Debug, Clone, Serialize)]
pub struct DomainMetricsView<'m> {
    pub domain: Cached<DomainRef>,
    /// All of them, or the first few when `all_url` lists them all.
    pub metrics: Vec<MetricView<'m>>,
    pub chart: String,
    /// How many there are in all.
    pub total: usize,
    pub all_url: Option<String>,
}

/// One page of a list paged at a fixed size: its number (from 1), address, whether it is the
/// page shown, and the first and last row it holds (from 1).
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    pub first: usize,
    pub last: usize,
}

/// Metrics of one district, for domain pages.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictMetricsView<'m> {
    pub district: Cached<DistrictRef>,
    /// All of them, or the first few of a preview.
    pub metrics: Vec<MetricView<'m>>,
    /// How many there are in all.
    pub total: usize,
    /// The page listing all of them.
    pub all_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView<'m> {
    pub id: String,
    pub name: String,
    /// The name in the other language.
    pub name_other: String,
    pub unit: String,
    pub unit_name: String,
    pub domain: Cached<DomainRef>,
    pub note: Option<String>,
    pub url: String,
    /// Achievements, then targets: never in one chart.
    pub actual: Vec<MetricView<'m>>,
    pub target: Vec<MetricView<'m>>,
    pub actual_chart: String,
    pub target_chart: String,
    pub district_count: usize,
    /// How many achievements and targets there are in all (also when the lists are empty
    /// because `districts` sums them up).
    pub actual_count: usize,
    pub target_count: usize,
    /// For an indicator with many figures, a line per district instead of the lists, each
    /// linking to the district's own page of them; empty otherwise.
    pub districts: Vec<IndicatorDistrictView>,
}

/// One district's figures of an indicator, summed up: counts, the latest achievement and
/// target, and the range of the achievements.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorDistrictView {
    pub district: Cached<DistrictRef>,
    /// The district's page of this indicator's figures.
    pub url: String,
    pub actual: usize,
    pub target: usize,
    pub latest_actual: Option<LatestView>,
    pub latest_target: Option<LatestView>,
    /// The lowest and highest achievement, as displayed.
    pub low: Option<String>,
    pub high: Option<String>,
}

/// The latest figure of a kind: as displayed, its period, and where it is stated.
#[derive(Debug, Clone, Serialize)]
pub struct LatestView {
    pub value: f64,
    pub display: String,
    pub period_label: Option<String>,
    pub date: String,
    pub url: String,
}

/// One entry of the glossary page.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryView {
    /// Anchor on the glossary page (`term-3`).
    pub id: String,
    pub zh: String,
    pub en: String,
    /// The note in the page language, else the one the entry has (report pages link here for
    /// it), and the tag of its language.
    pub note: Option<String>,
    pub note_lang: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> DistrictRef {
        DistrictRef {
            slug: "banan".into(),
            name: "巴南区".into(),
            url: "/minsheng/districts/banan/".into(),
        }
    }

    #[test]
    fn a_cached_view_reads_as_the_view_itself() {
        let cached = Cached::new(reference());
        assert_eq!(cached.name, "巴南区");
        // In a template context, nested in another view, and in JSON alike.
        let row = (&cached, 7);
        assert_eq!(
            tera::Value::from_serializable(&row),
            tera::Value::from_serializable(&(reference(), 7))
        );
        assert_eq!(
            serde_json::to_string(&row).ok(),
            serde_json::to_string(&(reference(), 7)).ok()
        );
    }
}
