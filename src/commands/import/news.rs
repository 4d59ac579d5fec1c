//! What text copied from a news page carries besides the report: the dateline under the
//! headline (`2025年06月18日14:45 | 来源：人民网`), photo credits (`李明 摄`) and editor credits
//! (`(责编:王五)`), which go to the front matter instead of the body, and the page's furniture
//! (`首页 > 政务公开`, `【打印本页】【关闭窗口】`), which is dropped.

use chrono::NaiveDate;

use crate::analyze::text::is_han;

/// The date and publication a dateline gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub date: NaiveDate,
    pub source: Option<String>,
}

/// The dateline a short line is: it opens with a full date, and has a clock time or a
/// source after it (a sentence that opens with a date has neither).
pub fn dateline(text: &str) -> Option<Dateline> {
    if !short_line(text, 90) {
        return None;
    }
    // A government site labels it: 发布时间：2024-07-12 09:30 来源：… 字号：【大 中 小】.
    let labelled = DATE_LABELS
        .iter()
        .find_map(|label| text.strip_prefix(label))
        .map(|rest| rest.trim_start_matches([':', '：', ' ']));
    let (date, rest) = super::dates::date_prefix(labelled.unwrap_or(text))?;
    let source = ["来源：", "来源:", "来源 "]
        .iter()
        .find_map(|m| rest.split_once(m))
        .map(|(_, s)| {
            s.split(['|', '｜', ' ', '\u{3000}'])
                .next()
                .unwrap_or(s)
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty());
    let time = rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) && rest.contains(':');
    (labelled.is_some() || time || source.is_some() || rest.trim_start().starts_with(['|', '｜']))
        .then_some(Dateline { date, source })
}

/// Labels a news page puts before its date.
const DATE_LABELS: [&str; 5] = ["发布时间", "发布日期", "发文日期", "日期", "时间"];

/// Marks of a news page's furniture, on a short line of its own: the way to the page, the
/// tools to share, print or enlarge it, and links to other pages.
const FURNITURE: [&str; 22] = [
    "首页 >",
    "首页>",
    "首页 ＞",
    "首页＞",
    "首页 »",
    "当前位置",
    "您的位置",
    "您现在的位置",
    "分享到",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "扫一扫在手机",
    "字号：",
    "字号:",
    "【大 中 小】",
    "【字体",
    "收藏本页",
    "返回顶部",
    "上一篇",
    "下一篇",
];

/// A line of a news page that is not the report: the way to the page (首页 > 政务公开),
/// share, print and font-size tools, links to the previous and next pages.
pub fn is_furniture(text: &str) -> bool {
    short_line(text, 60) && FURNITURE.iter().any(|mark| text.contains(mark))
}

/// Whether `text` is a line of at most `max` characters and no sentence: a page's furniture
/// or a dateline, not the report's prose.
fn short_line(text: &str, max: usize) -> bool {
    text.chars().count() <= max && !text.contains(['。', '，'])
}

/// Marks that open an editor's credit closing a paragraph: `(责编:王五)`, `（编辑：李四）`.
const EDITOR_CREDITS: [&str; 8] = [
    "(责编",
    "（责编",
    "(责任编辑",
    "（责任编辑",
    "(编辑",
    "（编辑",
    "【责任编辑",
    "[责任编辑",
];

/// The text with an editor's credit that closes a line put on a line of its own.
pub fn credits_on_own_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let credit = EDITOR_CREDITS
            .iter()
            .filter_map(|m| body.rfind(m))
            .max()
            .filter(|&at| at > 0 && body[at..].trim_end().ends_with([')', '）', '】', ']']));
        match credit {
            Some(at) => {
                out.push_str(body[..at].trim_end());
                out.push('\n');
                out.push_str(&body[at..]);
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// A photographer's credit closing a line: `李明 摄`, `记者 张三 摄`, `（新华社发 王五 摄）`.
pub fn photo_credit(tail: &str) -> bool {
    let tail = tail.trim_end_matches(['）', ')']).trim_end();
    let Some(before) = tail.strip_suffix('摄') else {
        return false;
    };
    // A name of two to four characters after a space or an opening bracket.
    let name: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| is_han(*c))
        .collect();
    let count = name.chars().count();
    let separated = before
        .trim_end()
        .chars()
        .rev()
        .nth(count)
        .is_none_or(|c| " \u{3000}（(/／。！？".contains(c));
    before.ends_with([' ', '\u{3000}']) && (2..=4).contains(&count) && separated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_gives_date_and_source() {
        let line = dateline("2025年06月18日14:45 | 来源：人民网－人民日报").unwrap();
        assert_eq!(line.date, NaiveDate::from_ymd_opt(2025, 6, 18).unwrap());
        assert_eq!(line.source.as_deref(), Some("人民网－人民日报"));
        assert!(dateline("2025-06-18 14:45:03").is_some());
        assert_eq!(dateline("2024年5月1日，全区新建学校3所。"), None);
        assert_eq!(dateline("2024年全区民生实事"), None);
        let labelled =
            dateline("发布时间：2024-07-12 09:30  来源：县政府办公室  字号：【大 中 小】").unwrap();
        assert_eq!(labelled.date, NaiveDate::from_ymd_opt(2024, 7, 12).unwrap());
        assert_eq!(labelled.source.as_deref(), Some("县政府办公室"));
        assert!(dateline("日期：2024年7月12日").is_some());
    }

    #[test]
    fn page_furniture_is_known_by_its_marks() {
        assert!(is_furniture("首页 > 政务公开 > 工作动态"));
        assert!(is_furniture("【打印本页】【关闭窗口】"));
        assert!(is_furniture("分享到："));
        assert!(!is_furniture("首页新闻说，全县新建学校3所。"));
    }

    #[test]
    fn editor_credits_get_lines_of_their_own() {
        assert_eq!(
            credits_on_own_lines("新建学校3所。(责编:王五)\n下一段"),
            "新建学校3所。\n(责编:王五)\n下一段"
        );
        assert_eq!(credits_on_own_lines("（编辑：李四）\n"), "（编辑：李四）\n");
    }

    #[test]
    fn photo_credits_end_with_a_name_and_she() {
        assert!(photo_credit("市民在公园散步。李明 摄"));
        assert!(photo_credit("（新华社发 王小五 摄）"));
        assert!(!photo_credit("拍摄"));
        assert!(!photo_credit("他在拍摄"));
    }
}
