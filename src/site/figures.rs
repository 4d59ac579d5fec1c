//! The atlas's figures as templates show them in one language: metric views, metrics grouped
//! by domain or district, indicator comparisons, and their charts.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::analyze::english::Source;
use crate::analyze::metrics::Metric;
use crate::content::{Atlas, District, Indicator, Report};
use crate::lang::Lang;
use crate::model::Domain;
use crate::model::Kind;
use crate::render::charts::{bar_chart, Bar};
use crate::render::numbers::{format_metric, period_name, unit_name};
use crate::render::views::{
    Cached, DistrictRef, DomainMetricsView, DomainRef, IndicatorDistrictView, IndicatorView,
    LatestView, MetricDetailView, MetricView,
};
use crate::site::analysis::{Analysis, MetricRef};
use crate::site::names::{
    district_name, district_path, domain_path, indicator_district_path, indicator_path,
    report_path, report_title, short_name,
};
use crate::urls::Urls;

/// Bars in a domain chart at most: the largest figures.
const CHART_BARS: usize = 8;
/// Bars in an indicator's chart at most: the newest figures; the table below holds them all.
const INDICATOR_BARS: usize = 40;

/// Builds views for one language.
pub struct Figures<'a> {
    pub lang: Lang,
    pub atlas: &'a Atlas,
    pub analysis: &'a Analysis,
    pub urls: &'a Urls,
    /// The nine domains' references and the districts', made once.
    domains: Vec<Cached<DomainRef>>,
    districts: FxHashMap<String, Cached<DistrictRef>>,
    /// Every report, at the index of its id.
    reports: Vec<&'a Report>,
}

impl<'a> Figures<'a> {
    pub fn new(lang: Lang, atlas: &'a Atlas, analysis: &'a Analysis, urls: &'a Urls) -> Self {
        let domains = Domain::ALL
            .iter()
            .map(|&d| {
                Cached::new(DomainRef {
                    slug: d.slug(),
                    name: d.name(lang),
                    url: urls.page(lang, &domain_path(d)),
                })
            })
            .collect();
        let districts = atlas
            .districts
            .iter()
            .map(|d| (d.slug.clone(), new_district_ref(d, lang, urls)))
            .collect();
        Figures {
            lang,
            atlas,
            analysis,
            urls,
            domains,
            districts,
            reports: atlas.reports_by_id(),
        }
    }
}

/// A metric and the report it is from: what a view is made of.
pub type Figure<'r> = (&'r Report, &'r Metric);

impl<'a> Figures<'a> {
    pub fn metric<'m>(&self, report: &'m Report, metric: &'m Metric) -> MetricView<'m> {
        self.metrics_of(report, std::iter::once(metric))
            .pop()
            .expect("one metric in, one view out")
    }

    /// Rows of `metrics` of `report`; what they share is worked out once.
    pub fn metrics_of<'m>(
        &self,
        report: &'m Report,
        metrics: impl Iterator<Item = &'m Metric>,
    ) -> Vec<MetricView<'m>> {
        let lang = self.lang;
        let page = self.sentences_page(report);
        let district = self.district_ref(&report.district);
        metrics
            .map(|metric| {
                let (label, label_lang) = self.label(metric);
                MetricView {
                    value: metric.value,
                    display: self.display(metric),
                    kind: metric.kind,
                    period_label: metric.period.as_deref().map(|p| period_name(lang, p)),
                    label,
                    label_lang: label_lang.tag(),
                    composed: label_lang == Lang::En
                        && metric.subject_en_source == Source::Composed,
                    url: format!("{page}#{}", metric.id),
                    district: district.clone(),
                }
            })
            .collect()
    }

    /// Everything known of `metrics` of `report`, for the report's own page.
    pub fn details_of<'m>(
        &self,
        report: &'m Report,
        metrics: &[&'m Metric],
    ) -> Vec<MetricDetailView<'m>> {
        let title = Cached::new(report_title(report, self.lang));
        let rows = self.metrics_of(report, metrics.iter().copied());
        rows.into_iter()
            .zip(metrics)
            .map(|(row, metric)| MetricDetailView {
                row,
                id: metric.id,
                text: without_emphasis(&metric.text),
                unit: &metric.unit,
                qualifier: metric.qualifier,
                period: metric.period.as_deref(),
                subject: &metric.subject,
                subject_en: &metric.subject_en,
                confidence: &metric.confidence,
                domain: self.domain_ref(metric.domain),
                report_title: title.clone(),
            })
            .collect()
    }

    /// A metric's value, unit and qualifier, written the way of the page language.
    pub fn display(&self, metric: &Metric) -> String {
        format_metric(self.lang, metric)
    }

    /// The page whose text carries the anchors (`#m-7`) of `report`'s metrics: the Chinese
    /// one, the only page that shows the Chinese text.
    pub fn sentences_page(&self, report: &Report) -> String {
        self.urls.page(Lang::Zh, &report_path(report))
    }

    pub fn domain_ref(&self, domain: Domain) -> Cached<DomainRef> {
        self.domains[domain as usize].clone()
    }

    /// Those of `matches` stated in reports of the district `slug`.
    pub fn in_district(&self, matches: &[MetricRef], slug: &str) -> Vec<MetricRef> {
        let of_district = |at: &&MetricRef| self.reports[at.report.0].district == slug;
        matches.iter().filter(of_district).copied().collect()
    }

    /// The reference of the district `slug` names. Loading checks that every report's
    /// district is one of the atlas's, so another slug is a bug.
    pub fn district_ref(&self, slug: &str) -> Cached<DistrictRef> {
        match self.districts.get(slug) {
            Some(district) => district.clone(),
            None => panic!("district `{slug}` is not in the atlas"),
        }
    }

    /// Views of `figures`, in their order.
    pub fn views<'m>(&self, figures: &[Figure<'m>]) -> Vec<MetricView<'m>> {
        figures
            .chunk_by(|a, b| std::ptr::eq(a.0, b.0))
            .flat_map(|run| self.metrics_of(run[0].0, run.iter().map(|&(_, m)| m)))
            .collect()
    }

    /// A metric's subject in the page language, falling back to Chinese, and the language
    /// it is in.
    pub fn label<'m>(&self, metric: &'m Metric) -> (&'m str, Lang) {
        match self.lang {
            Lang::En if !metric.subject_en.is_empty() => (&metric.subject_en, Lang::En),
            _ => (&metric.subject, Lang::Zh),
        }
    }

    /// Whether a metric has a subject to show it by.
    fn labelled(&self, metric: &Metric) -> bool {
        !self.label(metric).0.is_empty()
    }

    /// `figures` grouped by domain in the framework's order (domains without any left out),
    /// each with a chart of its achievements when `charts` is set. A group shows all its
    /// figures or, with `preview`, that many of the first with a subject; views are made of
    /// those shown only.
    pub fn by_domain<'m>(
        &self,
        figures: &[Figure<'m>],
        charts: bool,
        preview: Option<usize>,
    ) -> Vec<DomainMetricsView<'m>> {
        Domain::ALL
            .iter()
            .filter_map(|&domain| {
                let group: Vec<Figure> = figures
                    .iter()
                    .copied()
                    .filter(|(_, m)| m.domain == domain)
                    .collect();
                if group.is_empty() {
                    return None;
                }
                let shown: Vec<Figure> = match preview {
                    Some(n) => group
                        .iter()
                        .copied()
                        .filter(|(_, m)| self.labelled(m))
                        .take(n)
                        .collect(),
                    None => group.clone(),
                };
                let chart = if charts {
                    self.domain_chart(domain, &group)
                } else {
                    String::new()
                };
                Some(DomainMetricsView {
                    domain: self.domain_ref(domain),
                    total: group.len(),
                    metrics: self.views(&shown),
                    chart,
                    all_url: None,
                })
            })
            .collect()
    }

    /// Achievements of the domain's most common unit, largest first: bars of one unit only.
    fn domain_chart(&self, domain: Domain, figures: &[Figure]) -> String {
        let actual: Vec<Figure> = figures
            .iter()
            .copied()
            .filter(|(_, m)| m.kind == Kind::Actual && self.labelled(m))
            .collect();
        let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for (i, (_, m)) in actual.iter().enumerate() {
            let entry = counts.entry(&m.unit).or_insert((0, i));
            entry.0 += 1;
        }
        // Most figures first; among equals, the unit met first in the text.
        let Some(unit) = counts
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(unit, _)| unit.to_string())
        else {
            return String::new();
        };
        let mut bars: Vec<Figure> = actual
            .into_iter()
            .filter(|(_, m)| *m.unit == *unit)
            .collect();
        bars.sort_by(|a, b| b.1.value.total_cmp(&a.1.value));
        bars.truncate(CHART_BARS);
        let bars: Vec<Bar> = self
            .views(&bars)
            .into_iter()
            .map(|m| Bar {
                label: m.label.to_string(),
                value: m.value,
                display: m.display,
                url: m.url,
                class: "",
            })
            .collect();
        let title = self.chart_title(domain.name(self.lang), &unit);
        bar_chart(&format!("chart-{}", domain.slug()), &title, &bars)
    }

    fn chart_title(&self, name: &str, unit: &str) -> String {
        let unit = unit_name(self.lang, unit);
        match (self.lang, unit.is_empty()) {
            (Lang::Zh, true) => name.to_string(),
            (Lang::Zh, false) => format!("{name}（单位：{unit}）"),
            (Lang::En, true) => format!("{name} (count)"),
            (Lang::En, false) => format!("{name} ({unit})"),
        }
    }

    /// The indicator's achievements and targets across districts, each kind charted apart.
    pub fn indicator(&self, indicator: &Indicator, matches: &[MetricRef]) -> IndicatorView<'a> {
        let dated: Vec<(chrono::NaiveDate, MetricView)> = matches
            .iter()
            .map(|at| {
                let report = self.reports[at.report.0];
                (
                    report.meta.date,
                    self.metric(report, self.analysis.metric(at)),
                )
            })
            .collect();
        let (actual, target): (Vec<_>, Vec<_>) =
            dated.into_iter().partition(|(_, m)| m.kind == Kind::Actual);
        let districts: BTreeSet<&str> = actual
            .iter()
            .chain(&target)
            .map(|(_, m)| m.district.slug.as_str())
            .collect();
        let mut view = self.indicator_head(indicator);
        view.actual_chart = self.newest_chart(indicator, "actual", &actual);
        view.target_chart = self.newest_chart(indicator, "target", &target);
        view.district_count = districts.len();
        view.actual_count = actual.len();
        view.target_count = target.len();
        view.actual = actual.into_iter().map(|(_, m)| m).collect();
        view.target = target.into_iter().map(|(_, m)| m).collect();
        view
    }

    /// The chart of an indicator's figures of one kind, a bar each: the [`INDICATOR_BARS`]
    /// newest, newest first, where there are more (its title says so).
    fn newest_chart(
        &self,
        indicator: &Indicator,
        kind: &'static str,
        figures: &[(chrono::NaiveDate, MetricView)],
    ) -> String {
        let mut shown: Vec<&(chrono::NaiveDate, MetricView)> = figures.iter().collect();
        if shown.len() > INDICATOR_BARS {
            // Stable: a date's figures keep their order.
            shown.sort_by_key(|(date, _)| std::cmp::Reverse(*date));
            shown.truncate(INDICATOR_BARS);
        }
        let class = if kind == "target" { "target" } else { "" };
        let bars: Vec<Bar> = shown
            .iter()
            .map(|(_, m)| Bar {
                label: bar_label(&m.district.name, m.period_label.as_deref()),
                value: m.value,
                display: m.display.clone(),
                url: m.url.clone(),
                class,
            })
            .collect();
        let newest = (figures.len() > INDICATOR_BARS).then_some(figures.len());
        self.indicator_chart(indicator, kind, &bars, newest)
    }

    /// An indicator with many figures: a line per district in `districts`, each linking to
    /// the district's own page of them, and charts of each district's latest achievement and
    /// target.
    pub fn indicator_by_district(
        &self,
        indicator: &Indicator,
        matches: &[MetricRef],
    ) -> IndicatorView<'a> {
        let mut view = self.indicator_head(indicator);
        for district in &self.atlas.districts {
            let of: Vec<(&Report, &Metric)> = self
                .in_district(matches, &district.slug)
                .iter()
                .map(|at| (self.reports[at.report.0], self.analysis.metric(at)))
                .collect();
            if of.is_empty() {
                continue;
            }
            let of_kind = |kind| of.iter().filter(move |(_, m)| m.kind == kind);
            // The newest report's last figure of the kind.
            let latest = |kind| {
                of_kind(kind)
                    .max_by_key(|(r, _)| r.meta.date)
                    .map(|&(r, m)| self.latest(r, m))
            };
            let by_value =
                |a: &&(&Report, &Metric), b: &&(&Report, &Metric)| a.1.value.total_cmp(&b.1.value);
            let display = |&(r, m): &(&Report, &Metric)| self.metric(r, m).display;
            view.districts.push(IndicatorDistrictView {
                district: self.district_ref(&district.slug),
                url: self.urls.page(
                    self.lang,
                    &indicator_district_path(indicator, &district.slug),
                ),
                actual: of_kind(Kind::Actual).count(),
                target: of_kind(Kind::Target).count(),
                latest_actual: latest(Kind::Actual),
                latest_target: latest(Kind::Target),
                low: of_kind(Kind::Actual).min_by(by_value).map(display),
                high: of_kind(Kind::Actual).max_by(by_value).map(display),
            });
        }
        let bars = |latest: fn(&IndicatorDistrictView) -> Option<&LatestView>, class| {
            let bar = |d: &IndicatorDistrictView| {
                latest(d).map(|l| Bar {
                    label: bar_label(&d.district.name, l.period_label.as_deref()),
                    value: l.value,
                    display: l.display.clone(),
                    url: d.url.clone(),
                    class,
                })
            };
            view.districts.iter().filter_map(bar).collect::<Vec<Bar>>()
        };
        let (actual, target) = (
            bars(|d| d.latest_actual.as_ref(), ""),
            bars(|d| d.latest_target.as_ref(), "target"),
        );
        view.actual_chart = self.indicator_chart(indicator, "actual", &actual, None);
        view.target_chart = self.indicator_chart(indicator, "target", &target, None);
        view.district_count = view.districts.len();
        view.actual_count = view.districts.iter().map(|d| d.actual).sum();
        view.target_count = view.districts.iter().map(|d| d.target).sum();
        view
    }

    /// An indicator's names, unit, domain and address, with no figures yet.
    fn indicator_head(&self, indicator: &Indicator) -> IndicatorView<'a> {
        let lang = self.lang;
        let (name, name_other, note) = match lang {
            Lang::Zh => (&indicator.name, &indicator.name_en, &indicator.note),
            Lang::En => (&indicator.name_en, &indicator.name, &indicator.note_en),
        };
        IndicatorView {
            id: indicator.id.clone(),
            name: name.clone(),
            name_other: name_other.clone(),
            unit: indicator.unit.clone(),
            unit_name: unit_name(lang, &indicator.unit),
            domain: self.domain_ref(indicator.domain),
            note: note.clone(),
            url: self.urls.page(lang, &indicator_path(indicator)),
            actual: Vec::new(),
            target: Vec::new(),
            actual_chart: String::new(),
            target_chart: String::new(),
            district_count: 0,
            actual_count: 0,
            target_count: 0,
            districts: Vec::new(),
        }
    }

    /// The chart of an indicator's figures of one kind; none without bars. `of` is how many
    /// figures there are when the bars are only the newest of them.
    fn indicator_chart(
        &self,
        indicator: &Indicator,
        kind: &str,
        bars: &[Bar],
        of: Option<usize>,
    ) -> String {
        if bars.is_empty() {
            return String::new();
        }
        let name = match self.lang {
            Lang::Zh => &indicator.name,
            Lang::En => &indicator.name_en,
        };
        let mut title = self.chart_title(name, &indicator.unit);
        if let Some(of) = of {
            title += &match self.lang {
                Lang::Zh => format!("：最新 {} 项，共 {of} 项", bars.len()),
                Lang::En => format!(": the newest {} of {of}", bars.len()),
            };
        }
        bar_chart(&format!("{}-{kind}", indicator.id), &title, bars)
    }

    fn latest(&self, report: &Report, metric: &Metric) -> LatestView {
        let view = self.metric(report, metric);
        LatestView {
            value: view.value,
            display: view.display,
            period_label: view.period_label,
            date: report.meta.date.format("%Y-%m-%d").to_string(),
            url: view.url,
        }
    }
}

/// A bar's label: the district's short name, and the period when the figure has one.
fn bar_label(district: &str, period: Option<&str>) -> String {
    match period {
        Some(period) => format!("{} · {period}", short_name(district)),
        None => short_name(district),
    }
}

fn new_district_ref(district: &District, lang: Lang, urls: &Urls) -> Cached<DistrictRef> {
    Cached::new(DistrictRef {
        slug: district.slug.clone(),
        name: district_name(district, lang),
        url: urls.page(lang, &district_path(district)),
    })
}

/// A claim as a reader sees it: without the emphasis marks the source may carry.
fn without_emphasis(text: &str) -> Cow<'_, str> {
    if text.contains(['*', '_', '~']) {
        Cow::Owned(text.replace(['*', '_', '~'], ""))
    } else {
        Cow::Borrowed(text)
    }
}
