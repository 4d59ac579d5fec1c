//! Finding quantities in Chinese text: the number, its magnitude, unit and qualifiers, and
//! the numbers that are not quantities (years, dates, times, names, ordinals, slogans).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::lexicon::{
    simplify_unit, Qualifier, LEADING_QUALIFIERS, NUMERAL_WORDS, PEOPLE_NOUNS, TRAILING_QUALIFIERS,
    UNITS,
};
use super::numerals::{chinese_digit, digit, magnitude, read_chinese, read_digits, Form, Numeral};
use super::text::floor_char_boundary;

/// A quantity found in a text: byte range (qualifiers included), normalised value and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    /// Where the number itself starts (after a leading qualifier).
    pub number_start: usize,
    pub value: f64,
    pub unit: String,
    pub qualifier: Qualifier,
}

/// Every quantity in `text`, in order.
pub fn scan(text: &str) -> Vec<Quantity> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if starts_number(text, i, c) {
            if let Some(q) = read_quantity(text, i) {
                i = q.end;
                found.push(q);
                continue;
            }
            // Skip the rest of this run of numerals: its tail is not a number of its own.
            i += numeral_run_len(&text[i..]).max(c.len_utf8());
            continue;
        }
        i += c.len_utf8();
    }
    found
}

fn numeral_run_len(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| {
            !(digit(c).is_some()
                || chinese_digit(c).is_some()
                || magnitude(c).is_some()
                || c == '.'
                || c == ',')
        })
        .map_or(s.len(), |(i, _)| i)
}

fn starts_number(text: &str, i: usize, c: char) -> bool {
    if digit(c).is_some() || chinese_digit(c).is_some() || c == '十' {
        return true;
    }
    // 百分之五, 千分之三, 百余, 千万…
    let after = &text[i + c.len_utf8()..];
    (c == '百' || c == '千')
        && (after.starts_with("分之") || after.starts_with(['余', '多', '万', '亿']))
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// A number with its value scaled by magnitudes and fractions, before the unit.
struct Number {
    value: f64,
    end: usize,
    numeral: Numeral,
    inner: Option<Qualifier>,
    magnitude: bool,
    range: bool,
    unit: Option<&'static str>,
}

fn read_quantity(text: &str, start: usize) -> Option<Quantity> {
    if let Some(q) = read_per_mille(text, start) {
        return Some(q);
    }
    let number = read_number(text, start)?;
    if excluded_before(text, start, &number) {
        return None;
    }
    let mut end = number.end;
    let mut unit: String = number.unit.map(str::to_string).unwrap_or_default();
    let mut value = number.value;
    if unit.is_empty() {
        let after = &text[end..];
        if excluded_after(&number, after) {
            return None;
        }
        if let Some(sign) = after
            .chars()
            .next()
            .filter(|c| matches!(c, '%' | '％' | '‰'))
        {
            unit = if sign == '‰' {
                "‰".into()
            } else {
                "%".into()
            };
            end += sign.len_utf8();
        } else if after.starts_with('成') && value <= 10.0 && !after[3..].starts_with(CHENG_WORDS)
        {
            unit = "%".into();
            value *= 10.0;
            end += '成'.len_utf8();
        } else if let Some(u) = longest_unit(after) {
            if u == "年" && !number.range && !after[3..].starts_with("时间") {
                return None; // a year or a period (近5年, 3年来), not a quantity
            }
            if names_a_service(u, &after[u.len()..]) {
                return None; // “15分钟生活圈”, 24小时热线
            }
            unit = simplify_unit(u);
            end += u.len();
        } else if (number.magnitude || matches!(number.numeral.form, Form::Digits { .. }))
            && people_follow(after)
        {
            unit = "人".into();
        } else if !number.magnitude {
            return None;
        }
    }
    if matches!(number.numeral.form, Form::Chinese { .. })
        && !chinese_quantity_ok(text, start, &number, &unit)
    {
        return None;
    }
    Some(qualified(text, start, end, value, unit, number.inner))
}

/// The quantity of the number written at `start..end`, widened to the qualifiers before and
/// after it; `inner` is a qualifier written inside it (9000余万元).
fn qualified(
    text: &str,
    start: usize,
    end: usize,
    value: f64,
    unit: String,
    inner: Option<Qualifier>,
) -> Quantity {
    let (trailing, trailing_len) = trailing_qualifier(&text[end..]);
    let (leading, qualified_start) = leading_qualifier(text, start);
    Quantity {
        start: qualified_start,
        end: end + trailing_len,
        number_start: start,
        value: round(value),
        unit,
        qualifier: leading.or(inner).or(trailing).unwrap_or(Qualifier::Exact),
    }
}

/// Words starting with 成 after a number that do not mean tenths (3成为, 建成…).
const CHENG_WORDS: &[char] = &[
    '为', '功', '立', '本', '果', '员', '效', '绩', '就', '熟', '长', '交', '型', '都', '品', '年',
    '人', '了',
];

/// `百分之八十五`, `百分之85`, `千分之三`, and Chinese fractions `三分之一`.
fn read_per_mille(text: &str, start: usize) -> Option<Quantity> {
    let rest = &text[start..];
    let (prefix, unit) = if rest.starts_with("百分之") {
        ("百分之", "%")
    } else if rest.starts_with("千分之") {
        ("千分之", "‰")
    } else {
        let denominator = read_chinese(rest).or_else(|| read_digits(rest))?;
        let numerator_at = denominator.len + "分之".len();
        if !rest[denominator.len..].starts_with("分之") || denominator.value == 0.0 {
            return None;
        }
        let numerator =
            read_chinese(&rest[numerator_at..]).or_else(|| read_digits(&rest[numerator_at..]))?;
        let end = start + numerator_at + numerator.len;
        let value = numerator.value / denominator.value;
        return Some(qualified(text, start, end, value, "ratio".into(), None));
    };
    let at = start + prefix.len();
    let number = read_chinese_decimal(&text[at..]).or_else(|| read_digits(&text[at..]))?;
    Some(qualified(
        text,
        start,
        at + number.len,
        number.value,
        unit.into(),
        None,
    ))
}

/// A Chinese numeral with an optional decimal part written with 点: `九点五` = 9.5.
fn read_chinese_decimal(s: &str) -> Option<Numeral> {
    let mut numeral = read_chinese(s)?;
    let rest = &s[numeral.len..];
    if let Some(after) = rest.strip_prefix('点') {
        let digits: Vec<u32> = after.chars().map_while(chinese_digit).collect();
        if !digits.is_empty() {
            let fraction = digits
                .iter()
                .rev()
                .fold(0.0, |acc, &d| (acc + d as f64) / 10.0);
            numeral.value += fraction;
            numeral.len += '点'.len_utf8() + digits.len() * 3;
        }
    }
    Some(numeral)
}

fn read_number(text: &str, start: usize) -> Option<Number> {
    let rest = &text[start..];
    let numeral = match read_digits(rest) {
        Some(n) => n,
        None => read_chinese_decimal(rest).or_else(|| {
            // 百余家, 千余人: a bare magnitude before 余/多.
            let c = rest.chars().next()?;
            Some(Numeral {
                value: magnitude(c)?,
                len: c.len_utf8(),
                form: Form::Chinese { positional: false },
            })
        })?,
    };
    let mut end = start + numeral.len;
    let mut value = numeral.value;
    // 1/2
    if matches!(numeral.form, Form::Digits { .. }) && text[end..].starts_with('/') {
        let denominator = read_digits(&text[end + 1..])?;
        if denominator.value == 0.0 {
            return None;
        }
        return Some(Number {
            value: value / denominator.value,
            end: end + 1 + denominator.len,
            numeral,
            inner: None,
            magnitude: false,
            range: false,
            unit: Some("ratio"),
        });
    }
    let mut inner = None;
    let mut has_magnitude = false;
    for _ in 0..2 {
        if let Some(c) = text[end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '余' | '多'))
        {
            inner = Some(Qualifier::Over);
            end += c.len_utf8();
        }
        let (scale, len) = magnitudes(&text[end..]);
        if len > 0 {
            value *= scale;
            end += len;
            has_magnitude = true;
        }
    }
    let mut range = false;
    if let Some((upper_end, _)) = read_range_upper(text, end) {
        // The unit follows the upper bound; the value is the lower bound.
        range = true;
        end = upper_end;
        let (scale, len) = magnitudes(&text[end..]);
        if len > 0 && !has_magnitude {
            value *= scale;
            has_magnitude = true;
        }
        end += len;
    }
    Some(Number {
        value,
        end,
        numeral,
        inner,
        magnitude: has_magnitude,
        range,
        unit: None,
    })
}

/// Magnitude characters after a number (`万`, `亿`, `万亿`, `千万`), unless they begin a unit
/// such as 千米 or 百分点.
fn magnitudes(s: &str) -> (f64, usize) {
    let mut scale = 1.0;
    let mut len = 0;
    for c in s.chars() {
        let Some(m) = magnitude(c) else { break };
        if m < 1e3 && len == 0 {
            break; // 十 and 百 after digits are not written as magnitudes
        }
        if longest_unit(&s[len..]).is_some_and(|u| u.chars().count() > 1) {
            break;
        }
        scale *= m;
        len += c.len_utf8();
    }
    (scale, len)
}

/// The end of `至5`, `—15`, `到69` after a lower bound.
fn read_range_upper(text: &str, at: usize) -> Option<(usize, f64)> {
    let rest = &text[at..];
    let sep = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '至' | '到' | '—' | '–' | '－' | '-' | '~' | '～'))?;
    let after = &rest[sep.len_utf8()..];
    let after = after.strip_prefix('—').unwrap_or(after);
    let upper = read_digits(after).or_else(|| read_chinese(after))?;
    let end = text.len() - after.len() + upper.len;
    Some((end, upper.value))
}

fn longest_unit(s: &str) -> Option<&'static str> {
    let first = s.chars().next()?;
    units_by_first_char()
        .get(&first)?
        .iter()
        .filter(|u| s.starts_with(**u))
        .max_by_key(|u| u.len())
        .copied()
}

/// The units by their first character: most text after a number starts no unit at all.
fn units_by_first_char() -> &'static FxHashMap<char, Vec<&'static str>> {
    static UNITS_BY_FIRST: OnceLock<FxHashMap<char, Vec<&'static str>>> = OnceLock::new();
    UNITS_BY_FIRST.get_or_init(|| {
        let mut by_first: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
        for unit in UNITS {
            if let Some(first) = unit.chars().next() {
                by_first.entry(first).or_default().push(unit);
            }
        }
        by_first
    })
}

fn people_follow(after: &str) -> bool {
    let window: String = after.chars().take(8).collect();
    PEOPLE_NOUNS.iter().any(|noun| {
        window.find(noun).is_some_and(|i| {
            // Only a few modifier characters may stand between the number and the noun.
            window[..i].chars().count() <= 4
                && !window[..i].contains(['，', '、', '。', '；', '和', '与', '的'])
        })
    })
}

/// A duration that names a service rather than measuring something: 15分钟便民生活圈,
/// 24小时自助图书馆, 24小时热线.
fn names_a_service(unit: &str, after: &str) -> bool {
    if !matches!(unit, "小时" | "分钟" | "公里") {
        return false;
    }
    let phrase: String = after
        .chars()
        .take_while(|c| super::glossary::is_han(*c))
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

/// Numbers that are not quantities, judged by what stands before them.
fn excluded_before(text: &str, start: usize, number: &Number) -> bool {
    let prev = prev_char(text, start);
    if prev.is_some_and(|c| {
        c == '第'
            || c == '每'
            || c.is_ascii_alphanumeric()
            || matches!(c, '+' | '＋' | '.' | '／' | '/' | '#' | '-')
    }) {
        return true;
    }
    // A number in brackets is a list or class number: （1）, 三年级(1)班.
    if prev.is_some_and(|c| c == '(' || c == '（') && text[number.end..].starts_with([')', '）'])
    {
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

fn inside_numeral_word(text: &str, start: usize) -> bool {
    NUMERAL_WORDS.iter().any(|word| {
        // Every place the word could start and still cover `start`.
        (start.saturating_sub(word.len() - 1)..=start)
            .any(|at| text.get(at..at + word.len()) == Some(*word))
    })
}

/// Numbers that are not quantities, judged by what follows them: years, dates, times, codes.
fn excluded_after(number: &Number, after: &str) -> bool {
    let mut chars = after.chars();
    let next = chars.next();
    if next.is_some_and(|c| {
        c.is_ascii_alphabetic() || matches!(c, '+' | '＋' | '.' | '#' | '号' | '后')
    }) {
        return true;
    }
    // 8:30
    if next.is_some_and(|c| c == ':' || c == '：')
        && chars.next().is_some_and(|c| digit(c).is_some())
    {
        return true;
    }
    let year_like = match number.numeral.form {
        Form::Digits {
            integer: true,
            digits: 4,
        } => (1000.0..=2100.0).contains(&number.value),
        Form::Chinese { positional: true } => number.numeral.len >= 12,
        _ => false,
    };
    if year_like && !number.magnitude && after.starts_with(['年', '-', '—', '－', '至', '/']) {
        return true;
    }
    // 年级, 百万家庭, 三篇文章: the character after the number starts a word, not a unit.
    let words_after = ["年级", "年代", "周年", "家庭", "家长", "家属", "篇文章"];
    if words_after.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    // Dates, clock times and names such as 八中 or 3路, unless a unit starts there (小时, 分钟).
    let not_units = [
        '月', '日', '时', '点', '分', '秒', '中', '小', '楼', '线', '路', '届', '级',
    ];
    after.starts_with(not_units) && longest_unit(after).is_none_or(|u| u.chars().count() == 1)
}

/// Chinese numerals are quantities only with a unit, as a word of their own, and not as the
/// article 一 (一所学校).
fn chinese_quantity_ok(text: &str, start: usize, number: &Number, unit: &str) -> bool {
    if unit.is_empty() {
        return false;
    }
    if number.numeral.value == 1.0
        && number.numeral.len == '一'.len_utf8()
        && number.inner.is_none()
        && !number.magnitude
    {
        return false;
    }
    // 统一, 之一, 唯一: the numeral is the end of another word.
    let from = floor_char_boundary(text, start.saturating_sub(60));
    let clause_start = text[from..start]
        .rfind(['，', '。', '；', '、', '：'])
        .map_or(from, |i| from + i + 3);
    let clause_end = floor_char_boundary(text, (number.end + 12).min(text.len()));
    let clause = &text[clause_start..clause_end];
    super::segment::word_starts(clause).contains(&(start - clause_start))
}

fn leading_qualifier(text: &str, start: usize) -> (Option<Qualifier>, usize) {
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
        _ => false,
    }
}

fn trailing_qualifier(after: &str) -> (Option<Qualifier>, usize) {
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

/// Values carry no more digits than were written: 19.26e8 stays 1926000000, not 1925999999.99.
fn round(value: f64) -> f64 {
    if value.abs() >= 1.0 {
        (value * 1e6).round() / 1e6
    } else {
        (value * 1e9).round() / 1e9
    }
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

    fn one(text: &str) -> (String, f64, String, Qualifier) {
        let found = scan(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let q = &found[0];
        (
            text[q.start..q.end].to_string(),
            q.value,
            q.unit.clone(),
            q.qualifier,
        )
    }

    #[test]
    fn forms_of_numbers() {
        assert_eq!(
            one("投入资金9000余万元，"),
            ("9000余万元".into(), 9e7, "元".into(), Qualifier::Over)
        );
        assert_eq!(
            one("先后投入近19.26亿元"),
            (
                "近19.26亿元".into(),
                1.926e9,
                "元".into(),
                Qualifier::Nearly
            )
        );
        assert_eq!(
            one("压减作业总量1/2以上"),
            ("1/2以上".into(), 0.5, "ratio".into(), Qualifier::AtLeast)
        );
        assert_eq!(
            one("满意度96.16%"),
            ("96.16%".into(), 96.16, "%".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("达7成以上"),
            ("7成以上".into(), 70.0, "%".into(), Qualifier::AtLeast)
        );
        assert_eq!(
            one("新增学位5.3万个"),
            ("5.3万个".into(), 53000.0, "个".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("提高6个百分点"),
            ("6个百分点".into(), 6.0, "个百分点".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("有1.4万留守老人"),
            ("1.4万".into(), 14000.0, "人".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("新增就业159,670人"),
            ("159,670人".into(), 159670.0, "人".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("共１２所"),
            ("１２所".into(), 12.0, "所".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("一千二百名教师"),
            ("一千二百名".into(), 1200.0, "名".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("百分之八十五"),
            ("百分之八十五".into(), 85.0, "%".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("60至69周岁老人"),
            ("60至69周岁".into(), 60.0, "周岁".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("用3至5年时间"),
            ("3至5年".into(), 3.0, "年".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("总额1.1万亿元"),
            ("1.1万亿元".into(), 1.1e12, "元".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("建成寄宿制学校35所"),
            ("35所".into(), 35.0, "所".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("开设课程100余门"),
            ("100余门".into(), 100.0, "门".into(), Qualifier::Over)
        );
        assert_eq!(
            one("课题20多个"),
            ("20多个".into(), 20.0, "个".into(), Qualifier::Over)
        );
        assert_eq!(
            one("失业率5.5%以内"),
            ("5.5%以内".into(), 5.5, "%".into(), Qualifier::AtMost)
        );
        assert_eq!(
            one("不低于60%"),
            ("不低于60%".into(), 60.0, "%".into(), Qualifier::AtLeast)
        );
        assert_eq!(
            one("月均400元左右"),
            ("400元左右".into(), 400.0, "元".into(), Qualifier::Nearly)
        );
        assert_eq!(
            one("每千人口执业医师3.6人"),
            ("3.6人".into(), 3.6, "人".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("床位1000張"),
            ("1000張".into(), 1000.0, "张".into(), Qualifier::Exact)
        );
        assert_eq!(
            one("两万余人"),
            ("两万余人".into(), 20000.0, "人".into(), Qualifier::Over)
        );
        assert_eq!(
            one("累计签约32万余人"),
            ("32万余人".into(), 320000.0, "人".into(), Qualifier::Over)
        );
    }

    #[test]
    fn not_quantities() {
        for text in [
            "2021年，",
            "4月18日",
            "下午4点",
            "重庆八中",
            "三年级(1)班",
            "5G基站",
            "“十三五”期间",
            "“3815”战略",
            "“1+4+5+N”",
            "创成三甲",
            "第3届",
            "近5年来",
            "3年来",
            "千家万户",
            "建成了一所学校",
            "8:30开始",
            "惠及百万家庭",
            "做好三篇文章",
            "2022年5月7日",
            "十四五规划",
            "“四门”服务",
        ] {
            assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
        }
    }
}
