//! Numbers that are not quantities: years, dates, clock times, codes and names (5G, 八中,
//! 3路), list and class numbers, quoted slogans, numerals inside words (一揽子, 千家万户), the
//! article 一, and durations that name a service (15分钟生活圈).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::lexicon::NUMERAL_WORDS;
use super::numerals::{digit, is_numeral, Form, Numeral};
use super::text::floor_char_boundary;
use super::units::{longest_unit, unit_after_ge};

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// Numbers that are not quantities, judged by what stands before them.
pub fn before(text: &str, start: usize, number_end: usize) -> bool {
    let prev = prev_char(text, start);
    if inside_web_address(text, start) {
        return true;
    }
    // 第 3 名: an ordinal's mark may stand a space before its digits.
    let word_before = text[..start]
        .strip_suffix(' ')
        .map_or(prev, |before| before.chars().next_back());
    if word_before.is_some_and(|c| c == '第' || c == '每') {
        return true;
    }
    // 第1、2名: the ordinals of a list share its 第.
    let listed = text[..start].strip_suffix('、').map(|list| {
        list.trim_end_matches(|c: char| c.is_ascii_digit() || c == '、' || is_numeral(c))
    });
    if listed.is_some_and(|list| list.ends_with('第')) {
        return true;
    }
    if prev.is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '＋' | '.' | '／' | '/' | '#' | '-')
    }) {
        return true;
    }
    // A number in brackets is a list or class number: （1）, 三年级(1)班; so is a class after its
    // grade: 八年级1班.
    if prev.is_some_and(|c| c == '(' || c == '（') && text[number_end..].starts_with([')', '）'])
    {
        return true;
    }
    if text[..start].ends_with("年级") && text[number_end..].starts_with('班') {
        return true;
    }
    // 8时30分15秒: the minutes and seconds of a clock time.
    let clock = |hand: char| {
        let mut before = text[..start].chars().rev();
        before.next() == Some(hand) && before.next().is_some_and(is_numeral)
    };
    let after = &text[number_end..];
    if (after.starts_with('秒') && (clock('时') || clock('分')))
        || (after.starts_with('分') && (clock('时') || clock('点')))
    {
        return true;
    }
    if ordinal_name(text, start, number_end, prev) {
        return true;
    }
    // A quoted short code or slogan: “3815”, "1+4+5+N", “4个1”.
    if prev.is_some_and(|c| matches!(c, '“' | '"' | '「' | '‘' | '《')) {
        let close = text[start..]
            .char_indices()
            .take(8)
            .find(|&(_, c)| matches!(c, '”' | '"' | '」' | '’' | '》'));
        if close.is_some() {
            return true;
        }
    }
    inside_numeral_word(text, start)
}

/// Whether the number at `start` is part of a web address or its query (`?q=30%25`), not
/// a quantity.
fn inside_web_address(text: &str, start: usize) -> bool {
    let token_start = text[..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_graphic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &text[token_start..start];
    let query = token.len() > 1 && token.ends_with(['%', '=', '&', '?']);
    token.contains("://") || token.starts_with("www.") || query
}

/// A session of a congress (十八届人大五次会议) or a phase of a project named in Chinese
/// numerals (新院二期, 安置区七期): an ordinal in a name, not a count. A count of sessions
/// follows a verb (举办培训三期).
fn ordinal_name(text: &str, start: usize, number_end: usize, prev: Option<char>) -> bool {
    let rest = &text[number_end..];
    let near_before = &text[floor_char_boundary(text, start.saturating_sub(12))..start];
    let session = rest.starts_with('次') && near_before.contains('届');
    let chinese = text[start..number_end]
        .chars()
        .all(|c| super::numerals::chinese_digit(c).is_some() || c == '十');
    let phase = rest.starts_with('期')
        && chinese
        && prev.is_some_and(|c| super::text::is_han(c) && !"办训展共计了过开举".contains(c));
    session || phase
}

/// Whether the number at `start` is part of a word such as 一揽子 or 千家万户; 一个, 两个…
/// count where a unit goes on after them (一个半小时, 三个月, 两个百分点).
pub fn inside_numeral_word(text: &str, start: usize) -> bool {
    let Some(c) = text[start..].chars().next() else {
        return false;
    };
    let Some(words) = numeral_words().get(&c) else {
        return false;
    };
    words.iter().any(|word| {
        // Every place the word could start and still cover `start`.
        (start.saturating_sub(word.len() - 1)..=start).any(|at| {
            text.get(at..at + word.len()) == Some(*word)
                && !(word.ends_with('个') && counts_after_ge(&text[at + word.len() - 3..]))
        })
    })
}

/// Whether `s`, starting at the 个 of 两个 or 三个, counts something rather than naming a
/// slogan (两个确保): a half (一个半小时), a unit that starts with 个 (三个月, 两个百分点), or
/// one that 个 stands before (两个小时).
fn counts_after_ge(s: &str) -> bool {
    let after = &s['个'.len_utf8()..];
    after.starts_with('半')
        || longest_unit(s).is_some_and(|u| u.chars() > 1)
        || unit_after_ge(after).is_some()
}

/// The numeral words by the characters they contain.
fn numeral_words() -> &'static FxHashMap<char, Vec<&'static str>> {
    static WORDS: OnceLock<FxHashMap<char, Vec<&'static str>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut by_char: FxHashMap<char, Vec<&str>> = FxHashMap::default();
        for word in NUMERAL_WORDS {
            for c in word.chars() {
                let words = by_char.entry(c).or_default();
                if !words.contains(word) {
                    words.push(word);
                }
            }
        }
        by_char
    })
}

/// Numbers that are not quantities, judged by what follows them: years, dates, times, codes.
pub fn after(numeral: &Numeral, magnitude: bool, after: &str) -> bool {
    let mut chars = after.chars();
    let next = chars.next();
    // Letters make a code (5G, 4S) unless they are a unit (25kg, 10GB).
    let letters = next.is_some_and(|c| c.is_ascii_alphabetic()) && longest_unit(after).is_none();
    if letters || next.is_some_and(|c| matches!(c, '+' | '＋' | '.' | '#' | '号' | '后')) {
        return true;
    }
    // 8:30
    if next.is_some_and(|c| c == ':' || c == '：')
        && chars.next().is_some_and(|c| digit(c).is_some())
    {
        return true;
    }
    let year_like = match numeral.form {
        Form::Digits {
            integer: true,
            digits: 4,
        } => (1000.0..=2100.0).contains(&numeral.value),
        Form::Chinese { positional: true } => numeral.len >= 12,
        _ => false,
    };
    if year_like && !magnitude && after.starts_with(['年', '-', '—', '－', '至', '/']) {
        return true;
    }
    // 年级, 百万家庭, 三篇文章: the character after the number starts a word, not a unit.
    let words_after = [
        "年级",
        "年代",
        "周年",
        "家庭",
        "家长",
        "家属",
        "篇文章",
        "秒杀",
    ];
    if words_after.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    // Dates, clock times and names such as 八中 or 3路, unless a unit starts there (小时, 分钟,
    // 分半钟).
    let not_units = [
        '月', '日', '时', '点', '分', '中', '小', '楼', '线', '路', '届', '级',
    ];
    after.starts_with(not_units)
        && longest_unit(after).is_none_or(|u| u.chars() == 1)
        && !after.starts_with("分半")
}

/// A Chinese numeral (before its unit) is a quantity only as a word of its own, and not as
/// the article 一 (一所学校) when `plain`: before a measure word, with no magnitude, qualifier or
/// half inside it.
pub fn chinese_ok(text: &str, start: usize, end: usize, numeral: &Numeral, plain: bool) -> bool {
    if plain && numeral.value == 1.0 && numeral.len == '一'.len_utf8() {
        return false;
    }
    // 统一, 之一, 唯一: the numeral is the end of another word.
    let from = floor_char_boundary(text, start.saturating_sub(24));
    let clause_start = text[from..start]
        .rfind(['，', '。', '；', '、', '：'])
        .map_or(from, |i| from + i + 3);
    let clause_end = floor_char_boundary(text, (end + 12).min(text.len()));
    let clause = &text[clause_start..clause_end];
    let starts = super::segment::word_starts(clause);
    // 近百所: the segmenter may take the qualifier and the numeral as one word.
    let qualified = super::lexicon::BARE_MAGNITUDE_QUALIFIERS
        .iter()
        .find(|q| text[..start].ends_with(*q))
        .is_some_and(|q| {
            start - q.len() >= clause_start && starts.contains(&(start - q.len() - clause_start))
        });
    qualified || starts.contains(&(start - clause_start))
}

/// A duration that names a service rather than measuring something: 15分钟便民生活圈,
/// 24小时自助图书馆, 24小时热线.
pub fn names_a_service(unit: &str, after: &str) -> bool {
    if !matches!(unit, "小时" | "分钟" | "公里") {
        return false;
    }
    let phrase: String = after
        .chars()
        .take_while(|c| super::text::is_han(*c))
        .take(8)
        .collect();
    phrase.contains(['圈'])
        || phrase.contains("热线")
        || [
            "自助",
            "服务",
            "便民",
            "营业",
            "值守",
            "在线",
            "不打烊",
            "全天候",
            "图书馆",
        ]
        .iter()
        .any(|w| phrase.starts_with(w))
}

/// An age that says which people a count is of rather than measuring anyone: 60岁及以上老年人口,
/// 3岁以下婴幼儿, 0-3岁的婴幼儿, 65周岁以上老人; an age with nothing after it (寿命78.5岁) or
/// compared (78岁比上年) is a quantity.
pub fn an_age_band(unit: &str, after: &str) -> bool {
    if !matches!(unit, "岁" | "周岁") {
        return false;
    }
    let bound = ["及以上", "以上", "及以下", "以下", "以内", "之间"];
    let rest = bound
        .iter()
        .find_map(|b| after.strip_prefix(b))
        .unwrap_or(after);
    let rest = rest.strip_prefix('的').unwrap_or(rest);
    let comparing = [
        "比", "较", "增", "提", "高于", "低于", "延长", "左右", "和", "与", "、",
    ];
    rest.chars().next().is_some_and(super::text::is_han)
        && !comparing.iter().any(|w| rest.starts_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numeral_word_covers_any_of_its_characters() {
        let text = "推出一揽子措施";
        let start = text.find('一').expect("一");
        assert!(inside_numeral_word(text, start));
        assert!(!inside_numeral_word("一共3所", 0));
        assert!(inside_numeral_word("千家万户", "千家".len()));
    }

    #[test]
    fn sessions_and_phases_in_names_are_ordinals() {
        let at = |text: &str, number: &str| {
            let start = text.find(number).expect("number");
            before(text, start, start + number.len())
        };
        assert!(at("区十八届人大五次会议", "五"));
        assert!(at("市第四人民医院新院二期即将完工", "二"));
        assert!(!at("举办家长培训三期", "三"));
        assert!(!at("召开座谈会五次", "五"));
    }

    #[test]
    fn an_age_before_people_names_them() {
        assert!(an_age_band("岁", "及以上常住人口"));
        assert!(an_age_band("周岁", "以下的儿童"));
        assert!(an_age_band("岁", "婴幼儿"));
        assert!(!an_age_band("岁", "，比上年提高0.3岁"));
        assert!(!an_age_band("岁", "比上年提高"));
        assert!(!an_age_band("岁", "。"));
        assert!(!an_age_band("岁", ""));
        assert!(!an_age_band("人", "老年人"));
    }
}
