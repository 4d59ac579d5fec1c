//! Markdown -> HTML with pulldown-cmark: code fences highlighted by syntect as CSS classes,
//! headings given stable ids, site-root links given the base path.

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::sanitise;
use crate::content::bold::{bold_events, mark_cjk_bold};
use crate::urls::{is_publishable, Urls};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Syntax definitions, loaded once per build.
pub struct Highlighter {
    syntaxes: SyntaxSet,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
        }
    }
}

impl Highlighter {
    /// The stylesheet for the highlighting classes, from one of syntect's bundled themes.
    pub fn stylesheet(theme: &str) -> Result<String, String> {
        let themes = ThemeSet::load_defaults();
        let Some(found) = themes.themes.get(theme) else {
            let names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
            return Err(names.join(", "));
        };
        css_for_theme_with_class_style(found, CLASS_STYLE).map_err(|e| e.to_string())
    }

    fn highlight(&self, lang: &str, code: &str) -> String {
        let syntax = self
            .syntaxes
            .find_syntax_by_token(lang)
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return escape_html(code);
            }
        }
        generator.finalize()
    }
}

/// A heading of a document, for a table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub id: String,
    pub level: u8,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// The links into the site, as written into the HTML, with their byte offsets in the
    /// markdown: a broken one is reported at its line.
    pub links: Vec<(String, usize)>,
}

/// What becomes of raw HTML in markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Shown as text (the default: content is untrusted).
    Escape,
    /// Published after sanitising (`[markdown] unsafe_html = true`).
    Sanitise,
}

/// HTML wrapped around a range of the markdown source (a metric, a glossary term).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte range in the markdown source.
    pub start: usize,
    pub end: usize,
    /// Opens the first piece of the range.
    pub open: String,
    /// Closes the first piece (after its text): a popover and `</span>`, say.
    pub close: String,
    /// Opens each further piece when inline markup splits the range (`3.5**亿元**`); each is
    /// closed by `</span>`.
    pub part: String,
}

/// Renders `markdown` with `marks` (sorted, not overlapping) wrapped around their text. Marks
/// apply to prose only: never inside code, links or raw HTML. Headings get ids `section-1`,
/// `section-2`… in document order, so a report and its translation share anchors. Links
/// that may not be published lead nowhere (`#`).
pub fn render(
    markdown: &str,
    marks: &[Mark],
    highlighter: &Highlighter,
    urls: &Urls,
    raw_html: RawHtml,
) -> Rendered {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut headings = Vec::new();
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<usize> = None;
    let mut links = 0usize;
    let mut internal = Vec::new();
    let mut link = |dest: &str, at: usize| {
        let dest = if is_publishable(dest) {
            urls.content_link(dest)
        } else {
            "#".to_string()
        };
        if !dest.contains(':') && !dest.starts_with("//") {
            let mut escaped = String::new();
            let _ = pulldown_cmark_escape::escape_href(&mut escaped, &dest);
            internal.push((escaped, at));
        }
        CowStr::from(dest)
    };
    let mut marker = Marker { marks, next: 0 };
    let marked = mark_cjk_bold(markdown);
    let markdown = marked.as_ref();
    for (event, range) in bold_events(Parser::new_ext(markdown, options).into_offset_iter()) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buf)) = code.as_mut() {
                    buf.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, buf)) = code.take() {
                    events.push(Event::Html(code_block(highlighter, &lang, &buf).into()));
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let id = id.unwrap_or_else(|| format!("section-{}", headings.len() + 1).into());
                headings.push(Heading {
                    id: id.to_string(),
                    level: level as u8,
                    title: String::new(),
                });
                heading = Some(headings.len() - 1);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id),
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                heading = None;
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Code(text) if heading.is_some() => {
                if let Some(h) = heading.and_then(|i| headings.get_mut(i)) {
                    h.title.push_str(&text);
                }
                events.push(Event::Code(text));
            }
            Event::Text(text) if heading.is_some() => {
                if let Some(h) = heading.and_then(|i| headings.get_mut(i)) {
                    h.title.push_str(&text);
                }
                marker.text(&mut events, text, &markdown[range.clone()], range.start);
            }
            Event::Text(text) if links == 0 => {
                marker.text(&mut events, text, &markdown[range.clone()], range.start);
            }
            Event::End(TagEnd::Link) => {
                links = links.saturating_sub(1);
                events.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                links += 1;
                let dest_url = link(&dest_url, range.start);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link(&dest_url, range.start);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Html(raw) | Event::InlineHtml(raw) if raw_html == RawHtml::Escape => {
                events.push(Event::Text(raw));
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if raw_html == RawHtml::Sanitise {
        out = sanitise::clean(&out);
    }
    Rendered {
        html: out,
        headings,
        links: internal,
    }
}

/// Splits text events at the marks that fall in them.
struct Marker<'m> {
    marks: &'m [Mark],
    /// First mark that may still lie ahead.
    next: usize,
}

impl Marker<'_> {
    /// Pushes `text` (whose source is `source`, starting at byte `at`) with the marks in it.
    /// Text that differs from its source (an entity, an escape) is left as it is.
    fn text<'a>(&mut self, events: &mut Vec<Event<'a>>, text: CowStr<'a>, source: &str, at: usize) {
        let end = at + source.len();
        while self.marks.get(self.next).is_some_and(|m| m.end <= at) {
            self.next += 1;
        }
        let inside = self.marks[self.next..]
            .iter()
            .take_while(|m| m.start < end)
            .count();
        if inside == 0 || *text != *source {
            events.push(Event::Text(text));
            return;
        }
        let mut html = String::new();
        let mut pos = at;
        for mark in &self.marks[self.next..self.next + inside] {
            let (from, to) = (mark.start.max(at), mark.end.min(end));
            html.push_str(&escape_html(&source[pos - at..from - at]));
            let piece = escape_html(&source[from - at..to - at]);
            if from == mark.start {
                html.push_str(&mark.open);
                html.push_str(&piece);
                html.push_str(&mark.close);
            } else {
                html.push_str(&mark.part);
                html.push_str(&piece);
                html.push_str("</span>");
            }
            pos = to;
        }
        html.push_str(&escape_html(&source[pos - at..]));
        events.push(Event::InlineHtml(html.into()));
    }
}

fn code_block(highlighter: &Highlighter, lang: &str, code: &str) -> String {
    let body = highlighter.highlight(lang, code);
    if lang.is_empty() {
        format!("<pre class=\"code\"><code>{body}</code></pre>\n")
    } else {
        let lang = escape_html(lang);
        format!("<pre class=\"code\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{body}</code></pre>\n")
    }
}

pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}
