//! Untrusted markdown: link targets that may not be published (an error in every build), and
//! raw HTML (reported by `check`). Rendering escapes or sanitises raw HTML in any case; these
//! tell the editor where it is.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Atlas, Document};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::urls::is_publishable;

/// Link and image targets of `documents` that may not be published.
pub fn unsafe_links<'a>(documents: impl Iterator<Item = &'a Document>) -> Diagnostics {
    vet(documents, |doc, text, offset, found| {
        match found {
        Found::Link(url) if !is_publishable(&url) => Some(
            doc.at(text, offset, format!("link to `{}` cannot be published", shorten(&url)))
                .hint("links may go to http(s) and mailto URLs and to pages of the site; remove this one or give its address as text"),
        ),
        _ => None,
    }
    })
}

/// Raw HTML in the atlas's documents: an error where it would run a script or load something
/// (it is never published as it is), a warning where it is shown as text because
/// `[markdown] unsafe_html` is off.
pub fn raw_html(atlas: &Atlas, published: bool) -> Diagnostics {
    vet(atlas.documents(), |doc, text, offset, found| {
        match found {
        Found::Html(html) if is_dangerous(&html) => Some(
            doc.at(text, offset, format!("unsafe HTML `{}`: scripts, event handlers, frames and non-http(s) URLs are removed", shorten(&html)))
                .hint("remove the HTML; copied web pages are best brought in with `minsheng import`, which drops it"),
        ),
        Found::Html(html) if !published => Some(
            doc.at(text, offset, format!("raw HTML `{}` is shown as text", shorten(&html)))
                .warning()
                .hint("write it as markdown, or set `[markdown] unsafe_html = true` in site.toml to publish HTML (sanitised)"),
        ),
        _ => None,
    }
    })
}

/// The problems `judge` sees in the findings of each of `documents` (given the document, its
/// text and the finding's offset); a file that cannot be read is a problem of its own. Only
/// texts that may hold links or HTML are read again.
fn vet<'a>(
    documents: impl Iterator<Item = &'a Document>,
    judge: impl Fn(&Document, &str, usize, Found) -> Option<Diagnostic>,
) -> Diagnostics {
    documents
        .filter(|doc| doc.body.may_hold_markup())
        .flat_map(|doc| match doc.text() {
            Ok(text) => findings(&text)
                .into_iter()
                .filter_map(|(offset, found)| judge(doc, &text, offset, found))
                .collect(),
            Err(unread) => vec![unread],
        })
        .collect()
}

enum Found {
    Link(String),
    Html(String),
}

/// Whether `body` may hold links or HTML: they need one of these, and most reports have none.
pub(super) fn may_hold_markup(body: &str) -> bool {
    body.contains('<') || body.contains("](") || body.contains("]:")
}

/// Link targets and raw HTML of a document's body, with their byte offsets in it.
fn findings(body: &str) -> Vec<(usize, Found)> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut found = Vec::new();
    // The lines of an HTML block come one by one; they are one finding.
    let mut block: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                found.push((range.start, Found::Link(dest_url.to_string())));
            }
            Event::Start(Tag::HtmlBlock) => block = Some((range.start, String::new())),
            Event::Html(html) => match block.as_mut() {
                Some((_, text)) => text.push_str(&html),
                None => found.push((range.start, Found::Html(html.to_string()))),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((at, html)) = block.take() {
                    found.push((at, Found::Html(html)));
                }
            }
            Event::InlineHtml(html) => found.push((range.start, Found::Html(html.to_string()))),
            _ => {}
        }
    }
    found
}

/// HTML that would run a script or load another document or scheme if published as it is.
fn is_dangerous(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    const TAGS: [&str; 10] = [
        "<script", "<iframe", "<object", "<embed", "<style", "<form", "<meta", "<link", "<base",
        "<svg",
    ];
    TAGS.iter().any(|t| lower.contains(t))
        || ["javascript:", "vbscript:", "data:"]
            .iter()
            .any(|s| lower.contains(s))
        || has_event_handler(&lower)
}

/// An `on…=` attribute, such as `onerror=` or `onclick =`.
fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    lower.match_indices("on").any(|(i, _)| {
        let after_space =
            i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'/' | b'"' | b'\'');
        let name = bytes[i + 2..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let rest = &lower[i + 2 + name..];
        after_space && name > 0 && rest.trim_start().starts_with('=')
    })
}

/// Long HTML or URLs cut for a message.
fn shorten(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    match line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_html_is_told_from_harmless() {
        for bad in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"JAVASCRIPT:x\">",
            "<div\tonClick = 'x'>",
            "<iframe src=//x>",
            "<img src=\"data:image/svg+xml,x\">",
        ] {
            assert!(is_dangerous(bad), "{bad}");
        }
        for ok in [
            "<sup>2</sup>",
            "<br>",
            "<span class=\"done\">",
            "<abbr title=\"one\">",
        ] {
            assert!(!is_dangerous(ok), "{ok}");
        }
    }
}
