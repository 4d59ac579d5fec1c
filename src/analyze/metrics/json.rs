//! How a metric is written in JSON and in templates: its id as `m-7`, whole numbers without
//! a decimal point.

use std::fmt;

use serde::{Serialize, Serializer};

/// A metric's number within its report, from 1 in text order: `m-7` in JSON, anchors and
/// URLs. A number rather than a string: an atlas keeps a million of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MetricId(pub u32);

impl fmt::Display for MetricId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "m-{}", self.0)
    }
}

impl Serialize for MetricId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

pub fn whole_numbers_as_integers<S: Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// [`whole_numbers_as_integers`] for an optional value.
pub fn optional_whole_numbers<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => whole_numbers_as_integers(value, serializer),
        None => serializer.serialize_none(),
    }
}
