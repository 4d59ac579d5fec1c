//! What text copied from a web page loses before it becomes content: raw HTML (with the text
//! of script and style elements), links that may not be published, and control characters.

use crate::urls::is_publishable;

/// The text without them, and how many of each were dropped.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Scrubbed {
    pub text: String,
    pub html: usize,
    pub links: usize,
    pub controls: usize,
}

impl Scrubbed {
    /// What was dropped, for the import's message; `None` when nothing was.
    pub fn summary(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.html, "raw HTML tags"),
            (
                self.links,
                "links that may not be published (their text is kept)",
            ),
            (self.controls, "control characters"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        (!parts.is_empty()).then(|| format!("dropped {}", parts.join(", ")))
    }
}

pub fn scrub(text: &str) -> Scrubbed {
    let mut out = Scrubbed::default();
    let mut rest = text;
    while let Some(i) = rest.find(['<', '[']) {
        out.text.push_str(&rest[..i]);
        rest = &rest[i..];
        let skip = if rest.starts_with('<') {
            html_tag(rest).inspect(|_| out.html += 1)
        } else {
            unsafe_link(rest).map(|(len, label)| {
                out.links += 1;
                out.text.push_str(label);
                len
            })
        };
        match skip {
            Some(len) => rest = &rest[len..],
            None => {
                out.text.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
    }
    out.text.push_str(rest);
    let before = out.text.chars().count();
    out.text
        .retain(|c| !c.is_control() || c == '\n' || c == '\t');
    out.controls = before - out.text.chars().count();
    out
}

/// The length of the HTML tag, comment or element (`<script>…</script>`, `<style>…</style>`)
/// that opens `text`, if it opens with one.
fn html_tag(text: &str) -> Option<usize> {
    if let Some(comment) = text.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(text.len(), |i| 4 + i + 3));
    }
    let name_at = usize::from(text[1..].starts_with('/')) + 1;
    let name: String = text[name_at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = text.find('>')? + 1;
    // A tag closes on its line or soon after; prose with a stray `<` is left alone.
    if text[..end].matches('\n').count() > 2 {
        return None;
    }
    if name_at == 1 && (name == "script" || name == "style") {
        let lower = text.to_ascii_lowercase();
        let close = format!("</{name}");
        let closing = lower.find(&close).map_or(text.len(), |i| {
            text[i..].find('>').map_or(text.len(), |j| i + j + 1)
        });
        return Some(closing);
    }
    Some(end)
}

/// A markdown link `[label](target)` opening `text` whose target may not be published: its
/// length and its label.
fn unsafe_link(text: &str) -> Option<(usize, &str)> {
    let close = text.find("](")?;
    let label = &text[1..close];
    if label.contains(['[', '\n']) {
        return None;
    }
    // Targets may hold balanced parentheses, as markdown allows: `javascript:alert(1)`.
    let mut depth = 0usize;
    let target_len = text[close + 2..].find(|c| match c {
        '(' => {
            depth += 1;
            false
        }
        ')' if depth > 0 => {
            depth -= 1;
            false
        }
        ')' | '\n' => true,
        _ => false,
    })?;
    let target = &text[close + 2..close + 2 + target_len];
    (!is_publishable(target)).then_some((close + 2 + target_len + 1, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_unsafe_links_go_and_prose_stays() {
        let scrubbed = scrub(concat!(
            "新建<b>学校</b>3所<script>alert(1)</script>，",
            "<img src=x onerror=alert(1)>见[通知](JavaScript:alert(1))与[官网](https://x.cn/)。",
            "<!-- 注释 -->3<5，《条例》<<第二条>>\u{0}",
        ));
        assert_eq!(
            scrubbed.text,
            "新建学校3所，见通知与[官网](https://x.cn/)。3<5，《条例》<<第二条>>"
        );
        assert_eq!(
            (scrubbed.html, scrubbed.links, scrubbed.controls),
            (5, 1, 1)
        );
        assert_eq!(
            scrubbed.summary().unwrap(),
            "dropped 5 raw HTML tags, 1 links that may not be published (their text is kept), 1 control characters"
        );
        assert_eq!(scrub("没有标记").summary(), None);
    }
}
