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
    /// A currency (the `# money` section).
    pub money: bool,
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
        let mut money = false;
        for line in DATA.lines() {
            if let Some(section) = line.strip_prefix('#') {
                money = section.trim() == "money";
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
                    money,
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

/// The currency other than yuan that `before` ends with (新台币, 港币): 新台币3000元 is
/// counted in it.
pub fn currency_before(before: &str) -> Option<&'static str> {
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
        longest_unit(&before[at..])
            .filter(|u| u.money && u.written.len() == before.len() - at && u.recorded != "元")
            .map(|u| u.recorded)
    })
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
}
