//! Units written after a number (`data/units.tsv`): measure words, currencies, physical and
//! data units in Chinese or in Latin letters, each with the unit a metric records
//! (張 -> 张, 圆 -> 元, KG -> kg, 方 -> 立方米).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

const DATA: &str = include_str!("data/units.tsv");

/// A unit as written and as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub written: &'static str,
    pub recorded: &'static str,
    pub class: Class,
}

/// What a unit counts or measures: the section of `data/units.tsv` it is listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A measure word: things, people, times (所, 人, 次, 小时).
    Count,
    /// A currency (`# money`).
    Money,
    /// A physical unit or a multiple (吨, 公里, kg, 倍): the sections after money.
    Measure,
}

impl Unit {
    /// Written in Latin letters (kg, km, GB): a whole word only.
    pub fn latin(self) -> bool {
        self.written.starts_with(|c: char| c.is_ascii_alphabetic())
    }

    pub fn chars(self) -> usize {
        self.written.chars().count()
    }
}

/// The units by their first character: most text after a number starts no unit at all.
fn by_first_char() -> &'static FxHashMap<char, Vec<Unit>> {
    static UNITS: OnceLock<FxHashMap<char, Vec<Unit>>> = OnceLock::new();
    UNITS.get_or_init(|| {
        let mut by_first: FxHashMap<char, Vec<Unit>> = FxHashMap::default();
        let mut class = Class::Count;
        for line in DATA.lines() {
            if let Some(title) = line.strip_prefix('#') {
                // The file's header comes first, then counts, money and the measures.
                class = match (title.trim(), class) {
                    ("measure words and counts", _) => Class::Count,
                    ("money", _) => Class::Money,
                    (_, Class::Count) => Class::Count,
                    _ => Class::Measure,
                };
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let (written, recorded) = line.split_once('\t').unwrap_or((line, ""));
            let recorded = if recorded.is_empty() {
                written
            } else {
                recorded
            };
            if let Some(first) = written.chars().next() {
                by_first.entry(first).or_default().push(Unit {
                    written,
                    recorded,
                    class,
                });
            }
        }
        by_first
    })
}

/// The longest unit `s` starts with; a Latin unit only when no letter follows it.
pub fn longest_unit(s: &str) -> Option<Unit> {
    let first = s.chars().next()?;
    by_first_char()
        .get(&first)?
        .iter()
        .filter(|u| s.starts_with(u.written))
        .filter(|u| {
            !u.latin()
                || !s[u.written.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
        })
        .max_by_key(|u| u.written.len())
        .copied()
}

/// The unit after 个 that 个 only stands before (两个小时, 六个加仑), if any: a physical unit
/// of two characters or more (not the 方 of 三个方面) or hours and weeks.
pub fn unit_after_ge(s: &str) -> Option<Unit> {
    const HOURS: &[&str] = &["小时", "钟头", "星期", "礼拜"];
    longest_unit(s)
        .filter(|u| (u.class == Class::Measure && u.chars() > 1) || HOURS.contains(&u.recorded))
}

/// Whether a recorded unit is a currency (元, 美元, 港元…).
pub fn is_currency(unit: &str) -> bool {
    longest_unit(unit).is_some_and(|u| u.class == Class::Money && u.written.len() == unit.len())
}

/// The currency named in two or more characters that `before` ends with (新台币, 港币,
/// 人民币): 新台币3000元 is counted in it, and so is 人民币3.25.
pub fn currency_before(before: &str) -> Option<Unit> {
    // The last five characters only, walked from the end: `before` is all the text before
    // the number. Longest name first.
    let mut starts: Vec<usize> = before
        .char_indices()
        .rev()
        .take(5)
        .map(|(i, _)| i)
        .collect();
    starts.reverse();
    starts.into_iter().find_map(|at| {
        longest_unit(&before[at..]).filter(|u| {
            u.class == Class::Money && u.written.len() == before.len() - at && u.chars() > 1
        })
    })
}

/// The scale named before a temperature in 度 (华氏温度98.6度, 摄氏20度): ℉ or ℃.
pub fn temperature_before(before: &str) -> Option<&'static str> {
    let start = before.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    let near = &before[start..];
    if near.contains("华氏") || near.contains("華氏") {
        Some("℉")
    } else if near.contains("摄氏") || near.contains("攝氏") {
        Some("℃")
    } else {
        None
    }
}

/// The currency of a sign right before a number ($100, €50, ￥30, HK$20).
pub fn currency_sign(before: &str) -> Option<&'static str> {
    const SIGNS: &[(&str, &str)] = &[
        ("HK$", "港元"),
        ("US$", "美元"),
        ("$", "美元"),
        ("＄", "美元"),
        ("€", "欧元"),
        ("£", "英镑"),
        ("￡", "英镑"),
        ("¥", "元"),
        ("￥", "元"),
    ];
    SIGNS
        .iter()
        .find(|(sign, _)| before.ends_with(sign))
        .map(|&(_, currency)| currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded(s: &str) -> Option<&'static str> {
        longest_unit(s).map(|u| u.recorded)
    }

    #[test]
    fn units_are_recorded_simplified_and_latin_ones_are_whole_words() {
        assert_eq!(recorded("張床"), Some("张"));
        assert_eq!(recorded("个百分点"), Some("个百分点"));
        assert_eq!(recorded("圆整"), Some("元"));
        assert_eq!(recorded("美元的"), Some("美元"));
        assert_eq!(recorded("kg的"), Some("kg"));
        assert_eq!(recorded("KG"), Some("kg"));
        assert_eq!(recorded("kgx"), None);
        assert_eq!(recorded("方立"), Some("立方米"));
        assert_eq!(recorded("平方公裡"), Some("平方公里"));
        assert_eq!(recorded("的"), None);
    }

    #[test]
    fn a_temperature_scale_named_before_the_number_is_its_unit() {
        assert_eq!(temperature_before("正常体温是华氏温度"), Some("℉"));
        assert_eq!(temperature_before("气温摄氏"), Some("℃"));
        assert_eq!(temperature_before("华氏温度计说明书里写到用电"), None);
        assert_eq!(temperature_before("用电"), None);
    }

    #[test]
    fn each_unit_knows_what_it_measures() {
        let class = |s: &str| longest_unit(s).map(|u| u.class);
        assert_eq!(class("所学校"), Some(Class::Count));
        assert_eq!(class("小时"), Some(Class::Count));
        assert_eq!(class("元"), Some(Class::Money));
        assert_eq!(class("港币"), Some(Class::Money));
        assert_eq!(class("吨"), Some(Class::Measure));
        assert_eq!(class("平方米"), Some(Class::Measure));
        assert_eq!(class("kg"), Some(Class::Measure));
        assert_eq!(class("倍"), Some(Class::Measure));
        assert!(is_currency("元") && is_currency("美元") && is_currency("新台币"));
        assert!(!is_currency("元旦") && !is_currency("吨"));
    }
}
