//! Raw HTML from content, when `[markdown] unsafe_html = true` publishes it: the rendered
//! document passes through ammonia, which keeps formatting and the site's own markup (metric
//! and glossary marks, highlighted code, footnotes) and removes scripts, event handlers,
//! frames, styles and every URL but http(s), mailto and the site's own.

use std::collections::HashSet;

/// `html` with everything that could run or load something removed.
pub fn clean(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .add_generic_attributes([
            "class",
            "id",
            "role",
            "tabindex",
            "aria-describedby",
            "aria-label",
            "aria-hidden",
        ])
        .add_generic_attribute_prefixes(["data-"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .link_rel(None)
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_bad_urls_go_and_site_markup_stays() {
        let html = concat!(
            "<p>a<script>alert(1)</script><img src=\"x.png\" onerror=\"alert(1)\">",
            "<a href=\"javascript:alert(1)\">j</a><a href=\"data:text/html,x\">d</a>",
            "<a href=\"/atlas/about/\">ok</a><iframe src=\"https://x.org\"></iframe>",
            "<span id=\"m-1\" class=\"metric\" tabindex=\"0\" aria-describedby=\"m-1t\">3所</span></p>",
        );
        let clean = clean(html);
        for gone in ["script", "onerror", "javascript", "data:", "iframe"] {
            assert!(!clean.contains(gone), "{gone}: {clean}");
        }
        for kept in [
            "<img src=\"x.png\">",
            "<a href=\"/atlas/about/\">ok</a>",
            "<span id=\"m-1\" class=\"metric\" tabindex=\"0\" aria-describedby=\"m-1t\">3所</span>",
        ] {
            assert!(clean.contains(kept), "{kept}: {clean}");
        }
    }
}
