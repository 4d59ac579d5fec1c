//! What a figure's attribute or rate belongs to when its own clause does not say: the topic of
//! an earlier clause (托育综合服务中心位于…，总投资…), or what the figure before counts.

use crate::analyze::quantity::scan;
use crate::analyze::segment::jieba;
use crate::analyze::text::{first_chars, is_han};
use crate::analyze::words::ATTRIBUTES;
use jieba_rs::Tag;

use super::grammar::{is_one_verb, is_verb_word, noun_after, opening_verb};
use super::trim::{head, leading_place, trim_lead};

/// What the clauses before a figure's own are about, nearest first: the noun phrase a clause
/// opens with (托育综合服务中心位于…) or the object of the verb it opens with
/// (实施平马沟生态环境提升工程, 安排美丽乡村建设项目共126个村).
pub(super) fn topic(earlier: &str) -> Option<&str> {
    earlier
        .rsplit(['，', ',', '；', ';', '：', ':'])
        .filter(|clause| !clause.trim().is_empty())
        .take(3)
        .find_map(clause_topic)
}

fn clause_topic(clause: &str) -> Option<&str> {
    // 记者从县民政局了解到: who tells it, not what it is about.
    const REPORTING: &[&str] = &["了解到", "获悉", "据悉", "介绍", "表示", "指出", "透露"];
    if REPORTING.iter().any(|w| clause.contains(w)) {
        return None;
    }
    let opening = first_chars(clause, 40);
    let text = trim_lead(opening);
    // 为困难家庭学生发放营养餐补助: for whom (dropped with 为), then what is given them.
    let for_whom = opening[..opening.len() - text.len()].ends_with(['为', '给', '向']);
    let words = jieba().tag(head(text), false);
    let object_of_verb = |words: &[Tag]| {
        let verb = words.iter().position(is_verb_word)?;
        let at: usize = words[..=verb].iter().map(|w| w.word.len()).sum();
        object_of(&text[at..])
    };
    let topic = match words.first() {
        Some(verb) if is_verb_word(verb) => object_of(&text[verb.word.len()..])?,
        _ if for_whom => object_of_verb(&words)?,
        _ => {
            let nouns = words.iter().take_while(|word| {
                let noun = word.tag.starts_with('n') || matches!(word.tag, "vn" | "j" | "b" | "s");
                noun && word.word.chars().all(is_han)
            });
            &text[..nouns.map(|w| w.word.len()).sum::<usize>()]
        }
    };
    // A clause opening with a place and a figure (平安县9个村) is about the place.
    let topic = match topic {
        "" => leading_place(clause.trim_start()),
        topic => topic,
    };
    let own =
        (2..=16).contains(&topic.chars().count()) && !ATTRIBUTES.contains(&without_generic(topic));
    own.then_some(topic)
}

/// The object of a clause's opening verb: the whole rest of a short clause (实施老旧小区
/// 供水设施改造), else the noun phrase it starts with.
fn object_of(rest: &str) -> Option<&str> {
    let rest = after_examples(rest.trim_end_matches(['，', ',', '；', ';', '：', ':']));
    // A count in Chinese numerals (实事项目十二件) is not part of the topic.
    let whole = rest.chars().all(|c| is_han(c) || "“”".contains(c)) && scan(rest).is_empty();
    if whole && (2..=16).contains(&rest.chars().count()) {
        return Some(rest);
    }
    noun_after(rest)
}

/// What follows a list of examples closed by 等 (里厍、虹桥新村等老旧小区 -> 老旧小区): the kind
/// of thing they are examples of.
fn after_examples(text: &str) -> &str {
    match text.split_once('等') {
        Some((examples, kind)) if examples.contains('、') && !examples.contains(['，', ',']) => {
            kind.trim_start_matches('等')
        }
        _ => text,
    }
}

/// `subject` without the attribute it ends with (改造工程总投资 -> 改造工程).
pub(super) fn without_attribute(subject: &str) -> &str {
    ATTRIBUTES
        .iter()
        .filter_map(|a| subject.strip_suffix(a))
        .filter(|owner| !owner.is_empty())
        .min_by_key(|owner| owner.len())
        .unwrap_or(subject)
}

/// The attribute `subject` ends with, without a 总 of the whole (总建筑面积 -> 建筑面积).
pub(super) fn attribute_of(subject: &str) -> Option<&str> {
    let attribute = ATTRIBUTES
        .iter()
        .filter(|a| subject.ends_with(**a))
        .max_by_key(|a| a.len())?;
    Some(attribute.strip_prefix('总').unwrap_or(attribute))
}

/// Words that may stand before an attribute without saying whose it is: 项目总投资, 计划投资,
/// 设置床位.
pub(super) fn without_generic(text: &str) -> &str {
    [
        "项目",
        "工程",
        "计划",
        "累计",
        "共计",
        "预计",
        "设置",
        "设有",
        "拥有",
        "可提供",
        "提供",
    ]
    .iter()
    .find_map(|g| text.strip_prefix(g))
    .unwrap_or(text)
}

/// A rate named by its verb or quality alone (创建率, 参保率, 优良率): it does not say of
/// what.
pub(super) fn is_bare_rate(core: &str) -> bool {
    const QUALITIES: [&str; 6] = ["优良", "合格", "优秀", "及格", "完好", "良好"];
    core.strip_suffix('率').is_some_and(|verb| {
        QUALITIES.contains(&verb) || verb.chars().count() == 2 && is_one_verb(verb)
    })
}

/// What the subject before a bare rate counts, without its verbs and count words:
/// 创建充分就业社区 -> 充分就业社区, 养老保险参保人数 -> 养老保险; what comes before the
/// rate's own verb (家庭医生签约服务覆盖重点人群, 签约率 -> 家庭医生); what is said of the things
/// counted (开设课后服务的中小学校 -> 课后服务).
pub(super) fn rate_topic<'p>(previous: &'p str, rate: &str) -> Option<&'p str> {
    let verb = rate.strip_suffix('率').unwrap_or(rate);
    if let Some(at) = previous.find(verb).filter(|&at| at > 0) {
        // 完成新生儿疾病筛查…，筛查率: the screening of newborns, not its completion.
        let topic = &previous[..at];
        let topic = &topic[opening_verb(topic).map_or(0, str::len)..];
        return Some(topic).filter(|topic| topic.chars().count() >= 2);
    }
    let counted = ["人数", "户数", "个数", "人次", "数"]
        .iter()
        .find_map(|w| previous.strip_suffix(w))
        .unwrap_or(previous);
    let counted = match jieba().tag(counted, false).last() {
        Some(last) if is_verb_word(last) && last.word.len() < counted.len() => {
            &counted[..counted.len() - last.word.len()]
        }
        _ => counted,
    };
    let topic = &counted[opening_verb(counted).map_or(0, str::len)..];
    let topic = topic.split_once('的').map_or(topic, |(said, _)| said);
    (topic.chars().count() >= 2).then_some(topic)
}

/// What a money figure's subject may say besides its money word without saying what the money
/// is for: how it was raised or counted. 完成投资 and 投入资金 say what happened to it, and stay.
const MONEY_LEADS: [&str; 8] = [
    "筹集", "筹措", "争取", "落实", "拨付", "下达", "整合", "累计",
];

/// The money word a subject is made of alone (投入, 筹集资金, 累计投入 -> 投入), if it is: a
/// chart label needs what the money went to.
pub fn bare_money(subject: &str) -> Option<&'static str> {
    let mut rest = subject;
    while let Some(shorter) = MONEY_LEADS
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .filter(|r| !r.is_empty())
    {
        rest = shorter;
    }
    ["资金", "投入", "投资", "支出", "经费"]
        .into_iter()
        .find(|money| *money == rest)
}
