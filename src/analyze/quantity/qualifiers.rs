//! The words that qualify a number: before it (约, 近, 超过, 不低于) and after it (余, 多,
//! 以上, 左右).

use crate::analyze::lexicon::{Qualifier, LEADING_QUALIFIERS, TRAILING_QUALIFIERS};

/// 约, 近, 超过 and the like right before the number, and where the quantity then starts.
pub(super) fn leading_qualifier(text: &str, start: usize) -> (Option<Qualifier>, usize) {
    let before = &text[..start];
    LEADING_QUALIFIERS
        .iter()
        .find(|(word, _)| {
            before.ends_with(word) && !ends_another_word(&before[..before.len() - word.len()], word)
        })
        .map_or((None, start), |&(word, q)| (Some(q), start - word.len()))
}

/// 约 in 签约 or 近 in 最近 end another word: they do not qualify the number after them.
fn ends_another_word(before: &str, qualifier: &str) -> bool {
    let Some(prev) = before.chars().next_back() else {
        return false;
    };
    match qualifier {
        "约" => "签节制预合条邀相".contains(prev),
        "近" => "最附接将邻".contains(prev),
        "超" => "赶高".contains(prev),
        "满" => "充圆美饱丰布爆客住坐装堆".contains(prev),
        _ => false,
    }
}

/// 余, 多, 以上 and the like right after the number or its unit.
pub(super) fn trailing_qualifier(after: &str) -> (Option<Qualifier>, usize) {
    for &(word, q) in TRAILING_QUALIFIERS {
        if let Some(rest) = after.strip_prefix(word) {
            let single = word.chars().count() == 1;
            // 余 and 多 after a unit only when nothing word-like follows (9个月余。).
            if single && rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            return (Some(q), word.len());
        }
    }
    (None, 0)
}
