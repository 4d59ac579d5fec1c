//! The atlas map as SVG: districts placed by latitude and longitude (an equirectangular
//! projection scaled at the map's middle latitude), or drawn as outlines from GeoJSON.

use super::charts::text_width;
use super::markdown::escape_html;
use crate::content::Boundary;

#[derive(Debug, Clone)]
pub struct MapPoint {
    pub code: u32,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    pub url: String,
    /// Drawn highlighted (the district of a locator map).
    pub current: bool,
}

const WIDTH: f64 = 480.0;
const PAD: f64 = 20.0;
const FONT: f64 = 16.0;
/// A locator map is shown small: one large label, on its district.
const LOCATOR_FONT: f64 = 26.0;

/// A map of `points`, with `boundaries` drawn as outlines when given; `id` keeps element ids
/// unique on the page. When a point is `current`, the map is a locator: only it is labelled.
pub fn map(id: &str, title: &str, points: &[MapPoint], boundaries: &[Boundary]) -> String {
    let locator = points.iter().any(|p| p.current);
    let font = if locator { LOCATOR_FONT } else { FONT };
    let projection = Projection::fit(points, boundaries);
    let height = projection.height;
    let mut svg = format!(
        "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{}</title>",
        escape_html(title)
    );
    for boundary in boundaries {
        let path: String = boundary
            .rings
            .iter()
            .map(|ring| ring_path(ring, &projection))
            .collect();
        let point = points.iter().find(|p| Some(p.code) == boundary.code);
        let class = if point.is_some_and(|p| p.current) {
            "area current"
        } else {
            "area"
        };
        let shape = format!("<path class=\"{class}\" d=\"{path}\"/>");
        match point {
            Some(p) => svg.push_str(&format!(
                "<a href=\"{}\"><title>{}</title>{shape}</a>",
                escape_html(&p.url),
                escape_html(&p.label)
            )),
            None => svg.push_str(&shape),
        }
    }
    let mut taken: Vec<Rect> = points
        .iter()
        .map(|p| {
            let (x, y) = projection.xy(p.lon, p.lat);
            Rect::around(x, y, 6.0)
        })
        .collect();
    for point in points {
        let (x, y) = projection.xy(point.lon, point.lat);
        let class = if point.current {
            "place current"
        } else {
            "place"
        };
        let dot = if boundaries.is_empty() {
            let r = if locator { 9 } else { 6 };
            format!("<circle class=\"dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\"/>")
        } else {
            String::new()
        };
        let text = if locator && !point.current {
            String::new()
        } else {
            let (lx, ly, anchor) = place_label(x, y, &point.label, font, height, &mut taken);
            format!(
                "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" font-size=\"{font}\">{}</text>",
                escape_html(&point.label)
            )
        };
        svg.push_str(&format!(
            "<a class=\"{class}\" href=\"{}\"><title>{}</title>{dot}{text}</a>",
            escape_html(&point.url),
            escape_html(&point.label),
        ));
    }
    svg.push_str("</svg>");
    svg
}

struct Projection {
    lon0: f64,
    lat0: f64,
    scale: f64,
    /// Horizontal stretch: the cosine of the middle latitude.
    k: f64,
    offset_x: f64,
    height: f64,
}

impl Projection {
    fn fit(points: &[MapPoint], boundaries: &[Boundary]) -> Projection {
        let mut coords: Vec<(f64, f64)> = points.iter().map(|p| (p.lon, p.lat)).collect();
        coords.extend(
            boundaries
                .iter()
                .flat_map(|b| b.rings.iter().flatten().copied()),
        );
        if coords.is_empty() {
            coords.push((0.0, 0.0));
        }
        let min = |f: fn(&(f64, f64)) -> f64| coords.iter().map(f).fold(f64::INFINITY, f64::min);
        let max =
            |f: fn(&(f64, f64)) -> f64| coords.iter().map(f).fold(f64::NEG_INFINITY, f64::max);
        let (lon_min, lon_max) = (min(|c| c.0), max(|c| c.0));
        let (lat_min, lat_max) = (min(|c| c.1), max(|c| c.1));
        let k = ((lat_min + lat_max) / 2.0).to_radians().cos();
        // Room for labels: a point map keeps a wider margin than its spread of coordinates.
        let span_x = ((lon_max - lon_min) * k).max(0.5);
        let span_y = (lat_max - lat_min).max(0.5);
        let inner = WIDTH - 2.0 * PAD - 140.0;
        let scale = inner / span_x;
        let height = (span_y * scale + 2.0 * PAD + 30.0).clamp(220.0, 520.0);
        let scale = scale.min((height - 2.0 * PAD - 30.0) / span_y);
        let offset_x = (WIDTH - span_x * scale) / 2.0;
        Projection {
            lon0: lon_min,
            lat0: lat_max,
            scale,
            k,
            offset_x,
            height,
        }
    }

    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.offset_x + (lon - self.lon0) * self.k * self.scale,
            PAD + 15.0 + (self.lat0 - lat) * self.scale,
        )
    }
}

fn ring_path(ring: &[(f64, f64)], projection: &Projection) -> String {
    let mut d = String::new();
    for (i, &(lon, lat)) in ring.iter().enumerate() {
        let (x, y) = projection.xy(lon, lat);
        d.push_str(&format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }));
    }
    d.push('Z');
    d
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn around(x: f64, y: f64, r: f64) -> Rect {
        Rect {
            x0: x - r,
            y0: y - r,
            x1: x + r,
            y1: y + r,
        }
    }

    fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

/// The first of right, left, above and below the point where the label stays on the map and
/// clear of labels and points already placed.
fn place_label(
    x: f64,
    y: f64,
    label: &str,
    font: f64,
    height: f64,
    taken: &mut Vec<Rect>,
) -> (f64, f64, &'static str) {
    let w = text_width(label, font);
    let (gap, half) = (font * 0.7, font / 3.0);
    let candidates = [
        (x + gap, y + half, "start", x + gap, y - font * 0.7),
        (x - gap, y + half, "end", x - gap - w, y - font * 0.7),
        (x, y - gap, "middle", x - w / 2.0, y - gap - font),
        (x, y + gap + font, "middle", x - w / 2.0, y + gap),
    ];
    let rect = |c: &(f64, f64, &str, f64, f64)| Rect {
        x0: c.3,
        y0: c.4,
        x1: c.3 + w,
        y1: c.4 + font + 4.0,
    };
    let fits = |r: &Rect| r.x0 >= 0.0 && r.x1 <= WIDTH && r.y0 >= 0.0 && r.y1 <= height;
    let chosen = candidates
        .iter()
        .find(|c| {
            let r = rect(c);
            fits(&r) && !taken.iter().any(|t| t.overlaps(&r))
        })
        .or_else(|| candidates.iter().find(|c| fits(&rect(c))))
        .unwrap_or(&candidates[0]);
    taken.push(rect(chosen));
    (chosen.0, chosen.1, chosen.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(code: u32, lat: f64, lon: f64) -> MapPoint {
        MapPoint {
            code,
            label: format!("区{code}"),
            lat,
            lon,
            url: format!("/d/{code}/"),
            current: code == 2,
        }
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let points = [point(1, 31.0, 109.5), point(2, 27.3, 103.7)];
        let svg = map("m", "地图", &points, &[]);
        let cx: Vec<f64> = svg
            .split("cx=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect();
        let cy: Vec<f64> = svg
            .split("cy=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect();
        assert!(cx[0] > cx[1] && cy[0] < cy[1], "{svg}");
        assert!(cx.iter().all(|x| (0.0..=WIDTH).contains(x)));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("place current"));
        // A locator map labels only its district.
        assert_eq!(svg.matches("<text").count(), 1);
        assert!(svg.contains(">区2</text>"));
    }

    #[test]
    fn outlines_replace_points_and_link_their_district() {
        let boundary = Boundary {
            code: Some(1),
            rings: vec![vec![(109.0, 31.0), (110.0, 31.0), (110.0, 30.0)]],
        };
        let svg = map("m", "地图", &[point(1, 30.5, 109.5)], &[boundary]);
        assert_eq!(svg.matches("<path").count(), 1);
        assert!(!svg.contains("<circle"));
        assert!(svg.contains("<a href=\"/d/1/\"><title>区1</title><path"));
    }
}
