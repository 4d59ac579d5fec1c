//! The text to analyse, in blocks (paragraphs, headings, list items), with newspaper line
//! breaks joined and a map from every position back to the byte offset in the file.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::content::bold::{mark_cjk_bold, STAND_INS};

/// The first `n` characters of `text` (all of it if shorter).
pub fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

/// A Chinese (Han) character, as the extractor reads them.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// One paragraph, heading or list item as a reader sees it.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// The text to analyse: Simplified characters where the file has Traditional ones, each in
    /// the place and byte length of the character it stands for.
    pub text: String,
    /// The text as written, when it differs from `text`.
    pub written: Option<String>,
    /// The heading of the section the block is in (its own text for a heading).
    pub heading: Option<String>,
    pub is_heading: bool,
    /// `(offset in text, offset in file)` at the start of each piece copied from the file.
    pieces: Vec<(usize, usize)>,
}

impl Block {
    /// Appends `text`, found at `file_offset`, without the bold marks that CommonMark leaves
    /// as text beside Chinese punctuation (达**55%**以上) or that a text file carries.
    fn push(&mut self, text: &str, file_offset: usize) {
        // `at` walks the file: each stand-in dropped is one byte, each `**` two.
        let mut at = 0;
        for piece in text.split("**") {
            for part in piece.split(STAND_INS) {
                if !part.is_empty() {
                    self.pieces.push((self.text.len(), file_offset + at));
                    self.text.push_str(part);
                }
                at += part.len() + 1;
            }
            at += 1;
        }
    }

    /// `range` of the text as written.
    pub fn written(&self, range: std::ops::Range<usize>) -> &str {
        &self.written.as_deref().unwrap_or(&self.text)[range]
    }

    /// Converts Traditional characters to Simplified, keeping the written text.
    fn simplify(&mut self) {
        if let Some(simple) = super::script::simplified(&self.text) {
            self.written = Some(std::mem::replace(&mut self.text, simple));
        }
    }

    /// The byte offset in the file of byte `offset` of the block's text.
    pub fn file_offset(&self, offset: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1);
        self.pieces
            .get(i)
            .map_or(offset, |&(start, file)| file + (offset - start))
    }

    /// File range of text range `start..end`.
    pub fn file_range(&self, start: usize, end: usize) -> (usize, usize) {
        let last = self.text[..end]
            .chars()
            .next_back()
            .map_or(0, char::len_utf8);
        (self.file_offset(start), self.file_offset(end - last) + last)
    }
}

/// The char boundary at or before byte `i` of `text`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after byte `i` of `text`.
pub fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Whether two pieces of text meet without a space when a line break between them is joined:
/// Chinese text (and digits split across lines) joins directly, other text with a space.
pub fn joins_without_space(before: Option<char>, after: Option<char>) -> bool {
    let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
    let digitish = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '%');
    wide(before) || wide(after) || (digitish(before) && digitish(after))
}

/// Blocks of raw report text: blank lines and lines that end a sentence close paragraphs;
/// line breaks inside a sentence are joined; a short line without sentence punctuation is a
/// heading.
pub fn raw_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut heading: Option<String> = None;
    let mut current = Block::default();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches([' ', '\t', '\u{3000}']);
        let indent = content.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        // A list item (- 新建学校3所) opens a paragraph of its own, without its bullet.
        let bullet = ["- ", "* ", "• "]
            .iter()
            .find(|b| trimmed.starts_with(**b))
            .map_or(0, |b| b.len());
        let (trimmed, indent) = (&trimmed[bullet..], indent + bullet);
        // A line of a table copied as text (fields apart by spaces) is a paragraph of its own.
        let row = super::table::is_table_line(trimmed);
        if trimmed.is_empty() || ((indent > 0 || row) && !current.text.is_empty()) {
            finish(&mut current, &mut blocks, &mut heading);
            if trimmed.is_empty() {
                continue;
            }
        }
        if !current.text.is_empty() {
            let before = current.text.chars().next_back();
            if !joins_without_space(before, trimmed.chars().next()) {
                current.push(" ", start);
            }
        }
        let alone = current.text.is_empty()
            && lines
                .peek()
                .is_some_and(|next| headline_over(trimmed, next.trim()));
        current.push(trimmed, start + indent);
        // Text copied from a web page has one line per paragraph: a line that ends a
        // sentence ends its paragraph; a hard-wrapped line (mid-sentence) runs on.
        if row
            || alone
            || trimmed
                .trim_end_matches(['”', '」', '』', '"', '）', ')'])
                .ends_with(['。', '！', '？', '!', '?', '；'])
        {
            finish(&mut current, &mut blocks, &mut heading);
        }
    }
    finish(&mut current, &mut blocks, &mut heading);
    blocks
}

/// Whether `line`, opening a paragraph, is a headline over a paragraph written on one long
/// line (`next`): a hard-wrapped paragraph's next line is never much longer than its first.
fn headline_over(line: &str, next: &str) -> bool {
    let (this, next) = (line.chars().count(), next.chars().count());
    next >= 40 && next >= 2 * this
}

fn finish(current: &mut Block, blocks: &mut Vec<Block>, heading: &mut Option<String>) {
    if current.text.is_empty() {
        return;
    }
    let mut block = std::mem::take(current);
    block.simplify();
    if looks_like_heading(&block.text) {
        block.is_heading = true;
        *heading = Some(block.text.clone());
    }
    block.heading = heading.clone();
    blocks.push(block);
}

/// The most characters a heading has.
pub const HEADING_CHARS: usize = 30;

/// A short line with no sentence punctuation and with words: a number or a date alone is not a
/// heading, nor is a line of a table (its column names).
pub fn looks_like_heading(text: &str) -> bool {
    text.chars().count() <= HEADING_CHARS
        && !super::table::is_table_line(text)
        && !text.contains(['。', '，', '；', '！', '？', '：', '、', ',', ';'])
        && !text.ends_with(['”', '"', '.', '!', '?', ':'])
        && text
            .chars()
            .any(|c| c.is_alphabetic() && !"年月日号〇零一二三四五六七八九十".contains(c))
}

/// Blocks of a markdown body that starts at byte `body_offset` of its file. Only text a reader
/// sees as prose counts: code, raw HTML and link text are left out.
pub fn markdown_blocks(body: &str, body_offset: usize) -> Vec<Block> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut blocks = Vec::new();
    let mut heading: Option<String> = None;
    let mut current = Block::default();
    let mut in_heading = false;
    let mut skip = 0usize; // depth inside code blocks, links and images
    let marked = mark_cjk_bold(body);
    for (event, range) in Parser::new_ext(&marked, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut blocks, &mut heading, false);
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut current, &mut blocks, &mut heading, true);
                in_heading = false;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. }) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Link | TagEnd::Image) => {
                skip = skip.saturating_sub(1)
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
            ) => {
                flush(&mut current, &mut blocks, &mut heading, false);
            }
            // Where escapes or entities make the text differ from the source, offsets inside
            // the piece are approximate; its start is exact.
            Event::Text(text) if skip == 0 => current.push(&text, body_offset + range.start),
            Event::SoftBreak | Event::HardBreak if skip == 0 => {
                let after = body[range.end..].chars().next();
                if !joins_without_space(current.text.chars().next_back(), after) {
                    current.push(" ", body_offset + range.start);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks, &mut heading, in_heading);
    blocks
}

/// Ends the current block; a heading becomes the heading of the blocks after it.
fn flush(
    current: &mut Block,
    blocks: &mut Vec<Block>,
    heading: &mut Option<String>,
    is_heading: bool,
) {
    if current.text.trim().is_empty() {
        *current = Block::default();
        return;
    }
    let mut block = std::mem::take(current);
    block.simplify();
    if is_heading {
        *heading = Some(block.text.clone());
    }
    block.heading = heading.clone();
    block.is_heading = is_heading;
    blocks.push(block);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newspaper_breaks_join_and_offsets_point_into_the_file() {
        let raw = "近5年来，新（改）建学校\n40\n余所。\n\n下一段";
        let blocks = raw_blocks(raw);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].text, "近5年来，新（改）建学校40余所。");
        let start = blocks[0].text.find("40").unwrap();
        let end = start + "40余所".len();
        let (a, b) = blocks[0].file_range(start, end);
        assert_eq!(&raw[a..b], "40\n余所");
    }

    #[test]
    fn a_headline_over_a_one_line_paragraph_stands_alone() {
        let lead = "本报讯（记者 李四）1月8日，县人代会开幕，县长在报告中介绍，去年新建学校3所、改造小区10个。";
        let blocks = raw_blocks(&format!("某县新建学校3所，改造小区10个\n{lead}\n"));
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["某县新建学校3所，改造小区10个", lead]);
    }

    #[test]
    fn a_line_that_ends_a_sentence_ends_its_paragraph() {
        let blocks = raw_blocks(
            "今年将办好十件实事。\n新建学校2所，\n改造小区3个。\n（一）\n新增托位50个。",
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "今年将办好十件实事。",
                "新建学校2所，改造小区3个。",
                "（一）新增托位50个。"
            ]
        );
    }

    #[test]
    fn bullets_and_bold_marks_are_not_text() {
        let raw = "新建项目：\n- 公办率达**55%**以上\n- 新建学校**3所**";
        let blocks = raw_blocks(raw);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["新建项目：", "公办率达55%以上", "新建学校3所"]);
        let at = blocks[1].text.find("以上").unwrap();
        assert_eq!(blocks[1].file_offset(at), raw.find("以上").unwrap());
        let body = "公办率达**55%**以上，完成**“十件实事”**任务。";
        assert_eq!(
            markdown_blocks(body, 0)[0].text,
            "公办率达55%以上，完成“十件实事”任务。"
        );
    }

    #[test]
    fn raw_headings_are_short_unpunctuated_lines() {
        let blocks = raw_blocks("教育有保障\n\n全区新建学校17所。");
        assert!(blocks[0].is_heading);
        assert_eq!(blocks[1].heading.as_deref(), Some("教育有保障"));
    }

    #[test]
    fn markdown_skips_code_and_links_and_keeps_headings() {
        let body = "## 学有所教\n\n新建学校**3所**，[链接12所](/x/)。\n\n```\n代码5所\n```\n";
        let blocks = markdown_blocks(body, 10);
        assert_eq!(blocks[0].text, "学有所教");
        assert!(blocks[0].is_heading);
        assert_eq!(blocks[1].text, "新建学校3所，。");
        assert_eq!(blocks[1].heading.as_deref(), Some("学有所教"));
        assert_eq!(blocks.len(), 2);
        let at = blocks[1].text.find('3').unwrap();
        assert_eq!(blocks[1].file_offset(at), 10 + body.find('3').unwrap());
    }
}
