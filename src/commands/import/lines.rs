//! Each line of a raw report told apart: blank, a byline, a photo caption, a news page's
//! dateline or furniture, or text (indented or not).

use crate::analyze::text::is_han;

/// A line of the raw text, trimmed.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Line<'a> {
    Blank,
    /// The page around the report (首页 > 政务公开, 【打印本页】), left out.
    Furniture,
    Byline(&'a str),
    Caption(&'a str),
    /// The date and source line under a news page's headline.
    Dateline(super::news::Dateline),
    Text {
        text: &'a str,
        indented: bool,
    },
}

const INDENT: [char; 3] = [' ', '\t', '\u{3000}'];

pub(super) fn classify(text: &str) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = text.lines().map(classify_line).collect();
    mark_set_off_captions(&mut lines);
    mark_closing_names(&mut lines);
    lines
}

fn classify_line(line: &str) -> Line<'_> {
    let text = line.trim_start_matches(INDENT).trim_end();
    if text.is_empty() {
        Line::Blank
    } else if let Some(dateline) = super::news::dateline(text) {
        Line::Dateline(dateline)
    } else if super::news::is_furniture(text) {
        Line::Furniture
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
        || super::news::photo_credit(&tail);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_inside_long_prose_do_not_make_a_caption() {
        assert!(is_caption("图为新建的社区食堂。"));
        assert!(is_caption("孩子们在新操场上课。（记者 王明 摄）"));
        let prose = "拍摄/制作组走进社区，记录老人们在食堂用餐、在日间照料中心锻炼的日常，\
                     也记录了志愿者上门送餐的情形，全区今年新增助餐点12个，服务老人8000余人次。";
        assert!(!is_caption(prose));
    }
}
