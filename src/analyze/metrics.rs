//! Metrics: each quantity with what it counts (subject), its domain, whether it is a target,
//! the period it speaks of and the sentence it comes from.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::confidence::{self, Confidence, Reason};
use super::domains;
use super::english::Source;
use super::exclude;
use super::glossary::Glossary;
use super::kind;
use super::lexicon::Qualifier;
use super::quantity::{scan, Quantity};
use super::subject::{self, Around, Frame, Respectively, Subject};
use super::table::{Cell, TextTable};
use super::text::{ceil_char_boundary, floor_char_boundary, Block};
use super::units;
use crate::model::{Domain, Kind};

mod json;
mod period;

pub use json::{optional_whole_numbers, whole_numbers_as_integers, MetricId};
use period::last_period;

/// One quantitative claim of a text (DESIGN.md, "Metrics").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub id: MetricId,
    /// The claim as written in the file: `file[start..end]`.
    pub text: Box<str>,
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "whole_numbers_as_integers")]
    pub value: f64,
    /// The upper end of a range (`3至5万元`); `value` is its lower end.
    #[serde(
        serialize_with = "optional_whole_numbers",
        skip_serializing_if = "Option::is_none"
    )]
    pub value_max: Option<f64>,
    pub unit: Box<str>,
    pub qualifier: Qualifier,
    pub subject: Box<str>,
    pub subject_en: Box<str>,
    /// Where `subject_en` comes from: the glossary, the lexicon, or composed.
    pub subject_en_source: Source,
    pub domain: Domain,
    pub kind: Kind,
    pub period: Option<Box<str>>,
    /// How sure the reading is, and its grounds.
    pub confidence: Confidence,
    /// Shared by the metrics of one sentence.
    pub sentence: Arc<str>,
}

/// The metrics of `blocks`, whose file offsets point into a file of which `source` is the part
/// starting at byte `source_offset`.
pub fn extract(
    source: &str,
    source_offset: usize,
    blocks: &[Block],
    glossary: &Glossary,
) -> Vec<Metric> {
    let mut metrics: Vec<Metric> = Vec::new();
    let opening = kind::opening(blocks);
    let document = kind::document_kind(&opening);
    let reports_progress = kind::reports_progress(&opening);
    let places = subject::Places::of(blocks);
    let mut table = TextTable::default();
    for block in blocks {
        let cells = table.read(&block.text);
        if !cells.is_empty() {
            let heading = Heading::of(block.heading.as_deref());
            for cell in cells {
                let metric = table_metric(block, cell, &heading, document, glossary);
                metrics.push(Metric {
                    id: next_id(&metrics),
                    text: written(source, source_offset, metric.start, metric.end),
                    ..metric
                });
            }
            continue;
        }
        let quantities = scan(&block.text);
        if quantities.is_empty() {
            continue;
        }
        let heading = Heading::of(block.heading.as_deref());
        let markers = kind::Markers::of(&block.text, reports_progress);
        let ends = Ends::of(&block.text);
        // An age band (60岁及以上老年人口) says which people the next figure counts: that
        // figure's subject reads across it.
        let bands: Vec<bool> = quantities
            .iter()
            .map(|q| exclude::an_age_band(&q.unit, &block.text[q.end..]))
            .collect();
        // Quantities of one sentence come one after another: what it tells is read once.
        let mut sentence: Option<Sentence> = None;
        // The last subject of the sentence that changes and parts refer to, with its domain.
        let mut previous: Option<(String, Domain)> = None;
        // The subjects of the sentence's figures so far, for a `…分别…` that names none.
        let mut earlier: Vec<String> = Vec::new();
        // The measures a `…分别…` list gives the figures after it.
        let mut respectively: Option<Respectively> = None;
        // The frame (每百户城市居民拥有) bare nouns counted after a count are counted in.
        let mut frame = Frame::default();
        for (k, quantity) in quantities.iter().enumerate() {
            let (start, end) = block.file_range(quantity.start, quantity.end);
            let context = Context::new(block, &ends, quantity);
            let new_sentence = sentence
                .as_ref()
                .is_none_or(|s| s.start != context.sentence_start);
            if new_sentence {
                sentence = Some(context.read_sentence());
                previous = None;
                earlier.clear();
                respectively = None;
                frame = Frame::default();
            }
            let Some(current) = sentence.as_ref() else {
                continue;
            };
            let band = bands[k];
            let before = (0..k).rev().find(|&p| !bands[p]).map(|p| &quantities[p]);
            let between = &block.text[context.from(quantity, before)..quantity.start];
            if !subject::only_separates(between) {
                // The figures read with this one: those after it that only a mark separates.
                let run = || {
                    1 + quantities[k..]
                        .windows(2)
                        .take_while(|w| {
                            let between = block.text.get(w[0].end..w[1].start);
                            between.is_some_and(subject::only_separates)
                        })
                        .count()
                };
                let run = run();
                respectively = Respectively::of(between, run)
                    .or_else(|| Respectively::back(between, &earlier, run));
            }
            let listed = respectively.as_mut().and_then(Respectively::next_subject);
            let found = match listed {
                _ if band => Subject {
                    text: subject::age_of(&block.text[quantity.end..]),
                    derived: false,
                },
                Some(text) => Subject {
                    text,
                    derived: false,
                },
                None => context.subject(
                    quantity,
                    before,
                    // An age band in the clause (开设3-6岁托班) is said of the figure before;
                    // one right after it (7万名35-64岁妇女) says whom it counts.
                    (k + 1..quantities.len())
                        .find(|&n| !bands[n] || quantities[n].start == quantity.end)
                        .map(|n| &quantities[n]),
                    previous.as_ref().map(|(s, _)| s.as_str()),
                ),
            };
            let found = match places.strip(&found.text) {
                stripped if stripped.len() < found.text.len() => Subject {
                    text: stripped.to_string(),
                    ..found
                },
                _ => found,
            };
            let counts = counts_things(&quantity.unit);
            let found = match frame.of(&found.text) {
                Some(text) if counts && !found.derived => Subject {
                    text,
                    derived: false,
                },
                _ => found,
            };
            if counts && !found.derived {
                frame.read(&found.text);
            }
            // A change or a part is in the domain of the figure it is about.
            let (domain, domain_ground) = match &previous {
                Some((_, domain)) if found.derived => (*domain, Reason::DomainOfFigureBefore),
                _ => context.domain(&found.text, &heading),
            };
            // 筹集资金2.6亿元支持义务教育学校… -> 义务教育资金: the money and what it went to.
            let spent_on = subject::bare_money(&found.text).and_then(|money| {
                let texts = [context.clause, context.nearby, context.sentence];
                let keywords = domains::keywords();
                let topic = texts.iter().find_map(|t| keywords.strongest(t, domain))?;
                Some(format!("{topic}{money}"))
            });
            let found = Subject {
                text: spent_on.unwrap_or(found.text),
                ..found
            };
            if !found.derived && !band {
                previous = Some((found.text.clone(), domain));
                earlier.push(found.text.clone());
            }
            let subject = found.text;
            let english = glossary.english(&subject);
            let (kind, kind_ground) = context.kind(quantity, &markers, heading.kind, document);
            let grounds = [domain_ground, kind_ground];
            let confidence =
                confidence::of_reading(&subject, &quantity.unit, grounds, english.source);
            metrics.push(Metric {
                id: next_id(&metrics),
                text: written(source, source_offset, start, end),
                start,
                end,
                value: quantity.value,
                value_max: quantity.value_max,
                unit: quantity.unit.as_str().into(),
                qualifier: quantity.qualifier_in(kind, &block.text),
                subject_en: english.text.into(),
                subject_en_source: english.source,
                domain,
                kind,
                period: context.period(quantity, current, &heading).map(Into::into),
                confidence,
                sentence: current.text.clone(),
                subject: subject.into(),
            });
        }
    }
    metrics
}

fn next_id(metrics: &[Metric]) -> MetricId {
    MetricId(u32::try_from(metrics.len() + 1).unwrap_or(u32::MAX))
}

/// The claim as written in the file, `file[start..end]`, from the part of it at hand.
fn written(source: &str, source_offset: usize, start: usize, end: usize) -> Box<str> {
    source
        .get(start.saturating_sub(source_offset)..end.saturating_sub(source_offset))
        .unwrap_or_default()
        .into()
}

/// The metric of a number of a table row (its id and text are the caller's to give).
fn table_metric(
    block: &Block,
    cell: Cell,
    heading: &Heading,
    document: Kind,
    glossary: &Glossary,
) -> Metric {
    let (start, end) = block.file_range(cell.start, cell.end);
    let english = glossary.english(&cell.subject);
    let (domain, domain_ground) = match domains::keywords().named_by(&cell.subject, true) {
        Some(domain) => (domain, Reason::DomainFromSubject),
        None => match domains::most(&heading.keywords) {
            Some(domain) => (domain, Reason::DomainFromHeading),
            None => (Domain::Governance, Reason::DomainByDefault),
        },
    };
    let (kind, kind_ground) = match heading.kind {
        Some(kind) => (kind, Reason::KindFromHeading),
        None => (document, Reason::KindFromDocument),
    };
    let grounds = [Reason::TableRow, domain_ground, kind_ground];
    let confidence = confidence::of_reading(&cell.subject, &cell.unit, grounds, english.source);
    Metric {
        id: MetricId::default(),
        text: Box::default(),
        start,
        end,
        value: cell.value,
        value_max: None,
        unit: cell.unit.into(),
        qualifier: Qualifier::Exact,
        subject_en: english.text.into(),
        subject_en_source: english.source,
        domain,
        kind,
        period: cell
            .period
            .or_else(|| heading.period.clone())
            .map(Into::into),
        confidence,
        sentence: Arc::from(block.text.as_str()),
        subject: cell.subject.into(),
    }
}

/// What a section heading tells about every quantity under it: the domains its keywords and
/// names (`病有所医`) point to, whether it marks targets, and the period it names.
struct Heading {
    /// Per domain, the characters of its keywords, more for a domain the heading names.
    keywords: [usize; Domain::ALL.len()],
    /// Whether the heading marks what is under it as targets or achievements.
    kind: Option<Kind>,
    period: Option<String>,
}

impl Heading {
    fn of(heading: Option<&str>) -> Heading {
        let text = heading.unwrap_or("");
        let totals = domains::keywords().totals(text, true);
        let named = |d: usize| text.contains(Domain::ALL[d].name(crate::lang::Lang::Zh));
        Heading {
            keywords: std::array::from_fn(|d| totals[d] + if named(d) { 6 } else { 0 }),
            kind: kind::heading_kind(text),
            period: heading.and_then(last_period),
        }
    }
}

/// A sentence and what it tells every quantity in it.
struct Sentence {
    start: usize,
    text: Arc<str>,
    /// The period last named before it in its paragraph.
    period_before: Option<String>,
}

/// The text around one quantity.
struct Context<'a> {
    block: &'a Block,
    sentence: &'a str,
    sentence_start: usize,
    sentence_end: usize,
    /// The clause (between commas) holding the quantity, and its start in the block.
    clause: &'a str,
    clause_start: usize,
    /// The clause with the clauses either side of it in its sentence.
    nearby: &'a str,
}

/// Where sentences end; copied text often has ASCII punctuation, and bullets start items.
const SENTENCE_ENDS: [char; 12] = [
    '。', '！', '？', '；', '!', '?', ';', '…', '■', '●', '◆', '★',
];
const CLAUSE_ENDS: [char; 16] = [
    '。', '！', '？', '；', '!', '?', ';', '…', '■', '●', '◆', '★', '，', ',', '：', ':',
];

/// The end marks of a block's sentences and clauses, as byte ranges, found in one pass.
struct Ends {
    sentences: Vec<(usize, usize)>,
    clauses: Vec<(usize, usize)>,
}

impl Ends {
    fn of(text: &str) -> Ends {
        let mut ends = Ends {
            sentences: Vec::new(),
            clauses: Vec::new(),
        };
        for (i, c) in text.char_indices() {
            let mark = (i, i + c.len_utf8());
            if SENTENCE_ENDS.contains(&c) {
                ends.sentences.push(mark);
                ends.clauses.push(mark);
            } else if CLAUSE_ENDS.contains(&c) {
                ends.clauses.push(mark);
            }
        }
        ends
    }
}

impl<'a> Context<'a> {
    fn new(block: &'a Block, ends: &Ends, q: &Quantity) -> Context<'a> {
        let text = block.text.as_str();
        let (sentence_start, sentence_end) = bounds(text, q, &ends.sentences);
        let (clause_start, clause_end) = bounds(text, q, &ends.clauses);
        let before = ends.clauses.partition_point(|&(_, end)| end < clause_start);
        let nearby_start = before
            .checked_sub(1)
            .map_or(sentence_start, |p| ends.clauses[p].1)
            .clamp(sentence_start, clause_start);
        let nearby_end = ends.clauses[before..]
            .iter()
            .find(|&&(start, _)| start >= clause_end)
            .map_or(sentence_end, |&(_, end)| end)
            .clamp(clause_end, sentence_end.max(clause_end));
        Context {
            block,
            sentence: text[sentence_start..sentence_end].trim(),
            sentence_start,
            sentence_end,
            clause: &text[clause_start..clause_end],
            clause_start,
            nearby: &text[nearby_start..nearby_end],
        }
    }

    /// Where the text of the quantity's clause before it starts: after the quantity before it
    /// in the clause, if any, or after the phrase that figure's words end with.
    fn from(&self, q: &Quantity, before: Option<&Quantity>) -> usize {
        let text = &self.block.text;
        before
            .map(|b| b.end)
            .filter(|&end| end > self.clause_start && end <= q.start)
            .map_or(self.clause_start, |end| {
                end + subject::phrase_break(&text[end..q.start]).unwrap_or(0)
            })
    }

    /// What the quantity counts, read from its clause (since the quantity before it there, up
    /// to the next one) and the subject of the quantity before it in the sentence.
    fn subject(
        &self,
        q: &Quantity,
        before: Option<&Quantity>,
        next: Option<&Quantity>,
        previous: Option<&str>,
    ) -> Subject {
        let text = self.block.text.as_str();
        let clause_end = self.clause_start + self.clause.len();
        let from = self.from(q, before);
        // The next figure's phrase (、为…) ends this one's as a clause would.
        let clause_end = next
            .filter(|n| n.start < clause_end && n.start >= q.end)
            .and_then(|n| subject::phrase_break(&text[q.end..n.start]))
            .map_or(clause_end, |at| q.end + at - '、'.len_utf8());
        let to = next
            .map(|n| n.start)
            .filter(|&start| start < clause_end && start >= q.end)
            .unwrap_or(clause_end);
        let first_in_clause = from == self.clause_start;
        // 56条76公里农村公路: a count right before another counts the noun after that one.
        let (after, clause_after, last_in_clause) =
            match next.filter(|n| n.start == q.end && to == n.start) {
                Some(next) => {
                    let rest = &text[next.end..clause_end];
                    (rest, rest, true)
                }
                None => (
                    &text[q.end..to],
                    &text[q.end..clause_end.max(q.end)],
                    to == clause_end,
                ),
            };
        subject::subject(&Around {
            before: &text[from..q.start],
            after,
            clause_after,
            previous,
            earlier: &text[self.sentence_start.min(self.clause_start)..self.clause_start],
            shared_verb: (!first_in_clause)
                .then(|| subject::opening_verb(self.clause))
                .flatten(),
            counts_things: counts_things(&q.unit),
            counts_people: matches!(q.unit.as_str(), "人" | "名" | "人次" | "位"),
            counts_money: units::is_currency(&q.unit),
            percent: q.unit == "%",
            follows_figure: !first_in_clause,
            same_unit_before: before.is_some_and(|b| b.unit == q.unit),
            last_in_clause,
        })
    }

    /// What the subject's own words name, else what its clause names most (unless it lists
    /// works of several domains: a count of such projects is governance), else what its
    /// neighbour clauses name by a majority (an investment goes where the words next to it
    /// say it went), else a money or project word of the subject (governance), else what the
    /// sentence or the section heading names most; governance when nothing does.
    fn domain(&self, subject: &str, heading: &Heading) -> (Domain, Reason) {
        let keywords = domains::keywords();
        let by = |ground: Reason| move |domain: Domain| (domain, ground);
        keywords
            .named_by(subject, false)
            .map(by(Reason::DomainFromSubject))
            .or_else(|| {
                keywords
                    .named_most_in(self.clause)
                    .map(by(Reason::DomainFromClause))
            })
            .or_else(|| {
                keywords
                    .named_by_most(self.nearby)
                    .map(by(Reason::DomainFromNeighbours))
            })
            .or_else(|| {
                keywords
                    .named_by(subject, true)
                    .map(by(Reason::DomainFromMoneyWord))
            })
            .or_else(|| {
                domains::most(&keywords.totals(self.sentence, true))
                    .map(by(Reason::DomainFromSentence))
            })
            .or_else(|| domains::most(&heading.keywords).map(by(Reason::DomainFromHeading)))
            .unwrap_or((Domain::Governance, Reason::DomainByDefault))
    }

    /// Target or achieved, by the marker nearest before the quantity in its paragraph.
    fn kind(
        &self,
        q: &Quantity,
        markers: &kind::Markers,
        heading: Option<Kind>,
        document: Kind,
    ) -> (Kind, Reason) {
        let clause_end = self.clause_start + self.clause.len();
        let place = kind::Place {
            text: &self.block.text,
            markers,
            before: q.start.saturating_sub(MAX_REACH)..q.start,
            clause_start: self.clause_start,
            after: q.end..clause_end.max(q.end),
        };
        kind::of_figure(&place, heading, document)
    }

    fn read_sentence(&self) -> Sentence {
        let text = &self.block.text;
        let from = floor_char_boundary(text, self.sentence_start.saturating_sub(MAX_REACH));
        let written = self.block.written(self.sentence_start..self.sentence_end);
        Sentence {
            start: self.sentence_start,
            text: written.trim().into(),
            period_before: last_period(&text[from..self.sentence_start]),
        }
    }

    /// The period nearest before the quantity in its sentence, else in its paragraph, else in
    /// the section heading.
    fn period(&self, q: &Quantity, sentence: &Sentence, heading: &Heading) -> Option<String> {
        let text = &self.block.text;
        let in_sentence = &text[self.sentence_start..q.start.max(self.sentence_start)];
        let rest_of_sentence = &text[q.start..self.sentence_end.max(q.start)];
        last_period(in_sentence)
            .or_else(|| last_period(rest_of_sentence))
            .or_else(|| sentence.period_before.clone())
            .or_else(|| heading.period.clone())
    }
}

/// Sentences and clauses longer than this (in bytes, each side of the quantity) are cut, so
/// that text without punctuation stays linear to analyse.
const MAX_REACH: usize = 600;

/// The span around `q` between the end marks `ends` (the one after it included).
fn bounds(text: &str, q: &Quantity, ends: &[(usize, usize)]) -> (usize, usize) {
    let from = floor_char_boundary(text, q.start.saturating_sub(MAX_REACH));
    let to = ceil_char_boundary(text, (q.end + MAX_REACH).min(text.len()));
    let before = ends.partition_point(|&(_, end)| end <= q.start);
    let start = before.checked_sub(1).map_or(from, |i| ends[i].1.max(from));
    let after = ends[before..].iter().find(|&&(start, _)| start >= q.end);
    let end = after.map_or(to, |&(_, end)| end.min(to));
    (start, end)
}

/// Units that count things, after which a noun names them (4个医共体, 35所寄宿制学校).
fn counts_things(unit: &str) -> bool {
    !matches!(
        unit,
        "" | "元"
            | "%"
            | "‰"
            | "/10万"
            | "/万"
            | "个百分点"
            | "百分点"
            | "ratio"
            | "岁"
            | "周岁"
            | "年"
            | "天"
            | "小时"
            | "分钟"
            | "个月"
            | "周"
            | "倍"
    )
}

/// Chinese metric subjects whose English was composed from the dictionary rather than taken
/// from the glossary or lexicon, most frequent first (then by subject): the glossary's to-do
/// list.
pub fn untranslated_subjects<'a>(
    metrics: impl IntoIterator<Item = &'a Metric>,
) -> Vec<(&'a str, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for m in metrics
        .into_iter()
        .filter(|m| m.subject_en_source == Source::Composed && !m.subject.is_empty())
    {
        *counts.entry(&m.subject).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
}

#[cfg(test)]
mod tests;
