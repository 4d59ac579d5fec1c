//! Spaces inside a number (陆 点 五 折, 一百五十 个百分点, 百 分 之 2) or between digits and
//! their unit (新建 12 所, 3.5 亿元, 5 %): text typed or copied so is read without them, and
//! what is found is mapped back to the text as written.

use crate::analyze::numerals::is_numeral;
use crate::analyze::units::longest_unit;

/// `text` without the spaces that stand inside a number or between digits and their unit,
/// and for every byte of it the byte of `text` it was; `None` when no space stands so.
pub(super) fn without_spaces_in_numbers(text: &str) -> Option<(String, Vec<usize>)> {
    if !text.contains(is_space) {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Where the text goes on after each run of spaces, found in one pass from the end.
    let mut next = vec![text.len(); chars.len()];
    let mut after = text.len();
    for (k, &(i, c)) in chars.iter().enumerate().rev() {
        next[k] = after;
        if !is_space(c) {
            after = i;
        }
    }
    let mut compact = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut before = None;
    let mut dropped = false;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if is_space(c) && joins(before, &text[next[k]..]) {
            dropped = true;
            continue;
        }
        if !is_space(c) {
            before = Some(c);
        }
        compact.push(c);
        map.extend(i..i + c.len_utf8());
    }
    dropped.then_some((compact, map))
}

/// A space of any width but the ideographic, which indents.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}')
}

/// Whether spaces between `before` and `after` (the nearest character before them, and the
/// text after them) stand inside a quantity: characters of a number on both sides, but not
/// ASCII digits on both, which are the columns of a table; or a numeral before a unit.
fn joins(before: Option<char>, after: &str) -> bool {
    let (Some(b), Some(a)) = (before, after.chars().next()) else {
        return false;
    };
    let in_number = of_a_number(b) && of_a_number(a) && !(b.is_ascii_digit() && a.is_ascii_digit());
    in_number || (is_numeral(b) && longest_unit(after).is_some())
}

/// A digit, numeral or magnitude, or a character that joins them into a quantity (点, 分之,
/// 成, 折, 个百分点, 余, 又, %).
fn of_a_number(c: char) -> bool {
    is_numeral(c) || "点點分之成折个個余多几幾又%％．.".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_between_the_characters_of_a_number_go_and_the_rest_stay() {
        let (compact, map) = without_spaces_in_numbers("打 陆 点 五 折").unwrap();
        assert_eq!(compact, "打 陆点五折");
        assert_eq!(
            map[compact.find('陆').unwrap()],
            "打 陆 点 五 折".find('陆').unwrap()
        );
        assert!(without_spaces_in_numbers("2021 2022 2023").is_none());
        assert_eq!(
            without_spaces_in_numbers("新建 12 所学校").unwrap().0,
            "新建 12所学校"
        );
        assert!(without_spaces_in_numbers("新建 学校").is_none());
        // A long run of spaces is walked once.
        let spaced = format!("一{}五成", " ".repeat(200_000));
        assert_eq!(without_spaces_in_numbers(&spaced).unwrap().0, "一五成");
    }
}
