//! Bold that CommonMark misreads in Chinese: a `**` whose inner side touches punctuation and
//! whose outer side touches a character is no delimiter by the spec (达**55%**以上, 完成
//! **“十件实事”**任务), so the asterisks would show, or the wrong words turn bold. Such pairs
//! are read here, on one line, before the parser sees the text.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

const MARK: &str = "**";
/// Stand-ins for a pair's marks, of the same length so that offsets into the source hold.
const OPEN: &str = "\u{1}\u{1}";
const CLOSE: &str = "\u{2}\u{2}";
/// The characters of the stand-ins.
pub const STAND_INS: [char; 2] = ['\u{1}', '\u{2}'];

/// `markdown` with the pairs of `**` that the spec would not read as bold replaced by
/// stand-ins, which `bold_events` turns into bold.
pub fn mark_cjk_bold(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains(MARK) {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    let mut fenced = false;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        }
        let code = fenced || line.starts_with("    ") || line.starts_with('\t');
        if code || !line.contains(MARK) {
            out.push_str(line);
        } else {
            out.push_str(&mark_line(line));
        }
    }
    Cow::Owned(out)
}

/// One line with its misread pairs replaced: pairs are taken left to right, and a pair with
/// other markup between its marks is left to the parser.
fn mark_line(line: &str) -> String {
    let mut out = line.to_string();
    // Marks inside a code span (after an odd number of backticks) are code.
    let marks: Vec<usize> = line
        .match_indices(MARK)
        .map(|(at, _)| at)
        .filter(|&at| line[..at].matches('`').count().is_multiple_of(2))
        .collect();
    let mut k = 0;
    while k + 1 < marks.len() {
        let (open, close) = (marks[k], marks[k + 1]);
        let inner = &line[open + MARK.len()..close];
        let plain = !inner.is_empty() && !inner.contains(['*', '_', '`', '[', ']', '<', '\\']);
        if plain && !(opens(line, open) && closes(line, close)) {
            out.replace_range(open..open + MARK.len(), OPEN);
            out.replace_range(close..close + MARK.len(), CLOSE);
        }
        k += 2;
    }
    out
}

/// Whether the spec reads the mark at `at` as able to open (left-flanking).
fn opens(line: &str, at: usize) -> bool {
    let (before, after) = neighbours(line, at);
    flanking(after, before)
}

/// Whether the spec reads the mark at `at` as able to close (right-flanking).
fn closes(line: &str, at: usize) -> bool {
    let (before, after) = neighbours(line, at);
    flanking(before, after)
}

/// The characters before and after the mark at `at`.
fn neighbours(line: &str, at: usize) -> (Option<char>, Option<char>) {
    (
        line[..at].chars().next_back(),
        line[at + MARK.len()..].chars().next(),
    )
}

/// CommonMark's flanking rule, seen from the inner side: not whitespace there, and not
/// punctuation there unless whitespace or punctuation is on the outer side.
fn flanking(inner: Option<char>, outer: Option<char>) -> bool {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    !space(inner) && (!punct(inner) || space(outer) || punct(outer))
}

/// `events` with the stand-ins of `mark_cjk_bold` in their text made bold.
pub fn bold_events<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> impl Iterator<Item = (Event<'a>, Range<usize>)> {
    events.flat_map(|(event, range)| match event {
        Event::Text(text) if text.contains(STAND_INS) => split(&text, range),
        other => vec![(other, range)],
    })
}

fn split<'a>(text: &str, range: Range<usize>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    let at_mark = |rest: &str| [OPEN, CLOSE].into_iter().find(|m| rest.starts_with(m));
    let mut i = 0;
    while i < text.len() {
        let Some(mark) = at_mark(&text[i..]) else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        if i > from {
            let piece: CowStr = text[from..i].to_string().into();
            out.push((Event::Text(piece), range.start + from..range.start + i));
        }
        let tag = if mark == OPEN {
            Event::Start(Tag::Strong)
        } else {
            Event::End(TagEnd::Strong)
        };
        out.push((tag, range.start + i..range.start + i + mark.len()));
        i += mark.len();
        from = i;
    }
    if from < text.len() {
        let piece: CowStr = text[from..].to_string().into();
        out.push((Event::Text(piece), range.start + from..range.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Parser};

    fn render(markdown: &str) -> String {
        let marked = mark_cjk_bold(markdown);
        let events = bold_events(Parser::new(&marked).into_offset_iter());
        let mut out = String::new();
        html::push_html(&mut out, events.map(|(e, _)| e));
        out
    }

    #[test]
    fn bold_next_to_chinese_punctuation_is_bold() {
        assert_eq!(
            render("公办率达**55%**以上，完成**“十件实事”**任务。"),
            "<p>公办率达<strong>55%</strong>以上，完成<strong>“十件实事”</strong>任务。</p>\n"
        );
    }

    #[test]
    fn bold_the_spec_reads_code_and_a_lone_mark_are_unchanged() {
        assert_eq!(
            render("新建**3所**学校，评分5**。"),
            "<p>新建<strong>3所</strong>学校，评分5**。</p>\n"
        );
        assert_eq!(
            render("`达**5%**以上`"),
            "<p><code>达**5%**以上</code></p>\n"
        );
        assert_eq!(
            render("```\n达**5%**以上\n```\n"),
            "<pre><code>达**5%**以上\n</code></pre>\n"
        );
    }
}
