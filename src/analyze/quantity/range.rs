//! Ranges of numbers: 3至5万元, 30%—50%, 20~25岁.

use super::money::read_money;
use super::{magnitudes, read_chinese_decimal};
use crate::analyze::numerals::read_digits;

/// The separators of a range: 至, 到, dashes and tildes (also doubled: ——).
pub(super) fn range_separator(s: &str) -> Option<usize> {
    let sep = s
        .chars()
        .next()
        .filter(|c| matches!(c, '至' | '到' | '—' | '–' | '－' | '-' | '~' | '～' | '〜'))?;
    let mut len = sep.len_utf8();
    if s[len..].starts_with(['—', '-']) {
        len += s[len..].chars().next().map_or(0, char::len_utf8);
    }
    Some(len)
}

/// The end and value of `至5`, `—15`, `到69` after a lower bound.
pub(super) fn read_range_upper(text: &str, at: usize) -> Option<(usize, f64)> {
    let after = &text[at + range_separator(&text[at..])?..];
    let upper = read_digits(after).or_else(|| read_chinese_decimal(after))?;
    let end = text.len() - after.len() + upper.len;
    Some((end, upper.value))
}

/// A range with the unit written at both ends (3万元至5万元, 30%—50%): the length of what
/// follows the first unit, and the upper value in the units of the lower (magnitude applied).
pub(super) fn repeated_range(after: &str, written: &str) -> Option<(usize, f64)> {
    if written.is_empty() {
        return None;
    }
    let sep = range_separator(after)?;
    let upper = read_digits(&after[sep..]).or_else(|| read_chinese_decimal(&after[sep..]))?;
    let at = sep + upper.len;
    let (scale, magnitude_len) = magnitudes(&after[at..]);
    let rest = &after[at + magnitude_len..];
    // 5元6角至5元7角8分, 五块六到五块七毛八: money at both ends, in jiao and fen too.
    if written == "元" && magnitude_len == 0 {
        return read_money(rest)
            .filter(|money| money.scale == 1.0)
            .map(|money| (at + money.len, upper.value + money.add));
    }
    rest.starts_with(written)
        .then_some((at + magnitude_len + written.len(), upper.value * scale))
}
