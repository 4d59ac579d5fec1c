//! The unit after a number: a percent sign, tenths (7成) and discounts (七五折), money, a unit
//! of `units` with a half after it, or people named after a count.

use super::money::read_money;
use super::Number;
use crate::analyze::exclude;
use crate::analyze::lexicon::PEOPLE_NOUNS;
use crate::analyze::numerals::{chinese_digit, digit, magnitude, read_chinese, read_digits, Form};
use crate::analyze::units::{longest_unit, unit_after_ge, Class, Unit};

/// A unit read after a number: the recorded unit, how it changes the value, and its length.
pub(super) struct ReadUnit {
    pub unit: String,
    pub written: String,
    pub scale: f64,
    pub add: f64,
    pub len: usize,
    /// A measure word, after which a lone 一 is the article (一所学校), not a count.
    pub counts: bool,
}

impl ReadUnit {
    pub fn plain(unit: &str, len: usize) -> ReadUnit {
        ReadUnit {
            unit: unit.to_string(),
            written: String::new(),
            scale: 1.0,
            add: 0.0,
            len,
            counts: false,
        }
    }
}

/// The unit after a number, or `None` when what follows makes it no quantity.
pub(super) fn read_unit(number: &Number, after: &str) -> Option<ReadUnit> {
    let value = number.value;
    let first = after.chars().next();
    if let Some(sign) = first.filter(|c| matches!(c, '%' | '％' | '‰' | '‱')) {
        let unit = match sign {
            '‰' => "‰",
            '‱' => "‱",
            _ => "%",
        };
        let mut read = ReadUnit::plain(unit, sign.len_utf8());
        read.written = sign.to_string();
        return Some(read);
    }
    // 7成 = 70%, 三成半 = 35%, 七成六 = 76%; 七五折 = 75%, 8.5折 = 85%.
    if after.starts_with('成') && value <= 10.0 && !after[3..].starts_with(CHENG_WORDS) {
        let (add, len) = tenths_tail(&after[3..]).unwrap_or((0.0, 0));
        let mut read = ReadUnit::plain("%", 3 + len);
        read.scale = 10.0;
        read.add = add;
        return Some(read);
    }
    if after.starts_with('折') && value < 100.0 && !after[3..].starts_with(ZHE_WORDS) {
        let mut read = ReadUnit::plain("%", 3);
        read.scale = if value < 10.0 { 10.0 } else { 1.0 };
        return Some(read);
    }
    // 五分半钟 = 5.5 分钟.
    if let Some(half) = ["分半钟", "分半鐘"].iter().find(|w| after.starts_with(*w)) {
        let mut read = ReadUnit::plain("分钟", half.len());
        read.add = 0.5;
        return Some(read);
    }
    if let Some(money) = read_money(after) {
        let mut read = ReadUnit::plain("元", money.len);
        read.scale = money.scale;
        read.add = money.add;
        // Yuan as written again in a range (3元至5元); jiao alone is not repeated so.
        read.written = if money.scale == 1.0 {
            "元".into()
        } else {
            String::new()
        };
        return Some(read);
    }
    if let Some(unit) = longest_unit(after) {
        let rest = &after[unit.written.len()..];
        // A year or a period (近5年, 3年来), not a quantity; a duration is (3年时间, 三年半,
        // 两年零三个月).
        let duration = || {
            rest.starts_with("时间") || rest.starts_with('半') || smaller_time("年", rest).is_some()
        };
        if unit.recorded == "年" && number.value_max.is_none() && !duration() {
            return None;
        }
        if exclude::names_a_service(unit.recorded, rest) {
            return None; // “15分钟生活圈”, 24小时热线
        }
        if unit.written == "方" && !matches!(number.numeral.form, Form::Digits { .. }) {
            return None; // 三方, 双方: parties, not cubic metres
        }
        if unit.written == "所" && rest.starts_with(SUO_WORDS) {
            return None; // 如表3所示: 所 begins a word, it counts no schools
        }
        let mut read = with_half(unit, after);
        if let Some((tenths, len)) = tenths_of(&read.unit, &after[read.len..], number) {
            read.add += tenths;
            read.len += len;
        }
        // 两小时十分 = 130 分钟, 两年零三个月 = 27 个月.
        if let Some(smaller) = smaller_time(&read.unit, &after[read.len..]) {
            read.scale = smaller.per;
            read.add = smaller.count;
            read.unit = smaller.unit.into();
            read.written = String::new();
            read.len += smaller.len;
        }
        if let Some((base, len)) = per_base(unit, &after[read.len..]) {
            read.unit = [&read.unit, "/", base].concat();
            read.written = String::new();
            read.len += len;
        }
        return Some(read);
    }
    if (number.magnitude || matches!(number.numeral.form, Form::Digits { .. }))
        && people_follow(after)
    {
        let mut read = ReadUnit::plain("人", 0);
        read.counts = true;
        return Some(read);
    }
    number.magnitude.then(|| ReadUnit::plain("", 0))
}

/// The base a physical unit is measured per, written after a slash (28微克/立方米, 520公斤/亩),
/// and the length it takes: a unit of its own that a reader would not read apart from it.
fn per_base(unit: Unit, rest: &str) -> Option<(&'static str, usize)> {
    if unit.class != Class::Measure {
        return None;
    }
    let slash = ['/', '／'].into_iter().find(|s| rest.starts_with(*s))?;
    let base = longest_unit(&rest[slash.len_utf8()..]).filter(|b| b.class == Class::Measure)?;
    Some((base.recorded, slash.len_utf8() + base.written.len()))
}

/// The unit with a half after it (一吨半 = 1.5 吨), and the unit proper after 个 (一个半小时 =
/// 1.5 小时, 两个小时 = 2 小时).
fn with_half(unit: Unit, after: &str) -> ReadUnit {
    let written = unit.written;
    let mut read = ReadUnit::plain(unit.recorded, written.len());
    read.written = written.to_string();
    read.counts = unit.class == Class::Count;
    let mut rest = &after[written.len()..];
    let half = rest.starts_with('半');
    if half {
        read.add = 0.5;
        read.len += '半'.len_utf8();
        rest = &rest['半'.len_utf8()..];
    }
    // 个 before the unit proper: 一个半月, 两个小时, 六个加仑 (not 三个项目, where 项 starts a
    // word).
    if written == "个" && half && rest.starts_with('月') {
        read.unit = "个月".into();
        read.written = "个月".into();
        read.len += '月'.len_utf8();
    } else if written == "个" {
        let proper = if half {
            longest_unit(rest).filter(|u| u.written != "个")
        } else {
            unit_after_ge(rest)
        };
        if let Some(unit) = proper {
            read.unit = unit.recorded.to_string();
            read.written = unit.written.to_string();
            read.len += unit.written.len();
            read.counts = unit.class == Class::Count;
        }
    }
    read
}

/// A tenth of the unit said after it: a digit alone after 米 in Chinese numerals (三米九 =
/// 3.9 米, as heights are said), 两 after 斤 (3斤5两 = 3.5 斤: a 两 is a tenth of a 斤).
fn tenths_of(unit: &str, rest: &str, number: &Number) -> Option<(f64, usize)> {
    match unit {
        "米" if matches!(number.numeral.form, Form::Chinese { .. }) && !rest.starts_with('半') => {
            tenths_tail(rest).map(|(tenths, len)| (tenths / 10.0, len))
        }
        "斤" => {
            let c = rest.chars().next()?;
            let tenths = digit(c).or_else(|| chinese_digit(c))?;
            let liang = rest[c.len_utf8()..]
                .chars()
                .next()
                .filter(|&l| l == '两' || l == '兩')?;
            Some((f64::from(tenths) / 10.0, c.len_utf8() + liang.len_utf8()))
        }
        _ => None,
    }
}

/// What follows 成 in the percent: 半 (三成半 = 35%) or a second digit (七成六 = 76%) that
/// starts no number of its own.
fn tenths_tail(s: &str) -> Option<(f64, usize)> {
    let c = s.chars().next()?;
    if c == '半' {
        return Some((5.0, c.len_utf8()));
    }
    let d = chinese_digit(c)?;
    let next = &s[c.len_utf8()..];
    let own_number = next
        .starts_with(|n: char| chinese_digit(n).is_some() || magnitude(n).is_some())
        || longest_unit(next).is_some();
    (!own_number).then_some((f64::from(d), c.len_utf8()))
}

const SECONDS: &[&str] = &["秒钟", "秒"];

/// Minutes with seconds after them: 五分三十秒 = 330 秒.
pub(super) fn minutes_and_seconds(after: &str) -> Option<ReadUnit> {
    let seconds = smaller_count(after.strip_prefix('分')?, SECONDS, "秒", 60.0)?;
    let mut read = ReadUnit::plain("秒", '分'.len_utf8() + seconds.len);
    read.scale = seconds.per;
    read.add = seconds.count;
    Some(read)
}

/// A smaller unit of time said after a larger one: its count, how many make one of the
/// larger, and where it ends.
struct SmallerTime {
    unit: &'static str,
    per: f64,
    count: f64,
    len: usize,
}

/// The minutes or seconds after hours (两小时十分, 一个小时三十分钟, 一小时零十五秒), the seconds
/// after minutes (五分钟三十秒) or the months after years (两年零三个月), with or without 零
/// between.
fn smaller_time(larger: &str, rest: &str) -> Option<SmallerTime> {
    let smaller: &[(&[&str], &str, f64)] = match larger {
        "小时" => &[(&["分钟", "分"], "分钟", 60.0), (SECONDS, "秒", 3600.0)],
        "分钟" => &[(SECONDS, "秒", 60.0)],
        "年" => &[(&["个月"], "个月", 12.0)],
        _ => return None,
    };
    smaller
        .iter()
        .find_map(|&(words, unit, per)| smaller_count(rest, words, unit, per))
}

/// A count below `per` of one of `words` at the start of `rest`, 零 before it or not.
fn smaller_count(rest: &str, words: &[&str], unit: &'static str, per: f64) -> Option<SmallerTime> {
    let zero = if rest.starts_with('零') {
        '零'.len_utf8()
    } else {
        0
    };
    let number = read_digits(&rest[zero..]).or_else(|| read_chinese(&rest[zero..]))?;
    let at = zero + number.len;
    let word = words.iter().find(|w| rest[at..].starts_with(*w))?;
    (number.value < per).then_some(SmallerTime {
        unit,
        per,
        count: number.value,
        len: at + word.len(),
    })
}

/// Words starting with 成 after a number that do not mean tenths (3成为, 建成…).
const CHENG_WORDS: &[char] = &[
    '为', '功', '立', '本', '果', '员', '效', '绩', '就', '熟', '长', '交', '型', '都', '品', '年',
    '人', '了',
];

/// Words starting with 所 after a number that do not count institutions (表3所示); not 以,
/// which is mostly 以上 (1所以上).
const SUO_WORDS: &[char] = &['示', '列', '述', '有', '在', '得', '需', '谓', '属', '致'];

/// Words starting with 折 after a number that are not a discount (折合, 折旧).
const ZHE_WORDS: &[char] = &['合', '旧', '算', '扣', '射', '叠', '返'];

fn people_follow(after: &str) -> bool {
    let window: String = after.chars().take(8).collect();
    PEOPLE_NOUNS.iter().any(|noun| {
        window.find(noun).is_some_and(|i| {
            // Only a few modifier characters may stand between the number and the noun.
            window[..i].chars().count() <= 4
                && !window[..i].contains(['，', '、', '。', '；', '和', '与', '的'])
        })
    })
}
