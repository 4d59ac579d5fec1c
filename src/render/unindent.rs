//! A rendered page without the indentation its templates give their lines: a newline followed
//! by spaces renders as one space, as does the newline alone, so the page reads the same and
//! an atlas of thousands of pages is megabytes smaller. Elements that keep their whitespace
//! (`pre`, `textarea`, `script`, `style`) are copied as they are.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// Opening and closing tags of the elements copied verbatim.
const VERBATIM: [(&str, &str); 4] = [
    ("<pre", "</pre>"),
    ("<textarea", "</textarea>"),
    ("<script", "</script>"),
    ("<style", "</style>"),
];

static OPENINGS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostFirst)
        .build(VERBATIM.map(|(open, _)| open))
        .expect("four literal patterns")
});

/// `html` with the spaces, tabs and blank lines after each newline left out, except inside
/// the elements copied verbatim.
pub fn unindent(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        let (plain, verbatim_end) = match OPENINGS.find(rest) {
            Some(open) => {
                let close = VERBATIM[open.pattern().as_usize()].1.as_bytes();
                let end = find_ascii_case_insensitive(&rest[open.start()..], close)
                    .map_or(rest.len(), |at| open.start() + at + close.len());
                (open.start(), end)
            }
            None => (rest.len(), rest.len()),
        };
        push_unindented(&mut out, &rest[..plain]);
        out.extend_from_slice(&rest[plain..verbatim_end]);
        rest = &rest[verbatim_end..];
    }
    out
}

fn push_unindented(out: &mut Vec<u8>, text: &[u8]) {
    let mut rest = text;
    while let Some(newline) = memchr::memchr(b'\n', rest) {
        out.extend_from_slice(&rest[..=newline]);
        let after = &rest[newline + 1..];
        let indent = after
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        rest = &after[indent..];
    }
    out.extend_from_slice(rest);
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(html: &str) -> String {
        String::from_utf8(unindent(html.as_bytes())).expect("utf-8 in, utf-8 out")
    }

    #[test]
    fn indentation_and_blank_lines_go() {
        assert_eq!(
            run("<ul>\n  <li>a</li>\n\n    <li>b</li>\n</ul>\n"),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
        );
        // Words on either side of a line break stay apart.
        assert_eq!(run("<p>one\n   two</p>"), "<p>one\ntwo</p>");
    }

    #[test]
    fn preformatted_elements_keep_their_whitespace() {
        let code = "<pre><code>fn main() {\n    x();\n\n}\n</code></pre>";
        assert_eq!(
            run(&format!("<div>\n  {code}\n  </div>")),
            format!("<div>\n{code}\n</div>")
        );
        let mixed = "<PRE>\n  a\n</PRE>\n  <textarea>\n  b</textarea>\n <script>\n  c()\n</script>";
        assert_eq!(
            run(mixed),
            "<PRE>\n  a\n</PRE>\n<textarea>\n  b</textarea>\n<script>\n  c()\n</script>"
        );
        // An element left open keeps the rest of the page as it is.
        assert_eq!(run("<pre>\n  a\n  b"), "<pre>\n  a\n  b");
    }
}
