//! The keywords that place a figure in one of the nine domains (`data/domains.tsv`; the
//! domains themselves are in `model.rs`).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::text::first_chars;
use crate::model::Domain;

const KEYWORDS: &str = include_str!("data/domains.tsv");

/// Every domain keyword in one automaton, so a text is scanned once for all of them.
pub struct Keywords {
    /// All matches, overlapping.
    all: AhoCorasick,
    /// Per pattern: its domain, its length in characters and whether it is weak.
    owners: Vec<(Domain, usize, bool)>,
    /// Per pattern: the keyword.
    words: Vec<&'static str>,
}

impl Keywords {
    /// Per domain, the characters of its distinct keywords in `text`; weak keywords only when
    /// `weak` is true (money spent next to the words "schools" is spent on schools).
    pub fn totals(&self, text: &str, weak: bool) -> [usize; Domain::ALL.len()] {
        let mut totals = [0; Domain::ALL.len()];
        let mut seen: Vec<usize> = Vec::new();
        for found in self.all.find_overlapping_iter(text) {
            let pattern = found.pattern().as_usize();
            let (domain, chars, is_weak) = self.owners[pattern];
            if (weak || !is_weak) && !seen.contains(&pattern) {
                seen.push(pattern);
                totals[domain as usize] += chars;
            }
        }
        totals
    }

    /// The domain a subject's own words name: its longest keyword, the later of two as long
    /// (the head of a Chinese noun phrase is at its end: 幼儿园学位 is a school place). Weak
    /// keywords (投资, 项目) count only when `weak` is true.
    pub fn named_by(&self, subject: &str, weak: bool) -> Option<Domain> {
        // A share (教育支出占预算支出比重) is in the domain of what it is a share of, and a
        // rate per head (每千人常住人口执业医师数) in that of what is counted per head.
        let subject = without_base(subject.split('占').next().unwrap_or(subject));
        self.all
            .find_overlapping_iter(subject)
            .map(|found| (self.owners[found.pattern().as_usize()], found.end()))
            .filter(|&((_, _, is_weak), _)| weak || !is_weak)
            .max_by_key(|&((_, chars, is_weak), end)| (!is_weak, chars, end))
            .map(|((domain, _, _), _)| domain)
    }

    /// The longest strong keyword of `domain` in `text`: what money spent in a sentence about
    /// schools was spent on (义务教育).
    pub fn strongest(&self, text: &str, domain: Domain) -> Option<&'static str> {
        self.all
            .find_overlapping_iter(text)
            .map(|found| found.pattern().as_usize())
            .filter(|&p| self.owners[p].0 == domain && !self.owners[p].2)
            .max_by_key(|&p| (self.owners[p].1, std::cmp::Reverse(p)))
            .map(|p| self.words[p])
    }
}

/// `subject` without the base a per-head rate opens with (每千人常住人口, 每万人, 每百户).
fn without_base(subject: &str) -> &str {
    let Some(rest) = subject.strip_prefix('每') else {
        return subject;
    };
    if let Some(at) = first_chars(rest, 8).rfind("人口") {
        return &rest[at + "人口".len()..];
    }
    first_chars(rest, 3)
        .char_indices()
        .find(|&(_, c)| matches!(c, '人' | '户'))
        .map_or(subject, |(at, c)| &rest[at + c.len_utf8()..])
}

/// The domain with the highest total, if any has one.
pub fn most(totals: &[usize; Domain::ALL.len()]) -> Option<Domain> {
    let (best, &total) = totals
        .iter()
        .enumerate()
        .max_by_key(|&(i, total)| (*total, std::cmp::Reverse(i)))?;
    (total > 0).then(|| Domain::ALL[best])
}

/// The domain with more than half of all keyword characters: a sentence that lists schools,
/// clinics and care homes is about livelihood work in general, not about one of them.
pub fn majority(totals: &[usize; Domain::ALL.len()]) -> Option<Domain> {
    let all: usize = totals.iter().sum();
    most(totals).filter(|&d| totals[d as usize] * 2 > all)
}

impl Keywords {
    /// What `text` names by a majority (see [`majority`]), unless it is a list that does not
    /// (see [`Keywords::list_agrees`]).
    pub fn named_by_most(&self, text: &str) -> Option<Domain> {
        majority(&self.totals(text, false)).filter(|&d| self.list_agrees(text, d))
    }

    /// What `text` names most (see [`most`]), unless it is a list that does not.
    pub fn named_most_in(&self, text: &str) -> Option<Domain> {
        most(&self.totals(text, false)).filter(|&d| self.list_agrees(text, d))
    }

    /// Whether `domain` is named by more than half of the things `text` lists, where it lists
    /// three or more (农房翻建、沟渠清淤、标识标牌), each counting for the domain it names or
    /// for none: a list of works one of which is housing is not about housing.
    fn list_agrees(&self, text: &str, domain: Domain) -> bool {
        let items: Vec<&str> = text
            .split(['，', '。', '；', '：', ','])
            .map(|clause| clause.split('、').collect::<Vec<_>>())
            .max_by_key(Vec::len)
            .unwrap_or_default();
        let naming = || {
            items
                .iter()
                .filter(|item| self.named_by(item, false) == Some(domain))
                .count()
        };
        items.len() < 3 || naming() * 2 > items.len()
    }
}

/// The process-wide keyword automaton (read-only after its first use).
pub fn keywords() -> &'static Keywords {
    static KEYWORDS_INDEX: OnceLock<Keywords> = OnceLock::new();
    KEYWORDS_INDEX.get_or_init(|| {
        let entries: Vec<(&str, Domain, bool)> = KEYWORDS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut fields = l.split('\t');
                let word = fields.next()?;
                let domain = Domain::from_slug(fields.next()?.trim())?;
                Some((word, domain, fields.next() == Some("weak")))
            })
            .collect();
        let all = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(entries.iter().map(|(w, _, _)| w))
            .expect("the built-in keywords form an automaton");
        let owners = entries
            .iter()
            .map(|&(w, d, weak)| (d, w.chars().count(), weak))
            .collect();
        let words = entries.iter().map(|&(w, _, _)| w).collect();
        Keywords { all, owners, words }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for d in Domain::ALL {
            assert_eq!(Domain::from_slug(d.slug()), Some(d));
        }
        assert_eq!(Domain::from_slug("schools"), None);
    }

    #[test]
    fn roads_farmland_deliveries_gas_and_charging_are_governance() {
        let k = keywords();
        for subject in [
            "打通断头路",
            "改造中低产田",
            "新建农村寄递物流服务站点",
            "改造燃气管网",
            "建成充电桩",
            "平均通勤时长",
        ] {
            assert_eq!(
                k.named_by(subject, false),
                Some(Domain::Governance),
                "{subject}"
            );
        }
        assert_eq!(k.named_by("整治积水点", false), Some(Domain::Environment));
        assert_eq!(k.named_by("人口出生率", false), Some(Domain::Health));
        assert_eq!(k.named_by("听障儿童康复", false), Some(Domain::Welfare));
    }

    #[test]
    fn the_longest_keyword_of_a_subject_decides_and_the_head_breaks_ties() {
        let k = keywords();
        assert_eq!(k.named_by("新增高中学位", true), Some(Domain::Education));
        assert_eq!(k.named_by("新增幼儿园学位", true), Some(Domain::Education));
        assert_eq!(k.named_by("幼儿园托班托位", true), Some(Domain::Childcare));
        assert_eq!(k.named_by("新增婴幼儿托位", true), Some(Domain::Childcare));
        assert_eq!(
            k.named_by("老旧小区供水设施改造总投资", true),
            Some(Domain::Housing)
        );
        assert_eq!(
            k.named_by("城镇居民人均可支配收入", true),
            Some(Domain::Governance)
        );
        assert_eq!(k.named_by("城镇登记失业率", true), Some(Domain::Employment));
        assert_eq!(k.named_by("门诊", true), Some(Domain::Health));
        assert_eq!(k.named_by("观鸟亭", true), None);
        // A rate per head is in the domain of what is counted, not of its base.
        assert_eq!(
            k.named_by("每千人常住人口执业(助理)医师数", true),
            Some(Domain::Health)
        );
        assert_eq!(
            k.named_by("教育支出占一般公共预算支出比重", true),
            Some(Domain::Education)
        );
        assert_eq!(k.named_by("教育累计投入", true), Some(Domain::Education));
        assert_eq!(
            k.named_by("民生实事投入资金", true),
            Some(Domain::Governance)
        );
        assert_eq!(k.named_by("项目总投资", true), Some(Domain::Governance));
        assert_eq!(k.named_by("项目总投资", false), None);
    }

    #[test]
    fn income_is_governance_unless_it_is_the_income_of_people_helped() {
        let k = keywords();
        assert_eq!(
            k.named_by("农村居民人均纯收入", true),
            Some(Domain::Governance)
        );
        assert_eq!(k.named_by("脱贫户人均纯收入", true), Some(Domain::Welfare));
        assert_eq!(
            k.named_by("低收入人口人均可支配收入", true),
            Some(Domain::Welfare)
        );
        // Wage income is a household income like the others, not a matter of jobs.
        assert_eq!(k.named_by("人均工资性收入", true), Some(Domain::Governance));
    }

    #[test]
    fn help_names_no_domain_and_projects_for_the_people_are_governance() {
        let k = keywords();
        // 帮扶 is said of jobs, schools and households alike: what is helped decides.
        assert_eq!(k.named_by("结对帮扶资金", false), None);
        assert_eq!(k.named_by("帮扶困难家庭", false), Some(Domain::Welfare));
        assert_eq!(k.named_by("就业帮扶", false), Some(Domain::Employment));
        assert_eq!(k.named_by("为民实事", false), Some(Domain::Governance));
        // 五保 households are mostly old people without family, kept in homes for the aged.
        assert_eq!(k.named_by("五保户集中供养率", false), Some(Domain::Elderly));
    }

    #[test]
    fn a_list_of_works_one_of_which_names_a_domain_is_about_none() {
        let k = keywords();
        let works = "拟实施农房翻建、沟渠清淤、标识标牌等项目";
        assert_eq!(majority(&k.totals(works, false)), Some(Domain::Housing));
        assert_eq!(k.named_by_most(works), None);
        assert_eq!(
            k.named_by_most("用于新建学校、改造校舍、购置设备"),
            Some(Domain::Education)
        );
        assert_eq!(k.named_by_most("用于改造农房"), Some(Domain::Housing));
        // Where no domain has a majority, the one named most, unless it is such a list.
        let school = "投入资金300万元实施校园文化提升工程";
        assert_eq!(k.named_by_most(school), None);
        assert_eq!(k.named_most_in(school), Some(Domain::Education));
        assert_eq!(k.named_most_in(works), None);
    }

    #[test]
    fn every_keyword_line_names_a_domain() {
        for line in KEYWORDS
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let domain = line.split('\t').nth(1).map(str::trim);
            assert!(domain.and_then(Domain::from_slug).is_some(), "{line}");
        }
    }
}
