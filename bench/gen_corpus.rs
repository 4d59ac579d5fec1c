//! Synthetic benchmark corpus: `gen_corpus N OUT [--seed S]`.
//!
//! Writes, from one seed, the same N bilingual reports over 40 districts twice:
//! `OUT/minsheng/` (a complete minsheng site) and `OUT/hugo/` (the equivalent Hugo site, with
//! the minimal theme of `bench/hugo/`). The text is the project's own sample reports
//! (`content/districts/*/*.md`) cut into sentences and shuffled; English from the `.en.md`
//! translations. Same N and seed give byte-identical trees. See `bench/README.md`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::{Days, NaiveDate};
use minsheng::model::Domain;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use walkdir::WalkDir;

#[path = "gen_corpus/write.rs"]
mod write;

use write::{write_hugo, write_minsheng};

const DISTRICTS: usize = 40;
/// Han characters per Chinese report body, like the sample reports.
const HAN_MIN: usize = 2000;
const HAN_MAX: usize = 3000;
const USAGE: &str = "usage: gen_corpus N OUT [--seed S]";

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut seed: u64 = 1;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => {
                let v = args.next().context(USAGE)?;
                seed = v.parse().with_context(|| format!("bad seed {v:?}"))?;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => positional.push(a),
        }
    }
    let [n, out] = positional.as_slice() else {
        bail!(USAGE)
    };
    let n: usize = n
        .parse()
        .with_context(|| format!("N must be a number: {n:?}\n{USAGE}"))?;
    if n == 0 {
        bail!("N must be at least 1");
    }
    let out = PathBuf::from(out);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let text = Text::load(root)?;
    let corpus = Corpus::generate(n, seed, &text);

    let ms = out.join("minsheng");
    let hugo = out.join("hugo");
    for dir in [&ms, &hugo] {
        if dir.exists() {
            fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
        }
    }
    write_minsheng(root, &ms, &corpus)?;
    write_hugo(root, &hugo, &corpus)?;

    let han: usize = corpus.reports.iter().map(|r| han_count(&r.body_zh)).sum();
    eprintln!(
        "gen_corpus: {} reports (zh + en) over {} districts, seed {}, {} Han characters (mean {} per report) -> {}",
        n,
        DISTRICTS,
        seed,
        han,
        han / n,
        out.display()
    );
    Ok(())
}

// ---------------------------------------------------------------- source text

/// Sentences and headings cut from the project's sample reports.
struct Text {
    zh: Vec<String>,
    zh_headings: Vec<String>,
    en: Vec<String>,
    en_headings: Vec<String>,
}

impl Text {
    fn load(root: &Path) -> Result<Text> {
        let dir = root.join("content/districts");
        let mut files: Vec<PathBuf> = WalkDir::new(&dir)
            .min_depth(2)
            .max_depth(2)
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .with_context(|| format!("reading {}", dir.display()))?
            .into_iter()
            .map(|e| e.into_path())
            .filter(|p| {
                let name = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
                name.ends_with(".md") && !name.starts_with("_index")
            })
            .collect();
        files.sort();
        let mut t = Text {
            zh: vec![],
            zh_headings: vec![],
            en: vec![],
            en_headings: vec![],
        };
        for f in &files {
            let src = fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
            let body = body_of(&src);
            if f.to_string_lossy().ends_with(".en.md") {
                split_en(body, &mut t.en, &mut t.en_headings);
            } else {
                split_zh(body, &mut t.zh, &mut t.zh_headings);
            }
        }
        for h in [&mut t.zh_headings, &mut t.en_headings] {
            h.sort();
            h.dedup();
        }
        if t.zh.len() < 20 || t.en.len() < 20 || t.zh_headings.len() < 5 || t.en_headings.len() < 5
        {
            bail!(
                "too little text in {}: {} zh sentences, {} en sentences, {} / {} headings",
                dir.display(),
                t.zh.len(),
                t.en.len(),
                t.zh_headings.len(),
                t.en_headings.len()
            );
        }
        Ok(t)
    }
}

/// The text after the YAML front matter.
fn body_of(src: &str) -> &str {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let Some(rest) = src.strip_prefix("---\n") else {
        return src;
    };
    match rest.find("\n---\n") {
        Some(i) => &rest[i + 5..],
        None => "",
    }
}

/// Prose lines of a markdown body (list markers removed); `## ` headings go to `headings`.
fn prose_lines<'a>(body: &'a str, headings: &mut Vec<String>) -> Vec<&'a str> {
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in body.lines() {
        let line = line.trim();
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code || line.is_empty() || line.starts_with('|') || line.starts_with('>') {
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            headings.push(h.trim().to_string());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let line = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .unwrap_or(line);
        lines.push(line.trim());
    }
    lines
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// Chinese sentences: split on 。！？, keeping the punctuation and any closing quote after it.
fn split_zh(body: &str, out: &mut Vec<String>, headings: &mut Vec<String>) {
    for line in prose_lines(body, headings) {
        let mut cur = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            cur.push(c);
            if matches!(c, '。' | '！' | '？') {
                while let Some(&q) = chars.peek() {
                    if matches!(q, '”' | '’' | '」' | '』' | '）') {
                        cur.push(q);
                        chars.next();
                    } else {
                        break;
                    }
                }
                push_zh(&mut cur, out);
            }
        }
        // A list item or line without final punctuation: end it as a sentence.
        let rest = cur
            .trim()
            .trim_end_matches(['：', '；', '，', ':', ';', ','])
            .to_string();
        if han_count(&rest) >= 8 {
            cur = rest + "。";
            push_zh(&mut cur, out);
        }
    }
}

fn push_zh(cur: &mut String, out: &mut Vec<String>) {
    let s = cur.trim();
    if han_count(s) >= 4 {
        out.push(s.to_string());
    }
    cur.clear();
}

/// English sentences: split on ". " (keeping the full stop), not after a few abbreviations.
fn split_en(body: &str, out: &mut Vec<String>, headings: &mut Vec<String>) {
    const ABBREV: [&str; 8] = ["No", "Mr", "Mrs", "Ms", "Dr", "St", "e.g", "i.e"];
    for line in prose_lines(body, headings) {
        let parts: Vec<&str> = line.split(". ").collect();
        let mut cur = String::new();
        for (i, part) in parts.iter().enumerate() {
            cur.push_str(part);
            let last = i + 1 == parts.len();
            if last {
                break;
            }
            cur.push('.');
            let last_word = part.rsplit(' ').next().unwrap_or("");
            if ABBREV.contains(&last_word) {
                cur.push(' ');
                continue;
            }
            push_en(&mut cur, out);
        }
        let rest = cur.trim().trim_end_matches([':', ';', ',']).to_string();
        if !rest.is_empty() {
            cur = if rest.ends_with(['.', '!', '?', '"', ')']) {
                rest
            } else {
                rest + "."
            };
            push_en(&mut cur, out);
        }
    }
}

fn push_en(cur: &mut String, out: &mut Vec<String>) {
    let s = cur.trim();
    if s.len() >= 20 {
        out.push(s.to_string());
    }
    cur.clear();
}

/// Draws items in shuffled order, reshuffling when all have been drawn.
struct Deck<'a> {
    items: &'a [String],
    order: Vec<usize>,
    pos: usize,
}

impl<'a> Deck<'a> {
    fn new(items: &'a [String]) -> Deck<'a> {
        let order = (0..items.len()).collect();
        Deck {
            items,
            order,
            pos: items.len(),
        }
    }

    fn draw(&mut self, rng: &mut StdRng) -> &'a str {
        if self.pos == self.order.len() {
            self.order.shuffle(rng);
            self.pos = 0;
        }
        self.pos += 1;
        &self.items[self.order[self.pos - 1]]
    }

    /// `k` different items (k must not exceed the number of items).
    fn draw_distinct(&mut self, k: usize, rng: &mut StdRng) -> Vec<&'a str> {
        let mut got: Vec<&'a str> = Vec::with_capacity(k);
        while got.len() < k {
            let s = self.draw(rng);
            if !got.contains(&s) {
                got.push(s);
            }
        }
        got
    }
}

// ---------------------------------------------------------------- the corpus

struct District {
    slug: String,
    name: String,
    name_en: String,
    code: u32,
    lat: f64,
    lon: f64,
    text_zh: String,
    text_en: String,
}

struct Report {
    slug: String,
    /// Index into `Corpus::districts`.
    district: usize,
    title: String,
    title_en: String,
    date: NaiveDate,
    summary: String,
    summary_en: String,
    domains: Vec<&'static str>,
    body_zh: String,
    body_en: String,
}

struct Corpus {
    districts: Vec<District>,
    reports: Vec<Report>,
}

impl Corpus {
    fn generate(n: usize, seed: u64, text: &Text) -> Corpus {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut zh = Deck::new(&text.zh);
        let mut en = Deck::new(&text.en);
        let mut zh_h = Deck::new(&text.zh_headings);
        let mut en_h = Deck::new(&text.en_headings);

        let districts = (1..=DISTRICTS)
            .map(|i| {
                // An 8 × 5 grid over lat 27..32, lon 103..110.
                let (row, col) = ((i - 1) / 8, (i - 1) % 8);
                let mut text_zh = format!(
                    "第{i:02}区是基准测试语料中虚构的区县，行政区划代码{}，收录的报道由真实报道的句子打乱重组而成。",
                    500100 + i
                );
                let mut text_en = format!(
                    "District {i:02} is a fictitious district of the benchmark corpus; its reports are real sentences shuffled."
                );
                for _ in 0..2 {
                    text_zh.push_str(zh.draw(&mut rng));
                    text_en.push(' ');
                    text_en.push_str(en.draw(&mut rng));
                }
                District {
                    slug: format!("d{i:02}"),
                    name: format!("第{i:02}区"),
                    name_en: format!("District {i:02}"),
                    code: 500100 + i as u32,
                    lat: 27.3 + row as f64 * 1.1 + col as f64 * 0.02,
                    lon: 103.4 + col as f64 * 0.9 + row as f64 * 0.03,
                    text_zh,
                    text_en,
                }
            })
            .collect::<Vec<_>>();

        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let days = (NaiveDate::from_ymd_opt(2025, 12, 31).unwrap() - start).num_days() as u64;
        let reports = (1..=n)
            .map(|i| {
                let district = (i - 1) % DISTRICTS;
                let date = start
                    .checked_add_days(Days::new(rng.random_range(0..=days)))
                    .unwrap();
                let mut domains: Vec<&'static str> = Domain::ALL.map(Domain::slug).to_vec();
                domains.shuffle(&mut rng);
                domains.truncate(rng.random_range(1..=4));
                domains.sort_by_key(|d| Domain::ALL.iter().position(|x| x.slug() == *d));

                // Structure: sections of paragraphs of sentence counts, filled to a Han target.
                let target = rng.random_range(HAN_MIN..=HAN_MAX);
                let mut shape: Vec<Vec<Vec<&str>>> = (0..rng.random_range(3..=5))
                    .map(|_| vec![Vec::new(); rng.random_range(2..=4)])
                    .collect();
                let mut han = 0;
                loop {
                    let short: Vec<(usize, usize)> = cells(&shape, |p| p.len() < 2);
                    let open: Vec<(usize, usize)> = cells(&shape, |p| p.len() < 5);
                    let (s, p) = if let Some(&c) = short.first() {
                        c
                    } else if han >= target {
                        break;
                    } else if !open.is_empty() {
                        let c = open[rng.random_range(0..open.len())];
                        let sentence = zh.draw(&mut rng);
                        if han + han_count(sentence) > HAN_MAX {
                            break;
                        }
                        han += han_count(sentence);
                        shape[c.0][c.1].push(sentence);
                        continue;
                    } else if let Some(s) = (0..shape.len()).find(|&s| shape[s].len() < 4) {
                        shape[s].push(Vec::new());
                        continue;
                    } else if shape.len() < 5 {
                        shape.push(vec![Vec::new(); 2]);
                        continue;
                    } else {
                        break;
                    };
                    let sentence = zh.draw(&mut rng);
                    han += han_count(sentence);
                    shape[s][p].push(sentence);
                }
                let heads_zh = zh_h.draw_distinct(shape.len(), &mut rng);
                let heads_en = en_h.draw_distinct(shape.len(), &mut rng);
                let code_at = if i % 10 == 0 {
                    let s = rng.random_range(0..shape.len());
                    Some((s, rng.random_range(0..shape[s].len())))
                } else {
                    None
                };
                let code = code_block(i, &districts[district].slug, &mut rng);

                let mut body_zh = String::new();
                let mut body_en = String::new();
                let mut first_en = String::new();
                for (s, section) in shape.iter().enumerate() {
                    let _ = write!(body_zh, "## {}\n\n", heads_zh[s]);
                    let _ = write!(body_en, "## {}\n\n", heads_en[s]);
                    for (p, para) in section.iter().enumerate() {
                        body_zh.push_str(&para.concat());
                        body_zh.push_str("\n\n");
                        let en_para: Vec<&str> = para.iter().map(|_| en.draw(&mut rng)).collect();
                        if first_en.is_empty() {
                            first_en = en_para[0].to_string();
                        }
                        body_en.push_str(&en_para.join(" "));
                        body_en.push_str("\n\n");
                        if code_at == Some((s, p)) {
                            body_zh.push_str(&code);
                            body_en.push_str(&code);
                        }
                    }
                }
                let core = |h: &str, sep: &str| match h.split_once(sep) {
                    Some((_, rest)) if !rest.trim().is_empty() => rest.trim().to_string(),
                    _ => h.to_string(),
                };
                let d = &districts[district];
                Report {
                    slug: format!("r{i:05}"),
                    district,
                    title: format!("{}民生简报第{i:05}号：{}", d.name, core(heads_zh[0], "：")),
                    title_en: format!(
                        "{} livelihood brief no. {i}: {}",
                        d.name_en,
                        core(heads_en[0], ": ")
                    ),
                    date,
                    summary: shape[0][0][0].to_string(),
                    summary_en: first_en,
                    domains,
                    body_zh,
                    body_en,
                }
            })
            .collect();
        Corpus { districts, reports }
    }
}

/// (section, paragraph) of the paragraphs that satisfy `f`, in order.
fn cells(shape: &[Vec<Vec<&str>>], f: impl Fn(&Vec<&str>) -> bool) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    for (s, sec) in shape.iter().enumerate() {
        for (p, para) in sec.iter().enumerate() {
            if f(para) {
                v.push((s, p));
            }
        }
    }
    v
}

fn code_block(i: usize, district: &str, rng: &mut StdRng) -> String {
    format!(
        "```yaml\nreport: r{i:05}\ndistrict: {district}\nfigures:\n  - indicator: school_places\n    value: {}\n  - indicator: elderly_care_beds\n    value: {}\nchecked: true\n```\n\n",
        rng.random_range(100..10000),
        rng.random_range(50..5000)
    )
}
