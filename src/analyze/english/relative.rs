//! Relative phrases (开设托班的幼儿园): the things, then what is said of them.

use super::{dictionary_verb, is_participle, English};
use crate::analyze::glossary::Glossary;
use crate::analyze::text::{first_chars, is_han};

/// A relative phrase (开设托班的幼儿园): what it says of the things, and the things.
pub(super) struct Relative<'z> {
    said: &'z str,
    /// The verb `said` opens with.
    verb: &'z str,
    things: &'z str,
    /// The verb and its object of a passive (被评为…): said verb first (named …).
    passive: Option<(&'z str, &'z str)>,
    /// Whether what is said is denied (未就业的毕业生: graduates not employed).
    denied: bool,
}

/// Words that deny what follows them.
const DENIALS: &[&str] = &["尚未", "从未", "没有", "未"];

/// Verbs that only say something was done to their object (进行整治): the object says what.
const LIGHT_VERBS: &[&str] = &[
    "进行了",
    "进行",
    "开展",
    "实施",
    "实行了",
    "实行",
    "完成",
    "实现",
];

impl Glossary {
    /// The relative phrase `zh` is, when it opens with a verb, says more than the verb
    /// (新建的学校 is new schools) and is said of things rather than a measure.
    pub(super) fn relative<'z>(&self, zh: &'z str) -> Option<Relative<'z>> {
        let (said, things) = zh.rsplit_once('的')?;
        let denial = DENIALS.iter().find_map(|d| said.strip_prefix(d));
        let said = denial.unwrap_or(said);
        let passive = said.strip_prefix('被');
        let said = passive.unwrap_or(said);
        let said = LIGHT_VERBS
            .iter()
            .find_map(|v| {
                said.strip_prefix(v)
                    .filter(|rest| rest.chars().count() >= 2)
            })
            .unwrap_or(said);
        let is_verb = |word: &str| self.participle(word).is_some() || dictionary_verb(word);
        let verb = [2, 1]
            .into_iter()
            .map(|n| first_chars(said, n))
            .find(|verb| (verb.len() < said.len() || denial.is_some()) && is_verb(verb));
        // The things counted, not a measure or money (覆盖率, 人数, 支出: X的Y率 is Y rate).
        let measure = [
            "率", "比例", "比重", "数", "量", "额", "面积", "标准", "水平", "时间", "支出", "资金",
            "经费", "投入", "投资", "费用",
        ]
        .iter()
        .any(|end| things.ends_with(end));
        let named = !things.is_empty() && things.chars().all(is_han) && !measure;
        // A verb alone says no more than the things (新建的学校), unless it is denied.
        let says_more = said.chars().count() >= 3 || denial.is_some();
        let verb = verb.filter(|_| named && says_more)?;
        Some(Relative {
            said,
            verb,
            things,
            passive: passive.map(|_| (verb, &said[verb.len()..])),
            denied: denial.is_some(),
        })
    }

    /// The English of a relative phrase: kindergartens with nursery classes opened,
    /// communities connected to the platform, sites named ….
    pub(super) fn relative_english(&self, relative: &Relative) -> English {
        let things = self.english(relative.things);
        let said = match relative.passive {
            Some((verb, object)) => {
                let (verb, object) = (self.english(verb), self.english(object));
                English {
                    text: format!("{} {}", verb.text, object.text),
                    source: verb.source.max(object.source),
                }
            }
            None => self.english(relative.said),
        };
        let said_text = said.text.strip_prefix("be ").unwrap_or(&said.text);
        // 领取津贴的老人, 通过评估的乡镇: older people receiving allowances, townships
        // passing the assessment: the doing said as it goes on.
        let doing = first_words(said_text, 1).ends_with("ing")
            && said_text.starts_with(&self.english(relative.verb).text);
        let done_first = is_participle(first_words(said_text, 2))
            || is_participle(first_words(said_text, 1))
            || doing
            || said_text.starts_with("in ");
        let with = match (relative.denied, done_first) {
            (true, true) => " not",
            (true, false) => " without",
            (false, true) => "",
            (false, false) => " with",
        };
        English {
            text: format!("{}{with} {said_text}", things.text),
            source: said.source.max(things.source),
        }
    }
}

/// The things and their purpose of a phrase that says what they are used for (用于教育的
/// 财政支出 -> 财政支出, 教育).
pub(super) fn used_for(zh: &str) -> Option<(&str, &str)> {
    let (said, things) = zh.rsplit_once('的')?;
    let purpose = said.strip_prefix("用于")?;
    (!purpose.is_empty() && !things.is_empty()).then_some((things, purpose))
}

/// The first `n` words of `en`.
fn first_words(en: &str, n: usize) -> &str {
    en.match_indices(' ')
        .nth(n - 1)
        .map_or(en, |(at, _)| &en[..at])
}
