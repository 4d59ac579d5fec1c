//! Target or achieved. The marker nearest before a figure in its paragraph governs it (计划,
//! 力争, 确保, 将, 拟, 到2025年 for targets; 已, 累计, 截至 for achievements); an achievement
//! word in the figure's own clause after it (…个，已投入运营) marks it too. A figure no marker
//! governs takes what its section heading marks, else what the document's opening says: a
//! notice of this year's projects is targets, a review achievements.

use std::sync::OnceLock;

use super::confidence::Reason;
use super::text::{floor_char_boundary, Block};
use crate::model::Kind;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Words that set a goal for what follows them.
const TARGET: &[&str] = &[
    "计划",
    "力争",
    "确保",
    "目标",
    "争取",
    "力求",
    "拟",
    "将",
    "即将",
    "建成后",
    "预期",
    "要求",
    "未来",
    "今后",
    "明年",
    "承诺",
    "票决",
    "选出",
];

/// Words that report what was done.
const ACHIEVED: &[&str] = &[
    "已",
    "已经",
    "累计",
    "截至",
    "截止",
    "先后",
    "取得",
    "共完成",
    "全部完成",
    "建成投用",
    "投入使用",
    "投入运营",
    "成绩单",
    "交出",
    "成果",
    "如期完成",
    "完成了",
    "建成了",
    "实现了",
    // 己 for 已, a common slip of copied text, where no other word could be meant.
    "己完成",
    "己开工",
    "己全部",
    "己备案",
    "己建成",
];

/// Words that look like markers but are other words: 将近 (nearly), 计划生育 (family planning).
const NOT_MARKERS: &[&str] = &["将近", "计划生育", "已婚", "而已", "不已"];

/// Verbs that make 将 a preposition (将托育服务纳入重点任务), not a future.
const BA_VERBS: &[&str] = &[
    "纳入",
    "写入",
    "列入",
    "作为",
    "融入",
    "转化为",
    "变为",
    "打造成",
    "提高至",
    "提高到",
    "提升至",
    "提升到",
    "增加至",
    "增加到",
    "调整为",
    "调整至",
    "扩大至",
    "扩大到",
];

/// Words before 目标 that make it a goal reached (完成目标任务).
const REACHED: &[&str] = &["完成", "实现", "达到", "超额", "达成"];

/// The markers of a paragraph, found in one pass: where each is and what it marks, in
/// text order.
pub struct Markers(Vec<(usize, Kind)>);

impl Markers {
    pub fn of(text: &str) -> Markers {
        let mut found: Vec<(usize, Kind)> = automaton()
            .find_iter(text)
            .filter(|m| !inside_other_word(text, m.start(), m.end() - m.start()))
            .map(|m| {
                let kind = if m.pattern().as_usize() < TARGET.len() {
                    Kind::Target
                } else {
                    Kind::Actual
                };
                (m.start(), kind)
            })
            .collect();
        found.extend(goal_years(text).map(|at| (at, Kind::Target)));
        found.sort_by_key(|&(at, _)| at);
        Markers(found)
    }

    /// What the last marker in `from..to` marks.
    fn last_in(&self, from: usize, to: usize) -> Option<Kind> {
        let end = self.0.partition_point(|&(at, _)| at < to);
        self.0[..end]
            .last()
            .filter(|&&(at, _)| at >= from)
            .map(|&(_, kind)| kind)
    }
}

fn automaton() -> &'static AhoCorasick {
    static MARKERS: OnceLock<AhoCorasick> = OnceLock::new();
    MARKERS.get_or_init(|| {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(TARGET.iter().chain(ACHIEVED))
            .expect("the markers form an automaton")
    })
}

/// Whether the marker at `at` is part of another word or construction.
fn inside_other_word(text: &str, at: usize, len: usize) -> bool {
    let marker = &text[at..at + len];
    let clause_after: String = text[at + len..]
        .chars()
        .take(30)
        .take_while(|c| !"，,。；;！？".contains(*c))
        .collect();
    let near_before = &text[floor_char_boundary(text, at.saturating_sub(12))..at];
    NOT_MARKERS.iter().any(|word| {
        text.match_indices(word)
            .any(|(start, w)| start <= at && at + len <= start + w.len())
    }) || (marker == "将"
        && BA_VERBS
            .iter()
            .any(|v| clause_after.find(v).is_some_and(|i| i > 0)))
        || (marker == "目标" && REACHED.iter().any(|w| near_before.contains(w)))
        // 启动扩大学位供给三年计划，: the name of a plan ending its clause, not a goal set.
        || (marker == "计划"
            && text[at + len..].starts_with(['，', ',', '。', '；', ';', '、', '”', '》']))
}

/// The offsets of `到2025年` (a year to reach).
fn goal_years(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('到').filter_map(|(i, _)| {
        let rest = &text[i + '到'.len_utf8()..];
        let year = rest.get(..4)?;
        (year.bytes().all(|b| b.is_ascii_digit()) && rest[4..].starts_with('年')).then_some(i)
    })
}

/// What a text tells of the figures under it (a heading, the document's opening), if it
/// marks them one way.
pub fn marked(text: &str) -> Option<Kind> {
    Markers::of(text).last_in(0, text.len())
}

/// The kind the opening of a document gives the figures nothing else marks: its headline
/// (the headings it opens with) and the first sentences of its first paragraphs, the last
/// that marks one way deciding (a news lead, then 今年将办好十件民生实事).
pub fn document_kind(blocks: &[Block]) -> Kind {
    /// Paragraphs of the opening: a dateline, a lead and the sentence that says what follows.
    const OPENING_PARAGRAPHS: usize = 3;
    let mut opening = String::new();
    let mut paragraphs = 0;
    for block in blocks {
        if block.is_heading {
            if paragraphs > 0 {
                break;
            }
            opening.push_str(&block.text);
            opening.push('\n');
            continue;
        }
        let end = block
            .text
            .find(['。', '！', '？', '!', '?'])
            .unwrap_or(block.text.len());
        opening.push_str(&block.text[..end]);
        opening.push('\n');
        paragraphs += 1;
        if paragraphs == OPENING_PARAGRAPHS {
            break;
        }
    }
    marked(&opening).unwrap_or(if lists_projects(&opening) {
        Kind::Target
    } else {
        Kind::Actual
    })
}

/// An opening that announces a year's livelihood projects (2024年十件民生实事, 今年为民办实事
/// 项目) without a word of progress: what follows is the plan.
fn lists_projects(opening: &str) -> bool {
    let projects = ["实事", "项目清单", "重点项目", "民生工程"]
        .iter()
        .any(|w| opening.contains(w));
    let year = opening.contains("今年")
        || opening.contains("年度")
        || opening.char_indices().any(|(i, c)| {
            let digits = i.checked_sub(4).and_then(|from| opening.get(from..i));
            c == '年' && digits.is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
        });
    let progress = ["完成", "进展", "成效", "回顾", "情况", "成绩", "总结"]
        .iter()
        .any(|w| opening.contains(w));
    projects && year && !progress
}

/// Where a figure stands in its paragraph: the paragraph's text and markers, the part of it
/// before the figure that may govern it, and the rest of the figure's clause.
pub struct Place<'a> {
    pub text: &'a str,
    pub markers: &'a Markers,
    pub before: std::ops::Range<usize>,
    pub after: std::ops::Range<usize>,
}

/// The kind of a figure: the last marker before it, an achievement in the rest of its clause,
/// else what its section heading marks (`heading`), else what the document's opening gives.
/// The kind, and what decided it (for the figure's confidence).
pub fn of_figure(place: &Place, heading: Option<Kind>, document: Kind) -> (Kind, Reason) {
    let after = &place.text[place.after.clone()];
    // In a plan (a notice of projects, a heading of goals) 完成 and 建成 say what is to be
    // done; only a marker such as 已 or 累计 reports it done.
    let planned = heading.unwrap_or(document) == Kind::Target;
    let achieved_after = place.markers.last_in(place.after.start, place.after.end)
        == Some(Kind::Actual)
        || (!planned
            && ["完成", "建成", "投用", "竣工"]
                .iter()
                .any(|w| after.contains(w)));
    match (
        place.markers.last_in(place.before.start, place.before.end),
        heading,
    ) {
        (Some(kind), _) => (kind, Reason::KindMarkedBefore),
        (None, _) if achieved_after => (Kind::Actual, Reason::KindMarkedAfter),
        (None, Some(kind)) => (kind, Reason::KindFromHeading),
        (None, None) => (document, Reason::KindFromDocument),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(before: &str, after: &str, heading: Option<Kind>, document: Kind) -> Kind {
        let text = [before, after].concat();
        let place = Place {
            text: &text,
            markers: &Markers::of(&text),
            before: 0..before.len(),
            after: before.len()..text.len(),
        };
        of_figure(&place, heading, document).0
    }

    #[test]
    fn the_nearest_marker_governs() {
        let kind = |before: &str| figure(before, "", None, Kind::Actual);
        assert_eq!(kind("到2025年，力争养老床位达到"), Kind::Target);
        assert_eq!(kind("今年该区将完成"), Kind::Target);
        assert_eq!(
            kind("计划总投资16.9亿元。截至目前，已完成总投资"),
            Kind::Actual
        );
        assert_eq!(kind("全县新增学位"), Kind::Actual);
        assert_eq!(kind("将近"), Kind::Actual);
        assert_eq!(kind("落实计划生育政策，发放奖励"), Kind::Actual);
        // The name of a plan, and 将 as the object marker (将X从A提高至B), set no goal.
        assert_eq!(kind("启动学位扩容三年计划，新建学校"), Kind::Actual);
        let raised = |before: &str| figure(before, "元提高至90元", None, Kind::Actual);
        assert_eq!(raised("将城乡居民医保财政补助从"), Kind::Actual);
        assert_eq!(raised("明年计划将城乡居民医保财政补助从"), Kind::Target);
        assert_eq!(
            figure("全区确定", "，已全部完成", None, Kind::Target),
            Kind::Actual
        );
    }

    #[test]
    fn unmarked_figures_take_the_heading_then_the_document() {
        assert_eq!(figure("新增学位", "", None, Kind::Target), Kind::Target);
        assert_eq!(
            figure("新增学位", "", Some(Kind::Actual), Kind::Target),
            Kind::Actual
        );
        let blocks = crate::analyze::text::raw_blocks(
            "新郑公布今年十件实事\n\n今年该市将办好十件实事。\n\n新建学校2所。",
        );
        assert_eq!(document_kind(&blocks), Kind::Target);
        let blocks = crate::analyze::text::raw_blocks("今年全区民生工作成绩单\n\n新建学校2所。");
        assert_eq!(document_kind(&blocks), Kind::Actual);
        // A news lead, then the sentence that says what follows: the plan of the year.
        let blocks = crate::analyze::text::raw_blocks(
            "1月20日，市人代会开幕。\n报告提出，今年将办好十件民生实事。\n（一）\n新建学校2所。",
        );
        assert_eq!(document_kind(&blocks), Kind::Target);
    }

    #[test]
    fn a_notice_of_a_years_projects_is_a_plan_even_where_it_says_built() {
        let notice = crate::analyze::text::raw_blocks(
            "2025年全县十件民生实事\n\n（一）建成社区食堂12个，新增托位300个。",
        );
        assert_eq!(document_kind(&notice), Kind::Target);
        assert_eq!(
            figure("（一）建成社区食堂", "，新增托位", None, Kind::Target),
            Kind::Target
        );
        let review = crate::analyze::text::raw_blocks(
            "2025年全县十件民生实事完成情况\n\n建成社区食堂12个。",
        );
        assert_eq!(document_kind(&review), Kind::Actual);
        // A year written in Chinese numerals before 年 is read without slicing a character.
        let blocks = crate::analyze::text::raw_blocks("上半年民心工程实事出炉\n\n建成食堂2个。");
        assert_eq!(document_kind(&blocks), Kind::Actual);
    }
}
