//! What a figure counts, as a reader would label it on a chart: the noun phrase of its clause,
//! with the verb that says what happened (新增学位, 建成老年食堂), without the place, time,
//! scope and linking words around it (荣昌区今年新增医疗机构达 -> 新增医疗机构).
//!
//! The phrase is looked for before the number (新建学校17所), after its measure word (建成17所
//! 学校), or, for a change or a part (增长4.7%, 其中男性3万人), in the figure before it.
//! What the words are (verbs, the noun after a count) is read in `grammar`, what an attribute
//! or a bare rate belongs to in `topic`, lists in `lists`, how a measure is said (from, to,
//! compared with, per) in `measure`, and what is trimmed in `trim`.

mod grammar;
mod lists;
mod measure;
mod places;
mod topic;
mod trim;

use std::borrow::Cow;

use super::segment::jieba;
use super::text::is_han;
use super::words::{ATTRIBUTES, MANNER_WORDS, NOW_WORDS, PART_WORDS, REACH_VERBS, RECEIVING_VERBS};
pub use grammar::opening_verb;
use grammar::{
    ends_with_verb, has_verb, is_one_noun, is_one_verb, is_verb, is_verb_word, noun_after,
    starts_with_verb,
};
pub use lists::{only_separates, phrase_break, Frame, Respectively};
use measure::{compared_change, is_change, raised_to, split_per_base, without_from};
pub use places::Places;
pub use topic::bare_money;
use topic::{attribute_of, is_bare_rate, rate_topic, topic, without_attribute, without_generic};
use trim::{ends_a_word, is_place_name, trim_lead, trim_links, without_agent, FUNCTION_WORDS};

type Tag<'a> = jieba_rs::Tag<'a>;

/// The text around one figure that its subject is read from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Around<'a> {
    /// The clause before the number, from the figure before it in the clause (if any).
    pub before: &'a str,
    /// The clause after the number and its unit, up to the next figure.
    pub after: &'a str,
    /// The clause after the number and its unit, to its end: the work done on the things
    /// counted may follow other figures (2家医院和12家卫生院的智能黑板改造).
    pub clause_after: &'a str,
    /// The subject of the last figure of the sentence that was not itself a change or a part
    /// of another: what 增长4.7% or 其中男性 refer to.
    pub previous: Option<&'a str>,
    /// The clauses of the sentence before the figure's own, whose topic owns 总投资 or
    /// 占地面积.
    pub earlier: &'a str,
    /// The verb opening the clause, which list items after the first share
    /// (新建幼儿园4所、中小学5所).
    pub shared_verb: Option<&'a str>,
    /// The unit counts things (个, 所, 人), so a noun may follow it (建成17所学校).
    pub counts_things: bool,
    /// The unit counts people (人, 名, 人次).
    pub counts_people: bool,
    /// The unit is money (元): what a lone verb got or gave (获2.7亿元专项债) follows it.
    pub counts_money: bool,
    /// The unit is a percentage: 完成年度目标的60% is how much of the goal was done.
    pub percent: bool,
    /// Another figure of the clause stands right before this one's text (10个乡镇172个村).
    pub follows_figure: bool,
    /// The figure before in the sentence has the same unit (新开工2100套，基本建成1650套).
    pub same_unit_before: bool,
    /// No other figure follows in the clause.
    pub last_in_clause: bool,
}

/// A subject and whether it was made from the figure before (a change, a part or a share).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub text: String,
    pub derived: bool,
}

/// The most characters a subject keeps: the end of a longer phrase, where its head is.
const MAX_CHARS: usize = 24;

pub fn subject(around: &Around) -> Subject {
    let (before, per) = split_per_base(around.before);
    let examples_dropped = drop_examples(before.trim_end());
    // 较2020年提高1.2岁: a change from a time before, of the figure before.
    if let Some(change) = compared_change(&examples_dropped) {
        return Subject {
            text: [around.previous.unwrap_or_default(), change].concat(),
            derived: true,
        };
    }
    // 比例由2022年的16.4%提高到2023年的21.65%: the second figure is the same measure, later.
    if let Some(previous) = around.previous.filter(|_| raised_to(&examples_dropped)) {
        return Subject {
            text: previous.to_string(),
            derived: true,
        };
    }
    let mut core = trim_links(without_from(&examples_dropped));
    let part = core.starts_with("其中");
    core = trim_lead(core);
    // 在少数民族人口中有蒙古族人口: what is counted is the part named after 中有.
    if let Some((_, named)) = core
        .split_once("中有")
        .filter(|(_, n)| n.chars().count() >= 2)
    {
        core = named;
    }
    if let Some(done) = without_agent(core) {
        core = done;
    }
    // 实现县域内就诊率达到90%: the rate itself (but 实现再就业 is work done).
    if let Some(rate) = core
        .strip_prefix("实现")
        .map(|rate| rate.trim_start_matches('了'))
        .filter(|rate| rate.ends_with('率') && rate.chars().count() >= 3)
    {
        core = rate;
    }
    // 为2100名劳动者追回工资3100万元: the money is of the work done for the people counted.
    if let Some((done, people)) = around.previous.and_then(|p| p.rsplit_once('的')) {
        if core.strip_prefix(people) == Some(done) {
            core = &core[people.len()..];
        }
    }
    // 中职学校与46家企业: the phrase before the figure ends in a conjunction or preposition,
    // and says nothing of what is counted.
    let dangling = CONNECTIVES.iter().any(|c| {
        core.len() > c.len() && core.ends_with(c) && !ends_a_word(&core[..core.len() - c.len()], c)
    }) && !REACH_VERBS.iter().any(|v| core.ends_with(v));
    // 68个村卫生室、16个社区卫生机构: the words before the figure are the noun of the count
    // before it in the list.
    let listed_after = around.counts_things && around.before.trim_end().ends_with('、');
    if FUNCTION_WORDS.contains(core) || dangling || listed_after {
        core = "";
    }
    // The noun after the figure (30个社区体育公园, 1/2以上的社区), segmented only where it
    // is needed.
    let after_text = around.after.strip_prefix('的');
    let following = after_text.unwrap_or(around.after);
    let whole_clause = around.clause_after.strip_prefix('的');
    let following_clause = whole_clause.unwrap_or(around.clause_after);
    let noun = std::cell::OnceCell::new();
    // 获2.7亿元专项债: what was got; 投入3.5亿元改善… says what for, not what money it is.
    let money_from_verb = around.counts_money && is_one_verb(core) && !is_money(core);
    let after = || {
        *noun.get_or_init(|| {
            (around.counts_things || after_text.is_some() || money_from_verb)
                .then(|| noun_after(following))
                .flatten()
        })
    };
    // 10个乡镇172个村接通…: a bare noun between two counts is the first one's, and the noun
    // after the second count is what it counts.
    if around.follows_figure
        && around.counts_things
        && !part
        && !core.is_empty()
        && core.chars().all(is_han)
        && !has_verb(core)
        && after().is_some()
    {
        core = "";
    }
    let previous = around.previous.filter(|p| !p.is_empty());
    let derived = |text: String| Subject {
        text,
        derived: true,
    };
    let plain = |text: String| Subject {
        text,
        derived: false,
    };
    let mut subject = if core.is_empty() {
        match (after(), previous) {
            // 3所幼儿园通过评估: the kindergartens that passed.
            (Some(noun), _) if around.shared_verb.is_none() => {
                // 为3200名劳动者追讨工资2183万元: what was done for the people, up to the
                // figure of what it came to.
                let done_for = around.counts_people
                    && around.before.trim_end().ends_with(['为', '给'])
                    && !around.last_in_clause;
                let figure = following
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(following.len());
                let predicate = if done_for {
                    predicate_after(&following[..figure], noun)
                } else {
                    around
                        .last_in_clause
                        .then(|| predicate_after(following, noun))
                        .flatten()
                };
                plain(match predicate {
                    // 1.9万人享受城市最低生活保障: the phrase after the count, whole.
                    Some(predicate) if RECEIVING_VERBS.iter().any(|v| noun.starts_with(v)) => {
                        [noun, predicate].concat()
                    }
                    Some(predicate) => [predicate, "的", noun].concat(),
                    None => noun.to_string(),
                })
            }
            (Some(noun), _) => plain(counted_with_verb(
                around.shared_verb,
                noun,
                following_clause,
            )),
            // 其中5家已投入运营: those of the things counted before that it is said of.
            (None, Some(previous)) => match (around.last_in_clause && around.counts_things)
                .then(|| predicate_after(following, ""))
                .flatten()
            {
                Some(predicate) => {
                    let things = opening_verb(previous).map_or(previous, |v| &previous[v.len()..]);
                    plain([predicate, "的", things].concat())
                }
                None => derived(previous.to_string()),
            },
            (None, None) => plain(String::new()),
        }
    } else if let Some(owned) = after_text
        .filter(|_| !around.percent)
        .and_then(|owner| owned_attribute(core, owner))
    {
        // 能容纳500人的敬老院, 总投资3亿元的医院: a measure of the thing named after 的.
        plain(owned)
    } else if let Some(names) = after().and_then(|noun| Some((names_before(core)?, noun))) {
        // 实施油城、古城、城西3个片区, 平安县9个村: names before the count say which ones;
        // the noun after it is what is counted.
        plain(counted_with_verb(names.0, names.1, following_clause))
    } else if let Some(used_for) = core
        .strip_prefix("用于")
        .filter(|u| around.counts_money && u.chars().count() >= 2)
    {
        // 其中用于校舍改造1.1亿元: the money of what it is used for.
        plain([used_for, "资金"].concat())
    } else if let Some(purpose) = is_money(core).then(|| purpose(following)).flatten() {
        // 投入2831万元用于薄弱学校改造: the money of what it is for.
        plain([purpose, core].concat())
    } else if let Some(rate) = around.percent.then(|| completion_rate(core)).flatten() {
        // 新增就业8650人，完成年度目标的108%: the goal of the figure before.
        let done = previous.map_or("", |p| p.strip_prefix("完成").unwrap_or(p));
        plain([done, &rate].concat())
    } else if let Some(topic) = ATTRIBUTES
        .contains(&without_generic(core))
        .then(|| topic(around.earlier))
        .flatten()
        .filter(|t| *t != core)
    {
        plain([without_attribute(topic), without_generic(core)].concat())
    } else if let Some(topic) = previous
        .filter(|_| is_bare_rate(core))
        .and_then(|p| rate_topic(p, core))
    {
        // 创建充分就业社区80个，创建率达100%: the rate of the things the figure before counts.
        plain([topic, core].concat())
    } else if let Some(attribute) = previous
        .filter(|_| part && is_one_noun(core))
        .and_then(attribute_of)
    {
        // 总建筑面积3860平方米，其中实验楼2533平方米: the part's own area.
        derived([core, attribute].concat())
    } else if is_change(core)
        || core.starts_with('占')
        || PART_WORDS.contains(&core)
        || (part && core.chars().count() <= 3 && !is_one_noun(core))
    {
        derived([previous.unwrap_or_default(), core].concat())
    } else if let Some(previous) = REACH_VERBS
        .iter()
        .any(|v| core.starts_with(v) && core.len() > v.len())
        .then(|| previous.or_else(|| topic(around.earlier)))
        .flatten()
    {
        // 惠及居民1.3万户: the reach of the figure before (of the project, not of its cost),
        // else of what an earlier clause is about (实施饮水提升工程，惠及群众3万人).
        derived([without_attribute(previous), core].concat())
    } else if let Some(noun) = (ends_with_verb(core) || REACH_VERBS.contains(&core))
        .then(after)
        .flatten()
    {
        match previous.filter(|_| REACH_VERBS.contains(&core)) {
            Some(previous) => derived([without_attribute(previous), core, noun].concat()),
            // 完成35所学校的智能黑板改造: the schools whose blackboards were done.
            None => plain(match work_on(following_clause, noun) {
                Some(work) => [core, work, "的", noun].concat(),
                None => [core, noun].concat(),
            }),
        }
    } else if let Some(things) = previous
        .filter(|_| around.same_unit_before && !around.counts_people && is_one_verb(core))
        .and_then(|p| with_other_verb(p, core))
    {
        // 新开工2100套，基本建成1650套: a verb alone says what else happened to the things
        // the figure before counts.
        plain(things)
    } else if around.counts_people && is_one_verb(core) {
        // 死亡25人, 培训3000人: how many people it happened to.
        plain([core, "人数"].concat())
    } else {
        plain(with_verb(around.shared_verb, core))
    };
    if subject.text.is_empty() || FUNCTION_WORDS.contains(subject.text.as_str()) {
        // Nothing names it: the noun after the figure, else the words of its clause.
        let words = trim_lead(trim_links(before.trim()));
        subject.text = noun_after(following)
            .map(str::to_string)
            .or_else(|| described_noun(following))
            .or_else(|| {
                let bare = following.trim_start_matches(|c: char| !is_han(c) || c == '的');
                noun_after(bare).map(str::to_string)
            })
            .unwrap_or_else(|| {
                if FUNCTION_WORDS.contains(words) {
                    String::new()
                } else {
                    words.to_string()
                }
            });
    }
    if subject.text.is_empty() && per.is_some() {
        // 发放营养餐补助，每生每天5元: the amount of what the clause before gives.
        subject.text = topic(around.earlier).unwrap_or_default().to_string();
    }
    if subject.text.is_empty() {
        // Nothing names what is counted: an amount of money, or a quantity.
        subject.text = if around.counts_money {
            "金额"
        } else {
            "数量"
        }
        .into();
    }
    subject.text = without_lone_quotes(&keep_tail(&subject.text, MAX_CHARS));
    if let Some(per) = per.filter(|_| !subject.text.is_empty()) {
        subject.text = format!("{}({per})", subject.text);
    }
    subject
}

/// `previous` (a verb and what it was done to) with `verb` instead of its own verb:
/// 新建幼儿园 -> 建成幼儿园, 棚户区改造新开工 -> 棚户区改造建成.
fn with_other_verb(previous: &str, verb: &str) -> Option<String> {
    let previous = trim_lead(previous);
    let words = jieba().tag(previous, false);
    // 新开工 (newly started), which jieba keeps as one word.
    let is_last_verb = |word: &str| is_verb(word.strip_prefix('新').unwrap_or(word));
    let (things, verb_first) = match words.last().filter(|w| is_last_verb(w.word)) {
        Some(last) => (&previous[..previous.len() - last.word.len()], false),
        None => (&previous[opening_verb(previous)?.len()..], true),
    };
    let named = things.chars().count() >= 2 && things.chars().all(is_han);
    named.then(|| match verb_first {
        true => [verb, things].concat(),
        false => [things, verb].concat(),
    })
}

/// The verb of `core` (if any) when the rest only names places or things as examples of what
/// is counted: a list (油城、古城、城西) or a place (平安县).
fn names_before(core: &str) -> Option<Option<&str>> {
    let verb = opening_verb(core);
    let rest = core[verb.map_or(0, str::len)..].trim_start_matches('、');
    let listed = rest.contains('、') && !rest.ends_with('、');
    // 让昭通633万群众…, 为全县2万名学生…: a place after a causative or a preposition.
    let introduced = verb.is_none()
        && ["让", "使", "为", "对", "给", "向"]
            .iter()
            .any(|w| rest.strip_prefix(w).is_some_and(is_place_name));
    (listed || introduced || is_place_name(rest)).then_some(verb)
}

/// The attribute `core` ends with, of the thing `owner` (after 的) opens with: 总投资 of
/// 区医院新院 -> 区医院新院总投资; 容纳 and 占地 say it with their noun (容纳人数, 占地面积).
fn owned_attribute(core: &str, owner: &str) -> Option<String> {
    const VERBS: [(&str, &str); 2] = [("容纳", "容纳人数"), ("占地", "占地面积")];
    let attribute = ATTRIBUTES
        .iter()
        .map(|a| (*a, *a))
        .chain(VERBS)
        .filter(|(said, _)| core.ends_with(said))
        .max_by_key(|(said, _)| said.len())?
        .1;
    noun_after(owner).map(|noun| [noun, attribute].concat())
}

/// A phrase that names money spent: 投入, 县级财政投入, 补助资金.
fn is_money(text: &str) -> bool {
    ["投入", "投资", "资金", "经费", "支出"]
        .iter()
        .any(|w| text.ends_with(w))
}

/// A noun after a count with what is said of it first (161名有就业能力的退捕渔民): the
/// description, 的 and the noun.
fn described_noun(after: &str) -> Option<String> {
    let (description, rest) = after.split_once('的')?;
    // Of a list of descriptions, the last is said nearest to the noun.
    let description = description.rsplit('、').next().unwrap_or(description);
    // Words, lists and notes in brackets (未接种过人乳头瘤病毒(HPV)疫苗).
    let short = (2..=30).contains(&description.chars().count());
    let words = description
        .chars()
        .all(|c| is_han(c) || c.is_ascii_alphanumeric() || "、()（）-".contains(c));
    if !short || !words {
        return None;
    }
    // The noun, else the characters up to the next figure or mark (退捕渔民, which jieba reads
    // as two verbs and a noun).
    let run = rest
        .char_indices()
        .take_while(|&(k, c)| is_han(c) && k < 8 * 3)
        .last()
        .map_or("", |(k, c)| &rest[..k + c.len_utf8()]);
    let noun = noun_after(rest).unwrap_or(run);
    (noun.chars().count() >= 2).then(|| [description, "的", noun].concat())
}

/// 完成年度目标的 (60%) -> 年度目标完成率: the share of a goal or plan done.
fn completion_rate(core: &str) -> Option<String> {
    let goal = core
        .strip_suffix('的')
        .unwrap_or(core)
        .strip_prefix("完成")?;
    let words = (2..=10).contains(&goal.chars().count()) && goal.chars().all(is_han);
    words.then(|| [goal, "完成率"].concat())
}

/// What money is for, said after it: 用于义务教育学校标准化设备购置.
fn purpose(after: &str) -> Option<&str> {
    let rest = after.trim_start().strip_prefix("用于")?;
    let end = rest
        .find(['，', '。', '；', ',', ';', '、', '：'])
        .unwrap_or(rest.len());
    let purpose = &rest[..end];
    let words = purpose.chars().all(|c| is_han(c) || "“”".contains(c));
    ((2..=20).contains(&purpose.chars().count()) && words).then_some(purpose)
}

/// The subject of an age band (60岁及以上老年人): the age of the people it names.
pub fn age_of(after: &str) -> String {
    let people = after.trim_start_matches(|c: char| "及以上下内之间的".contains(c));
    [noun_after(people).unwrap_or_default(), "年龄"].concat()
}

/// `text` without a quotation mark whose pair is outside it (实现“城镇新增就业 of
/// 实现“城镇新增就业2.42万人”).
fn without_lone_quotes(text: &str) -> String {
    let opened = text.matches('“').count();
    let closed = text.matches('”').count();
    if opened == closed {
        return text.to_string();
    }
    text.replace(['“', '”'], "")
}

/// `verb` + `noun`, with the work done on them when the clause says it after them (完成
/// 2家医院和12家卫生院的智能黑板改造 -> 完成智能黑板改造的医院).
fn counted_with_verb(verb: Option<&str>, noun: &str, following: &str) -> String {
    match (verb, work_on(following, noun)) {
        (Some(verb), Some(work)) => [verb, work, "的", noun].concat(),
        _ => with_verb(verb, noun),
    }
}

/// `verb` + `noun` unless the noun phrase has a verb of its own.
fn with_verb(verb: Option<&str>, noun: &str) -> String {
    match verb {
        Some(verb) if !starts_with_verb(noun) => [verb, noun].concat(),
        _ => noun.to_string(),
    }
}

/// Words that leave a phrase open when it ends with them.
const CONNECTIVES: [&str; 7] = ["与", "和", "同", "及", "跟", "对", "把"];

/// `完成梅岭等` -> `完成`, `打通东二路、北段等市域断头路` -> `打通市域断头路`: names given as
/// examples (… 等) are not what is counted.
fn drop_examples(text: &str) -> Cow<'_, str> {
    let Some(at) = text.rfind('等') else {
        return Cow::Borrowed(text);
    };
    let (head, rest) = (trim_lead(&text[..at]), &text[at + '等'.len_utf8()..]);
    let words = jieba().tag(head, true);
    // Common nouns as examples say what is counted (发放优抚金、低保金等保障资金); names do not.
    let name = |w: &Tag| {
        matches!(w.tag, "ns" | "nr" | "nt" | "nz" | "m" | "eng")
            || ["街道", "镇", "乡", "村", "路", "社区", "园"]
                .iter()
                .any(|s| w.word.ends_with(s) && w.word.chars().count() > s.chars().count())
    };
    if !words.iter().any(name) {
        return Cow::Borrowed(text);
    }
    match words.first() {
        Some(first) if is_verb_word(first) => {
            Cow::Owned([&head[..first.word.len()], rest].concat())
        }
        _ if rest.is_empty() => Cow::Borrowed(""),
        _ => Cow::Borrowed(rest),
    }
}

/// The work done on the counted things when the clause says it after them with 的
/// (学校的智能黑板改造): a short phrase of words ending in a verb, up to the clause's end.
fn work_on<'a>(after: &'a str, noun: &str) -> Option<&'a str> {
    let rest = after.strip_prefix(noun)?;
    // 2家医院和12家卫生院的智能黑板改造: the work of the counts joined to this one too.
    let joined = rest
        .strip_prefix(['和', '及', '与'])
        .filter(|count| count.starts_with(super::numerals::is_numeral))
        .and_then(|count| count.split_once('的'))
        .filter(|(between, _)| !between.contains(['，', '。', '；', ',', ';']))
        .map(|(_, work)| work);
    let work = joined.or_else(|| rest.strip_prefix('的'))?;
    let work = work.trim_end_matches(['，', '。', '；', ',', ';', '：']);
    let chars = work.chars().count();
    // 智能黑板改造 is work done (nouns, then the verb); 承诺基本兑现 says something else.
    let words = jieba().tag(work, false);
    let plain_words = words.split_last().is_some_and(|(_, before)| {
        before
            .iter()
            .all(|w| !is_verb_word(w) && !matches!(w.tag, "v" | "vn" | "d" | "p" | "c"))
    });
    let short = (2..=10).contains(&chars) && work.chars().all(is_han);
    (short && plain_words && ends_with_verb(work)).then_some(work)
}

/// The verb phrase that follows `noun` right after the figure and ends its clause, if short:
/// 3所幼儿园通过市级评估 -> 通过市级评估.
fn predicate_after<'a>(after: &'a str, noun: &str) -> Option<&'a str> {
    let rest = after.strip_prefix(noun)?;
    let end = rest
        .find(['，', '。', '；', ',', ';', '、', '：'])
        .unwrap_or(rest.len());
    let predicate = trim_lead(&rest[..end]);
    let chars = predicate.chars().count();
    // Words, quoted names and ages (开设2-3岁托班), in the active or the passive (被评为).
    let words = predicate
        .chars()
        .all(|c| is_han(c) || c.is_ascii_digit() || "“”\"-—".contains(c));
    // 被 (the passive) and 通过 (passed) open a predicate though jieba tags them prepositions.
    // A word of manner or time may come first (免费体检, 正在推进).
    let verb = ["被", "通过"].iter().any(|w| predicate.starts_with(w))
        || starts_with_verb(predicate)
        || MANNER_WORDS
            .iter()
            .chain(NOW_WORDS)
            .any(|w| predicate.strip_prefix(w).is_some_and(starts_with_verb));
    ((2..=20).contains(&chars) && verb && words).then_some(predicate)
}

/// The last `max` characters of `text`, starting at a word.
fn keep_tail(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let mut start = 0;
    for word in jieba().cut(text, true) {
        if text[start..].chars().count() <= max {
            break;
        }
        start += word.word.len();
    }
    text[start..].to_string()
}

#[cfg(test)]
mod tests;
