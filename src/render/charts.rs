//! SVG charts written at build time: horizontal bars, one per data point, each a link to the
//! sentence the figure comes from. Readable without JavaScript and at phone width.

use std::fmt::Write;

use super::markdown::escape_html;

/// One bar: a label, its value, the value as written for readers, and where it comes from.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub display: String,
    pub url: String,
    /// Extra CSS class (`target`), empty for none.
    pub class: &'static str,
}

const WIDTH: f64 = 400.0;
const ROW: f64 = 46.0;
const FONT: f64 = 15.0;
/// Room right of the longest bar for its value, at least.
const VALUE_ROOM: f64 = 130.0;
/// How much wider the values are than [`text_width`] guesses: they are bold.
const BOLD: f64 = 1.2;

/// A bar chart titled `title`; `id` makes its element ids unique on the page.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let height = ROW * bars.len() as f64 + 8.0;
    // Room for the longest value, which English words can make long (at least 24,200 people).
    let room = bars
        .iter()
        .map(|b| text_width(&b.display, FONT) * BOLD + 10.0)
        .fold(VALUE_ROOM, f64::max);
    let span = WIDTH - room;
    let mut svg = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" font-size=\"{FONT}\" aria-labelledby=\"{id}-title\"><title id=\"{id}-title\">{}</title>",
        escape_html(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = ROW * i as f64 + 4.0;
        let width = if max > 0.0 {
            (bar.value / max * span).max(2.0)
        } else {
            2.0
        };
        let label = fit(&bar.label, WIDTH);
        // Positions left out are 0, and the font size is the chart's. Writing into a String
        // cannot fail.
        let _ = write!(
            svg,
            "<a href=\"{url}\"><title>{full}: {display}</title><text class=\"bar-label\" y=\"{ty}\">{label}</text><rect class=\"bar{sep}{class}\" y=\"{by}\" width=\"{width:.1}\" height=\"14\" rx=\"2\"/><text class=\"bar-value\" x=\"{vx:.1}\" y=\"{vy}\">{display}</text></a>",
            url = escape_html(&bar.url),
            full = escape_html(&bar.label),
            display = escape_html(&bar.display),
            label = escape_html(&label),
            sep = if bar.class.is_empty() { "" } else { " " },
            class = bar.class,
            ty = y + FONT,
            by = y + FONT + 6.0,
            vx = width + 5.0,
            vy = y + FONT + 19.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Roughly how wide `text` is at font size `font`: Chinese characters a full em, others about
/// half.
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.56 } else { 1.0 })
        .sum::<f64>()
        * font
}

/// `text` cut with an ellipsis to fit `width`.
fn fit(text: &str, width: f64) -> String {
    if text_width(text, FONT) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, FONT) + text_width(&format!("{c}…"), FONT) > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_point_scaled_to_the_largest() {
        let bars = [("新建学校", 38.0), ("新增学位", 5760.0)].map(|(label, value)| Bar {
            label: label.into(),
            value,
            display: value.to_string(),
            url: "/r/#m-1".into(),
            class: "",
        });
        let svg = bar_chart("c1", "学有所教 <所>", &bars);
        assert_eq!(svg.matches("<rect class=\"bar").count(), 2);
        assert!(svg.contains(&format!("width=\"{:.1}\"", WIDTH - VALUE_ROOM)));
        assert!(svg.contains("&lt;所&gt;"));
    }

    #[test]
    fn long_values_fit_right_of_the_longest_bar() {
        let display = "at least 24,200 people";
        let bars = [Bar {
            label: "Banan District · 2022".into(),
            value: 24_200.0,
            display: display.into(),
            url: "/r/#m-1".into(),
            class: "target",
        }];
        let svg = bar_chart("c2", "New urban jobs", &bars);
        let x: f64 = svg
            .split("class=\"bar-value\" x=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|x| x.parse().ok())
            .expect("the value's x");
        assert!(x + text_width(display, FONT) * BOLD <= WIDTH, "{x}");
    }

    #[test]
    fn long_labels_are_cut_to_the_width() {
        let long = "a".repeat(200);
        let cut = fit(&long, WIDTH);
        assert!(cut.ends_with('…') && text_width(&cut, FONT) <= WIDTH + FONT);
    }
}
