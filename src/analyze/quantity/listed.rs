//! Numbers listed before one unit that they all share: 3.2和2.7个百分点, 12、15和18所.

use super::parts::neighbour_pair;
use super::unit::{read_unit, ReadUnit};
use super::{exclude, read_number};
use crate::analyze::numerals::{chinese_digit, digit};

/// Words that join the numbers of a list.
const JOINS: [&str; 5] = ["、", "和", "与", "及", "或"];

/// The unit of the list of bare numbers that goes on after `at` (the end of one of them):
/// the unit written after its last number, with no length of its own here.
pub(super) fn shared_unit(text: &str, mut at: usize) -> Option<ReadUnit> {
    // 2、3千米 is an estimate of two neighbouring digits, not a list.
    if neighbours(text, at) {
        return None;
    }
    // A list of a few numbers at most; a longer run is a table or a code.
    for _ in 0..6 {
        let join = JOINS.iter().find(|j| text[at..].starts_with(**j))?;
        at += join.len();
        let next = read_number(text, at)?;
        let after = &text[next.end..];
        if next.unit.is_some() || exclude::after(&next.numeral, next.magnitude, after) {
            return None;
        }
        if let Some(read) = read_unit(&next, after) {
            return Some(ReadUnit { len: 0, ..read });
        }
        at = next.end;
    }
    None
}

/// Whether the number ending at `at` is one digit that a pause and the next digit follow
/// (2、3千米), with no other digit on either side.
fn neighbours(text: &str, at: usize) -> bool {
    let is_digit = |c: char| digit(c).or_else(|| chinese_digit(c)).is_some() || c == '.';
    let mut before = text[..at].chars().rev();
    let Some(last) = before.next() else {
        return false;
    };
    let start = at - last.len_utf8();
    let Some((pair, _)) = neighbour_pair(&text[start..]) else {
        return false;
    };
    let lone_before = before.next().is_none_or(|c| !is_digit(c));
    let lone_after = text[start + pair.len..]
        .chars()
        .next()
        .is_none_or(|c| !is_digit(c));
    lone_before && lone_after
}
