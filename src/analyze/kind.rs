//! Target or achieved. The marker nearest before a figure in its paragraph governs it (计划,
//! 力争, 确保, 将, 拟, 到2025年 for targets; 已, 累计, 截至, 目前 for achievements); an achievement
//! word in the figure's own clause after it (…个，已投入运营) marks it too. A figure no marker
//! governs takes what its section heading marks, else what the document's opening says: a
//! notice of this year's projects is targets, a review achievements. A paragraph that states a
//! task and then its progress (目前…正在推进) gives the task as targets.

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

/// Target words that govern their own clause only: 即将完工 says nothing of the next clause.
const CLAUSE_ONLY: &[&str] = &["即将", "建成后", "票决", "选出"];

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
    // Now and so far this year: what is there already.
    "目前",
    "今年以来",
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
const NOT_MARKERS: &[&str] = &["将近", "计划生育", "已婚", "而已", "不已", "预期寿命"];

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
/// Also 占 before it: a share of the goal (占全年目标的52%) is how much of it is done.
const REACHED: &[&str] = &["完成", "实现", "达到", "超额", "达成", "占"];

/// The markers of a paragraph, found in one pass: where each is and what it marks, in
/// text order.
pub struct Markers {
    found: Vec<Marker>,
    /// Where the paragraph's last sentence of progress under way starts (目前…正在推进).
    progress: Option<usize>,
}

/// Where a marker is, what it marks, and whether it governs its own clause only.
#[derive(Clone, Copy)]
struct Marker {
    at: usize,
    kind: Kind,
    clause_only: bool,
}

impl Markers {
    /// The markers of paragraph `text` of a document that reports progress (`report`) or not.
    pub fn of(text: &str, report: bool) -> Markers {
        let mut found: Vec<Marker> = automaton()
            .find_iter(text)
            .filter(|m| !inside_other_word(text, m.start(), m.end() - m.start()))
            .map(|m| {
                let pattern = m.pattern().as_usize();
                Marker {
                    at: m.start(),
                    kind: if pattern < TARGET.len() {
                        Kind::Target
                    } else {
                        Kind::Actual
                    },
                    clause_only: TARGET.get(pattern).is_some_and(|w| CLAUSE_ONLY.contains(w)),
                }
            })
            .collect();
        found.extend(goal_years(text).map(|at| Marker {
            at,
            kind: Kind::Target,
            clause_only: false,
        }));
        found.sort_by_key(|m| m.at);
        Markers {
            found,
            progress: last_progress(text, report),
        }
    }

    /// What the last marker in `from..to` marks.
    fn last_in(&self, from: usize, to: usize) -> Option<Kind> {
        self.last_at(from, to).map(|m| m.kind)
    }

    /// The last marker in `from..to`.
    fn last_at(&self, from: usize, to: usize) -> Option<Marker> {
        let end = self.found.partition_point(|m| m.at < to);
        self.found[..end].last().filter(|m| m.at >= from).copied()
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
        // 启动扩大学位供给三年计划，, 污染防治行动计划等: the name of a plan ending its clause
        // or a list, not a goal set.
        || (marker == "计划"
            && text[at + len..].starts_with(['，', ',', '。', '；', ';', '、', '”', '》', '等', '的']))
}

/// The offsets of `到2025年` (a year to reach); not `提高到2023年的98%`, the level of a year.
fn goal_years(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices('到').filter_map(|(i, _)| {
        let rest = &text[i + '到'.len_utf8()..];
        let year = rest.get(..4)?;
        let deadline = rest[4..].starts_with('年') && !rest[4..].starts_with("年的");
        (year.bytes().all(|b| b.is_ascii_digit()) && deadline).then_some(i)
    })
}

/// What a text tells of the figures under it (a heading, the document's opening), if it
/// marks them one way.
pub fn marked(text: &str) -> Option<Kind> {
    Markers::of(text, false).last_in(0, text.len())
}

/// Words of a section heading that say what the section holds: plans (2025年工作安排, 下一步
/// 工作打算) or a review of what was done (2024年工作回顾, 主要成效). In prose they are other
/// words (安排资金 spends money), so they count in headings only.
const PLAN_HEADINGS: &[&str] = &[
    "安排",
    "打算",
    "思路",
    "主要任务",
    "重点任务",
    "重点工作",
    "下一步",
    "下步",
    "工作要点",
];
const REVIEW_HEADINGS: &[&str] = &[
    "回顾",
    "成效",
    "成绩",
    "总结",
    "过去一年",
    "过去五年",
    "进展",
    "完成情况",
];

/// What a section heading marks the figures under it as: its markers, else the last of its
/// words of plans or of review.
pub fn heading_kind(text: &str) -> Option<Kind> {
    let last = |words: &[&str]| words.iter().filter_map(|w| text.rfind(w)).max();
    marked(text).or(match (last(PLAN_HEADINGS), last(REVIEW_HEADINGS)) {
        (Some(plan), Some(review)) if review > plan => Some(Kind::Actual),
        (Some(_), _) => Some(Kind::Target),
        (None, Some(_)) => Some(Kind::Actual),
        (None, None) => None,
    })
}

/// The kind the opening of a document gives the figures nothing else marks: its headline
/// (the headings it opens with) and the first sentences of its first paragraphs, the last
/// that marks one way deciding (a news lead, then 今年将办好十件民生实事), unless a review
/// comes first (过去一年，… then 今年将…: a review, whatever plans follow it).
pub fn document_kind(opening: &str) -> Kind {
    let review = REVIEW_HEADINGS
        .iter()
        .chain(&["一年来", "五年来"])
        .filter_map(|w| opening.find(w))
        .min();
    if let Some(at) = review {
        return marked(&opening[..at]).unwrap_or(Kind::Actual);
    }
    marked(opening).unwrap_or(if lists_projects(opening) {
        Kind::Target
    } else {
        Kind::Actual
    })
}

/// Whether the document reports the progress of tasks (2024年民生实事进展情况): each task's
/// figure, then how far it has come.
pub fn reports_progress(opening: &str) -> bool {
    ["进展", "进度", "推进情况"]
        .iter()
        .any(|w| opening.contains(w))
}

/// A document's headline and the first sentences of its first paragraphs, which
/// `document_kind` and `reports_progress` read.
pub fn opening(blocks: &[Block]) -> String {
    /// Paragraphs of the opening: a dateline, a lead and the sentence that says what follows.
    const OPENING_PARAGRAPHS: usize = 3;
    let mut opening = String::new();
    let mut paragraphs = 0;
    for block in blocks.iter().filter(|b| !is_record(&b.text)) {
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
    opening
}

/// A paragraph of fields rather than prose (`source: …`, `发布日期：2021-02-02`, `来源：某报`):
/// it opens with a short label and a colon and ends no sentence.
fn is_record(text: &str) -> bool {
    let label = text.split_once([':', '：']).map(|(label, _)| label.trim());
    label.is_some_and(|label| {
        (1..=12).contains(&label.chars().count())
            && label.chars().all(|c| c.is_alphabetic() || c == '_')
    }) && !text.contains(['。', '！', '？'])
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

/// Where the last sentence of `text` that reports progress under way starts (…新建社区食堂3个。
/// 目前，选址已确定，…正在推进): what the paragraph said before it is the task, a target. In a
/// report of progress, a sentence or clause that says how far a task has come (…600个。截至9月
/// 底，已新增…; …120公里，目前已完成85公里) is progress too.
fn last_progress(text: &str, report: bool) -> Option<usize> {
    const SO_FAR: [&str; 4] = ["目前", "截至", "截止", "现已"];
    let ends: &[char] = if report {
        &['。', '，', '；']
    } else {
        &['。']
    };
    let mut start = 0;
    let mut last = None;
    for piece in text.split_inclusive(ends) {
        let trimmed = piece.trim_start();
        let under_way =
            trimmed.starts_with("目前") && (trimmed.contains("正在") || trimmed.contains("推进"));
        let so_far = report && SO_FAR.iter().any(|w| trimmed.starts_with(w));
        if under_way || so_far {
            last = Some(start + piece.len() - trimmed.len());
        }
        start += piece.len();
    }
    last
}

/// Where a figure stands in its paragraph: the paragraph's text and markers, the part of it
/// before the figure that may govern it, where the figure's clause starts, and the rest of
/// the clause.
pub struct Place<'a> {
    pub text: &'a str,
    pub markers: &'a Markers,
    pub before: std::ops::Range<usize>,
    pub clause_start: usize,
    pub after: std::ops::Range<usize>,
}

/// The kind of a figure: the last marker before it, an achievement in the rest of its clause,
/// else what its section heading marks (`heading`), else what the document's opening gives.
/// The kind, and what decided it (for the figure's confidence).
pub fn of_figure(place: &Place, heading: Option<Kind>, document: Kind) -> (Kind, Reason) {
    let after = &place.text[place.after.clone()];
    // In a plan (a notice of projects, a heading of goals, a task its progress follows) 完成
    // and 建成 say what is to be done; only a marker such as 已 or 累计 reports it done.
    let task = place
        .markers
        .progress
        .is_some_and(|at| at >= place.after.end);
    let planned = task || heading.unwrap_or(document) == Kind::Target;
    let achieved_after = place.markers.last_in(place.after.start, place.after.end)
        == Some(Kind::Actual)
        || (!planned
            && ["完成", "建成", "投用", "竣工"]
                .iter()
                .any(|w| after.contains(w)));
    let before = place.markers.last_at(place.before.start, place.before.end);
    // A marker of an earlier clause gives way to an achievement in the figure's own clause
    // (推行票决制，18件实事全部如期完成), and a marker of its clause only governs no other.
    let before =
        before.filter(|m| m.at >= place.clause_start || !(achieved_after || m.clause_only));
    match (before.map(|m| m.kind), heading) {
        (Some(kind), _) => (kind, Reason::KindMarkedBefore),
        (None, _) if achieved_after => (Kind::Actual, Reason::KindMarkedAfter),
        (None, _) if task => (Kind::Target, Reason::KindMarkedAfter),
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
            markers: &Markers::of(&text, false),
            before: 0..before.len(),
            clause_start: before
                .rfind(['，', '。', '；'])
                .map_or(0, |at| at + '，'.len_utf8()),
            after: before.len()..text.len(),
        };
        of_figure(&place, heading, document).0
    }

    /// The kind of the figure written `figure` in `text`, its clause ending at the next
    /// comma or full stop.
    fn in_paragraph(text: &str, figure: &str, document: Kind) -> Kind {
        let end = text.find(figure).expect("the figure") + figure.len();
        let clause_end = text[end..]
            .find(['，', '。'])
            .map_or(text.len(), |i| end + i);
        let place = Place {
            text,
            markers: &Markers::of(text, false),
            before: 0..end - figure.len(),
            clause_start: 0,
            after: end..clause_end,
        };
        of_figure(&place, None, document).0
    }

    #[test]
    fn a_task_its_progress_follows_is_a_target() {
        let text = "新建社区食堂3个，建成托育点2个。目前，选址已确定，其余工作正在加快推进。";
        assert_eq!(in_paragraph(text, "3个", Kind::Actual), Kind::Target);
        assert_eq!(in_paragraph(text, "2个", Kind::Actual), Kind::Target);
        // A review's "now" is no progress under way.
        let review = "全年新增城镇就业1.2万人。目前，全区登记失业率为3%。";
        assert_eq!(in_paragraph(review, "1.2万人", Kind::Actual), Kind::Actual);
    }

    #[test]
    fn the_nearest_marker_governs() {
        let kind = |before: &str| figure(before, "", None, Kind::Actual);
        assert_eq!(kind("到2025年，力争养老床位达到"), Kind::Target);
        assert_eq!(kind("覆盖率由2020年的85%提高到2023年的"), Kind::Actual);
        // What is there now, or so far this year, after a plan.
        assert_eq!(kind("计划新建5所。目前全区毛入园率达到"), Kind::Actual);
        assert_eq!(kind("将新建5所。今年以来共发放"), Kind::Actual);
        assert_eq!(kind("今年该区将完成"), Kind::Target);
        assert_eq!(
            kind("计划总投资16.9亿元。截至目前，已完成总投资"),
            Kind::Actual
        );
        assert_eq!(kind("全县新增学位"), Kind::Actual);
        // A share of the goal is how much of it is done.
        assert_eq!(kind("已完成投资45亿元，占全年目标的"), Kind::Actual);
        assert_eq!(kind("将近"), Kind::Actual);
        assert_eq!(kind("人均预期寿命提高到"), Kind::Actual);
        assert_eq!(kind("落实计划生育政策，发放奖励"), Kind::Actual);
        // The name of a plan, and 将 as the object marker (将X从A提高至B), set no goal.
        assert_eq!(kind("启动学位扩容三年计划，新建学校"), Kind::Actual);
        assert_eq!(kind("推进清洁取暖行动计划等工作，新增改造"), Kind::Actual);
        let raised = |before: &str| figure(before, "元提高至90元", None, Kind::Actual);
        assert_eq!(raised("将城乡居民医保财政补助从"), Kind::Actual);
        assert_eq!(raised("明年计划将城乡居民医保财政补助从"), Kind::Target);
        assert_eq!(
            figure("全区确定", "，已全部完成", None, Kind::Target),
            Kind::Actual
        );
        // A goal of an earlier clause gives way to an achievement in the figure's own.
        assert_eq!(
            figure("推行实事票决制，", "件实事全部如期完成", None, Kind::Target),
            Kind::Actual
        );
        assert_eq!(
            figure("计划改造小区", "个，年底前全部完成", None, Kind::Actual),
            Kind::Target
        );
        assert_eq!(
            figure(
                "新院二期即将完工。建成养老服务中心",
                "家",
                None,
                Kind::Actual
            ),
            Kind::Actual
        );
        assert_eq!(
            figure("新院即将建成床位", "张", None, Kind::Actual),
            Kind::Target
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
        assert_eq!(document_kind(&opening(&blocks)), Kind::Target);
        let blocks = crate::analyze::text::raw_blocks("今年全区民生工作成绩单\n\n新建学校2所。");
        assert_eq!(document_kind(&opening(&blocks)), Kind::Actual);
        // A news lead, then the sentence that says what follows: the plan of the year.
        let blocks = crate::analyze::text::raw_blocks(
            "1月20日，市人代会开幕。\n报告提出，今年将办好十件民生实事。\n（一）\n新建学校2所。",
        );
        assert_eq!(document_kind(&opening(&blocks)), Kind::Target);
        // A review first, then the year's plans: the document reviews.
        let blocks = crate::analyze::text::raw_blocks(
            "过去一年，全区新建学校2所。\n\n今年，我们将新增托位300个。",
        );
        assert_eq!(document_kind(&opening(&blocks)), Kind::Actual);
    }

    #[test]
    fn a_heading_of_plans_or_of_review_marks_the_section() {
        assert_eq!(heading_kind("二、2025年工作安排"), Some(Kind::Target));
        assert_eq!(heading_kind("下一步工作打算"), Some(Kind::Target));
        assert_eq!(heading_kind("一、2024年工作回顾"), Some(Kind::Actual));
        assert_eq!(heading_kind("主要任务完成情况"), Some(Kind::Actual));
        assert_eq!(heading_kind("力争实现的目标"), Some(Kind::Target));
        assert_eq!(heading_kind("学有所教"), None);
        // In prose 安排 spends money: no mark.
        assert_eq!(marked("安排资金500万元"), None);
    }

    #[test]
    fn a_notice_of_a_years_projects_is_a_plan_even_where_it_says_built() {
        let notice = crate::analyze::text::raw_blocks(
            "2025年全县十件民生实事\n\n（一）建成社区食堂12个，新增托位300个。",
        );
        assert_eq!(document_kind(&opening(&notice)), Kind::Target);
        assert_eq!(
            figure("（一）建成社区食堂", "，新增托位", None, Kind::Target),
            Kind::Target
        );
        let review = crate::analyze::text::raw_blocks(
            "2025年全县十件民生实事完成情况\n\n建成社区食堂12个。",
        );
        assert_eq!(document_kind(&opening(&review)), Kind::Actual);
        // A year written in Chinese numerals before 年 is read without slicing a character.
        let blocks = crate::analyze::text::raw_blocks("上半年民心工程实事出炉\n\n建成食堂2个。");
        assert_eq!(document_kind(&opening(&blocks)), Kind::Actual);
    }

    #[test]
    fn fields_before_and_under_the_headline_are_not_its_lead() {
        let notice = crate::analyze::text::raw_blocks(
            "url: https://example.org/n/1.html\nplace: 某县\n\n某县敲定十件实事\n\n\
             发布日期：2026-01-05\n\n来源：某县日报\n\n县人代会上公布了2026年十件实事。\n\n\
             新建学校2所。",
        );
        assert_eq!(document_kind(&opening(&notice)), Kind::Target);
        assert!(is_record("来源：某县日报"));
        assert!(!is_record("一是教育：新建学校2所。"));
    }
}
