//! The pages of a district and of a report: their views and contexts.

use super::*;
use crate::analyze::metrics::Metric;

impl Renderer<'_> {
    /// The figures of `district`, in report and text order.
    pub(super) fn district_figures<'d>(&'d self, district: &'d District) -> Vec<Figure<'d>> {
        district
            .reports
            .iter()
            .flat_map(|r| self.analysis.metrics(r).iter().map(move |m| (r, m)))
            .collect()
    }

    pub(super) fn district_job(
        &self,
        shared: &Shared,
        district: &District,
        view: &DistrictView,
        all_reports: &[&Cached<ReportView>],
    ) -> Job {
        let lang = shared.lang;
        let path = district_path(district);
        let (doc, translated) = pick(lang, &district.text, district.text_en.as_ref());
        let mut job = self.job(
            shared,
            "district.html",
            &path,
            "district",
            view.name.clone(),
            Some(Body::plain(doc, translated)),
        );
        let reports: Vec<&Cached<ReportView>> = all_reports
            .iter()
            .copied()
            .filter(|r| r.district.slug == district.slug)
            .collect();
        let figures = self.district_figures(district);
        job.context.insert("district", view);
        job.context.insert("reports", &reports);
        // The district page previews each domain; its page of the domain lists them all.
        let groups: Vec<DomainMetricsView> = shared
            .figures
            .by_domain(&figures, true, Some(DISTRICT_PREVIEW))
            .into_iter()
            .map(|mut group| {
                let slug = group.domain.slug;
                group.all_url = Some(
                    self.urls
                        .page(lang, &format!("domains/{slug}/{}/", district.slug)),
                );
                group
            })
            .collect();
        job.context.insert("domain_groups", &groups);
        job.context.insert(
            "locator_map",
            &self.map(shared, "locator-map", Some(&district.slug)),
        );
        job
    }

    pub(super) fn report_job(
        &self,
        shared: &Shared,
        district: &DistrictView,
        report: &Report,
    ) -> Job {
        let lang = shared.lang;
        let path = report_path(report);
        let (doc, translated) = pick(lang, &report.text, report.text_en.as_ref());
        let view = self.report_view(&shared.figures, report);
        let analysis = self.analysis.report(report);
        // Only the Chinese page shows the Chinese text, with its marks; an English page
        // without a translation gives the figures as its fact sheet, linked to it.
        let body = match lang {
            Lang::Zh => {
                let t = self.theme.strings(lang);
                let word = |key: &str| t.get(key).map_or("", String::as_str);
                let glossary = self.urls.page(lang, "glossary/");
                let words = TipWords {
                    target: word("kind_target"),
                    period: word("period"),
                    glossary: &glossary,
                };
                let marks = annotate::marks(
                    &analysis.metrics,
                    &analysis.terms,
                    &self.atlas.glossary,
                    doc.body_offset,
                    &words,
                );
                Body::marked(doc, marks)
            }
            Lang::En if translated => Body::plain(doc, true),
            Lang::En => Body::unshown(doc),
        };
        let mut job = self.job(
            shared,
            "report.html",
            &path,
            "report",
            view.title.clone(),
            Some(body),
        );
        let metrics = &analysis.metrics;
        let key_figures: Vec<&Metric> = analysis
            .key_figures
            .iter()
            .filter_map(|&i| metrics.get(i))
            .collect();
        let key_figures = shared.figures.details_of(report, &key_figures);
        job.context.insert("district", district);
        job.context.insert("report", &view);
        job.context.insert("metric_count", &metrics.len());
        job.context.insert("key_figures", &key_figures);
        // The Chinese text carries its figures in place; English readers get them as a table.
        if lang == Lang::En {
            if !translated {
                job.context
                    .insert("text_url", &self.urls.page(Lang::Zh, &path));
            }
            let figures: Vec<Figure> = metrics.iter().map(|m| (report, m)).collect();
            let fact_sheet = shared.figures.by_domain(&figures, false, None);
            let composed = fact_sheet
                .iter()
                .flat_map(|group| &group.metrics)
                .filter(|m| m.composed)
                .count();
            job.context.insert("fact_sheet", &fact_sheet);
            job.context.insert("composed_count", &composed);
        }
        job.lastmod = Some(report_lastmod(report));
        job
    }

    pub(super) fn district_view(&self, district: &District, lang: Lang) -> DistrictView {
        let meta = &district.meta;
        // English pages take the English the content or the theme gives, else the Chinese.
        let in_page_language = |english: Option<&String>, chinese: &String| match english
            .filter(|_| lang == Lang::En)
        {
            Some(text) => (text.clone(), Lang::En.tag()),
            None => (chinese.clone(), Lang::Zh.tag()),
        };
        let (province, province_lang) = in_page_language(meta.province_en.as_ref(), &meta.province);
        let level_key = format!("level_{}", meta.level);
        let (level, level_lang) =
            in_page_language(self.theme.strings(lang).get(&level_key), &meta.level);
        DistrictView {
            slug: district.slug.clone(),
            name: district_name(district, lang),
            name_zh: meta.name.clone(),
            name_en: meta.name_en.clone(),
            code: meta.code,
            province,
            province_lang,
            level,
            level_lang,
            lat: meta.lat,
            lon: meta.lon,
            population: meta.population,
            area_km2: meta.area_km2,
            url: self.urls.page(lang, &district_path(district)),
            report_count: district.reports.len(),
            metric_count: district
                .reports
                .iter()
                .map(|r| self.analysis.metrics(r).len())
                .sum(),
        }
    }

    pub(super) fn report_view(&self, figures: &Figures, report: &Report) -> ReportView {
        let lang = figures.lang;
        let meta = &report.meta;
        let en = report.text_en.as_ref();
        let summary_en = match lang {
            Lang::En => en.and_then(|d| d.meta.summary.clone()),
            Lang::Zh => None,
        };
        let (summary, summary_lang) = match summary_en {
            Some(summary) => (summary, Lang::En),
            None => (meta.summary.clone(), Lang::Zh),
        };
        ReportView {
            slug: report.slug.clone(),
            title: report_title(report, lang),
            title_zh: meta.title.clone(),
            title_en: meta.title_en.clone(),
            date: meta.date.format("%Y-%m-%d").to_string(),
            source: meta.source.clone(),
            source_url: meta.source_url.clone(),
            summary,
            summary_lang: summary_lang.tag(),
            url: self.urls.page(lang, &report_path(report)),
            permalink: self.urls.permalink(lang, &report_path(report)),
            district: figures.district_ref(&report.district),
            domains: meta
                .domains
                .iter()
                .map(|&d| figures.domain_ref(d))
                .collect(),
            translated: en.is_some(),
        }
    }
}
