//! The pages of the site: which exist, which template renders each, and what it receives.

use std::collections::BTreeSet;
use std::path::PathBuf;

use tera::Context;

use crate::analyze::Domain;
use crate::config::Config;
use crate::content::{Atlas, District, Document, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;

use crate::render::annotate::{self, TipWords};
use crate::render::map::{map, MapPoint};
use rayon::prelude::*;

use crate::render::markdown::{self, Highlighter, Mark, RawHtml};
use crate::render::views::*;
use crate::render::Theme;
use crate::site::analysis::Analysis;
use crate::site::figures::{indicator_path, Figure, Figures};
use crate::site::output::{LinkOrigin, OutputFile};
use crate::urls::Urls;

/// Everything rendering needs, borrowed from the earlier stages.
pub struct Renderer<'a> {
    pub config: &'a Config,
    pub atlas: &'a Atlas,
    pub theme: &'a Theme,
    pub urls: &'a Urls,
    pub highlighter: &'a Highlighter,
    pub analysis: &'a Analysis,
}

/// Views shared by every page of one language, computed once.
struct Shared<'a> {
    lang: Lang,
    context: Context,
    districts: Vec<DistrictView>,
    reports: Vec<(Cached<ReportView>, Domainset)>,
    figures: Figures<'a>,
}

type Domainset = Vec<Domain>;

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a super::Site,
        analysis: &'a Analysis,
        urls: &'a Urls,
        highlighter: &'a Highlighter,
    ) -> Renderer<'a> {
        Renderer {
            config: &site.config,
            atlas: &site.atlas,
            theme: &site.theme,
            urls,
            highlighter,
            analysis,
        }
    }
    /// Renders the pages and files of `scope`, handing them to `sink` in batches so that only
    /// a batch of rendered bytes is held at a time. Template errors are collected; a sink
    /// error stops.
    pub fn render(
        &self,
        scope: &Scope,
        mut sink: impl FnMut(Vec<OutputFile>) -> Result<(), Diagnostics>,
    ) -> Result<(), Diagnostics> {
        let mut problems = Diagnostics::default();
        for lang in Lang::ALL {
            let shared = self.shared(lang, scope);
            let mut works = self.atlas_works(&shared);
            // The sitemap lists every page, whichever of them this render writes.
            let pages: Vec<(String, Option<String>)> = if scope.site_wide() {
                works.iter().filter_map(Work::page).collect()
            } else {
                Vec::new()
            };
            works.retain(|work| scope.includes(work));
            self.render_works(&shared, works, &mut problems, &mut sink)?;
            // The site-wide pages come last, their contexts (the indicators' hold thousands of
            // figures) made only now, so that they are not held while the rest renders.
            if scope.site_wide() {
                let site = self.site_jobs(&shared, pages);
                let works = site.into_iter().map(Work::Ready).collect();
                self.render_works(&shared, works, &mut problems, &mut sink)?;
            }
        }
        problems.into_result(())
    }

    /// Renders `works` batch by batch, each batch in parallel.
    fn render_works(
        &self,
        shared: &Shared,
        mut works: Vec<Work>,
        problems: &mut Diagnostics,
        sink: &mut impl FnMut(Vec<OutputFile>) -> Result<(), Diagnostics>,
    ) -> Result<(), Diagnostics> {
        while !works.is_empty() {
            let batch: Vec<Work> = works.drain(..BATCH.min(works.len())).collect();
            // Contexts are built inside the parallel loop and dropped after rendering.
            let rendered: Vec<Result<OutputFile, Diagnostic>> = batch
                .into_par_iter()
                .map(|work| {
                    let job = self.prepare(shared, work);
                    // A page is its content and about as much around it.
                    let capacity = 2 * job.content_len + 16 * 1024;
                    Ok(OutputFile {
                        bytes: self.theme.render(job.template, &job.context, capacity)?,
                        path: job.output,
                        origins: job.origins,
                    })
                })
                .collect();
            let mut files = Vec::with_capacity(rendered.len());
            for result in rendered {
                match result {
                    Ok(file) => files.push(file),
                    Err(d) => problems.push(d),
                }
            }
            sink(files)?;
        }
        Ok(())
    }

    fn shared(&self, lang: Lang, scope: &Scope) -> Shared<'_> {
        let urls = self.urls;
        let figures = Figures::new(lang, self.atlas, self.analysis, urls);
        let language = self.config.language(lang);
        let site = SiteView {
            title: language.title.clone(),
            description: language.description.clone(),
            base_url: self.config.base_url.clone(),
            base_path: urls.base_path().to_string(),
            lang_tag: lang.tag(),
        };
        let urls_view = UrlsView {
            home: urls.page(lang, ""),
            districts: urls.page(lang, "districts/"),
            domains: urls.page(lang, "domains/"),
            indicators: urls.page(lang, "indicators/"),
            search: urls.page(lang, "search/"),
            search_index: urls.asset(&urls.localized(lang, "search/index/")),
            search_script: urls.asset("search.js"),
            glossary: urls.page(lang, "glossary/"),
            metrics_csv: urls.asset("data/metrics.csv"),
            metrics_json: urls.asset("data/metrics.json"),
            feed: urls.asset(&urls.localized(lang, "atom.xml")),
            stylesheet: urls.asset("style.css"),
            highlight: urls.asset("highlight.css"),
            favicon: urls.asset("favicon.svg"),
        };
        let districts: Vec<DistrictView> = self
            .atlas
            .districts
            .iter()
            .map(|d| self.district_view(d, lang))
            .collect();
        // The lists of reports; a report's own pages show none, and an edit of one renders
        // those alone, quickly.
        let mut reports: Vec<(Cached<ReportView>, Domainset)> = match scope {
            Scope::Report { .. } => Vec::new(),
            _ => self
                .atlas
                .reports()
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|r| {
                    (
                        Cached::new(self.report_view(&figures, r)),
                        r.meta.domains.clone(),
                    )
                })
                .collect(),
        };
        reports.sort_by(|a, b| b.0.date.cmp(&a.0.date).then_with(|| a.0.url.cmp(&b.0.url)));
        let mut metric_counts = [0usize; Domain::ALL.len()];
        for metric in self.atlas.reports().flat_map(|r| self.analysis.metrics(r)) {
            if let Some(i) = Domain::ALL.iter().position(|&d| d == metric.domain) {
                metric_counts[i] += 1;
            }
        }
        let domains: Vec<DomainView> = Domain::ALL
            .iter()
            .zip(metric_counts)
            .map(|(&d, metric_count)| DomainView {
                slug: d.slug(),
                name: d.name(lang),
                name_zh: d.name(Lang::Zh),
                scope: d.scope(lang),
                url: urls.page(lang, &domain_path(d)),
                report_count: self
                    .atlas
                    .reports()
                    .filter(|r| r.meta.domains.contains(&d))
                    .count(),
                metric_count,
            })
            .collect();
        let mut context = Context::new();
        context.insert("site", &site);
        context.insert("lang", &lang);
        context.insert("t", self.theme.strings(lang));
        context.insert("urls", &urls_view);
        context.insert("districts", &districts);
        context.insert("domains", &domains);
        Shared {
            lang,
            context,
            districts,
            reports,
            figures,
        }
    }

    /// The pages of districts, reports and domains, whose contexts are built when rendered.
    fn atlas_works<'s>(&'s self, shared: &'s Shared) -> Vec<Work<'s>> {
        let mut jobs: Vec<Work> = Vec::new();
        for (district, view) in self.atlas.districts.iter().zip(&shared.districts) {
            jobs.push(Work::District(district, view));
            jobs.extend(district.reports.iter().map(|r| Work::Report(view, r)));
        }

        for domain in Domain::ALL {
            jobs.push(Work::Domain(domain));
            for district in &self.atlas.districts {
                let has_figures = district
                    .reports
                    .iter()
                    .any(|r| self.analysis.metrics(r).iter().any(|m| m.domain == domain));
                if has_figures {
                    jobs.push(Work::DomainDistrict(domain, district));
                }
            }
        }

        jobs
    }

    /// The site-wide pages: home, lists, indicators, search, glossary, free pages, feed and
    /// the sitemap of these and `pages` (every other page, with its last change).
    fn site_jobs(&self, shared: &Shared, mut pages: Vec<(String, Option<String>)>) -> Vec<Job> {
        let lang = shared.lang;
        let t = self.theme.strings(lang);
        let text = |key: &str| t.get(key).cloned().unwrap_or_default();
        let mut jobs: Vec<Job> = Vec::new();
        let all_reports: Vec<&Cached<ReportView>> = shared.reports.iter().map(|(r, _)| r).collect();

        let home = self.home_document(lang);
        let mut job = self.job(
            shared,
            "index.html",
            "",
            "home",
            self.config.language(lang).title.clone(),
            home,
        );
        let latest: Vec<&Cached<ReportView>> = all_reports.iter().copied().take(LATEST).collect();
        job.context.insert("reports", &latest);
        job.context
            .insert("map", &self.map(shared, "home-map", None));
        jobs.push(job);

        jobs.push(self.job(
            shared,
            "districts.html",
            "districts/",
            "districts",
            text("districts"),
            None,
        ));
        jobs.push(self.job(
            shared,
            "domains.html",
            "domains/",
            "domains",
            text("domains"),
            None,
        ));
        jobs.extend(self.indicator_jobs(shared));
        jobs.push(self.job(
            shared,
            "search.html",
            "search/",
            "search",
            text("search"),
            None,
        ));
        let mut glossary = self.job(
            shared,
            "glossary.html",
            "glossary/",
            "glossary",
            text("glossary"),
            None,
        );
        glossary
            .context
            .insert("glossary", &self.glossary_view(lang));
        jobs.push(glossary);

        for page in &self.atlas.pages {
            let (doc, translated) = pick(lang, &page.text, page.text_en.as_ref());
            let title = doc.meta.title.clone().unwrap_or_default();
            jobs.push(self.job(
                shared,
                "page.html",
                &format!("{}/", page.slug),
                "page",
                title,
                Some(Body::plain(doc, translated)),
            ));
        }

        let mut not_found = self.job(
            shared,
            "404.html",
            "404/",
            "404",
            text("not_found_title"),
            None,
        );
        not_found.output = PathBuf::from(self.urls.localized(lang, "404.html"));
        // A missing page can be anywhere: offer the home page of each language.
        not_found
            .context
            .insert("translations", &self.translations(lang, ""));
        jobs.push(not_found);

        let mut feed = self.job(
            shared,
            "atom.xml",
            "",
            "feed",
            self.config.language(lang).title.clone(),
            None,
        );
        let latest: Vec<&Cached<ReportView>> = all_reports
            .iter()
            .copied()
            .take(self.config.feed_limit)
            .collect();
        feed.context.insert("reports", &latest);
        feed.context.insert(
            "updated",
            &latest.first().map(|r| r.date.clone()).unwrap_or_default(),
        );
        feed.context.insert(
            "feed_url",
            &self
                .urls
                .asset_permalink(&self.urls.localized(lang, "atom.xml")),
        );
        feed.output = PathBuf::from(self.urls.localized(lang, "atom.xml"));
        jobs.push(feed);

        if lang == self.config.default_language {
            pages.extend(jobs.iter().filter_map(Job::page));
            let sitemap = self.sitemap_job(shared, pages);
            jobs.push(sitemap);
            let mut robots = self.job(shared, "robots.txt", "", "robots", String::new(), None);
            robots
                .context
                .insert("sitemap_url", &self.urls.asset_permalink("sitemap.xml"));
            robots.output = PathBuf::from("robots.txt");
            jobs.push(robots);
        }
        jobs
    }

    /// The job of a piece of work, its context built now.
    fn prepare(&self, shared: &Shared, work: Work) -> Job {
        match work {
            Work::Ready(job) => job,
            Work::District(district, view) => {
                let reports: Vec<&Cached<ReportView>> =
                    shared.reports.iter().map(|(r, _)| r).collect();
                self.district_job(shared, district, view, &reports)
            }
            Work::Report(view, report) => self.report_job(shared, view, report),
            Work::Domain(domain) => self.domain_job(shared, domain),
            Work::DomainDistrict(domain, district) => {
                self.domain_district_job(shared, domain, district)
            }
        }
    }

    /// The figures of `district`, in report and text order.
    fn district_figures<'d>(&'d self, district: &'d District) -> Vec<Figure<'d>> {
        district
            .reports
            .iter()
            .flat_map(|r| self.analysis.metrics(r).iter().map(move |m| (r, m)))
            .collect()
    }

    fn domain_reports<'s>(
        &self,
        shared: &'s Shared,
        domain: Domain,
    ) -> Vec<&'s Cached<ReportView>> {
        shared
            .reports
            .iter()
            .filter(|(_, ds)| ds.contains(&domain))
            .map(|(r, _)| r)
            .collect()
    }

    /// A domain's page, with the first figures of each district, each linking to the page of
    /// all of them: an atlas of thousands of reports keeps its pages readable.
    fn domain_job(&self, shared: &Shared, domain: Domain) -> Job {
        let lang = shared.lang;
        let mut job = self.job(
            shared,
            "domain.html",
            &domain_path(domain),
            "domain",
            domain.name(lang).to_string(),
            None,
        );
        // Only the previews become views; the rest is counted.
        let previews: Vec<DistrictMetricsView> = self
            .atlas
            .districts
            .iter()
            .filter_map(|district| {
                let of_domain = || {
                    district.reports.iter().flat_map(move |r| {
                        self.analysis
                            .metrics(r)
                            .iter()
                            .filter(move |m| m.domain == domain)
                            .map(move |m| (r, m))
                    })
                };
                let total = of_domain().count();
                (total > 0).then(|| DistrictMetricsView {
                    district: shared.figures.district_ref(&district.slug),
                    metrics: of_domain()
                        .take(DOMAIN_PREVIEW)
                        .map(|(r, m)| shared.figures.metric(r, m))
                        .collect(),
                    total,
                    all_url: self
                        .urls
                        .page(lang, &domain_district_path(domain, &district.slug)),
                })
            })
            .collect();
        let metric_count: usize = previews.iter().map(|p| p.total).sum();
        let latest: Vec<&Cached<ReportView>> = self
            .domain_reports(shared, domain)
            .into_iter()
            .take(LATEST)
            .collect();
        job.context.insert("district_groups", &previews);
        job.context.insert("metric_count", &metric_count);
        job.context.insert("domain", &domain.slug());
        job.context.insert("reports", &latest);
        job
    }

    /// All figures of a domain in one district.
    fn domain_district_job(&self, shared: &Shared, domain: Domain, district: &District) -> Job {
        let lang = shared.lang;
        let mut figures = self.district_figures(district);
        figures.retain(|(_, m)| m.domain == domain);
        let metrics = shared.figures.views(&figures);
        let place = shared.figures.district_ref(&district.slug);
        let mut job = self.job(
            shared,
            "domain.html",
            &domain_district_path(domain, &district.slug),
            "domain",
            format!("{} · {}", domain.name(lang), place.name),
            None,
        );
        let reports: Vec<&Cached<ReportView>> = self
            .domain_reports(shared, domain)
            .into_iter()
            .filter(|r| r.district.slug == district.slug)
            .collect();
        job.context.insert("metric_count", &metrics.len());
        let groups: Vec<DistrictMetricsView> = (!metrics.is_empty())
            .then(|| DistrictMetricsView {
                district: place.clone(),
                total: metrics.len(),
                metrics,
                all_url: self
                    .urls
                    .page(lang, &domain_district_path(domain, &district.slug)),
            })
            .into_iter()
            .collect();
        job.context.insert("district_groups", &groups);
        job.context.insert("domain", &domain.slug());
        job.context.insert("in_district", &place);
        job.context.insert("reports", &reports);
        job
    }

    fn district_job(
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

    fn report_job(&self, shared: &Shared, district: &DistrictView, report: &Report) -> Job {
        let lang = shared.lang;
        let path = report_path(report);
        let (doc, translated) = pick(lang, &report.text, report.text_en.as_ref());
        let view = self.report_view(&shared.figures, report);
        let analysis = self.analysis.report(report);
        // The Chinese text carries the marks, in both languages' pages.
        let marks = if lang == Lang::Zh || !translated {
            let t = self.theme.strings(lang);
            let word = |key: &str| t.get(key).map_or("", String::as_str);
            let words = TipWords {
                target: word("kind_target"),
                period: word("period"),
            };
            annotate::marks(
                &analysis.metrics,
                &analysis.terms,
                &self.atlas.glossary,
                doc.body_offset,
                lang,
                &words,
            )
        } else {
            Vec::new()
        };
        let mut job = self.job(
            shared,
            "report.html",
            &path,
            "report",
            view.title.clone(),
            Some(Body {
                doc,
                translated,
                marks,
            }),
        );
        let metrics = &analysis.metrics;
        let key_figures = shared.figures.metrics_of(
            report,
            analysis.key_figures.iter().filter_map(|&i| metrics.get(i)),
        );
        job.context.insert("district", district);
        job.context.insert("report", &view);
        job.context.insert("metric_count", &metrics.len());
        job.context.insert("key_figures", &key_figures);
        // The Chinese text carries its figures in place; English readers get them as a table.
        if lang == Lang::En {
            let figures: Vec<Figure> = metrics.iter().map(|m| (report, m)).collect();
            job.context.insert(
                "fact_sheet",
                &shared.figures.by_domain(&figures, false, None),
            );
        }
        job.lastmod = Some(report_lastmod(report));
        job
    }

    /// The sitemap of `pages` (site path and last change), in path order, each with its
    /// alternates in the other language.
    fn sitemap_job(&self, shared: &Shared, mut pages: Vec<(String, Option<String>)>) -> Job {
        pages.sort();
        let entries: Vec<SitemapEntry> = pages
            .into_iter()
            .map(|(path, lastmod)| SitemapEntry {
                loc: self.urls.permalink(shared.lang, &path),
                lastmod,
                alternates: self.translations(shared.lang, &path),
            })
            .collect();
        let mut job = self.job(shared, "sitemap.xml", "", "sitemap", String::new(), None);
        job.context.insert("entries", &entries);
        job.output = PathBuf::from("sitemap.xml");
        job
    }

    fn job(
        &self,
        shared: &Shared,
        template: &'static str,
        path: &str,
        kind: &'static str,
        title: String,
        document: Option<Body>,
    ) -> Job {
        let lang = shared.lang;
        let raw_html = if self.config.unsafe_html {
            RawHtml::Sanitise
        } else {
            RawHtml::Escape
        };
        let rendered = document
            .as_ref()
            .map(|b| markdown::render(&b.doc.body, &b.marks, self.highlighter, self.urls, raw_html))
            .unwrap_or_default();
        let origins = document
            .as_ref()
            .map(|b| {
                let origin = |(href, at): &(String, usize)| LinkOrigin {
                    href: href.clone(),
                    path: b.doc.path.clone(),
                    line: b.doc.line_of(*at),
                };
                rendered.links.iter().map(origin).collect()
            })
            .unwrap_or_default();
        let translated = document.as_ref().is_none_or(|b| b.translated);
        let content_lang = if translated { lang } else { lang.other() };
        let description = document
            .and_then(|b| b.doc.meta.summary.clone())
            .unwrap_or_else(|| self.config.language(lang).description.clone());
        let content_len = rendered.html.len();
        let page = PageView {
            kind,
            title,
            description,
            url: self.urls.page(lang, path),
            permalink: self.urls.permalink(lang, path),
            content: rendered.html,
            content_lang: content_lang.tag(),
            translated,
            headings: rendered.headings,
        };
        let mut context = shared.context.clone();
        context.insert("page", &page);
        context.insert("translations", &self.translations(lang, path));
        context.insert("nav", &self.nav(lang, path));
        Job {
            template,
            path: path.to_string(),
            output: self.urls.output_file(lang, path),
            context,
            content_len,
            lastmod: None,
            origins,
        }
    }

    fn translations(&self, current: Lang, path: &str) -> Vec<TranslationView> {
        Lang::ALL
            .iter()
            .map(|&lang| TranslationView {
                lang,
                tag: lang.tag(),
                name: lang.native_name(),
                url: self.urls.page(lang, path),
                permalink: self.urls.permalink(lang, path),
                current: lang == current,
            })
            .collect()
    }

    fn nav(&self, lang: Lang, current: &str) -> Vec<LinkView> {
        let t = self.theme.strings(lang);
        let text = |key: &str| t.get(key).cloned().unwrap_or_default();
        let mut links = vec![
            ("".to_string(), text("home")),
            ("districts/".to_string(), text("districts")),
            ("domains/".to_string(), text("domains")),
            ("indicators/".to_string(), text("indicators")),
            ("search/".to_string(), text("search")),
        ];
        for page in &self.atlas.pages {
            let (doc, _) = pick(lang, &page.text, page.text_en.as_ref());
            links.push((
                format!("{}/", page.slug),
                doc.meta.title.clone().unwrap_or_default(),
            ));
        }
        links
            .into_iter()
            .map(|(path, title)| LinkView {
                current: if path.is_empty() {
                    current.is_empty()
                } else {
                    current.starts_with(&path)
                },
                url: self.urls.page(lang, &path),
                title,
            })
            .collect()
    }

    fn home_document(&self, lang: Lang) -> Option<Body<'_>> {
        let (doc, translated) = pick(lang, &self.atlas.home, self.atlas.home_en.as_ref());
        Some(Body::plain(doc, translated))
    }

    fn indicator_jobs(&self, shared: &Shared) -> Vec<Job> {
        let t = self.theme.strings(shared.lang);
        let views: Vec<IndicatorView> = self
            .atlas
            .indicators
            .iter()
            .zip(&self.analysis.indicators)
            .map(|(indicator, matches)| shared.figures.indicator(indicator, matches))
            .collect();
        let mut list = self.job(
            shared,
            "indicators.html",
            "indicators/",
            "indicators",
            t.get("indicators").cloned().unwrap_or_default(),
            None,
        );
        list.context.insert("indicators", &views);
        let mut jobs = vec![list];
        for (indicator, view) in self.atlas.indicators.iter().zip(&views) {
            let mut job = self.job(
                shared,
                "indicator.html",
                &indicator_path(indicator),
                "indicator",
                view.name.clone(),
                None,
            );
            job.context.insert("indicator", view);
            jobs.push(job);
        }
        jobs
    }

    /// The glossary entries in the order of their anchors (`term-1`…), which the search
    /// index links to.
    fn glossary_view(&self, lang: Lang) -> Vec<GlossaryView> {
        self.atlas
            .glossary
            .iter()
            .enumerate()
            .map(|(n, (zh, entry))| GlossaryView {
                id: glossary_anchor(n),
                zh: zh.clone(),
                en: entry.en.clone(),
                note: match lang {
                    Lang::Zh => entry.note_zh.clone(),
                    Lang::En => entry.note_en.clone(),
                },
            })
            .collect()
    }

    /// The district map; a locator map highlights `current`.
    fn map(&self, shared: &Shared, id: &str, current: Option<&str>) -> String {
        let points: Vec<MapPoint> = self
            .atlas
            .districts
            .iter()
            .zip(&shared.districts)
            .map(|(district, view)| MapPoint {
                code: district.meta.code,
                label: short_name(&view.name),
                lat: district.meta.lat,
                lon: district.meta.lon,
                url: view.url.clone(),
                current: current == Some(district.slug.as_str()),
            })
            .collect();
        let t = self.theme.strings(shared.lang);
        let title = t.get("map_title").cloned().unwrap_or_default();
        map(id, &title, &points, &self.atlas.boundaries)
    }

    fn district_view(&self, district: &District, lang: Lang) -> DistrictView {
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

    fn report_view(&self, figures: &Figures, report: &Report) -> ReportView {
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

/// Which pages a render produces.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'s> {
    All,
    /// A report's own pages (both languages): what an editor looks at while editing.
    Report {
        district: &'s str,
        slug: &'s str,
    },
    /// The rest of what a report's edit can change: the district's pages and the site-wide
    /// pages that list or count reports and figures (home, domains, indicators, feed,
    /// sitemap).
    Around {
        districts: &'s BTreeSet<String>,
    },
}

impl Scope<'_> {
    fn includes(&self, work: &Work) -> bool {
        match (*self, work) {
            (Scope::All, _) => true,
            (Scope::Report { district, slug }, Work::Report(_, r)) => {
                r.district == district && r.slug == slug
            }
            (Scope::Around { .. }, Work::Ready(_) | Work::Domain(_)) => true,
            (Scope::Around { districts }, Work::District(d, _) | Work::DomainDistrict(_, d)) => {
                districts.contains(&d.slug)
            }
            _ => false,
        }
    }

    fn site_wide(&self) -> bool {
        !matches!(self, Scope::Report { .. })
    }
}

/// A page or file to write: ready, or described so that its context is built when rendered.
enum Work<'a> {
    Ready(Job),
    District(&'a District, &'a DistrictView),
    Report(&'a DistrictView, &'a Report),
    Domain(Domain),
    DomainDistrict(Domain, &'a District),
}

impl Work<'_> {
    /// Site path and last change of an HTML page for the sitemap; `None` for other files and
    /// the 404 page.
    fn page(&self) -> Option<(String, Option<String>)> {
        match self {
            Work::Ready(job) => job.page(),
            Work::District(district, _) => Some((district_path(district), None)),
            Work::Report(_, report) => Some((report_path(report), Some(report_lastmod(report)))),
            Work::Domain(domain) => Some((domain_path(*domain), None)),
            Work::DomainDistrict(domain, district) => {
                Some((domain_district_path(*domain, &district.slug), None))
            }
        }
    }
}

impl Job {
    /// Site path and last change, for an HTML page other than the 404 page.
    fn page(&self) -> Option<(String, Option<String>)> {
        (self.template.ends_with(".html") && self.template != "404.html")
            .then(|| (self.path.clone(), self.lastmod.clone()))
    }
}

fn report_lastmod(report: &Report) -> String {
    report
        .meta
        .updated
        .unwrap_or(report.meta.date)
        .format("%Y-%m-%d")
        .to_string()
}

/// The markdown a page shows, whether it is in the page's language, and the marks it gets.
struct Body<'d> {
    doc: &'d Document,
    translated: bool,
    marks: Vec<Mark>,
}

impl<'d> Body<'d> {
    fn plain(doc: &'d Document, translated: bool) -> Body<'d> {
        Body {
            doc,
            translated,
            marks: Vec::new(),
        }
    }
}

struct Job {
    template: &'static str,
    /// Site path (`districts/banan/`), the same in both languages.
    path: String,
    output: PathBuf,
    context: Context,
    /// Bytes of the page's rendered document.
    content_len: usize,
    lastmod: Option<String>,
    origins: Vec<LinkOrigin>,
}

/// A name without what follows its first comma: "Banan District, Chongqing" -> "Banan District".
pub fn short_name(name: &str) -> String {
    name.split([',', '，'])
        .next()
        .unwrap_or(name)
        .trim()
        .to_string()
}

/// The district's name in `lang`: the English text's title, else `name_en`.
pub fn district_name(district: &District, lang: Lang) -> String {
    let meta = &district.meta;
    name_in(lang, &meta.name, district.text_en.as_ref(), &meta.name_en)
}

/// A report's title in `lang`: the English text's title, else `title_en`.
pub fn report_title(report: &Report, lang: Lang) -> String {
    let meta = &report.meta;
    name_in(lang, &meta.title, report.text_en.as_ref(), &meta.title_en)
}

/// The Chinese name, or in English the English text's title, else the English name.
fn name_in(lang: Lang, zh: &str, text_en: Option<&Document>, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => text_en
            .and_then(|d| d.meta.title.clone())
            .unwrap_or_else(|| en.to_string()),
    }
}

/// The document to show in `lang`: the English text if there is one, else the Chinese text
/// (then `false`: not translated).
fn pick<'a>(lang: Lang, zh: &'a Document, en: Option<&'a Document>) -> (&'a Document, bool) {
    match (lang, en) {
        (Lang::En, Some(en)) => (en, true),
        (Lang::En, None) => (zh, false),
        (Lang::Zh, _) => (zh, true),
    }
}

pub fn district_path(district: &District) -> String {
    format!("districts/{}/", district.slug)
}

pub fn report_path(report: &Report) -> String {
    format!("districts/{}/{}/", report.district, report.slug)
}

pub fn domain_path(domain: Domain) -> String {
    format!("domains/{}/", domain.slug())
}

/// The anchor of the `n`th glossary entry (from 0) on the glossary page.
pub fn glossary_anchor(n: usize) -> String {
    format!("term-{}", n + 1)
}

pub fn domain_district_path(domain: Domain, district: &str) -> String {
    format!("domains/{}/{district}/", domain.slug())
}

/// Pages rendered before they are handed on: enough to keep both cores busy, few enough to
/// keep memory small at atlas scale.
const BATCH: usize = 256;

/// Reports the home and domain pages list, newest first (district pages list all of theirs).
const LATEST: usize = 20;

/// Figures of each domain a district page shows before linking to the full list.
const DISTRICT_PREVIEW: usize = 5;

/// Figures of each district a domain page shows before linking to the district's own list.
const DOMAIN_PREVIEW: usize = 10;
