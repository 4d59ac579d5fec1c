//! Chinese terms to English: the site's `content/glossary.yaml` first, then a built-in lexicon
//! of common livelihood words, matched longest first.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::metrics::Metric;
use super::text::Block;

const BUILTIN: &str = include_str!("terms.tsv");

/// One entry of `content/glossary.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub en: String,
    pub note_en: Option<String>,
    pub note_zh: Option<String>,
}

pub type GlossaryEntries = BTreeMap<String, GlossaryEntry>;

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// zh -> en, the site's entries over the built-in ones.
    terms: FxHashMap<String, String>,
    longest: usize,
}

impl Glossary {
    pub fn new(entries: &GlossaryEntries) -> Glossary {
        let mut terms: FxHashMap<String, String> = BUILTIN
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(zh, en)| (zh.trim().to_string(), en.trim().to_string()))
            .collect();
        for (zh, entry) in entries {
            terms.insert(zh.clone(), entry.en.clone());
        }
        let longest = terms.keys().map(|k| k.chars().count()).max().unwrap_or(0);
        Glossary { terms, longest }
    }

    /// The English of `zh`, composed from the longest known terms; `None` when some Chinese
    /// characters have no English.
    pub fn translate(&self, zh: &str) -> Option<String> {
        let mut words: Vec<&str> = Vec::new();
        let mut rest = zh;
        while let Some(c) = rest.chars().next() {
            if !is_han(c) {
                // Letters and digits stay together as written: 5G, 120.
                let run = rest
                    .find(|c: char| !c.is_alphanumeric() || is_han(c))
                    .unwrap_or(rest.len());
                if run == 0 {
                    rest = &rest[c.len_utf8()..];
                } else {
                    words.push(&rest[..run]);
                    rest = &rest[run..];
                }
                continue;
            }
            // Where a term starting here could end, longest first.
            let mut ends: Vec<usize> = rest
                .char_indices()
                .skip(1)
                .map(|(i, _)| i)
                .chain([rest.len()])
                .take(self.longest)
                .collect();
            ends.reverse();
            let (end, en) = ends
                .into_iter()
                .find_map(|end| self.terms.get(&rest[..end]).map(|en| (end, en)))?;
            if !en.is_empty() {
                words.push(en);
            }
            rest = &rest[end..];
        }
        let joined = words.join(" ");
        (!joined.is_empty()).then_some(joined)
    }
}

/// Where a site glossary term occurs in a text: file offsets and the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermHit {
    pub start: usize,
    pub end: usize,
    pub term: String,
}

/// Finds the terms of the site glossary in text, longest first where terms overlap.
pub struct TermFinder {
    automaton: Option<AhoCorasick>,
    terms: Vec<String>,
}

impl TermFinder {
    pub fn new(entries: &GlossaryEntries) -> TermFinder {
        let terms: Vec<String> = entries.keys().cloned().collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&terms)
            .ok();
        TermFinder { automaton, terms }
    }

    /// The first occurrence of each term in `blocks`, in text order.
    pub fn first_occurrences(&self, blocks: &[Block]) -> Vec<TermHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut seen = BTreeSet::new();
        let mut hits = Vec::new();
        for block in blocks {
            for found in automaton.find_iter(&block.text) {
                let index = found.pattern().as_usize();
                if seen.insert(index) {
                    let (start, end) = block.file_range(found.start(), found.end());
                    hits.push(TermHit {
                        start,
                        end,
                        term: self.terms[index].clone(),
                    });
                }
            }
        }
        hits
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// Chinese metric subjects with no English, most frequent first (then by subject).
pub fn untranslated_subjects<'a>(
    metrics: impl IntoIterator<Item = &'a Metric>,
) -> Vec<(&'a str, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in metrics
        .into_iter()
        .filter(|m| m.subject_en.is_empty() && !m.subject.is_empty())
    {
        *counts.entry(&m.subject).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_and_site_entries_first() {
        let mut entries = GlossaryEntries::new();
        entries.insert(
            "医共体".into(),
            GlossaryEntry {
                en: "medical alliance".into(),
                note_en: None,
                note_zh: None,
            },
        );
        let glossary = Glossary::new(&entries);
        assert_eq!(
            glossary.translate("医共体").as_deref(),
            Some("medical alliance")
        );
        assert_eq!(
            glossary.translate("新增学位").as_deref(),
            Some("new school places")
        );
        assert_eq!(
            glossary.translate("门诊患者满意度").as_deref(),
            Some("outpatient satisfaction")
        );
        assert_eq!(glossary.translate("龘"), None);
        assert!(glossary.translate("5G").is_some_and(|en| en == "5G"));
    }

    #[test]
    fn first_occurrence_of_each_site_term_with_file_offsets() {
        let mut entries = GlossaryEntries::new();
        for term in ["医共体", "医共体建设", "双减"] {
            entries.insert(
                term.into(),
                GlossaryEntry {
                    en: term.into(),
                    note_en: None,
                    note_zh: None,
                },
            );
        }
        let body = "推进医共体建设，落实双减。\n\n医共体和双减。";
        let blocks = crate::analyze::text::markdown_blocks(body, 5);
        let hits = TermFinder::new(&entries).first_occurrences(&blocks);
        let terms: Vec<&str> = hits.iter().map(|h| h.term.as_str()).collect();
        assert_eq!(terms, ["医共体建设", "双减", "医共体"]);
        assert_eq!(&body[hits[0].start - 5..hits[0].end - 5], "医共体建设");
    }
}
