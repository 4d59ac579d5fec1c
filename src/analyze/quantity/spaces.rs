//! Spaces inside a number (陆 点 五 折, 一百五十 个百分点, 百 分 之 2): text typed or copied
//! with a space between the characters of a number is read without them, and what is found
//! is mapped back to the text as written.

use crate::analyze::numerals::{chinese_digit, digit, magnitude, tens};

/// `text` without the spaces that stand between two characters of a number, and for every
/// byte of it the byte of `text` it was; `None` when no space stands so.
pub(super) fn without_spaces_in_numbers(text: &str) -> Option<(String, Vec<usize>)> {
    if !text.contains(' ') {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // The character after each run of spaces, found in one pass from the end.
    let mut next = vec![None; chars.len()];
    let mut after = None;
    for (k, &(_, c)) in chars.iter().enumerate().rev() {
        next[k] = after;
        if c != ' ' {
            after = Some(c);
        }
    }
    let mut compact = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut before = None;
    let mut dropped = false;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c == ' ' && inside_number(before, next[k]) {
            dropped = true;
            continue;
        }
        if c != ' ' {
            before = Some(c);
        }
        compact.push(c);
        map.extend(i..i + c.len_utf8());
    }
    dropped.then_some((compact, map))
}

/// Whether a space between `before` and `after` (the nearest characters that are not spaces)
/// stands inside a number: characters of a number on both sides, and not ASCII digits on
/// both, which are the columns of a table.
fn inside_number(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => {
            of_a_number(b) && of_a_number(a) && !(b.is_ascii_digit() && a.is_ascii_digit())
        }
        _ => false,
    }
}

/// A digit, numeral or magnitude, or a character that joins them into a quantity (点, 分之,
/// 成, 折, 个百分点, 余, 又, %).
fn of_a_number(c: char) -> bool {
    digit(c).is_some()
        || chinese_digit(c).is_some()
        || magnitude(c).is_some()
        || tens(c).is_some()
        || "点點分之成折个個余多几幾又%％．.".contains(c)
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
        assert!(without_spaces_in_numbers("新建 12 所学校").is_none());
        // A long run of spaces is walked once.
        let spaced = format!("一{}五成", " ".repeat(200_000));
        assert_eq!(without_spaces_in_numbers(&spaced).unwrap().0, "一五成");
    }
}
