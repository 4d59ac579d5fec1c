//! `minsheng import FILE --district SLUG`: a raw report becomes a content markdown file.
//!
//! The text is decoded to UTF-8, its hard-wrapped lines are joined into paragraphs, short lines
//! without sentence punctuation become headings, and photo captions and bylines move to the
//! front matter. Nothing else of the text is changed.

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use chrono::NaiveDate;
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use unicode_width::UnicodeWidthStr;

mod news;
mod scrub;

use crate::analyze::file_metrics;
use crate::analyze::glossary::is_han;
use crate::analyze::text::{joins_without_space, looks_like_heading, HEADING_CHARS};
use crate::analyze::Domain;
use crate::commands::extract::site_glossary;
use crate::content::{bad_slug, district_dir, read_meta, slug, DistrictMeta};
use crate::diagnostics::{line_col, Diagnostic, Diagnostics};

/// What the editor asked for on the command line (the doc comments are its help).
#[derive(Debug, Clone, clap::Args)]
pub struct ImportOptions {
    /// The raw report: plain text in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16.
    pub file: PathBuf,
    /// The district folder the report goes into.
    #[arg(long)]
    pub district: String,
    /// The report's slug (default: the file name).
    #[arg(long)]
    pub slug: Option<String>,
    /// The Chinese title (default: the report's first heading).
    #[arg(long)]
    pub title: Option<String>,
    /// Publication date, YYYY-MM-DD (default: a date found in the text).
    #[arg(long)]
    pub date: Option<String>,
    /// The publication the report comes from.
    #[arg(long)]
    pub source: Option<String>,
    /// Replace an existing content file.
    #[arg(long)]
    pub force: bool,
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// What the import wrote, for the message on the terminal.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The written file, relative to the site root.
    pub path: PathBuf,
    pub district: String,
    pub title: String,
    /// The encoding the raw file was read in, e.g. `GBK`.
    pub encoding: &'static str,
    /// How many metrics the extractor finds in the body.
    pub metrics: usize,
    /// What was dropped as unsafe (raw HTML, links, control characters), if anything.
    pub dropped: Option<String>,
}

pub fn run(options: &ImportOptions) -> Result<Imported, Diagnostics> {
    let district = read_district(&options.root, &options.district)?;
    let path = report_path(options)?;
    if !options.force && options.root.join(&path).exists() {
        return Err(Diagnostic::file(&path, "the report already exists")
            .hint("pass --force to replace it")
            .into());
    }
    let bytes = std::fs::read(&options.file)
        .map_err(|e| Diagnostic::file(&options.file, format!("cannot read file: {e}")))?;
    let (text, encoding) = decode(&options.file, &bytes)?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let scrubbed = scrub::scrub(&news::credits_on_own_lines(&text));
    let (markdown, title, metrics) = convert(options, &district, &path, &scrubbed.text)?;
    std::fs::write(options.root.join(&path), markdown)
        .map_err(|e| Diagnostic::file(&path, format!("cannot write file: {e}")))?;
    Ok(Imported {
        path,
        district: options.district.clone(),
        title,
        encoding,
        metrics,
        dropped: scrubbed.summary(),
    })
}

/// The district's front matter; its folder must exist.
fn read_district(root: &Path, district: &str) -> Result<DistrictMeta, Diagnostic> {
    let index = district_dir(district).join("_index.md");
    if !slug::is_valid(district) || !root.join(&index).is_file() {
        return Err(Diagnostic::file(
            &index,
            format!("no district `{district}`: {} is missing", index.display()),
        )
        .hint(format!(
            "create the district first with `minsheng new district {}`",
            slug::suggest(district)
        )));
    }
    read_meta(root, &index)
}

/// `content/districts/<district>/<slug>.md`, the slug from `--slug` or the file name.
fn report_path(options: &ImportOptions) -> Result<PathBuf, Diagnostic> {
    let stem = options.file.file_stem().map(|s| s.to_string_lossy());
    let slug = match (&options.slug, &stem) {
        (Some(slug), _) => slug.as_str(),
        (None, Some(stem)) => stem.as_ref(),
        (None, None) => "",
    };
    if !slug::is_valid(slug) {
        return Err(bad_slug(&options.file, "report", slug)
            .hint(format!("pass --slug {}", slug::suggest(slug))));
    }
    Ok(district_dir(&options.district).join(format!("{slug}.md")))
}

/// The markdown file of the report, its title and how many metrics its body has.
fn convert(
    options: &ImportOptions,
    district: &DistrictMeta,
    path: &Path,
    text: &str,
) -> Result<(String, String, usize), Diagnostic> {
    let mut parsed = parse(text);
    let title = match (&options.title, parsed.parts.first()) {
        (Some(title), _) => title.clone(),
        (None, Some(Part::Heading(_))) => parsed.parts.remove(0).into_text(),
        (None, _) => {
            return Err(Diagnostic::file(
                &options.file,
                "no title: the text does not open with a heading",
            )
            .hint("pass --title \"…\""))
        }
    };
    let (date, date_from_text) = match (&options.date, &parsed.dateline) {
        (None, Some(dateline)) => (dateline.date, false),
        _ => report_date(options, text)?,
    };
    let source = options
        .source
        .clone()
        .or_else(|| parsed.dateline.as_ref().and_then(|d| d.source.clone()));
    let body = markdown(&parsed.parts);
    let metrics = file_metrics(path, &body, &site_glossary(&options.root)?);
    let meta = Meta {
        title: &title,
        title_en: format!("{}: livelihood report", district.name_en),
        date,
        date_from_text,
        source: source.as_deref(),
        summary: first_sentence(&parsed.parts),
        domains: Domain::ALL
            .into_iter()
            .filter(|&d| metrics.iter().any(|m| m.domain == d))
            .collect(),
        bylines: parsed.bylines,
        captions: parsed.captions,
    };
    Ok((meta.yaml() + &body, title, metrics.len()))
}

/// The date from `--date`, else the first full date of the text, and whether it is the latter.
fn report_date(options: &ImportOptions, text: &str) -> Result<(NaiveDate, bool), Diagnostic> {
    let hint = "pass --date YYYY-MM-DD, e.g. --date 2024-01-15";
    match &options.date {
        Some(date) => NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map(|d| (d, false))
            .map_err(|_| {
                Diagnostic::file(&options.file, format!("--date `{date}` is not a date")).hint(hint)
            }),
        None => find_date(text)
            .map(|d| (d, true))
            .ok_or_else(|| Diagnostic::file(&options.file, "no date found in the text").hint(hint)),
    }
}

/// The first full date of the text: 2023年5月12日, 2023-05-12, 2023.5.12 or 2023/5/12.
fn find_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()))
        .find_map(|i| date_at(&text[i..]))
}

fn date_at(text: &str) -> Option<NaiveDate> {
    date_prefix(text).map(|(date, _)| date)
}

/// The full date `text` opens with, and what follows it.
fn date_prefix(text: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = number(text, 4..=4)?;
    let separator = rest.chars().next()?;
    let (between, end) = match separator {
        '年' => ('月', Some(['日', '号'])),
        '-' | '.' | '/' => (separator, None),
        _ => return None,
    };
    let (month, rest) = number(&rest[separator.len_utf8()..], 1..=2)?;
    let (day, rest) = number(rest.strip_prefix(between)?, 1..=2)?;
    let rest = match end {
        Some(end) => rest.strip_prefix(end)?,
        None if rest.starts_with(|c: char| c.is_ascii_digit()) => return None,
        None => rest,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some((date, rest))
}

/// The number the text opens with, if it has as many `digits` as that, and the rest.
fn number(text: &str, digits: RangeInclusive<usize>) -> Option<(u32, &str)> {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    if !digits.contains(&n) {
        return None;
    }
    Some((text[..n].parse().ok()?, &text[n..]))
}

/// The text of the raw file and the name of its encoding.
fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str), Diagnostic> {
    let (encoding, bom) = Encoding::for_bom(bytes).unwrap_or_else(|| (guess_encoding(bytes), 0));
    if ![UTF_8, UTF_16LE, UTF_16BE, GBK, GB18030].contains(&encoding) {
        let message = format!(
            "cannot tell the encoding: not UTF-8, UTF-16 or GBK/GB18030 text (perhaps {})",
            encoding.name()
        );
        return Err(bad_bytes(path, UTF_8, bytes, message).hint("save the file as UTF-8"));
    }
    let bytes = &bytes[bom..];
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| {
            let message = format!("the file is not valid {} text", encoding.name());
            bad_bytes(path, encoding, bytes, message).hint("save the file as UTF-8")
        })?
        .into_owned();
    let name = match encoding {
        e if e == UTF_8 && bom > 0 => "UTF-8 (BOM)",
        // Text that needs GB18030's four-byte sequences cannot be GBK.
        e if (e == GBK || e == GB18030) && GBK.encode(&text).2 => "GB18030",
        e if e == GBK || e == GB18030 => "GBK",
        e => e.name(),
    };
    Ok((text, name))
}

/// The encoding of text without a byte-order mark.
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    if let Some(utf16) = utf16_by_nuls(bytes) {
        return utf16;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"cn"), Utf8Detection::Deny)
}

/// UTF-16 without a byte-order mark: ASCII characters (line breaks at least) come with a NUL
/// byte, after them in little-endian and before them in big-endian text.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let nuls = |skip| {
        bytes
            .iter()
            .skip(skip)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nuls(0), nuls(1));
    if odd > 2 * even {
        Some(UTF_16LE)
    } else if even > 2 * odd {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A diagnostic at the first bytes that `encoding` cannot decode.
fn bad_bytes(
    path: &Path,
    encoding: &'static Encoding,
    bytes: &[u8],
    message: String,
) -> Diagnostic {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let at = text.find('\u{fffd}').unwrap_or(text.len());
    let (line, col) = line_col(&text, at);
    Diagnostic::new(path, line, col, message).with_source(&text)
}

/// The raw text read as a report.
#[derive(Debug, Default)]
struct Parsed {
    parts: Vec<Part>,
    bylines: Vec<String>,
    captions: Vec<String>,
    dateline: Option<news::Dateline>,
}

#[derive(Debug, Clone, PartialEq)]
enum Part {
    Heading(String),
    Paragraph(String),
    /// A list item, with its marker.
    Item(String),
}

impl Part {
    fn into_text(self) -> String {
        match self {
            Part::Heading(text) | Part::Paragraph(text) | Part::Item(text) => text,
        }
    }
}

fn parse(text: &str) -> Parsed {
    let lines = classify(text);
    let mut parsed = Parsed::default();
    for line in &lines {
        match line {
            Line::Byline(text) => parsed.bylines.push(text.to_string()),
            Line::Caption(text) => parsed.captions.push(text.to_string()),
            Line::Dateline(dateline) if parsed.dateline.is_none() => {
                parsed.dateline = Some(dateline.clone())
            }
            _ => {}
        }
    }
    parsed.parts = merge_broken(blocks(&lines))
        .into_iter()
        .flat_map(Block::into_parts)
        .collect();
    parsed
}

/// A line of the raw text, trimmed.
#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    Byline(&'a str),
    Caption(&'a str),
    /// The date and source line under a news page's headline.
    Dateline(news::Dateline),
    Text {
        text: &'a str,
        indented: bool,
    },
}

const INDENT: [char; 3] = [' ', '\t', '\u{3000}'];

fn classify(text: &str) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = text.lines().map(classify_line).collect();
    mark_set_off_captions(&mut lines);
    mark_closing_names(&mut lines);
    lines
}

fn classify_line(line: &str) -> Line<'_> {
    let text = line.trim_start_matches(INDENT).trim_end();
    if text.is_empty() {
        Line::Blank
    } else if let Some(dateline) = news::dateline(text) {
        Line::Dateline(dateline)
    } else if is_caption(text) {
        Line::Caption(text)
    } else if is_byline(text) {
        Line::Byline(text)
    } else {
        Line::Text {
            text,
            indented: line.starts_with(INDENT),
        }
    }
}

/// A photo caption or credit: `图为…`, `▲…`, `…（图/张三）`, `…（摄影：张三）`, `记者 张三 摄`.
fn is_caption(text: &str) -> bool {
    const STARTS: [&str; 5] = ["图为", "▲", "△", "图/", "图／"];
    const MARKS: [&str; 9] = [
        "（图/",
        "(图/",
        "（图／",
        "（摄影",
        "(摄影",
        "摄影：",
        "摄影/",
        "摄/",
        "摄／",
    ];
    // A credit closes a caption; the same characters inside a long paragraph are prose.
    let chars = text.chars().count();
    let tail: String = text
        .chars()
        .skip(chars.saturating_sub(CREDIT_CHARS))
        .collect();
    let photographer = (tail.trim_end_matches(['）', ')']).ends_with('摄')
        && text.contains("记者"))
        || news::photo_credit(&tail);
    chars <= CAPTION_MAX_CHARS
        && (STARTS.iter().any(|s| text.starts_with(s))
            || MARKS.iter().any(|m| tail.contains(m))
            || photographer)
}

/// The longest line taken for a photo caption, and how near its end a credit must be.
const CAPTION_MAX_CHARS: usize = 120;
const CREDIT_CHARS: usize = 24;

/// A short line crediting the authors: `记者 张三`, `本报记者…`, `通讯员 李四`, `文/…`,
/// `（记者 … 通讯员 …）`, `责任编辑：…`, `图片由…提供`.
fn is_byline(text: &str) -> bool {
    const MARKS: [&str; 13] = [
        "记者 ",
        "记者\u{3000}",
        "本报记者",
        "特约记者",
        "（记者",
        "(记者",
        "通讯员",
        "文/",
        "文／",
        "责任编辑",
        "责编",
        "图片由",
        "图片除署名外",
    ];
    text.chars().count() <= 60
        && !text.contains(['。', '！', '？', '，', '；'])
        && MARKS.iter().any(|m| text.contains(m))
}

/// Lines of at most this many characters can be captions set off by blank lines.
const CAPTION_CHARS: usize = 50;

/// Newspaper exports leave blank lines where a photo was: a short line with two or more blank
/// lines before it and one after is the photo's caption.
fn mark_set_off_captions(lines: &mut [Line]) {
    let mut blanks = 0;
    let mut after_text = false;
    for i in 0..lines.len() {
        match lines[i] {
            Line::Blank => {
                blanks += 1;
                continue;
            }
            Line::Text { text, .. }
                if after_text
                    && blanks >= 2
                    && text.chars().count() <= CAPTION_CHARS
                    && lines.get(i + 1).is_none_or(|next| *next == Line::Blank) =>
            {
                lines[i] = Line::Caption(text);
            }
            _ => {}
        }
        after_text = true;
        blanks = 0;
    }
}

/// Names alone on a line after the last paragraph ("张三 李四") are the authors'.
fn mark_closing_names(lines: &mut [Line]) {
    for line in lines.iter_mut().rev() {
        match *line {
            Line::Text { text, .. } if is_names(text) => *line = Line::Byline(text),
            Line::Text { .. } => return,
            _ => {}
        }
    }
}

/// Two or more Chinese names of two or three characters, separated by spaces.
fn is_names(text: &str) -> bool {
    let names: Vec<&str> = text.split_whitespace().collect();
    names.len() >= 2
        && names
            .iter()
            .all(|name| (2..=3).contains(&name.chars().count()) && name.chars().all(is_han))
}

/// Lines read together, before their line breaks are joined.
#[derive(Debug)]
struct Block<'a> {
    lines: Vec<&'a str>,
    indented: bool,
    item: bool,
}

/// Runs of text lines: a blank line, caption or byline ends one, an indented line or a list
/// item starts a new one.
fn blocks<'a>(lines: &[Line<'a>]) -> Vec<Block<'a>> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for line in lines {
        let Line::Text { text, indented } = *line else {
            open = false;
            continue;
        };
        let item = ["- ", "* ", "+ "].iter().any(|m| text.starts_with(m));
        match blocks.last_mut() {
            Some(block) if open && !indented && !item => block.lines.push(text),
            _ => blocks.push(Block {
                lines: vec![text],
                indented,
                item,
            }),
        }
        open = true;
    }
    blocks
}

/// Joins the pieces of sentences that a page or column break cut apart with a blank line.
fn merge_broken(blocks: Vec<Block>) -> Vec<Block> {
    let mut merged: Vec<Block> = Vec::new();
    for block in blocks {
        match merged.last_mut() {
            Some(last) if last.is_cut() && block.is_paragraph() && !block.indented => {
                last.lines.extend(block.lines)
            }
            _ => merged.push(block),
        }
    }
    merged
}

/// Lines that fill a column are at most this much narrower than the widest (two Chinese
/// characters).
const COLUMN_SLACK: usize = 4;

impl Block<'_> {
    fn heading(&self) -> Option<String> {
        let text = self.lines.join(" ");
        (!self.item && looks_like_heading(&text)).then_some(text)
    }

    fn is_paragraph(&self) -> bool {
        !self.item && self.heading().is_none()
    }

    /// A paragraph that stops in the middle of a sentence. A single short line ending in a word
    /// may be a heading with a comma in it.
    fn is_cut(&self) -> bool {
        let Some(last) = self.lines.last().and_then(|l| l.chars().next_back()) else {
            return false;
        };
        let long =
            self.lines.len() > 1 || self.lines.iter().any(|l| l.chars().count() > HEADING_CHARS);
        self.is_paragraph()
            && ("，、,“（(《".contains(last)
                || (long && (is_han(last) || last.is_ascii_alphanumeric())))
    }

    fn into_parts(self) -> Vec<Part> {
        if let Some(heading) = self.heading() {
            return vec![Part::Heading(heading)];
        }
        if self.item {
            return vec![Part::Item(reflow(&self.lines))];
        }
        // Hard-wrapped lines fill the column: one that ends a sentence well short of it ends
        // its paragraph.
        let column = self.lines.iter().map(|l| l.width()).max().unwrap_or(0);
        self.lines
            .split_inclusive(|line| ends_sentence(line) && line.width() + COLUMN_SLACK <= column)
            .map(|lines| Part::Paragraph(reflow(lines)))
            .collect()
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['”', '’', '」', '』', '"', '）', ')'])
        .ends_with(['。', '！', '？', '…', '!', '?'])
}

/// The lines of a paragraph as one: Chinese joins directly, words with a space.
fn reflow(lines: &[&str]) -> String {
    let mut text = String::new();
    for line in lines {
        if !text.is_empty() && !joins_without_space(text.chars().next_back(), line.chars().next()) {
            text.push(' ');
        }
        text.push_str(line);
    }
    text
}

/// The body: paragraphs and headings apart by blank lines, list items one per line.
fn markdown(parts: &[Part]) -> String {
    let mut body = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            let tight = matches!((&parts[i - 1], part), (Part::Item(_), Part::Item(_)));
            body.push_str(if tight { "\n" } else { "\n\n" });
        }
        match part {
            Part::Heading(text) => body.push_str(&format!("## {text}")),
            Part::Paragraph(text) | Part::Item(text) => body.push_str(text),
        }
    }
    body.push('\n');
    body
}

/// Characters of the summary placeholder at most.
const SUMMARY_CHARS: usize = 150;

/// The first sentence of the first paragraph, as a placeholder summary.
fn first_sentence(parts: &[Part]) -> String {
    let Some(Part::Paragraph(text)) = parts.iter().find(|p| matches!(p, Part::Paragraph(_))) else {
        return String::new();
    };
    let end = text
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？'))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    text[..end].chars().take(SUMMARY_CHARS).collect()
}

/// The front matter, with a `# TODO` beside each value the editor has to check.
struct Meta<'a> {
    title: &'a str,
    title_en: String,
    date: NaiveDate,
    date_from_text: bool,
    source: Option<&'a str>,
    summary: String,
    domains: Vec<Domain>,
    bylines: Vec<String>,
    captions: Vec<String>,
}

impl Meta<'_> {
    fn yaml(&self) -> String {
        let date_note = if self.date_from_text {
            "  # TODO: the first date in the text; check it is the publication date"
        } else {
            ""
        };
        let source = match self.source {
            Some(source) => quote(source),
            None => "待补充  # TODO: the publication, e.g. 重庆日报".into(),
        };
        let domains: Vec<&str> = self.domains.iter().map(|d| d.slug()).collect();
        let mut yaml = format!(
            "---\ntitle: {}\ntitle_en: {}  # TODO: translate the title\ndate: {}{date_note}\n\
             source: {source}\nsummary: {}  # TODO: the first sentence; summarise in one or two\n\
             domains: [{}]  # TODO: those of the metrics found; check\n",
            quote(self.title),
            quote(&self.title_en),
            self.date,
            quote(&self.summary),
            domains.join(", "),
        );
        if !self.bylines.is_empty() {
            yaml.push_str(&format!("byline: {}\n", quote(&self.bylines.join("；"))));
        }
        if !self.captions.is_empty() {
            yaml.push_str("captions:\n");
            for caption in &self.captions {
                yaml.push_str(&format!("  - {}\n", quote(caption)));
            }
        }
        yaml + "---\n"
    }
}

/// A YAML double-quoted string: JSON's string syntax is a subset of it, once the control
/// characters JSON leaves as they are (DEL, C1) are escaped too, as YAML requires.
fn quote(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .chars()
        .map(|c| match c {
            '\u{7f}'..='\u{9f}' => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_load_back_whatever_their_characters() {
        let odd = "标题\u{7f}\u{85}\"引号\"\n第二行\t: # 注";
        let back: String = serde_yaml::from_str(&quote(odd)).expect("valid YAML");
        assert_eq!(back, odd);
    }

    #[test]
    fn credits_inside_long_prose_do_not_make_a_caption() {
        assert!(is_caption("图为新建的社区食堂。"));
        assert!(is_caption("孩子们在新操场上课。（记者 王明 摄）"));
        let prose = "拍摄/制作组走进社区，记录老人们在食堂用餐、在日间照料中心锻炼的日常，\
                     也记录了志愿者上门送餐的情形，全区今年新增助餐点12个，服务老人8000余人次。";
        assert!(!is_caption(prose));
    }

    fn parts(text: &str) -> Vec<Part> {
        parse(text).parts
    }

    fn paragraph(text: &str) -> Part {
        Part::Paragraph(text.into())
    }

    fn heading(text: &str) -> Part {
        Part::Heading(text.into())
    }

    #[test]
    fn hard_wrapped_lines_join() {
        assert_eq!(
            parts("全区新建学校3所，投入\n资金1.2亿元。\n\nNew schools\nopened in 2023."),
            [
                paragraph("全区新建学校3所，投入资金1.2亿元。"),
                paragraph("New schools opened in 2023."),
            ]
        );
    }

    #[test]
    fn indented_lines_start_paragraphs() {
        assert_eq!(
            parts("\u{3000}\u{3000}第一段。\n  第二段，\n接着写。\n\t第三段。"),
            [
                paragraph("第一段。"),
                paragraph("第二段，接着写。"),
                paragraph("第三段。")
            ]
        );
    }

    #[test]
    fn a_short_line_ending_a_sentence_ends_its_paragraph() {
        let text = "这一段的每一行都写满了\n整整一栏的宽度直到末尾\n最后一句。\n下一段也从行首开始写满\n了一栏。";
        assert_eq!(
            parts(text),
            [
                paragraph("这一段的每一行都写满了整整一栏的宽度直到末尾最后一句。"),
                paragraph("下一段也从行首开始写满了一栏。"),
            ]
        );
    }

    #[test]
    fn a_sentence_cut_by_a_blank_line_goes_on() {
        assert_eq!(
            parts("今年，学校新建了教学楼\n和运动场，修缮了食\n\n堂。\n\n城区、\n\n乡镇同步推进。"),
            [
                paragraph("今年，学校新建了教学楼和运动场，修缮了食堂。"),
                paragraph("城区、乡镇同步推进。"),
            ]
        );
    }

    #[test]
    fn a_short_line_with_a_comma_is_not_cut() {
        assert_eq!(
            parts("学有所教 新建学校，补齐短板\n\n正文。"),
            [
                paragraph("学有所教 新建学校，补齐短板"),
                paragraph("正文。")
            ]
        );
    }

    #[test]
    fn short_unpunctuated_lines_are_headings() {
        assert_eq!(
            parts("教育有保障\n\n全区新建学校3所。\n\n从“有学上”到“上好学”\n医疗服务提质增效\n\n正文。"),
            [
                heading("教育有保障"),
                paragraph("全区新建学校3所。"),
                heading("从“有学上”到“上好学” 医疗服务提质增效"),
                paragraph("正文。"),
            ]
        );
    }

    #[test]
    fn numbers_dates_and_sentences_are_not_headings() {
        for text in [
            "2023年5月12日",
            "2023-05-12",
            "128",
            "新建学校3所。",
            "Schools opened.",
            "这一行很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长",
        ] {
            assert!(
                !matches!(parts(text).as_slice(), [Part::Heading(_)]),
                "{text}"
            );
        }
    }

    #[test]
    fn captions_and_bylines_leave_the_body() {
        let text = "标题\n\n本报记者 张三 通讯员 李四\n\n正文第一段。\n图为新建的学校。\n\
                    ▲ 学生在上课\n\n\n\n新校舍的操场\n\n正文（记者 王五 摄）\n\
                    责任编辑：赵六\n\n张三 李四\n";
        let parsed = parse(text);
        assert_eq!(parsed.parts, [heading("标题"), paragraph("正文第一段。")]);
        assert_eq!(
            parsed.captions,
            [
                "图为新建的学校。",
                "▲ 学生在上课",
                "新校舍的操场",
                "正文（记者 王五 摄）"
            ]
        );
        assert_eq!(
            parsed.bylines,
            ["本报记者 张三 通讯员 李四", "责任编辑：赵六", "张三 李四"]
        );
    }

    #[test]
    fn list_items_stay_one_per_line() {
        let body = markdown(&parts("目标\n\n- 新建学校**3所**。\n- 新增\n学位。"));
        assert_eq!(body, "## 目标\n\n- 新建学校**3所**。\n- 新增学位。\n");
    }

    #[test]
    fn finds_dates_in_three_forms() {
        let date = NaiveDate::from_ymd_opt(2023, 5, 12);
        assert_eq!(find_date("第3版 2023年5月12日 电"), date);
        assert_eq!(find_date("发布于2023-05-12。"), date);
        assert_eq!(find_date("12023.5.12 和 2023.5.12"), date);
        assert_eq!(find_date("2023年5月，共12所"), None);
        assert_eq!(find_date("2023年2月30日"), None);
    }

    #[test]
    fn detects_encodings() {
        let text = "南川区今年新建学校3所，投入资金1.2亿元，新增学位两千个。\n";
        let rare = "新建学校3所，校名由𠮷先生题写。\n";
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
        for (source, bytes, name) in [
            (text, text.as_bytes().to_vec(), "UTF-8"),
            (text, with_bom, "UTF-8 (BOM)"),
            (text, utf16le, "UTF-16LE"),
            (text, utf16be, "UTF-16BE"),
            (text, GBK.encode(text).0.into_owned(), "GBK"),
            (rare, GB18030.encode(rare).0.into_owned(), "GB18030"),
        ] {
            let (decoded, encoding) = decode(Path::new("x.txt"), &bytes).unwrap();
            assert_eq!((decoded.as_str(), encoding), (source, name));
        }
    }

    #[test]
    fn undecodable_bytes_are_pointed_at() {
        let err = decode(Path::new("x.txt"), b"\xef\xbb\xbfok\nab\xff").unwrap_err();
        assert_eq!((err.line, err.col), (2, 3), "{err}");
    }
}
