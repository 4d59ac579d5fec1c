//! Full dates in a raw report: 2023年5月12日, 2023-05-12, 2023.5.12 or 2023/5/12.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

/// The first full date of the text: 2023年5月12日, 2023-05-12, 2023.5.12 or 2023/5/12.
pub(super) fn find_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()))
        .find_map(|i| date_at(&text[i..]))
}

fn date_at(text: &str) -> Option<NaiveDate> {
    date_prefix(text).map(|(date, _)| date)
}

/// The full date `text` opens with, and what follows it.
pub(super) fn date_prefix(text: &str) -> Option<(NaiveDate, &str)> {
    let (year, rest) = number(text, 4..=4)?;
    let separator = rest.chars().next()?;
    let (between, end) = match separator {
        '年' => ('月', Some(['日', '号'])),
        '-' | '.' | '/' => (separator, None),
        _ => return None,
    };
    let (month, rest) = number(&rest[separator.len_utf8()..], 1..=2)?;
    let (day, rest) = number(rest.strip_prefix(between)?, 1..=2)?;
    let rest = match end {
        Some(end) => rest.strip_prefix(end)?,
        None if rest.starts_with(|c: char| c.is_ascii_digit()) => return None,
        None => rest,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some((date, rest))
}

/// The number the text opens with, if it has as many `digits` as that, and the rest.
fn number(text: &str, digits: RangeInclusive<usize>) -> Option<(u32, &str)> {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    if !digits.contains(&n) {
        return None;
    }
    Some((text[..n].parse().ok()?, &text[n..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dates_in_three_forms() {
        let date = NaiveDate::from_ymd_opt(2023, 5, 12);
        assert_eq!(find_date("第3版 2023年5月12日 电"), date);
        assert_eq!(find_date("发布于2023-05-12。"), date);
        assert_eq!(find_date("12023.5.12 和 2023.5.12"), date);
        assert_eq!(find_date("2023年5月，共12所"), None);
        assert_eq!(find_date("2023年2月30日"), None);
    }
}
