//! The pages of the site: which exist, which template renders each, and what it receives.
//! This file holds the renderer and the page catalogue (`Work`, `Job`); the context of each
//! kind of page is built beside its kind: `places.rs` (districts and reports), `domains.rs`
//! (a domain, and a domain in one district), `site_wide.rs` (home, lists, indicators,
//! glossary, search, feeds, sitemap).

mod domains;
mod places;
mod site_wide;

use std::collections::BTreeSet;
use std::path::PathBuf;

use tera::Context;

use crate::config::Config;
use crate::content::{Atlas, District, Document, Report, ReportId};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::model::Domain;

use crate::render::annotate::{self, TipWords};
use crate::render::map::{map, MapPoint};
use rayon::prelude::*;

use crate::render::markdown::{self, Highlighter, Mark, RawHtml};
use crate::render::views::*;
use crate::render::Theme;
use crate::site::analysis::Analysis;
use crate::site::data;
use crate::site::figures::{Figure, Figures};
use crate::site::names::*;
use crate::site::output::{LinkOrigin, OutputFile};
use crate::urls::{glossary_anchor, Urls};

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
            let mut works = match *scope {
                // An edit renders that report's pages alone: the catalogue of every page is
                // not needed, and at atlas scale it is most of the time an edit takes.
                Scope::Report(id) => self.report_works(&shared, id),
                _ => self.atlas_works(&shared),
            };
            // The sitemap lists every page, whichever of them this render writes.
            let mut pages: Vec<(String, Option<String>)> = if scope.site_wide() {
                works.iter().filter_map(Work::page).collect()
            } else {
                Vec::new()
            };
            works.retain(|work| scope.includes(work));
            // The site-wide pages come first: their contexts (the indicators' hold thousands
            // of figures) are made and dropped before the links of the other pages pile up.
            if scope.site_wide() {
                pages.extend(self.render_indicators(&shared, &mut problems, &mut sink)?);
                let site = self.site_jobs(&shared, pages);
                let site = site.into_iter().map(Work::Ready).collect();
                self.render_works(&shared, site, &mut problems, &mut sink)?;
            }
            self.render_works(&shared, works, &mut problems, &mut sink)?;
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
                    if let Some(unread) = job.unread {
                        return Err(*unread);
                    }
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
            metrics_csv: urls.asset(data::ALL_CSV),
            metrics_json: urls.asset(data::ALL_JSON),
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
            Scope::Report(_) => Vec::new(),
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
        let metric_counts = self.analysis.domain_counts(self.atlas.reports());
        let mut report_counts = [0; Domain::ALL.len()];
        for report in self.atlas.reports() {
            for domain in Domain::ALL {
                report_counts[domain as usize] +=
                    usize::from(report.meta.domains.contains(&domain));
            }
        }
        let domains: Vec<DomainView> = Domain::ALL
            .iter()
            .zip(metric_counts.into_iter().zip(report_counts))
            .map(|(&d, (metric_count, report_count))| DomainView {
                slug: d.slug(),
                name: d.name(lang),
                name_zh: d.name(Lang::Zh),
                scope: d.scope(lang),
                url: urls.page(lang, &domain_path(d)),
                report_count,
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

    /// The pages of the report numbered `id`.
    fn report_works<'s>(&'s self, shared: &'s Shared, id: ReportId) -> Vec<Work<'s>> {
        let districts = self.atlas.districts.iter().zip(&shared.districts);
        districts
            .flat_map(|(district, view)| district.reports.iter().map(move |r| (view, r)))
            .filter(|(_, r)| r.id == id)
            .map(|(view, r)| Work::Report(view, r))
            .collect()
    }

    /// The pages of districts, reports and domains, whose contexts are built when rendered.
    fn atlas_works<'s>(&'s self, shared: &'s Shared) -> Vec<Work<'s>> {
        let mut jobs: Vec<Work> = Vec::new();
        for (district, view) in self.atlas.districts.iter().zip(&shared.districts) {
            jobs.push(Work::District(district, view));
            jobs.extend(district.reports.iter().map(|r| Work::Report(view, r)));
        }

        // Each district's figures by domain, in one pass over them.
        let pages: Vec<[usize; Domain::ALL.len()]> = self
            .atlas
            .districts
            .iter()
            .map(|district| domain_pages(&district.reports, self.analysis))
            .collect();
        for (k, domain) in Domain::ALL.into_iter().enumerate() {
            jobs.push(Work::Domain(domain));
            for (district, pages) in self.atlas.districts.iter().zip(&pages) {
                jobs.extend(
                    (1..=pages[k]).map(|page| Work::DomainDistrict(domain, district, page)),
                );
            }
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
            Work::DomainDistrict(domain, district, page) => {
                self.domain_district_job(shared, domain, district, page)
            }
        }
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
        // A text that cannot be read again fails its page alone (`render_works`).
        let (rendered, origins, unread) = match document.as_ref().filter(|b| b.shown) {
            None => Default::default(),
            Some(b) => match b.doc.text() {
                Ok(text) => {
                    let rendered =
                        markdown::render(&text, &b.marks, self.highlighter, self.urls, raw_html);
                    let origin = |(href, at): &(String, usize)| LinkOrigin {
                        href: href.clone(),
                        path: b.doc.path.clone(),
                        line: b.doc.line_of(&text, *at),
                    };
                    let origins = rendered.links.iter().map(origin).collect();
                    (rendered, origins, None)
                }
                Err(unread) => (Default::default(), Vec::new(), Some(Box::new(unread))),
            },
        };
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
            unread,
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
}

/// Which pages a render produces.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'s> {
    All,
    /// A report's own pages (both languages): what an editor looks at while editing.
    Report(ReportId),
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
            (Scope::Report(id), Work::Report(_, r)) => r.id == id,
            (Scope::Around { .. }, Work::Ready(_) | Work::Domain(_)) => true,
            (Scope::Around { districts }, Work::District(d, _) | Work::DomainDistrict(_, d, _)) => {
                districts.contains(&d.slug)
            }
            _ => false,
        }
    }

    fn site_wide(&self) -> bool {
        !matches!(self, Scope::Report(_))
    }
}

/// A page or file to write: ready, or described so that its context is built when rendered.
enum Work<'a> {
    Ready(Job),
    District(&'a District, &'a DistrictView),
    Report(&'a DistrictView, &'a Report),
    Domain(Domain),
    /// A page (from 1) of a domain's figures in one district.
    DomainDistrict(Domain, &'a District, usize),
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
            Work::DomainDistrict(domain, district, page) => Some((
                paged_path(&domain_district_path(*domain, &district.slug), *page),
                None,
            )),
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
    /// Whether the page shows the text; its summary describes the page either way.
    shown: bool,
}

impl<'d> Body<'d> {
    fn plain(doc: &'d Document, translated: bool) -> Body<'d> {
        Body {
            doc,
            translated,
            marks: Vec::new(),
            shown: true,
        }
    }

    fn marked(doc: &'d Document, marks: Vec<Mark>) -> Body<'d> {
        Body {
            marks,
            ..Body::plain(doc, true)
        }
    }

    /// A text in the other language that the page leaves to that language's page.
    fn unshown(doc: &'d Document) -> Body<'d> {
        Body {
            shown: false,
            ..Body::plain(doc, false)
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
    /// The page's text could not be read again.
    unread: Option<Box<Diagnostic>>,
}

/// Pages rendered before they are handed on: enough to keep both cores busy, few enough to
/// keep memory small at atlas scale.
const BATCH: usize = 256;

/// Reports the home and domain pages list, newest first (district pages list all of theirs).
const LATEST: usize = 20;

/// What decides which of a district's pages exist besides its reports': how many pages list
/// its figures of each domain, and for each indicator whether it is summed up by district and,
/// if so, whether the district has a page of it. An edit that changes this adds or removes
/// pages, so `serve` rebuilds the whole site for it.
#[derive(Debug, PartialEq, Eq)]
pub struct PageShape {
    domain_pages: [usize; Domain::ALL.len()],
    indicators: Vec<(bool, bool)>,
}

impl PageShape {
    pub fn of(atlas: &Atlas, analysis: &Analysis, district: &str) -> PageShape {
        let reports = atlas.district(district).map_or(&[][..], |d| &d.reports[..]);
        let ids: BTreeSet<ReportId> = reports.iter().map(|r| r.id).collect();
        PageShape {
            domain_pages: domain_pages(reports, analysis),
            indicators: analysis
                .indicators
                .iter()
                .map(|matches| {
                    let summed = matches.len() > INDICATOR_FIGURES;
                    (
                        summed,
                        summed && matches.iter().any(|m| ids.contains(&m.report)),
                    )
                })
                .collect(),
        }
    }
}

/// How many pages list the figures of `reports` (a district's) in each domain.
fn domain_pages(reports: &[Report], analysis: &Analysis) -> [usize; Domain::ALL.len()] {
    analysis
        .domain_counts(reports.iter())
        .map(|n| n.div_ceil(PAGE_ROWS))
}

/// Figures of each domain a district page shows before linking to the full list.
const DISTRICT_PREVIEW: usize = 5;

/// Figures of each district a domain page shows before linking to the district's own list.
const DOMAIN_PREVIEW: usize = 10;

/// Figures of an indicator past which its page sums them up by district, each district's
/// figures on a page of their own.
const INDICATOR_FIGURES: usize = 200;

/// Figures on one page of a long list: a phone opens a page of them (about 150 KB) at once.
const PAGE_ROWS: usize = 500;
