//! District outlines from a GeoJSON file: each feature's polygons, matched to a district by
//! its `code` property (GB/T 2260, number or string).

use std::path::Path;

use serde_json::Value;

use super::frontmatter::SourceFile;
use crate::diagnostics::Diagnostic;

#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    /// The district code the feature carries, if any.
    pub code: Option<u32>,
    /// Outer rings of its polygons, as `(lon, lat)`.
    pub rings: Vec<Vec<(f64, f64)>>,
}

pub fn load(root: &Path, rel: &Path) -> Result<Vec<Boundary>, Diagnostic> {
    if !root.join(rel).is_file() {
        return Err(Diagnostic::file(
            crate::config::CONFIG_FILE,
            format!(
                "[map] boundaries names {}, which does not exist",
                rel.display()
            ),
        )
        .hint("give the path of a GeoJSON file relative to the site folder, or remove the key"));
    }
    let file = SourceFile::read(root, rel)?;
    let json: Value = serde_json::from_str(&file.text).map_err(|e| {
        let offset = line_offset(&file.text, e.line(), e.column());
        file.error_at(offset, format!("invalid GeoJSON: {e}"))
            .hint("export the outlines as a GeoJSON FeatureCollection")
    })?;
    let features = json
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            Diagnostic::file(&file.path, "GeoJSON has no `features` list")
                .hint("the file must be a FeatureCollection: {\"type\": \"FeatureCollection\", \"features\": [...]}")
        })?;
    Ok(features.iter().map(boundary).collect())
}

fn boundary(feature: &Value) -> Boundary {
    let code = feature.pointer("/properties/code").and_then(|c| match c {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    });
    let geometry = feature.get("geometry");
    let kind = geometry.and_then(|g| g.get("type")).and_then(Value::as_str);
    let coordinates = geometry.and_then(|g| g.get("coordinates"));
    let polygons: Vec<&Value> = match (kind, coordinates) {
        (Some("Polygon"), Some(c)) => vec![c],
        (Some("MultiPolygon"), Some(Value::Array(list))) => list.iter().collect(),
        _ => Vec::new(),
    };
    let rings = polygons
        .into_iter()
        .filter_map(|p| p.get(0))
        .map(|ring| {
            ring.as_array()
                .into_iter()
                .flatten()
                .filter_map(|pos| Some((pos.get(0)?.as_f64()?, pos.get(1)?.as_f64()?)))
                .collect()
        })
        .collect();
    Boundary { code, rings }
}

fn line_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}
