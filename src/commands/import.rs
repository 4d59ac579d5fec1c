//! `minsheng import FILE --district SLUG`: a raw report becomes a content markdown file.
//!
//! The text is decoded to UTF-8, its hard-wrapped lines are joined into paragraphs, short lines
//! without sentence punctuation become headings, and photo captions and bylines move to the
//! front matter. Nothing else of the text is changed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

mod dates;
mod encoding;
mod front_matter;
mod header;
mod lines;
mod news;
mod scrub;

use crate::analyze::file_metrics;
use crate::analyze::text::is_han;
use crate::analyze::text::{joins_without_space, looks_like_heading, HEADING_CHARS};
use crate::commands::extract::site_glossary;
use crate::content::{bad_slug, district_dir, read_meta, slug, DistrictMeta};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Domain;
use dates::find_date;
use encoding::decode;
use front_matter::Meta;
use header::{split_header, Header};
use lines::{classify, Line};

/// What the editor asked for on the command line (the doc comments are its help).
#[derive(Debug, Clone, clap::Args)]
pub struct ImportOptions {
    /// The raw report: plain text in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16.
    pub file: PathBuf,
    /// The district folder the report goes into.
    #[arg(long)]
    pub district: String,
    /// The report's slug (default: made from the file name, Chinese as pinyin).
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
    let (header, body) = split_header(&scrubbed.text);
    let (markdown, title, metrics) = convert(options, &district, &path, &header, body)?;
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

/// `content/districts/<district>/<slug>.md`, the slug from `--slug` as given, or made from the
/// file name (合川 报告.txt -> hechuan-baogao).
fn report_path(options: &ImportOptions) -> Result<PathBuf, Diagnostic> {
    let slug = match &options.slug {
        Some(slug) if !slug::is_valid(slug) => {
            return Err(bad_slug(&options.file, "report", slug)
                .hint(format!("pass --slug {}", slug::suggest(slug))));
        }
        Some(slug) => slug.clone(),
        None => {
            let stem = options.file.file_stem().unwrap_or_default();
            slug::suggest(&stem.to_string_lossy())
        }
    };
    Ok(district_dir(&options.district).join(format!("{slug}.md")))
}

/// The markdown file of the report, its title and how many metrics its body has. The
/// command line's options come first, then the text's header, then what the text says.
fn convert(
    options: &ImportOptions,
    district: &DistrictMeta,
    path: &Path,
    header: &Header,
    text: &str,
) -> Result<(String, String, usize), Diagnostic> {
    let mut parsed = parse(text);
    let title = match (
        options.title.as_ref().or(header.title.as_ref()),
        parsed.parts.first(),
    ) {
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
    let dateline = parsed.dateline.as_ref();
    let (date, date_from_text) = match (&options.date, header.date.or(dateline.map(|d| d.date))) {
        (None, Some(date)) => (date, false),
        _ => report_date(options, text)?,
    };
    let source = options
        .source
        .clone()
        .or_else(|| header.source.clone())
        .or_else(|| dateline.and_then(|d| d.source.clone()));
    let bylines = header
        .bylines
        .iter()
        .chain(&parsed.bylines)
        .cloned()
        .collect();
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
        bylines,
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

/// The widest column text is hard-wrapped to (45 Chinese characters): a printed page's or a
/// terminal's lines are narrower.
const WIDEST_COLUMN: usize = 90;

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
        // its paragraph. Lines wider than any column are a web page's paragraphs, one per line.
        let column = self.lines.iter().map(|l| l.width()).max().unwrap_or(0);
        let wrapped = column <= WIDEST_COLUMN;
        self.lines
            .split_inclusive(|line| {
                ends_sentence(line) && (!wrapped || line.width() + COLUMN_SLACK <= column)
            })
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
#[cfg(test)]
mod tests {
    use super::*;

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
}
