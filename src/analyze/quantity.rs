//! Finding quantities in Chinese text: the number (with its sign, magnitude and range), its
//! unit and its qualifiers. What is not a quantity is judged in `exclude`.
//!
//! The grammar: digits (ASCII, full-width, with separators) or Chinese numerals (also the
//! formal ones of money, 壹仟玖佰); 万/亿 magnitudes; 余/多 inside; a sign (负0.2, -22.2%); a
//! range (3至5万元, 30%—50%); percent, per mille and per ten thousand (百分之, 千分之, 万分之,
//! %, ‰, ‱); fractions (1/2, 三分之一); tenths (7成, 三成半) and discounts (七五折); money
//! in yuan, jiao and fen (50元6角3分, 3块5毛) or another currency; a half after the unit
//! (一吨半, 一个半小时) or before it (半吨); shares said in words (对折, 半成); and any unit of
//! `units`, also a space after the digits (12 所); numbers listed before one unit share it
//! (3.2和2.7个百分点).

mod listed;
mod money;
mod parts;
mod qualifiers;
mod range;
mod spaces;
mod unit;

use super::exclude;
use super::lexicon::{Qualifier, BARE_MAGNITUDE_QUALIFIERS};
use super::numerals::{
    chinese_digit, digit, magnitude, read_chinese, read_digits, tens, Form, Numeral,
};
use super::units::{currency_before, currency_sign, longest_unit, temperature_before, Class};
use crate::model::Kind;
use listed::shared_unit;
use parts::{listed_neighbours, neighbouring_digits, smaller_part};
use qualifiers::{leading_qualifier, trailing_qualifier};
use range::{range_separator, read_range_upper, repeated_range};
use spaces::without_spaces_in_numbers;
use unit::{minutes_and_seconds, read_unit, ReadUnit};

/// A quantity found in a text: byte range (qualifiers included), normalised value and unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    /// Where the number itself starts (after a leading qualifier).
    pub number_start: usize,
    pub value: f64,
    /// The upper end of a range; `value` is its lower end.
    pub value_max: Option<f64>,
    pub unit: String,
    pub qualifier: Qualifier,
}

impl Quantity {
    /// Its qualifier as a reader takes it in a figure of `kind`; `text` is what its offsets
    /// point into. A range written without one bounds the figure both ways (35-64岁: at least
    /// 35, at most `value_max`). 超 and 以上 set a floor in a target (超200个 to build: at
    /// least) and report an excess in an achievement (八成以上 done: over), except where 以上
    /// bounds a class (8万元以上的村, 60岁以上).
    pub fn qualifier_in(&self, kind: Kind, text: &str) -> Qualifier {
        let written = text.get(self.start..self.end).unwrap_or_default();
        let bounds_class = self.unit.ends_with('岁')
            || text
                .get(self.end..)
                .is_some_and(|after| after.starts_with('的'));
        match (self.qualifier, kind) {
            (Qualifier::Exact, _) if self.value_max.is_some() => Qualifier::AtLeast,
            (Qualifier::Over, Kind::Target) if written.starts_with('超') => Qualifier::AtLeast,
            (Qualifier::AtLeast, Kind::Actual) if written.ends_with("以上") && !bounds_class => {
                Qualifier::Over
            }
            (qualifier, _) => qualifier,
        }
    }
}

/// Every quantity in `text`, in order.
pub fn scan(text: &str) -> Vec<Quantity> {
    let Some((compact, map)) = without_spaces_in_numbers(text) else {
        return scan_compact(text);
    };
    // Positions found in the text without spaces, mapped back to the text as written.
    let at = |i: usize| map.get(i).copied().unwrap_or(text.len());
    let ends_at = |end: usize| end.checked_sub(1).map_or(0, |last| at(last) + 1);
    scan_compact(&compact)
        .into_iter()
        .map(|q| Quantity {
            start: at(q.start),
            end: ends_at(q.end),
            number_start: at(q.number_start),
            ..q
        })
        .collect()
}

/// Every quantity in `text`, where no space stands inside a number.
fn scan_compact(text: &str) -> Vec<Quantity> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let worded = match c {
            '对' | '對' => worded_share(text, i),
            '半' => worded_share(text, i).or_else(|| half_of_a_unit(text, i)),
            _ => None,
        };
        if let Some(q) = worded {
            i = q.end;
            found.push(q);
            continue;
        }
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

/// A share said without a number: 对折 and 半折 (half price, 50%), 半成 (5%); not 半成品.
fn worded_share(text: &str, start: usize) -> Option<Quantity> {
    const SHARES: [(&str, f64); 4] = [
        ("对折", 50.0),
        ("對折", 50.0),
        ("半折", 50.0),
        ("半成", 5.0),
    ];
    let rest = &text[start..];
    let &(word, value) = SHARES.iter().find(|(word, _)| rest.starts_with(word))?;
    let after = &rest[word.len()..];
    if after.starts_with(['品', '叠', '疊']) {
        return None;
    }
    Some(qualified(
        text,
        start,
        start + word.len(),
        value,
        "%".into(),
        None,
    ))
}

/// 半 as the number of a physical unit or of days, hours and months (半吨, 半公升, 半天,
/// 半小时, 半个月);
/// not in 上半年, 减半 or 大半, nor where the unit is a measure word (半个世纪).
fn half_of_a_unit(text: &str, start: usize) -> Option<Quantity> {
    const NOT_AFTER: &[char] = &[
        '上', '下', '前', '后', '多', '大', '过', '减', '一', '每', '近',
    ];
    if text[..start].ends_with(NOT_AFTER) {
        return None;
    }
    let at = start + '半'.len_utf8();
    let unit = longest_unit(&text[at..])
        .filter(|u| u.class == Class::Measure || matches!(u.recorded, "小时" | "个月" | "天"))?;
    let end = at + unit.written.len();
    if exclude::names_a_service(unit.recorded, &text[end..]) {
        return None;
    }
    Some(qualified(text, start, end, 0.5, unit.recorded.into(), None))
}

/// The length of the run of numerals `s` starts with, digits or Chinese numerals (找零5毛:
/// the 5 after the numeral 零 is a number of its own).
fn numeral_run_len(s: &str) -> usize {
    let chinese = s.chars().next().is_some_and(|c| digit(c).is_none());
    s.char_indices()
        .find(|&(_, c)| {
            let same = if chinese {
                chinese_digit(c).is_some() || magnitude(c).is_some()
            } else {
                digit(c).is_some() || c == '.' || c == ','
            };
            !same
        })
        .map_or(s.len(), |(i, _)| i)
}

fn starts_number(text: &str, i: usize, c: char) -> bool {
    if digit(c).is_some()
        || chinese_digit(c).is_some()
        || tens(c).is_some()
        || matches!(c, '十' | '拾')
    {
        return true;
    }
    let after = &text[i + c.len_utf8()..];
    if matches!(c, '负' | '-' | '－' | '−') && sign(text, i).is_some() {
        return true;
    }
    if !matches!(c, '百' | '千' | '万') {
        return false;
    }
    // 近百所, 约千人: a bare magnitude after a qualifier, counting things.
    let qualified = BARE_MAGNITUDE_QUALIFIERS
        .iter()
        .any(|q| text[..i].ends_with(q))
        && longest_unit(after).is_some();
    // 百分之五, 千分之三, 万分之二, 百余, 万余, 千万…
    qualified
        || after.starts_with("分之")
        || after.starts_with('余')
        || (c != '万' && after.starts_with(['多', '万', '亿']))
}

/// The length of a minus sign at `i` (负, 零下 "below zero", -, －, −) that stands before a
/// number: not after a digit or letter, where a dash joins two numbers or is part of a code.
fn sign(text: &str, i: usize) -> Option<usize> {
    let c = text[i..].chars().next()?;
    let len = match c {
        '零' if text[i..].starts_with("零下") => "零下".len(),
        '负' | '-' | '－' | '−' => c.len_utf8(),
        _ => return None,
    };
    let after = text[i + len..].chars().next()?;
    let worded = matches!(c, '负' | '零');
    // 负百分之五: a worded sign before a worded percentage too.
    let worded_number = chinese_digit(after).is_some() || magnitude(after).is_some();
    let number_follows = digit(after).is_some() || (worded && worded_number);
    let joins = text[..i]
        .chars()
        .next_back()
        .is_some_and(|p| p.is_alphanumeric() && !super::text::is_han(p));
    (number_follows && !joins).then_some(len)
}

/// A number with its value scaled by magnitudes and fractions, before the unit.
/// Bases a rate is given per after a slash, and the unit recorded.
const PER_BASES: [(&str, &str); 3] = [("10万", "/10万"), ("万", "/万"), ("千", "‰")];

struct Number {
    value: f64,
    value_max: Option<f64>,
    end: usize,
    numeral: Numeral,
    inner: Option<Qualifier>,
    magnitude: bool,
    unit: Option<&'static str>,
}

fn read_quantity(text: &str, start: usize) -> Option<Quantity> {
    let (negative, at) = match sign(text, start) {
        Some(len) => (true, start + len),
        None => (false, start),
    };
    let mut q = match read_fraction(text, at) {
        Some(q) => q,
        None => read_with_unit(text, start, at)?,
    };
    if negative {
        q.value = -q.value;
        q.value_max = q.value_max.map(|v| -v);
        q.start = q.start.min(start);
        q.number_start = start;
    }
    Some(q)
}

/// The quantity of the number at `start`, written after a sign at `signed` (or `start`).
fn read_with_unit(text: &str, signed: usize, start: usize) -> Option<Quantity> {
    let number = read_number(text, start)?;
    if exclude::before(text, signed, number.end) {
        return None;
    }
    let mut end = number.end;
    let mut value = number.value;
    let mut value_max = number.value_max;
    let mut unit = number.unit.unwrap_or_default().to_string();
    // Whether a lone 一 would be the article: before a measure word, with nothing added.
    let mut article = true;
    let mut named_len = 0;
    let after = &text[end..];
    if unit.is_empty() {
        // 5分30秒 is a duration, though 分 alone would make the number a clock's.
        let duration = minutes_and_seconds(after);
        if duration.is_none() && exclude::after(&number.numeral, number.magnitude, after) {
            return None;
        }
        let read = match duration.or_else(|| read_unit(&number, after)) {
            Some(read) => read,
            None => {
                let before = &text[..signed];
                match currency_sign(before) {
                    Some(currency) => ReadUnit::plain(currency, 0),
                    // 人民币3.25: the currency's name is the figure's unit, and part of it.
                    None => match currency_before(before) {
                        Some(named) => {
                            named_len = named.written.len();
                            ReadUnit::plain(named.recorded, 0)
                        }
                        // 3.2和2.7个百分点: the unit the list's last number has.
                        None => shared_unit(text, end)?,
                    },
                }
            }
        };
        // 3.2万、4.5万人: a bare magnitude takes the unit of the list it is in.
        let read = match read.unit.is_empty() {
            true => shared_unit(text, end).unwrap_or(read),
            false => read,
        };
        unit = read.unit;
        value = value * read.scale + read.add;
        value_max = value_max.map(|v| v * read.scale + read.add);
        end += read.len;
        if let Some((len, upper)) = repeated_range(&text[end..], &read.written) {
            value_max = Some(upper * read.scale);
            end += len;
        }
        article = read.counts && read.add == 0.0;
    }
    // 新台币3000元, 华氏98.6度: the currency or scale named before the number.
    let named_before = match unit.as_str() {
        "元" => currency_before(&text[..signed]).map(|u| u.recorded),
        "度" if text[signed..start].starts_with("零下") => Some("℃"),
        "度" => temperature_before(&text[..signed]),
        _ => None,
    };
    if let Some(named) = named_before {
        unit = named.to_string();
    }
    if matches!(number.numeral.form, Form::Chinese { .. }) {
        let plain = number.inner.is_none() && !number.magnitude && article;
        if unit.is_empty() || !exclude::chinese_ok(text, start, number.end, &number.numeral, plain)
        {
            return None;
        }
    }
    let mut q = qualified(text, signed - named_len, end, value, unit, number.inner);
    q.number_start = start;
    q.value_max = value_max.map(round);
    Some(q)
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
        value_max: None,
        unit,
        qualifier: leading.or(inner).or(trailing).unwrap_or(Qualifier::Exact),
    }
}

/// `百分之八十五`, `千分之三`, `万分之五`, and fractions `三分之一`.
fn read_fraction(text: &str, start: usize) -> Option<Quantity> {
    let rest = &text[start..];
    let per = [("百分之", "%"), ("千分之", "‰"), ("万分之", "‱")]
        .into_iter()
        .find(|(prefix, _)| rest.starts_with(prefix));
    let Some((prefix, unit)) = per else {
        let denominator = read_chinese(rest).or_else(|| read_digits(rest))?;
        // 四分之一, and 四分一 before a physical unit (四分一升).
        let zhi = if rest[denominator.len..].starts_with("分之") {
            "分之"
        } else {
            "分"
        };
        let numerator_at = denominator.len + zhi.len();
        if !rest[denominator.len..].starts_with(zhi) || denominator.value == 0.0 {
            return None;
        }
        let numerator =
            read_chinese(&rest[numerator_at..]).or_else(|| read_digits(&rest[numerator_at..]))?;
        let mut end = start + numerator_at + numerator.len;
        let value = numerator.value / denominator.value;
        // 四分之一公升: a fraction of a unit.
        let unit = match longest_unit(&text[end..]).filter(|u| u.class != Class::Count) {
            Some(unit) => {
                end += unit.written.len();
                unit.recorded
            }
            None if zhi == "分之" => "ratio",
            None => return None,
        };
        return Some(qualified(text, start, end, value, unit.into(), None));
    };
    let at = start + prefix.len();
    let read = |at: usize| read_chinese_decimal(&text[at..]).or_else(|| read_digits(&text[at..]));
    let number = read(at)?;
    let mut end = at + number.len;
    // 百分之二十五到三十, 百分之二十五至百分之三十: both ends.
    let upper = range_separator(&text[end..]).and_then(|len| {
        let from = end + len;
        let from = from
            + text[from..]
                .strip_prefix(prefix)
                .map_or(0, |_| prefix.len());
        read(from).map(|upper| (from + upper.len, upper.value))
    });
    if let Some((upper_end, _)) = upper {
        end = upper_end;
    }
    let mut q = qualified(text, start, end, number.value, unit.into(), None);
    q.value_max = upper.map(|(_, value)| round(value));
    Some(q)
}

/// The numeral before a unit that starts with a magnitude (一百千瓦, 五十兆字节), where the
/// whole run would not be a number.
fn before_prefixed_unit(s: &str) -> Option<Numeral> {
    let (at, _) = s
        .char_indices()
        .skip(1)
        .take_while(|&(_, c)| chinese_digit(c).is_some() || magnitude(c).is_some())
        .find(|&(i, c)| {
            magnitude(c).is_some() && longest_unit(&s[i..]).is_some_and(|u| u.chars() > 1)
        })?;
    read_chinese(&s[..at])
}

/// A Chinese numeral with an optional decimal part written with 点: `九点五` = 9.5.
fn read_chinese_decimal(s: &str) -> Option<Numeral> {
    let mut numeral = read_chinese(s).or_else(|| before_prefixed_unit(s))?;
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
    let listed = listed_neighbours(rest);
    let estimate = listed.or_else(|| neighbouring_digits(rest));
    let numeral = match listed.map(|(n, _)| n).or_else(|| read_digits(rest)) {
        Some(n) => n,
        None => match estimate {
            Some((numeral, _)) => numeral,
            None => read_chinese_decimal(rest).or_else(|| {
                // 百余家, 千余人: a bare magnitude before 余/多.
                let c = rest.chars().next()?;
                Some(Numeral {
                    value: magnitude(c)?,
                    len: c.len_utf8(),
                    form: Form::Chinese { positional: false },
                })
            })?,
        },
    };
    let mut end = start + numeral.len;
    let mut value = numeral.value;
    // 1/2
    if matches!(numeral.form, Form::Digits { .. }) && text[end..].starts_with('/') {
        // 8.6/10万: a rate per 100,000, as mortality is given.
        if let Some((base, unit)) = PER_BASES
            .iter()
            .find(|(b, _)| text[end + 1..].starts_with(b))
        {
            return Some(Number {
                value,
                value_max: None,
                end: end + 1 + base.len(),
                numeral,
                inner: None,
                magnitude: false,
                unit: Some(unit),
            });
        }
        let denominator = read_digits(&text[end + 1..])?;
        if denominator.value == 0.0 {
            return None;
        }
        return Some(Number {
            value: value / denominator.value,
            value_max: None,
            end: end + 1 + denominator.len,
            numeral,
            inner: None,
            magnitude: false,
            unit: Some("ratio"),
        });
    }
    let mut inner = None;
    let mut has_magnitude = false;
    for _ in 0..2 {
        // 几 after tens or a magnitude is 多: 十几个, 二十几万元.
        let tens_before = text[..end].ends_with(['十', '百', '千', '万']);
        if let Some(c) = text[end..]
            .chars()
            .next()
            .filter(|&c| matches!(c, '余' | '多') || (c == '几' && tens_before))
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
    // 1万2千元, 2亿3千万: a part below the magnitude, in digits with a smaller one.
    if let Some((part, len)) = has_magnitude
        .then(|| smaller_part(&text[end..], value / numeral.value))
        .flatten()
    {
        value += part;
        end += len;
    }
    // 七八万: the upper end of the estimate, scaled as the lower.
    let mut value_max = estimate.map(|(numeral, high)| high * value / numeral.value);
    if let Some((upper_end, upper)) = read_range_upper(text, end).filter(|_| estimate.is_none()) {
        // The unit follows the upper bound; the value is the lower bound.
        end = upper_end;
        let (scale, len) = magnitudes(&text[end..]);
        let mut upper_value = upper * if len > 0 { scale } else { 1.0 };
        if len > 0 && !has_magnitude {
            value *= scale;
            has_magnitude = true;
        } else if len == 0 && has_magnitude {
            // 3万至5万元 has both; 3至5万元 scales both ends by the one after the range.
            upper_value *= value / numeral.value.max(f64::MIN_POSITIVE);
        }
        end += len;
        value_max = Some(upper_value);
    }
    Some(Number {
        value,
        value_max,
        end,
        numeral,
        inner,
        magnitude: has_magnitude,
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
        if longest_unit(&s[len..]).is_some_and(|u| u.chars() > 1) || s[len..].starts_with("分之")
        {
            break;
        }
        scale *= m;
        len += c.len_utf8();
    }
    (scale, len)
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
mod tests;
