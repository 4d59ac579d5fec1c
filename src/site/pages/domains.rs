//! The page of a domain and of a domain in one district: the reports and figures they list.

use super::*;

impl Renderer<'_> {
    pub(super) fn domain_reports<'s>(
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
    pub(super) fn domain_job(&self, shared: &Shared, domain: Domain) -> Job {
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

    /// Page `page` (from 1) of the figures of a domain in one district, [`PAGE_ROWS`] to a
    /// page; the first also lists the reports.
    pub(super) fn domain_district_job(
        &self,
        shared: &Shared,
        domain: Domain,
        district: &District,
        page: usize,
    ) -> Job {
        let lang = shared.lang;
        let mut figures = self.district_figures(district);
        figures.retain(|(_, m)| m.domain == domain);
        let total = figures.len();
        let first = domain_district_path(domain, &district.slug);
        let rows = figures.chunks(PAGE_ROWS).nth(page - 1).unwrap_or_default();
        let metrics = shared.figures.views(rows);
        let place = shared.figures.district_ref(&district.slug);
        let pages = total.div_ceil(PAGE_ROWS);
        let mut title = format!("{} · {}", domain.name(lang), place.name);
        if page > 1 {
            title = format!("{title} · {page}/{pages}");
        }
        let mut job = self.job(
            shared,
            "domain.html",
            &paged_path(&first, page),
            "domain",
            title,
            None,
        );
        let reports: Vec<&Cached<ReportView>> = self
            .domain_reports(shared, domain)
            .into_iter()
            .filter(|r| r.district.slug == district.slug)
            .collect();
        job.context.insert("metric_count", &total);
        let pages: Vec<PageLink> = (1..=pages)
            .map(|number| PageLink {
                number,
                url: self.urls.page(lang, &paged_path(&first, number)),
                current: number == page,
                first: (number - 1) * PAGE_ROWS + 1,
                last: (number * PAGE_ROWS).min(total),
            })
            .collect();
        if pages.len() > 1 {
            job.context.insert("pages", &pages);
            job.context.insert("page_number", &page);
        }
        let groups: Vec<DistrictMetricsView> = (!metrics.is_empty())
            .then(|| DistrictMetricsView {
                district: place.clone(),
                total,
                metrics,
                all_url: self.urls.page(lang, &first),
            })
            .into_iter()
            .collect();
        job.context.insert("district_groups", &groups);
        job.context.insert("domain", &domain.slug());
        job.context.insert("in_district", &place);
        job.context.insert("reports", &reports);
        job
    }
}
