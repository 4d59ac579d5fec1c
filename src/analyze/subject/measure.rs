//! How a measure is said around its figure: the level it rose from (补助标准由), the level
//! it rose to (提高到), the time it is compared with (较上年增长) and the base it is given per
//! (每人每月).

use crate::analyze::segment::jieba;
use crate::analyze::text::is_han;
use crate::analyze::words::{CHANGE_WORDS, EACH_WORDS, LINK_WORDS};

use super::trim::{strip_time, trim_lead};

/// `…的比例由2022年的` -> `…的比例`, `补助标准从` -> `补助标准`: the measure, without the time
/// or the level it starts from.
pub(super) fn without_from(text: &str) -> &str {
    match text.rfind(['由', '从']) {
        // Both words are one character of three bytes.
        Some(at)
            if strip_time(&text[at + 3..])
                .trim_start_matches('的')
                .is_empty() =>
        {
            &text[..at]
        }
        _ => text,
    }
}

/// Whether `before` ends with a rise or fall to a level (提高到2023年的, 降至).
pub(super) fn raised_to(before: &str) -> bool {
    let text = before.trim_end().trim_end_matches('的');
    // The time the level is reached, if named: 提高到2023年.
    let text = match text.rfind(['到', '至']) {
        Some(at) if strip_time(&text[at + 3..]).is_empty() => &text[..at + 3],
        _ => text,
    };
    // Only a change alone: 护理型床位占比提高到55% names its own measure.
    let alone = |ending: &str| {
        text.strip_suffix(ending)
            .is_some_and(|head| trim_lead(head).is_empty())
    };
    CHANGE_WORDS
        .iter()
        .any(|w| alone(&[*w, "到"].concat()) || alone(&[*w, "至"].concat()))
        || ["降至", "增至", "升至", "升到", "降到"]
            .iter()
            .any(|w| alone(w))
}

/// The change word of a comparison with an earlier time that ends `before`: 较2020年提高,
/// 比上年增加了, 较“十三五”末提高.
pub(super) fn compared_change(before: &str) -> Option<&str> {
    let text = before.trim_end().trim_end_matches('了');
    let change = CHANGE_WORDS
        .iter()
        .filter(|w| w.chars().count() >= 2 && text.ends_with(**w))
        .max_by_key(|w| w.len())?;
    let head = text[..text.len() - change.len()].trim_end_matches(['”', '"', '末', '底']);
    let clause = head.rsplit(['，', ',', '；']).next().unwrap_or(head);
    let trimmed = trim_lead(clause);
    let compared = ["较", "比", "同比", "相比"]
        .iter()
        .any(|c| trimmed.starts_with(c) || clause.trim_start().starts_with(c));
    compared.then_some(&text[text.len() - change.len()..])
}

/// A change of the figure before (增长, 同比下降, 比上年增加).
pub(super) fn is_change(text: &str) -> bool {
    let rest = ["同比", "比上年", "较上年", "比去年", "较去年", "较", "比"]
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .unwrap_or(text);
    CHANGE_WORDS.contains(&rest)
}

/// `(phrase, per-base)`: 标准为每人每月 -> (标准为, 每人每月).
pub(super) fn split_per_base(before: &str) -> (&str, Option<&str>) {
    // 每个补助建设资金: one of the things counted before opens the clause, and the measure
    // of each follows it.
    let opening = before.trim_start();
    if let Some(base) = EACH_WORDS.iter().find(|each| opening.starts_with(**each)) {
        let rest = &opening[base.len()..];
        if rest.chars().count() >= 2 && rest.chars().all(is_han) {
            // 每个乡镇建成: the things each is for are named after 每个.
            let named = match &jieba().tag(rest, false)[..] {
                [noun, .., last]
                    if !noun.tag.starts_with(['v', 'd', 'p']) && last.tag.starts_with('v') =>
                {
                    noun.word.len()
                }
                _ => 0,
            };
            return (&rest[named..], Some(&opening[..base.len() + named]));
        }
    }
    for (at, _) in before.match_indices('每') {
        let (head, base) = before.split_at(at);
        // 补助标准为每人每月, 补助标准由每人每年 (the level it rose from), or a clause of its
        // own: 发放补助，每生每天5元.
        let ends_link = LINK_WORDS.iter().any(|l| head.ends_with(l))
            || head.ends_with(['由', '从'])
            || head.trim().is_empty();
        if ends_link && is_per_base(base) {
            return (head, Some(base));
        }
    }
    (before, None)
}

/// The length of the base `subject` opens with (每千人口执业医师 -> 每千人口), if any.
pub(super) fn leading_per_base(subject: &str) -> Option<usize> {
    subject
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .rfind(|&end| end < subject.len() && is_per_base(&subject[..end]))
}

/// A base a figure is given per: 每人每月, 每千人口, 每生每学期.
fn is_per_base(text: &str) -> bool {
    const BASES: [&str; 20] = [
        "人",
        "户",
        "月",
        "年",
        "天",
        "日",
        "周",
        "孩",
        "生",
        "餐",
        "次",
        "学期",
        "学年",
        "千人",
        "万人",
        "百户",
        "千人口",
        "万人口",
        "个月",
        "名",
    ];
    !text.is_empty()
        && text.split('每').skip(1).all(|base| BASES.contains(&base))
        && text.starts_with('每')
}
