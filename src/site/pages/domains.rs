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

    /// All figures of a domain in one district.
    pub(super) fn domain_district_job(
        &self,
        shared: &Shared,
        domain: Domain,
        district: &District,
    ) -> Job {
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
}
