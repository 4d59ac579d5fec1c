//! English for a Chinese subject, never empty: the site's glossary, then the built-in lexicon,
//! then a gloss composed word by word from the bilingual dictionary, in English word order
//! (新增X -> new X, X率 -> X rate, 每千人口X -> X per 1,000 residents, 建设X -> X built).

use serde::{Deserialize, Serialize};

use super::dictionary::{dictionary, verb, Senses};
use super::glossary::Glossary;
use super::lexicon::PEOPLE_NOUNS;
use super::text::is_han;
use super::words::{CHANGE_WORDS, EACH_WORDS};
use arrange::arrange;
use participle::IRREGULAR;

/// Where a subject's English comes from.
/// Ordered from most to least trusted: a phrase composed of parts is as good as its worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The site's `content/glossary.yaml` names the whole subject (or an editor wrote it).
    Glossary,
    /// Composed from the site's glossary and the built-in lexicon.
    Lexicon,
    /// Composed with words from the bilingual dictionary: worth a look by an editor.
    #[default]
    Composed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct English {
    pub text: String,
    pub source: Source,
}

/// A piece of the subject and where its English comes from.
#[derive(Debug, Clone, Copy)]
enum Word<'a> {
    /// From the site's glossary or the lexicon (possibly empty: a function word).
    Known(&'a str),
    /// A known verb opening the subject, its English a participle (建成 -> built).
    Verb(&'a str),
    Dictionary(Senses),
    /// Letters, digits and signs, kept as written.
    AsWritten(&'a str),
    /// A character no dictionary knows, given in pinyin.
    Unknown(char),
}

impl Word<'_> {
    /// What choosing this word costs: fewer, longer words, the lexicon before the dictionary.
    fn cost(self) -> u32 {
        match self {
            Word::Known(_) | Word::Verb(_) | Word::AsWritten(_) => 10,
            Word::Dictionary(_) => 13,
            Word::Unknown(_) => 40,
        }
    }
}

impl Glossary {
    /// The English of `zh`, which is never empty for a subject with any letter or character.
    pub fn english(&self, zh: &str) -> English {
        if let Some(en) = self.site_term(zh) {
            return English {
                text: en.to_string(),
                source: Source::Glossary,
            };
        }
        // 平安县总投资: a place the subject opens with, named in pinyin with its level.
        if let Some((len, place)) = self.leading_place(zh).filter(|(len, _)| *len < zh.len()) {
            let rest = self.english(&zh[len..]);
            return English {
                text: format!("{} {}", place.text, rest.text),
                source: place.source.max(rest.source),
            };
        }
        // 参加养老保险人数增加: the change of what the rest names, read on its own.
        if let Some((measure, change)) = change(zh) {
            return self.pair(measure, change, |m, c| format!("{m} {c}"));
        }
        // 补助资金(每个乡镇): the measure, then the base it is given per.
        if let Some((measure, base)) = zh
            .strip_suffix(')')
            .and_then(|z| z.rsplit_once('('))
            .filter(|(m, b)| !m.is_empty() && b.starts_with('每'))
        {
            return self.pair(measure, base, |m, b| format!("{m} ({b})"));
        }
        // 每个乡镇: per township.
        if let Some(things) = each(zh) {
            let things = self.english(things);
            let (head, last) = things.text.rsplit_once(' ').unwrap_or(("", &things.text));
            let last = modifier::singular(last).unwrap_or_else(|| last.to_string());
            return English {
                text: format!("per {head} {last}").replace("  ", " "),
                source: things.source,
            };
        }
        // 60岁及以上老年人口: the people, then their ages (population aged 60 and over).
        if let Some((ages, rest)) = age_band(zh).filter(|(_, rest)| !rest.is_empty()) {
            let rest = self.english(rest);
            return English {
                text: format!("{} {ages}", rest.text),
                source: rest.source,
            };
        }
        // 老旧小区改造惠及居民: the people a project reached, then the project.
        if let Some((project, reached, how)) = reach(zh) {
            return self.pair(project, reached, |p, r| format!("{r} {how} {p}"));
        }
        // 参加失业保险人数: the participants of what they take part in.
        if let Some(scheme) = participants(zh) {
            let scheme = self.english(scheme);
            return English {
                text: format!("{} participants", scheme.text),
                source: scheme.source,
            };
        }
        // 教育支出占一般公共预算支出(的)比重: the share of one thing in another.
        if let Some((part, whole)) = share(zh) {
            return self.pair(part, whole, |p, w| format!("share of {p} in {w}"));
        }
        // 用于教育的财政支出: government spending for education.
        if let Some((things, purpose)) = relative::used_for(zh) {
            return self.pair(things, purpose, |t, p| format!("{t} for {p}"));
        }
        // 开设托班的幼儿园: the things, then what is said of them.
        if let Some(relative) = self.relative(zh) {
            return self.relative_english(&relative);
        }
        // The glossary and the lexicon first; where they leave characters unknown, the whole
        // subject again with the dictionary's words too, so that a dictionary compound wins
        // over lexicon pieces of it (城镇化率: 城镇化 + 率, not 城镇 + 化 + 率); a lexicon
        // word still wins over a dictionary word of the same length.
        let known = self.segment(zh, &[]);
        let (words, source) = if known.iter().any(|w| matches!(w.2, Word::Unknown(_))) {
            (
                self.segment(zh, &near_unknown(zh, &known)),
                Source::Composed,
            )
        } else {
            (known, Source::Lexicon)
        };
        // A single character the dictionary glosses inside a longer subject is mostly part
        // of a word it does not know (扩面, 片区, 台区), and its first sense misleads:
        // left out unless it is the head.
        let last = words.len().saturating_sub(1);
        // A rate of doing something names the doing (调解成功率: mediation success rate).
        let rate = matches!(words.last(), Some((_, _, Word::Known(en))) if en.ends_with("rate"));
        let words: Vec<(Word, &str)> = words
            .into_iter()
            .enumerate()
            .filter(|&(k, (start, end, word))| {
                let single = zh[start..end].chars().count() == 1;
                // 职工人数: the employees are the people counted.
                let people_counted = &zh[start..end] == "人数"
                    && PEOPLE_NOUNS.iter().any(|noun| zh[..start].ends_with(noun));
                !(people_counted || single && k != last && matches!(word, Word::Dictionary(_)))
            })
            // 维修改造老旧小区电梯: every verb of the run the subject opens with.
            .scan(true, |leading, (k, (start, end, word))| {
                let done = match word {
                    Word::Known(en) if *leading && k != last && !rate => self
                        .participle(&zh[start..end])
                        .or_else(|| is_verb(&zh[start..end], en).then_some(en)),
                    _ => None,
                };
                *leading = done.is_some();
                Some((done.map_or(word, Word::Verb), &zh[start..end]))
            })
            .collect();
        let text = arrange(&words);
        // Words the lexicon leaves out inside a phrase (方面 of 教育方面) are the whole subject
        // now and then: the dictionary names it rather than no English at all.
        if text.is_empty() {
            if let Some(senses) = dictionary().get(zh) {
                return English {
                    text: verb(senses.first()).to_string(),
                    source: Source::Composed,
                };
            }
        }
        English { text, source }
    }

    /// The English of two parts of `zh`, joined by `join`.
    fn pair(&self, first: &str, second: &str, join: impl Fn(&str, &str) -> String) -> English {
        let (first, second) = (self.english(first), self.english(second));
        English {
            text: join(&first.text, &second.text),
            source: first.source.max(second.source),
        }
    }

    /// The cheapest split of `zh` into known words, over every way of splitting it, as
    /// `(start, end, word)` in bytes; words of the dictionary too from the characters that
    /// `dictionary_at` marks.
    fn segment<'a>(&'a self, zh: &'a str, dictionary_at: &[bool]) -> Vec<(usize, usize, Word<'a>)> {
        let bounds: Vec<usize> = zh
            .char_indices()
            .map(|(i, _)| i)
            .chain([zh.len()])
            .collect();
        let n = bounds.len() - 1;
        // best[j]: the cost of the first j characters and the word that ends there.
        let mut best: Vec<Option<(u32, usize, Word)>> = vec![None; n + 1];
        let mut found = Vec::new();
        let mut reached = vec![false; n + 1];
        reached[0] = true;
        for i in 0..n {
            if !reached[i] {
                continue;
            }
            let before = best[i].map_or(0, |b| b.0);
            let with_dictionary = dictionary_at.get(i).copied().unwrap_or(false);
            self.words_at(zh, &bounds, i, with_dictionary, &mut found);
            for &(j, word) in &found {
                let cost = before + word.cost();
                if best[j].is_none_or(|b| cost < b.0) {
                    best[j] = Some((cost, i, word));
                    reached[j] = true;
                }
            }
        }
        let mut words = Vec::new();
        let mut at = n;
        while at > 0 {
            let Some((_, from, word)) = best[at] else {
                break;
            };
            words.push((bounds[from], bounds[at], word));
            at = from;
        }
        words.reverse();
        words
    }

    /// The words that can start at character `i` into `found`, with the character index where
    /// each ends.
    fn words_at<'a>(
        &'a self,
        zh: &'a str,
        bounds: &[usize],
        i: usize,
        with_dictionary: bool,
        found: &mut Vec<(usize, Word<'a>)>,
    ) {
        found.clear();
        let rest = &zh[bounds[i]..];
        let Some(c) = rest.chars().next() else {
            return;
        };
        let char_at = |byte: usize| bounds.partition_point(|&b| b < bounds[i] + byte);
        if !is_han(c) {
            let run = rest
                .find(|c: char| is_han(c) || !(c.is_alphanumeric() || c == '.'))
                .unwrap_or(rest.len());
            // A bracket is kept: a note in brackets (站(中心)) stays one in English.
            let run = if run == 0 && "()（）".contains(c) {
                c.len_utf8()
            } else {
                run
            };
            let end = char_at(run).max(i + 1);
            found.push((end, Word::AsWritten(&rest[..run])));
            return;
        }
        for len in 1..bounds.len() - i {
            let piece = &zh[bounds[i]..bounds[i + len]];
            if !piece.chars().all(is_han) {
                break;
            }
            let term = self.entry(piece);
            if let Some(en) = term.word {
                found.push((i + len, Word::Known(en)));
            }
            if len > 1 && !term.longer {
                break;
            }
        }
        // The dictionary's words starting here, in one walk; a term of the same length wins.
        let words = with_dictionary.then(|| dictionary().words_from(rest));
        for (end, senses) in words.into_iter().flatten() {
            let j = char_at(end);
            if !found.iter().any(|&(k, _)| k == j) {
                found.push((j, Word::Dictionary(senses)));
            }
        }
        if found.is_empty() {
            found.push((i + 1, Word::Unknown(c)));
        }
    }
}

/// What the people a head count of participants (参加…人数, 参与…人数) take part in.
fn participants(zh: &str) -> Option<&str> {
    let scheme = ["参加", "参与"]
        .iter()
        .find_map(|verb| zh.strip_prefix(verb))?
        .strip_suffix("人数")?;
    (!scheme.is_empty()).then_some(scheme)
}

/// A measure and the change of it `zh` ends with (…人数增加 -> (…人数, 增加)).
fn change(zh: &str) -> Option<(&str, &str)> {
    let word = CHANGE_WORDS
        .iter()
        .find(|w| w.chars().count() == 2 && zh.ends_with(**w))?;
    let measure = without_comparison(&zh[..zh.len() - word.len()]);
    (measure.chars().count() >= 2).then_some((measure, *word))
}

/// `measure` without the time it is compared with (户籍人口比上年末 -> 户籍人口): a change
/// is from the time before unless said otherwise.
fn without_comparison(measure: &str) -> &str {
    const BEFORE: &[&str] = &[
        "上年同期",
        "去年同期",
        "上年末",
        "去年末",
        "上年",
        "去年",
        "上月",
        "上季度",
        "年初",
    ];
    let cut = measure.rfind(['比', '较']).filter(|&at| {
        let when = &measure[at + '比'.len_utf8()..];
        let year = when
            .strip_suffix('年')
            .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
        BEFORE.contains(&when) || year
    });
    cut.map_or(measure, |at| &measure[..at])
}

/// The things of a per-base that names them after its measure word (每个乡镇 -> 乡镇).
fn each(zh: &str) -> Option<&str> {
    let things = EACH_WORDS.iter().find_map(|each| zh.strip_prefix(each))?;
    (!things.is_empty() && !things.contains('每')).then_some(things)
}

/// The ages `zh` opens with in English (60岁及以上 -> aged 60 and over, 3岁以下 -> under 3,
/// 35-64岁 -> aged 35–64), and the rest of it.
fn age_band(zh: &str) -> Option<(String, &str)> {
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let low = digits(zh);
    let (from, mut rest) = zh.split_at(low);
    let mut to = "";
    if let Some(after) = rest.strip_prefix(['-', '~', '—', '至', '到']) {
        let high = digits(after);
        (to, rest) = after.split_at(high);
    }
    let rest = rest.strip_prefix('周').unwrap_or(rest);
    let rest = rest.strip_prefix('岁')?;
    if from.is_empty() {
        return None;
    }
    if !to.is_empty() {
        return Some((format!("aged {from}–{to}"), rest));
    }
    let rest = rest.trim_start_matches(['及', '或']);
    if let Some(rest) = rest.strip_prefix("以上") {
        return Some((format!("aged {from} and over"), rest));
    }
    let rest = rest
        .strip_prefix("以下")
        .or_else(|| rest.strip_prefix("以内"))?;
    Some((format!("under {from}"), rest))
}

/// A project and whom or what it reached (改造老旧小区 惠及 居民), with the English that joins
/// them the other way round.
fn reach(zh: &str) -> Option<(&str, &str, &'static str)> {
    [
        ("惠及", "benefiting from"),
        ("涉及", "covered by"),
        ("带动", "driven by"),
    ]
    .into_iter()
    .find_map(|(verb, how)| {
        let (project, reached) = zh.split_once(verb)?;
        // 涉及改造: what it touched is work, not people or things reached (but 带动就业 is
        // the jobs a project made).
        let work = verb == "涉及" && dictionary_verb(reached);
        (!project.is_empty() && reached.chars().count() >= 2 && !work)
            .then_some((project, reached, how))
    })
}

/// The part and the whole of a share (`A占B的比重`), both named.
fn share(zh: &str) -> Option<(&str, &str)> {
    let (part, rest) = zh.split_once('占')?;
    // 占地(面积) (site), 占道 (on the road), 占用 (occupying), 占比 (share): words, not a
    // share of (but 占地方财政支出 is).
    let site = rest.starts_with('地') && !rest.starts_with("地方");
    if site || rest.starts_with(['道', '用', '比']) {
        return None;
    }
    let whole = ["比重", "比例", "份额"]
        .iter()
        .find_map(|end| rest.strip_suffix(end))
        .unwrap_or(rest);
    let whole = whole.strip_suffix('的').unwrap_or(whole);
    (!part.is_empty() && !whole.is_empty()).then_some((part, whole))
}

/// The characters of `zh` where a dictionary word could cover a character that `words`
/// leave unknown: a dictionary word is looked up only where it can fill a gap.
fn near_unknown(zh: &str, words: &[(usize, usize, Word)]) -> Vec<bool> {
    /// The longest word of the dictionary, in characters.
    const LONGEST: usize = 6;
    let unknown: Vec<bool> = words
        .iter()
        .flat_map(|&(start, end, word)| {
            let gap = matches!(word, Word::Unknown(_));
            zh[start..end].chars().map(move |_| gap)
        })
        .collect();
    (0..unknown.len())
        .map(|i| unknown[i..(i + LONGEST).min(unknown.len())].contains(&true))
        .collect()
}

/// Whether `zh` is a verb (by the dictionary) whose English `en` is a participle.
fn is_verb(zh: &str, en: &str) -> bool {
    is_participle(en) && dictionary_verb(zh)
}

/// Whether `gloss`, the English of `zh`, opens with the verb the dictionary's first sense
/// of `zh` is (持续: continue), not a noun made of it (改造: renovation).
fn base_verb(zh: &str, gloss: &str) -> bool {
    fn first(text: &str) -> &str {
        text.split([' ', ';']).next().unwrap_or_default()
    }
    dictionary().get(zh).is_some_and(|senses| {
        senses
            .first()
            .strip_prefix("to ")
            .is_some_and(|verb| first(verb) == first(gloss))
    })
}

/// Whether the dictionary's first sense of `zh` is a verb ("to …").
fn dictionary_verb(zh: &str) -> bool {
    dictionary()
        .get(zh)
        .is_some_and(|senses| senses.first().starts_with("to "))
}

/// "built", "renovated", "set up": one past participle, maybe with its particle.
fn is_participle(en: &str) -> bool {
    // Put into use, put into operation: the state it was put into goes with the verb.
    let en = ["into use", "into operation", "into service"]
        .iter()
        .find_map(|state| en.strip_suffix(state))
        .map_or(en, str::trim_end);
    let mut words = en.split(' ');
    let head = words.next().unwrap_or("");
    let particle = words.next();
    words.next().is_none()
        && particle.is_none_or(|p| ["up", "out", "off", "down"].contains(&p))
        && (head.ends_with("ed") || IRREGULAR.iter().any(|(_, done)| *done == head))
}

/// A dictionary sense as a label says it: without the placeholders `sth`, `sb` and `one's`,
/// in British spelling like the lexicon (urbanization -> urbanisation, center -> centre).
fn plain(sense: &str) -> String {
    // A label names things: "a plan" is "plan" inside one.
    let sense = ["a ", "an ", "the "]
        .iter()
        .find_map(|article| sense.strip_prefix(article))
        .unwrap_or(sense);
    sense
        .split(' ')
        .filter(|w| !matches!(*w, "sth" | "sb" | "one's" | "oneself"))
        .map(british)
        .collect::<Vec<_>>()
        .join(" ")
}

fn british(word: &str) -> String {
    const WORDS: &[(&str, &str)] = &[
        ("center", "centre"),
        ("centers", "centres"),
        ("labor", "labour"),
        ("program", "programme"),
        ("programs", "programmes"),
        ("theater", "theatre"),
        ("theaters", "theatres"),
        ("neighborhood", "neighbourhood"),
        ("neighborhoods", "neighbourhoods"),
        ("color", "colour"),
        ("behavior", "behaviour"),
        ("favorable", "favourable"),
        ("kilometer", "kilometre"),
        ("kilometers", "kilometres"),
    ];
    if let Some((_, b)) = WORDS.iter().find(|(a, _)| *a == word) {
        return (*b).to_string();
    }
    // -ize, -ized, -ization...: organize -> organise, but (over)size, prize, seize and maize
    // keep their z.
    let kept =
        |stem: &str| stem.len() < 3 || ["s", "pr", "e", "ma"].iter().any(|e| stem.ends_with(e));
    match word.find("iz") {
        Some(at) if !kept(&word[..at]) => {
            let rest = &word[at + 2..];
            let suffix = ["e", "ed", "es", "ing", "ation", "ations"].contains(&rest);
            if suffix {
                return format!("{}is{rest}", &word[..at]);
            }
            word.to_string()
        }
        _ => word.to_string(),
    }
}

mod arrange;
mod modifier;
mod names;
mod participle;
mod relative;
#[cfg(test)]
mod tests;
