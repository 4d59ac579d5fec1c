//! What the figures of one list share: the measures a `…分别…` list names one by one, and the
//! frame (每百户城市居民拥有) that bare nouns after the first item are counted in.

use super::super::segment::jieba;
use super::super::text::{first_chars, is_han};
use super::grammar::{has_verb, is_verb, is_verb_word};
use super::measure::{compared_change, leading_per_base, split_per_base};
use super::trim::{trim_lead, trim_links, FUNCTION_WORDS};
use crate::analyze::words::CHANGE_WORDS;

/// `事故起数、直接经济损失分别上升13%、21.2%`: the measures listed before 分别 (or 依次), one for each
/// figure after it in turn, with what is said of them.
#[derive(Debug)]
pub struct Respectively {
    subjects: Vec<String>,
    next: usize,
}

impl Respectively {
    /// The list the text before a figure gives its `count` figures, if it ends with `…分别…`.
    pub fn of(before: &str, count: usize) -> Option<Respectively> {
        let (head, said) = split_at_marker(before)?;
        let said = said.as_str();
        let mut items: Vec<&str> = trim_lead(head).split('、').collect();
        let last = items.pop()?;
        items.extend(last.splitn(2, ['和', '及', '与']));
        let items: Vec<&str> = items.into_iter().map(|i| trim_lead(i.trim())).collect();
        if let [item] = items[..] {
            return urban_and_rural(item, said).filter(|_| count == 2);
        }
        let listed =
            items.len() >= 2 && items.iter().all(|i| (1..=12).contains(&i.chars().count()));
        let shared = shared_head(&items);
        listed.then(|| Respectively {
            subjects: items
                .iter()
                .enumerate()
                .map(|(k, item)| match shared {
                    Some(head) if k + 1 < items.len() => [item, head, said].concat(),
                    _ => [item, said].concat(),
                })
                .collect(),
            next: 0,
        })
    }

    /// The list a `…分别…` with no list before it gives its `count` figures: the subjects of
    /// the figures before it in the sentence (`earlier`), each with the measure named before
    /// 分别 and what is said after it. 城镇居民收入3万元，农村居民收入2万元，分别增长5%、7% ->
    /// 城镇居民收入增长, 农村居民收入增长; A参保2万人，B参保3万人，参保率分别达95%、99% ->
    /// A参保率, B参保率.
    pub fn back(before: &str, earlier: &[String], count: usize) -> Option<Respectively> {
        let (head, said) = split_at_marker(before)?;
        let said = said.as_str();
        let measure = trim_links(trim_lead(head.trim()));
        let topics = earlier.get(earlier.len().checked_sub(count)?..)?;
        // The last figure's noun may open the measure (A 3项和B 4项的完成率).
        let measure = topics
            .last()
            .and_then(|last| measure.strip_prefix(last.as_str()))
            .map_or(measure, |rest| rest.trim_start_matches('的'));
        (count >= 2 && measure.chars().count() <= 8).then(|| Respectively {
            subjects: topics
                .iter()
                .map(|topic| [joined(topic, measure).as_str(), said].concat())
                .collect(),
            next: 0,
        })
    }

    /// The subject of the next figure of the list, while there is one.
    pub fn next_subject(&mut self) -> Option<String> {
        let subject = self.subjects.get(self.next)?.clone();
        self.next += 1;
        Some(subject)
    }
}

/// 城乡居民收入分别为…: one measure named for towns and for the countryside (城乡), a
/// figure for each in turn.
fn urban_and_rural(item: &str, said: &str) -> Option<Respectively> {
    let rest = item.strip_prefix("城乡")?;
    // 分别为城镇549人和农村…: each figure names its side itself.
    let named = ["城", "乡", "农村"].iter().any(|side| said.contains(side));
    (rest.chars().count() >= 2 && !named).then(|| Respectively {
        subjects: ["城镇", "农村"]
            .map(|side| [side, rest, said].concat())
            .to_vec(),
        next: 0,
    })
}

/// The clause before the last 分别 or 依次 of `before`, and what is said after it (增长; a
/// linking word alone, 为 or 达, says nothing).
fn split_at_marker(before: &str) -> Option<(&str, String)> {
    let (at, len) = ["分别", "依次"]
        .iter()
        .filter_map(|m| before.rfind(m).map(|at| (at, m.len())))
        .max()?;
    // 分别提高到每人每月: the base each figure is given per follows the measure.
    let (said, per) = split_per_base(before[at + len..].trim());
    let said = said.trim();
    // 较去年同期提高, 提高: the change (from the time before, as every change is).
    let change = compared_change(said).or_else(|| CHANGE_WORDS.contains(&said).then_some(said));
    let said = change.unwrap_or_else(|| trim_links(said));
    let said = if change.is_none() && FUNCTION_WORDS.contains(said) {
        ""
    } else {
        said
    };
    let head = before[..at].rsplit(['，', ',', '；', ';', '：']).next()?;
    let said = match per {
        Some(base) => format!("{said}({base})"),
        None => said.to_string(),
    };
    Some((head, said))
}

/// The head that short modifiers in a list share with its last item: 城市和农村居民恩格尔系数,
/// 养老、医疗、失业保险参保人数 -> 居民恩格尔系数, 保险参保人数.
fn shared_head<'a>(items: &[&'a str]) -> Option<&'a str> {
    let (last, modifiers) = items.split_last()?;
    let width = modifiers.first()?.chars().count();
    let short = modifiers.iter().all(|m| m.chars().count() == width) && width <= 3;
    let at = last.char_indices().nth(width)?.0;
    (short && last.chars().count() >= width + 3).then(|| &last[at..])
}

/// Where in the text between two figures (妇女做筛查、为全州) a new phrase starts: right after
/// a 、 that a preposition of whom a work is for (为, 对, 给, 向) follows, so the words before
/// it belong to the first figure and those after it to the second.
pub fn phrase_break(between: &str) -> Option<usize> {
    let at = between.rfind('、')? + '、'.len_utf8();
    let opens = ["为", "对", "给", "向"]
        .iter()
        .any(|p| between[at..].starts_with(p));
    opens.then_some(at)
}

/// `topic` and then `measure`, the words the end of one shares with the start of the other
/// said once (养老保险参保 + 参保率 -> 养老保险参保率).
fn joined(topic: &str, measure: &str) -> String {
    let shared = measure
        .char_indices()
        .map(|(at, c)| at + c.len_utf8())
        .rfind(|&end| topic.ends_with(&measure[..end]))
        .unwrap_or(0);
    [topic, &measure[shared..]].concat()
}

/// Whether the text between two figures only separates them (95%、99%).
pub fn only_separates(between: &str) -> bool {
    between.chars().all(|c| "、和及与，, ".contains(c))
}

/// `每百户城市居民拥有彩电118台，空调153台`: the words before the noun of a count with a verb,
/// which a bare noun counted after it in the sentence is counted in.
#[derive(Debug, Default)]
pub struct Frame {
    /// The subject of the last count, read for its frame only when a bare noun follows.
    subject: Option<String>,
    /// The length of the frame of `subject`, once read.
    frame: std::cell::OnceCell<Option<usize>>,
}

impl Frame {
    /// Keeps the subject of a count, whose frame the next bare noun may be counted in.
    pub fn read(&mut self, subject: &str) {
        if self.subject.as_deref() != Some(subject) {
            self.subject = Some(subject.to_string());
            self.frame = std::cell::OnceCell::new();
        }
    }

    /// The subject of a bare noun counted in the frame: 空调 -> 每百户城市居民拥有空调.
    pub fn of(&self, noun: &str) -> Option<String> {
        let subject = self.subject.as_deref()?;
        let short = (1..=8).contains(&noun.chars().count()) && noun.chars().all(is_han);
        if !short || noun == subject || noun.starts_with('每') {
            return None;
        }
        let frame = &subject[..(*self.frame.get_or_init(|| frame_of(subject)))?];
        // Per 1,000 residents, a noun with a verb inside (注册护士) is still a kind of people.
        let base_alone = frame.starts_with('每') && !has_verb(frame);
        let bare = !opens_with_verb(noun) && (base_alone || !has_verb(noun));
        bare.then(|| [frame, noun].concat())
    }
}

/// The words of a subject up to its last verb, if they are a per-base with its verb or a verb
/// alone (每百户城市居民拥有, 拥有): a longer phrase (体育健儿在竞赛中获得奖牌25枚，其中金牌12枚)
/// is the topic of parts, not a frame.
fn frame_of(subject: &str) -> Option<usize> {
    let words = jieba().tag(subject, false);
    let verb = words.iter().rposition(is_verb_word);
    let len: usize = verb.map_or(0, |v| words[..=v].iter().map(|w| w.word.len()).sum());
    // 每千人口执业医师3.2人、注册护士3.8人: a base with no one doing something after it
    // (as 城市居民拥有 does) frames the nouns after it alone.
    if let Some(base) = leading_per_base(subject) {
        let verb_start = verb.map_or(0, |v| len - words[v].word.len());
        if verb_start <= base {
            return Some(base);
        }
    }
    let frame = &subject[..len];
    let framing = frame.starts_with('每') || is_verb(frame);
    (framing && verb.is_some() && len < subject.len()).then_some(len)
}

/// 新增学位, which the segmenter keeps as one noun, opens with a verb (新增, 新建); 摄像机
/// does not, though 摄像 is one.
fn opens_with_verb(text: &str) -> bool {
    let two = first_chars(text, 2);
    two.starts_with('新') && is_verb(two)
}
