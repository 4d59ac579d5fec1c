//! Markdown -> HTML with pulldown-cmark: code fences highlighted by syntect as CSS classes,
//! headings given stable ids, site-root links given the base path.

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::urls::Urls;

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
}

/// Renders `markdown`. Headings get ids `section-1`, `section-2`… in document order, so a
/// report and its translation share anchors.
pub fn render(markdown: &str, highlighter: &Highlighter, urls: &Urls) -> Rendered {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut headings = Vec::new();
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut heading: Option<usize> = None;
    for event in Parser::new_ext(markdown, options) {
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
            Event::Text(text) | Event::Code(text) if heading.is_some() => {
                if let Some(h) = heading.and_then(|i| headings.get_mut(i)) {
                    h.title.push_str(&text);
                }
                events.push(Event::Text(text));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = CowStr::from(urls.content_link(&dest_url));
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
                let dest_url = CowStr::from(urls.content_link(&dest_url));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        headings,
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
