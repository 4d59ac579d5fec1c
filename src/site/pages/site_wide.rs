//! The site-wide pages and files: home, lists, indicators, glossary, search, 404, feeds and
//! the sitemap.

use super::*;
use crate::content::Indicator;
use crate::site::analysis::MetricRef;

impl Renderer<'_> {
    /// The site-wide pages: home, lists, indicators, search, glossary, free pages, feed and
    /// the sitemap of these and `pages` (every other page, with its last change).
    pub(super) fn site_jobs(
        &self,
        shared: &Shared,
        mut pages: Vec<(String, Option<String>)>,
    ) -> Vec<Job> {
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

    /// The sitemap of `pages` (site path and last change), in path order, each with its
    /// alternates in the other language.
    pub(super) fn sitemap_job(
        &self,
        shared: &Shared,
        mut pages: Vec<(String, Option<String>)>,
    ) -> Job {
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

    pub(super) fn home_document(&self, lang: Lang) -> Option<Body<'_>> {
        let (doc, translated) = pick(lang, &self.atlas.home, self.atlas.home_en.as_ref());
        Some(Body::plain(doc, translated))
    }

    /// Renders the indicator pages, an indicator at a time (its page, and a page per district
    /// where it is summed up by district): the contexts of all of them at once would be the
    /// most memory a build holds. Returns their pages, for the sitemap.
    pub(super) fn render_indicators(
        &self,
        shared: &Shared,
        problems: &mut Diagnostics,
        sink: &mut impl FnMut(Vec<OutputFile>) -> Result<(), Diagnostics>,
    ) -> Result<Vec<(String, Option<String>)>, Diagnostics> {
        let t = self.theme.strings(shared.lang);
        let views: Vec<IndicatorView> = self
            .atlas
            .indicators
            .iter()
            .zip(&self.analysis.indicators)
            .map(
                |(indicator, matches)| match matches.len() > INDICATOR_FIGURES {
                    true => shared.figures.indicator_by_district(indicator, matches),
                    false => shared.figures.indicator(indicator, matches),
                },
            )
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
        let mut pages = Vec::new();
        let mut render = |jobs: Vec<Job>| {
            pages.extend(jobs.iter().filter_map(Job::page));
            let works = jobs.into_iter().map(Work::Ready).collect();
            self.render_works(shared, works, problems, sink)
        };
        render(vec![list])?;
        let indicators = self.atlas.indicators.iter().zip(&self.analysis.indicators);
        for ((indicator, matches), view) in indicators.zip(&views) {
            let mut job = self.job(
                shared,
                "indicator.html",
                &indicator_path(indicator),
                "indicator",
                view.name.clone(),
                None,
            );
            job.context.insert("indicator", view);
            let mut jobs = vec![job];
            jobs.extend(self.indicator_district_jobs(shared, indicator, matches, view));
            render(jobs)?;
        }
        Ok(pages)
    }

    /// The pages of an indicator summed up by district: each district's figures of it.
    fn indicator_district_jobs(
        &self,
        shared: &Shared,
        indicator: &Indicator,
        matches: &[MetricRef],
        view: &IndicatorView,
    ) -> Vec<Job> {
        view.districts
            .iter()
            .map(|line| {
                let slug = &line.district.slug;
                let of = shared.figures.in_district(matches, slug);
                let mut job = self.job(
                    shared,
                    "indicator.html",
                    &indicator_district_path(indicator, slug),
                    "indicator",
                    format!("{} · {}", view.name, line.district.name),
                    None,
                );
                job.context
                    .insert("indicator", &shared.figures.indicator(indicator, &of));
                job.context.insert("in_district", &line.district);
                job.context.insert("summary_url", &view.url);
                job
            })
            .collect()
    }

    /// The glossary entries in the order of their anchors (`term-1`…), which the search
    /// index links to.
    pub(super) fn glossary_view(&self, lang: Lang) -> Vec<GlossaryView> {
        self.atlas
            .glossary
            .iter()
            .enumerate()
            .map(|(n, (zh, entry))| {
                let (own, other) = match lang {
                    Lang::Zh => (&entry.note_zh, (&entry.note_en, Lang::En)),
                    Lang::En => (&entry.note_en, (&entry.note_zh, Lang::Zh)),
                };
                let (note, note_lang) = match own {
                    Some(note) => (Some(note.clone()), lang),
                    None => (other.0.clone(), other.1),
                };
                GlossaryView {
                    id: glossary_anchor(n),
                    zh: zh.clone(),
                    en: entry.en.clone(),
                    note,
                    note_lang: note_lang.tag(),
                }
            })
            .collect()
    }

    /// The district map; a locator map highlights `current`.
    pub(super) fn map(&self, shared: &Shared, id: &str, current: Option<&str>) -> String {
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
}
