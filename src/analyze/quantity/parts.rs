//! Numbers said in parts: digits with a smaller magnitude after the first (1万2千) and
//! estimates of two neighbouring digits (七八个, 2、3万).

use super::magnitudes;
use crate::analyze::numerals::{chinese_digit, digit, magnitude, read_digits, Form, Numeral};

/// Digits and a magnitude smaller than `scale` at the start of `s` (the 2千 of 1万2千): their
/// value and length.
pub(super) fn smaller_part(s: &str, scale: f64) -> Option<(f64, usize)> {
    let digits = read_digits(s).filter(|n| matches!(n.form, Form::Digits { .. }))?;
    let (part_scale, len) = magnitudes(&s[digits.len..]);
    (len > 0 && part_scale < scale).then(|| (digits.value * part_scale, digits.len + len))
}

/// Two neighbouring digits said together for an estimate (七八个, 一两天, 三四百): the lower
/// end as a numeral and the upper end. Read digit by digit they would be 78 or 34. (After
/// 十 they are not read so: 十四五 names a five-year plan.)
pub(super) fn neighbouring_digits(s: &str) -> Option<(Numeral, f64)> {
    let mut chars = s.char_indices().peekable();
    let (_, a) = chars.next()?;
    let (_, b) = chars.next()?;
    let (first, second) = (chinese_digit(a)?, chinese_digit(b)?);
    // 三两个 is two or three, said the other way round.
    let (low, high) = match (a, b) {
        ('三', '两') => (2, 3),
        _ => (first, second),
    };
    if low == 0 || high != low + 1 {
        return None;
    }
    let scale = chars
        .next_if(|&(_, m)| matches!(m, '十' | '百' | '千'))
        .and_then(|(_, m)| magnitude(m))
        .unwrap_or(1.0);
    let len = chars.peek().map_or(s.len(), |&(i, _)| i);
    let numeral = Numeral {
        value: f64::from(low) * scale,
        len,
        form: Form::Chinese { positional: false },
    };
    Some((numeral, f64::from(high) * scale))
}

/// Two neighbouring digits listed with a pause before a magnitude (2、3万, 两，三千): an
/// estimate as 两三万 is. Without the magnitude they are a list (1、2号楼).
pub(super) fn listed_neighbours(s: &str) -> Option<(Numeral, f64)> {
    let (numeral, high) = neighbour_pair(s)?;
    (magnitudes(&s[numeral.len..]).1 > 0).then_some((numeral, high))
}

/// Two neighbouring digits with a pause between them at the start of `s` (2、3, 两，三): the
/// lower as a numeral over the three characters, and the upper.
pub(super) fn neighbour_pair(s: &str) -> Option<(Numeral, f64)> {
    let mut chars = s.char_indices();
    let (_, a) = chars.next()?;
    let (_, pause) = chars.next()?;
    let (at, b) = chars.next()?;
    let low = digit(a).or_else(|| chinese_digit(a))?;
    let high = digit(b).or_else(|| chinese_digit(b))?;
    if !matches!(pause, '、' | '，' | ',') || low == 0 || high != low + 1 {
        return None;
    }
    let form = match digit(a) {
        Some(_) => Form::Digits {
            integer: true,
            digits: 1,
        },
        None => Form::Chinese { positional: false },
    };
    let numeral = Numeral {
        value: f64::from(low),
        len: at + b.len_utf8(),
        form,
    };
    Some((numeral, f64::from(high)))
}
