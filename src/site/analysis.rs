//! The analyze stage of the build: the metrics of every report, extracted once.

use std::collections::BTreeMap;

use crate::analyze::document_metrics;
use crate::analyze::glossary::Glossary;
use crate::analyze::metrics::Metric;
use crate::content::{Atlas, Report};

pub struct Analysis {
    pub glossary: Glossary,
    /// `(district, report) -> metrics of its Chinese text`.
    metrics: BTreeMap<(String, String), Vec<Metric>>,
}

impl Analysis {
    pub fn new(atlas: &Atlas) -> Analysis {
        let glossary = Glossary::new(&atlas.glossary);
        let metrics = atlas
            .reports()
            .map(|r| {
                (
                    (r.district.clone(), r.slug.clone()),
                    document_metrics(&r.text, &glossary),
                )
            })
            .collect();
        Analysis { glossary, metrics }
    }

    pub fn metrics(&self, report: &Report) -> &[Metric] {
        self.metrics
            .get(&(report.district.clone(), report.slug.clone()))
            .map_or(&[], Vec::as_slice)
    }
}
