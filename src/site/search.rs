//! The search index of one language, built with the same tokens the browser's query finds:
//! vocabulary shards (by first character), postings shards (by hash), document chunks (title,
//! link, district, domain and the text snippets come from) and a small manifest. A first
//! query loads the manifest, the vocabulary shards of its characters, the postings shards of
//! its terms and the chunks of the results shown.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::analyze::metrics::Metric;
use crate::analyze::text::markdown_blocks;
use crate::analyze::tokens::{tokens, Stems};
use crate::content::{Atlas, District, Document};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::model::Domain;
use crate::site::analysis::Analysis;
use crate::site::figures::Figures;
use crate::site::names::{district_name, district_path, report_path, report_title};
use crate::site::output::OutputFile;
use crate::urls::{glossary_anchor, Urls};

/// How many documents a chunk file holds: few long ones, many short ones, so that a result
/// page loads little (twenty reports are twenty files of two).
fn chunk_size(kind: DocKind) -> usize {
    match kind {
        DocKind::Report => 2,
        DocKind::District => 8,
        DocKind::Glossary => 32,
        DocKind::Figure => 64,
    }
}
/// Characters of a document's text kept for its snippet.
const SNIPPET_SOURCE: usize = 240;
/// Postings kept for one term: enough for every result page a reader looks at.
const MAX_POSTINGS: usize = 2000;
/// Title words count this many times as often as words of the text.
const TITLE_WEIGHT: u32 = 3;
/// BM25's saturation and length constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// A posting carries BM25's term part times this, rounded: two digits for most postings,
/// steps of 2% where the part is near 1. search.js divides by the same number.
const WEIGHT_SCALE: f64 = 50.0;

/// What a search result can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Report,
    District,
    Glossary,
    Figure,
}

/// One searchable thing of the site in one language.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    pub kind: DocKind,
    pub title: String,
    pub url: String,
    pub district: String,
    pub domain: String,
    pub text: DocText<'a>,
}

/// What a document's words are searched in.
#[derive(Debug, Clone)]
pub enum DocText<'a> {
    Plain(String),
    /// A report or district text, made plain only while its words are counted: the prose
    /// of every report at once would be most of the memory the index takes.
    Markdown(&'a Document),
}

impl DocText<'_> {
    fn plain(&self) -> Result<Cow<'_, str>, Diagnostic> {
        match self {
            DocText::Plain(text) => Ok(Cow::Borrowed(text)),
            DocText::Markdown(doc) => Ok(Cow::Owned(plain(&doc.text()?))),
        }
    }

    /// About the length of the plain text, in bytes.
    fn len(&self) -> usize {
        match self {
            DocText::Plain(text) => text.len(),
            DocText::Markdown(doc) => doc.body.len(),
        }
    }
}

/// The documents of one language: reports, district pages, glossary entries and figures (one
/// per measure and district).
pub fn documents<'a>(
    atlas: &'a Atlas,
    analysis: &Analysis,
    urls: &Urls,
    lang: Lang,
) -> Vec<SearchDoc<'a>> {
    let figures = Figures::new(lang, atlas, analysis, urls);
    let by_district: Vec<Vec<SearchDoc>> = atlas
        .districts
        .par_iter()
        .map(|district| district_documents(district, &figures, analysis, urls))
        .collect();
    let mut docs: Vec<SearchDoc> = by_district.into_iter().flatten().collect();
    for (n, (zh, entry)) in atlas.glossary.iter().enumerate() {
        let note = match lang {
            Lang::Zh => entry.note_zh.clone(),
            Lang::En => entry.note_en.clone(),
        };
        docs.push(SearchDoc {
            kind: DocKind::Glossary,
            title: format!("{zh} · {}", entry.en),
            url: format!("{}#{}", urls.page(lang, "glossary/"), glossary_anchor(n)),
            district: String::new(),
            domain: String::new(),
            text: DocText::Plain(note.unwrap_or_default()),
        });
    }
    // By kind, so the browser knows a document's kind from its number alone; figures by
    // domain and subject, so that the figures one query finds share few chunks. The sort is
    // stable: the other kinds keep their order.
    docs.sort_by(|a, b| {
        a.kind.cmp(&b.kind).then_with(|| match a.kind {
            DocKind::Figure => (&a.domain, &a.title).cmp(&(&b.domain, &b.title)),
            _ => std::cmp::Ordering::Equal,
        })
    });
    docs
}

/// The documents of one district: its page, its reports and its figures (one per measure,
/// its newest value first).
fn district_documents<'a>(
    district: &'a District,
    figures: &Figures,
    analysis: &Analysis,
    urls: &Urls,
) -> Vec<SearchDoc<'a>> {
    let lang = figures.lang;
    let name = district_name(district, lang);
    let mut docs = Vec::new();
    let text = match (lang, &district.text_en) {
        (Lang::En, Some(en)) => DocText::Markdown(en),
        _ => DocText::Markdown(&district.text),
    };
    docs.push(SearchDoc {
        kind: DocKind::District,
        title: name.clone(),
        url: urls.page(lang, &district_path(district)),
        district: name.clone(),
        domain: String::new(),
        text,
    });
    // One figure document per measure of the district, its newest value first: the same
    // measure reported year after year is one result, not one per report.
    let mut figure_index: HashMap<(Domain, &str), usize> = HashMap::new();
    for report in &district.reports {
        // Figures without a subject have nothing to be found by.
        let labelled: Vec<(&Metric, &str)> = analysis
            .metrics(report)
            .iter()
            .map(|m| (m, figures.label(m).0))
            .filter(|(_, label)| !label.is_empty())
            .collect();
        let text = match (lang, &report.text_en) {
            (Lang::Zh, _) => DocText::Markdown(&report.text),
            (Lang::En, Some(en)) => DocText::Markdown(en),
            // Untranslated: what the English page shows in English, its fact sheet.
            (Lang::En, None) => DocText::Plain(
                labelled
                    .iter()
                    .map(|&(m, label)| format!("{label} {}", figures.display(m)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        };
        docs.push(SearchDoc {
            kind: DocKind::Report,
            title: report_title(report, lang),
            url: urls.page(lang, &report_path(report)),
            district: name.clone(),
            domain: report
                .meta
                .domains
                .first()
                .map(|d| d.name(lang).to_string())
                .unwrap_or_default(),
            text,
        });
        let date = report.meta.date.format("%Y-%m-%d").to_string();
        let page = figures.sentences_page(report);
        for (metric, label) in labelled {
            match figure_index.get(&(metric.domain, label)) {
                Some(&i) => {
                    if let DocText::Plain(text) = &mut docs[i].text {
                        if text.chars().count() < SNIPPET_SOURCE {
                            let display = figures.display(metric);
                            text.extend(["; ", &display, " (", &date, ")"]);
                        }
                    }
                }
                None => {
                    figure_index.insert((metric.domain, label), docs.len());
                    let display = figures.display(metric);
                    docs.push(SearchDoc {
                        kind: DocKind::Figure,
                        title: [label, " ", &display].concat(),
                        url: format!("{page}#{}", metric.id),
                        district: name.clone(),
                        domain: metric.domain.name(lang).to_string(),
                        text: DocText::Plain([display.as_str(), " (", &date, ")"].concat()),
                    });
                }
            }
        }
    }
    docs
}

/// The prose of a markdown text as plain text.
fn plain(markdown: &str) -> String {
    markdown_blocks(markdown, 0)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Serialize)]
struct Manifest {
    docs: usize,
    /// Vocabulary shards: by a term's first character.
    vocab: u32,
    /// Postings shards: by a hash of the term.
    postings: u32,
    /// `[kind, first document, end, documents per chunk]`: documents come sorted by kind, and
    /// each kind is cut into chunk files `d/<kind>-<n>.json`.
    kinds: Vec<(DocKind, usize, usize, usize)>,
}

/// One vocabulary shard: the terms whose first character falls in it, and the words stems
/// came from (`hospitals -> hospit`). Small, so that segmenting a query costs little.
#[derive(Serialize, Default)]
struct Vocabulary<'a> {
    t: Vec<&'a str>,
    w: BTreeMap<&'a str, &'a str>,
}

/// The index files of `docs` (sorted by kind), under `dir` (`search/index/` or
/// `en/search/index/`): `meta.json`, vocabulary shards `v/`, postings shards `p/` holding
/// `term -> [gap, weight, …]` (see [`best_postings`]), and document chunks `d/`.
pub fn index_files(docs: &[SearchDoc], dir: &str) -> Result<Vec<OutputFile>, Diagnostics> {
    // Each worker gathers the postings of a run of documents; runs are merged in document
    // order, so that each term's postings stay sorted by document.
    let Postings {
        terms,
        lengths,
        snippets,
        stems,
        unread,
    } = runs_of_equal_text(docs, 8 * rayon::current_num_threads())
        .into_par_iter()
        .map(|run| {
            run.fold(Postings::default(), |postings, id| {
                postings.add(id as u32, &docs[id])
            })
        })
        .reduce(Postings::default, Postings::merge);
    if !unread.is_empty() {
        return Err(unread.into_iter().collect());
    }
    let mut postings: Vec<(String, Vec<(u32, u32)>)> = terms.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let norms = length_norms(docs, &lengths);
    let vocab = shard_count(postings.len(), 2000);
    let total_postings: usize = postings.iter().map(|(_, list)| list.len()).sum();
    let postings_shards = shard_count(total_postings, 4000);
    let mut vocab_files: BTreeMap<u32, Vocabulary> = BTreeMap::new();
    // Each postings shard is flattened and serialised on its own: only the shards being
    // written hold their flat lists.
    let mut by_postings_shard: Vec<Vec<TermPostings>> = vec![Vec::new(); postings_shards as usize];
    for (term, list) in &postings {
        vocab_files
            .entry(shard_of(term, vocab))
            .or_default()
            .t
            .push(term);
        by_postings_shard[hash_shard(term, postings_shards) as usize].push((term, list));
    }
    for (word, stem) in stems.words() {
        vocab_files
            .entry(shard_of(word, vocab))
            .or_default()
            .w
            .insert(word, stem);
    }
    let mut kinds: Vec<(DocKind, usize, usize, usize)> = Vec::new();
    for (id, doc) in docs.iter().enumerate() {
        match kinds.last_mut() {
            Some(last) if last.0 == doc.kind => last.2 = id + 1,
            _ => kinds.push((doc.kind, id, id + 1, chunk_size(doc.kind))),
        }
    }
    let mut files = Vec::new();
    for &(kind, start, end, size) in &kinds {
        let snippets = snippets[start..end].chunks(size);
        for (k, (chunk, snippets)) in docs[start..end].chunks(size).zip(snippets).enumerate() {
            let rows: Vec<(&str, &str, &str, &str, &str)> = chunk
                .iter()
                .zip(snippets)
                .map(|(d, snippet)| {
                    (
                        d.title.as_str(),
                        d.url.as_str(),
                        d.district.as_str(),
                        d.domain.as_str(),
                        snippet.as_str(),
                    )
                })
                .collect();
            let kind = serde_json::to_value(kind).unwrap_or_default();
            let name = kind.as_str().unwrap_or("doc");
            files.push(json_file(format!("{dir}d/{name}-{k}.json"), &rows));
        }
    }
    let manifest = Manifest {
        docs: docs.len(),
        vocab,
        postings: postings_shards,
        kinds,
    };
    files.push(json_file(format!("{dir}meta.json"), &manifest));
    files.par_extend(
        vocab_files
            .par_iter()
            .map(|(k, shard)| json_file(format!("{dir}v/{k}.json"), shard)),
    );
    files.par_extend(
        by_postings_shard
            .par_iter()
            .enumerate()
            .filter(|(_, terms)| !terms.is_empty())
            .map(|(k, terms)| {
                let shard: BTreeMap<&str, Vec<u32>> = terms
                    .iter()
                    .map(|&(term, list)| (term, best_postings(list, &norms)))
                    .collect();
                json_file(format!("{dir}p/{k}.json"), &shard)
            }),
    );
    Ok(files)
}

/// `docs` cut into about `count` runs of about equal text, in order. Reports hold nearly all
/// the text and come first: runs of equal numbers of documents would leave one worker all of
/// them.
fn runs_of_equal_text(docs: &[SearchDoc], count: usize) -> Vec<Range<usize>> {
    let size = |doc: &SearchDoc| doc.title.len() + doc.text.len();
    let per_run = docs.iter().map(size).sum::<usize>() / count.max(1) + 1;
    let mut runs = Vec::new();
    let (mut start, mut text) = (0, 0);
    for (id, doc) in docs.iter().enumerate() {
        text += size(doc);
        if text >= per_run {
            runs.push(start..id + 1);
            (start, text) = (id + 1, 0);
        }
    }
    if start < docs.len() {
        runs.push(start..docs.len());
    }
    runs
}

/// A term and its `(document, weighted count)` postings, in document order.
type TermPostings<'a> = (&'a str, &'a [(u32, u32)]);

/// The postings of a run of documents: each term's `(document, weighted count)` in document
/// order, each document's weighted length and snippet, and the stems made on the way.
#[derive(Default)]
struct Postings {
    terms: FxHashMap<String, Vec<(u32, u32)>>,
    lengths: Vec<u32>,
    snippets: Vec<String>,
    stems: Stems,
    /// Texts that could not be read again.
    unread: Vec<Diagnostic>,
}

impl Postings {
    /// Adds document `id`, which follows every document already added.
    fn add(mut self, id: u32, doc: &SearchDoc) -> Self {
        let Postings {
            terms,
            stems,
            unread,
            ..
        } = &mut self;
        let mut length = 0;
        let text = doc.text.plain().unwrap_or_else(|e| {
            unread.push(e);
            Cow::Borrowed("")
        });
        for (text, weight) in [(doc.title.as_str(), TITLE_WEIGHT), (&text, 1)] {
            tokens(text, stems, |token| {
                length += weight;
                match terms.get_mut(token.term) {
                    Some(list) => match list.last_mut() {
                        Some((last, tf)) if *last == id => *tf += weight,
                        _ => list.push((id, weight)),
                    },
                    None => {
                        terms.insert(token.term.to_string(), vec![(id, weight)]);
                    }
                }
            });
        }
        self.lengths.push(length);
        self.snippets
            .push(text.chars().take(SNIPPET_SOURCE).collect());
        self
    }

    /// Appends the postings of the documents that follow these.
    fn merge(mut self, later: Postings) -> Self {
        for (term, list) in later.terms {
            match self.terms.get_mut(&term) {
                Some(earlier) => earlier.extend(list),
                None => {
                    self.terms.insert(term, list);
                }
            }
        }
        self.lengths.extend(later.lengths);
        self.snippets.extend(later.snippets);
        self.unread.extend(later.unread);
        self.stems.merge(later.stems);
        self
    }
}

/// BM25 normalises a length by the average of the document's own kind: a report is long
/// next to a figure, and should not lose to one for it. In percent.
fn length_norms(docs: &[SearchDoc], lengths: &[u32]) -> Vec<u32> {
    let mut by_kind: BTreeMap<DocKind, (u64, u64)> = BTreeMap::new();
    for (doc, &length) in docs.iter().zip(lengths) {
        let entry = by_kind.entry(doc.kind).or_default();
        entry.0 += u64::from(length);
        entry.1 += 1;
    }
    docs.iter()
        .zip(lengths)
        .map(|(doc, &length)| {
            let (total, count) = by_kind[&doc.kind];
            let average = total as f64 / count.max(1) as f64;
            (100.0 * f64::from(length) / average.max(1.0)).round() as u32
        })
        .collect()
}

/// A term's postings, flat: per document the gap from the one before (the first's number)
/// and the term's BM25 weight there, [`bm25_part`] scaled to a small integer; only the idf is
/// left to the browser, which has the number of postings. Gaps and weights are short numbers,
/// which keeps a common term's shard small. A very common term keeps only its
/// [`MAX_POSTINGS`] strongest documents, the ones BM25 would rank first.
fn best_postings(list: &[(u32, u32)], norms: &[u32]) -> Vec<u32> {
    let mut kept: Vec<(u32, f64)> = list
        .iter()
        .map(|&(doc, tf)| (doc, bm25_part(tf, norms[doc as usize])))
        .collect();
    if kept.len() > MAX_POSTINGS {
        // Strongest first, ties by document: a total order, so the kept set is the same
        // on every run.
        kept.select_nth_unstable_by(MAX_POSTINGS - 1, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        kept.truncate(MAX_POSTINGS);
        kept.sort_unstable_by_key(|&(doc, _)| doc);
    }
    let mut before = 0;
    kept.into_iter()
        .flat_map(|(doc, part)| {
            let gap = doc - before;
            before = doc;
            [gap, ((part * WEIGHT_SCALE).round() as u32).max(1)]
        })
        .collect()
}

/// BM25's term part for a term seen `tf` times (title words weighted) in a document whose
/// length is `norm` percent of its kind's average.
fn bm25_part(tf: u32, norm: u32) -> f64 {
    let tf = f64::from(tf);
    let norm = f64::from(norm) / 100.0;
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * norm))
}

/// Enough shards that each holds about `per_shard` items; a power of two, at least 16.
fn shard_count(items: usize, per_shard: usize) -> u32 {
    let wanted = (items / per_shard).max(16) as u32;
    wanted.next_power_of_two()
}

/// The vocabulary shard of a term: its first character's code point modulo the shard count
/// (the browser computes the same for each character of a query).
pub fn shard_of(term: &str, shards: u32) -> u32 {
    term.chars().next().map_or(0, |c| c as u32 % shards)
}

/// The postings shard of a term: FNV-1a over its UTF-8 bytes, modulo the shard count (the
/// browser computes the same).
pub fn hash_shard(term: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in term.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards
}

fn json_file(path: String, value: &impl Serialize) -> OutputFile {
    // Serialising plain maps, vectors and strings cannot fail.
    OutputFile::new(path, serde_json::to_vec(value).unwrap_or_default())
}

#[cfg(test)]
mod tests;
