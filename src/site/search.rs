//! The search index of one language, built with the same tokens the browser's query finds:
//! term shards (postings and the vocabulary), document chunks (title, link, district, domain
//! and the text snippets come from) and a small manifest. A first query loads the manifest,
//! the shards of its first characters and the chunks of its best results.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analyze::text::markdown_blocks;
use crate::analyze::tokens::tokens;
use crate::content::{Atlas, Document};
use crate::lang::Lang;
use crate::render::views::MetricView;
use crate::site::analysis::Analysis;
use crate::site::figures::Figures;
use crate::site::pages::{district_name, district_path, report_path, OutputFile};
use crate::urls::Urls;

/// How many documents a chunk file holds.
const CHUNK: usize = 64;
/// Characters of a document's text kept for its snippet.
const SNIPPET_SOURCE: usize = 360;
/// Title words count this many times as often as words of the text.
const TITLE_WEIGHT: u32 = 3;

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
pub struct SearchDoc {
    pub kind: DocKind,
    pub title: String,
    pub url: String,
    pub district: String,
    pub domain: String,
    pub text: String,
}

/// The documents of one language: reports, district pages, glossary entries and figures.
pub fn documents(atlas: &Atlas, analysis: &Analysis, urls: &Urls, lang: Lang) -> Vec<SearchDoc> {
    let figures = Figures::new(lang, atlas, analysis, urls);
    let mut docs = Vec::new();
    for district in &atlas.districts {
        let name = district_name(district, lang);
        let text = match (lang, &district.text_en) {
            (Lang::En, Some(en)) => plain(en),
            _ => plain(&district.text),
        };
        docs.push(SearchDoc {
            kind: DocKind::District,
            title: name.clone(),
            url: urls.page(lang, &district_path(district)),
            district: name.clone(),
            domain: String::new(),
            text,
        });
        for report in &district.reports {
            let views = figures.metrics_of(report, analysis.metrics(report).iter());
            let (title, text) = match (lang, &report.text_en) {
                (Lang::Zh, _) => (report.meta.title.clone(), plain(&report.text)),
                (Lang::En, Some(en)) => (
                    en.meta
                        .title
                        .clone()
                        .unwrap_or_else(|| report.meta.title_en.clone()),
                    plain(en),
                ),
                // Untranslated: what the English page shows in English, its fact sheet.
                (Lang::En, None) => (report.meta.title_en.clone(), fact_text(&views)),
            };
            docs.push(SearchDoc {
                kind: DocKind::Report,
                title,
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
            docs.extend(
                views
                    .into_iter()
                    .filter(|m| !m.label.is_empty())
                    .map(|m| SearchDoc {
                        kind: DocKind::Figure,
                        title: format!("{} {}", m.label, m.display),
                        url: m.url,
                        district: name.clone(),
                        domain: m.domain.name.to_string(),
                        text: m.report_title,
                    }),
            );
        }
    }
    for (n, (zh, entry)) in atlas.glossary.iter().enumerate() {
        let note = match lang {
            Lang::Zh => entry.note_zh.clone(),
            Lang::En => entry.note_en.clone(),
        };
        docs.push(SearchDoc {
            kind: DocKind::Glossary,
            title: format!("{zh} · {}", entry.en),
            url: format!("{}#term-{}", urls.page(lang, "glossary/"), n + 1),
            district: String::new(),
            domain: String::new(),
            text: note.unwrap_or_default(),
        });
    }
    docs
}

/// The prose of a document as plain text.
fn plain(doc: &Document) -> String {
    markdown_blocks(&doc.body, 0)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n")
}

fn fact_text(views: &[MetricView]) -> String {
    views
        .iter()
        .filter(|m| !m.label.is_empty())
        .map(|m| format!("{} {}", m.label, m.display))
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Serialize)]
struct Manifest {
    docs: usize,
    shards: u32,
    chunk: usize,
}

/// One shard of the vocabulary: postings `term -> [doc, tf, norm, doc, tf, norm…]` (norm: the
/// document's weighted length in percent of its kind's average), and
/// the words stems came from (`hospitals -> hospit`).
#[derive(Serialize, Default)]
struct Shard {
    p: BTreeMap<String, Vec<u32>>,
    w: BTreeMap<String, String>,
}

/// The index files of `docs`, under `dir` (`search/index/` or `en/search/index/`).
pub fn index_files(docs: &[SearchDoc], dir: &str) -> Vec<OutputFile> {
    let mut postings: BTreeMap<String, Vec<(u32, u32)>> = BTreeMap::new();
    let mut words: BTreeMap<String, String> = BTreeMap::new();
    let mut lengths = Vec::with_capacity(docs.len());
    for (id, doc) in docs.iter().enumerate() {
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        let mut length = 0;
        for (text, weight) in [(&doc.title, TITLE_WEIGHT), (&doc.text, 1)] {
            for token in tokens(text) {
                *counts.entry(token.term.clone()).or_default() += weight;
                length += weight;
                if let Some(word) = token.word {
                    words.insert(word, token.term);
                }
            }
        }
        lengths.push(length);
        for (term, tf) in counts {
            postings.entry(term).or_default().push((id as u32, tf));
        }
    }
    // BM25 normalises a length by the average of the document's own kind: a report is long
    // next to a figure, and should not lose to one for it.
    let mut by_kind: BTreeMap<DocKind, (u64, u64)> = BTreeMap::new();
    for (doc, &length) in docs.iter().zip(&lengths) {
        let entry = by_kind.entry(doc.kind).or_default();
        entry.0 += u64::from(length);
        entry.1 += 1;
    }
    let norms: Vec<u32> = docs
        .iter()
        .zip(&lengths)
        .map(|(doc, &length)| {
            let (total, count) = by_kind[&doc.kind];
            let average = total as f64 / count.max(1) as f64;
            (100.0 * f64::from(length) / average.max(1.0)).round() as u32
        })
        .collect();
    let shards = shard_count(postings.len());
    let mut shard_files: BTreeMap<u32, Shard> = BTreeMap::new();
    for (term, list) in postings {
        let flat = list
            .into_iter()
            .flat_map(|(doc, tf)| [doc, tf, norms[doc as usize]])
            .collect();
        shard_files
            .entry(shard_of(&term, shards))
            .or_default()
            .p
            .insert(term, flat);
    }
    for (word, stem) in words {
        shard_files
            .entry(shard_of(&word, shards))
            .or_default()
            .w
            .insert(word, stem);
    }
    let manifest = Manifest {
        docs: docs.len(),
        shards,
        chunk: CHUNK,
    };
    let mut files = vec![json_file(format!("{dir}meta.json"), &manifest)];
    files.extend(
        shard_files
            .iter()
            .map(|(k, shard)| json_file(format!("{dir}t/{k}.json"), shard)),
    );
    for (k, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<(DocKind, &str, &str, &str, &str, String)> = chunk
            .iter()
            .map(|d| {
                (
                    d.kind,
                    d.title.as_str(),
                    d.url.as_str(),
                    d.district.as_str(),
                    d.domain.as_str(),
                    d.text.chars().take(SNIPPET_SOURCE).collect(),
                )
            })
            .collect();
        files.push(json_file(format!("{dir}d/{k}.json"), &rows));
    }
    files
}

/// Enough shards that each holds a few thousand terms; a power of two, at least 16.
fn shard_count(terms: usize) -> u32 {
    let wanted = (terms / 3000).max(16) as u32;
    wanted.next_power_of_two()
}

/// The shard of a term: its first character's code point modulo the shard count (the
/// browser computes the same from the query).
pub fn shard_of(term: &str, shards: u32) -> u32 {
    term.chars().next().map_or(0, |c| c as u32 % shards)
}

fn json_file(path: String, value: &impl Serialize) -> OutputFile {
    OutputFile {
        path: path.into(),
        // Serialising plain maps, vectors and strings cannot fail.
        bytes: serde_json::to_vec(value).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> SearchDoc {
        SearchDoc {
            kind: DocKind::Report,
            title: title.into(),
            url: "/r/".into(),
            district: String::new(),
            domain: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn postings_weight_titles_and_shards_by_first_character() {
        let docs = [
            doc("养老服务", "新增养老床位"),
            doc("学校", "Hospitals and schools"),
        ];
        let files = index_files(&docs, "search/index/");
        let meta: serde_json::Value = serde_json::from_slice(&files[0].bytes).expect("meta");
        assert_eq!(meta["docs"], 2);
        let shards = meta["shards"].as_u64().expect("shards") as u32;
        let shard_path = format!("search/index/t/{}.json", shard_of("养老", shards));
        let shard = files
            .iter()
            .find(|f| f.path.to_str() == Some(shard_path.as_str()))
            .expect("shard of 养老");
        let shard: serde_json::Value = serde_json::from_slice(&shard.bytes).expect("shard");
        // 养老 is in the title (weight 3) and the text (1) of document 0.
        assert_eq!(shard["p"]["养老"][0], 0);
        assert_eq!(shard["p"]["养老"][1], 4);
        let h = format!("search/index/t/{}.json", shard_of("hospitals", shards));
        let h = files
            .iter()
            .find(|f| f.path.to_str() == Some(h.as_str()))
            .expect("h");
        let h: serde_json::Value = serde_json::from_slice(&h.bytes).expect("h shard");
        assert_eq!(h["w"]["hospitals"], "hospit");
    }
}
