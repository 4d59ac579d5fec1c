//! Values as a reader of each language writes them: 3.5亿元 / 350 million yuan, 96.16%.

use std::fmt::Write;

use crate::analyze::lexicon::Qualifier;
use crate::analyze::metrics::Metric;
use crate::lang::Lang;

/// `metric`'s value, range, unit and qualifier, written the way of `lang`.
pub fn format_metric(lang: Lang, metric: &Metric) -> String {
    format_value(
        lang,
        metric.value,
        metric.value_max,
        &metric.unit,
        metric.qualifier,
    )
}

/// `value` (to `value_max`, for a range) in `unit` with its qualifier, written the way of
/// `lang`.
pub fn format_value(
    lang: Lang,
    value: f64,
    value_max: Option<f64>,
    unit: &str,
    qualifier: Qualifier,
) -> String {
    // Written into one string: an atlas formats a million of these.
    let mut out = String::with_capacity(32);
    // A range says its bounds itself: 35–64岁, not 不少于35–64岁.
    let word = match (value_max, qualifier) {
        (Some(_), Qualifier::AtLeast) => "",
        _ => qualifier_word(lang, qualifier),
    };
    out.push_str(word);
    let push_number = match lang {
        Lang::Zh => push_number_zh,
        Lang::En => push_number_en,
    };
    if lang == Lang::En && !word.is_empty() {
        out.push(' ');
    }
    push_number(&mut out, value);
    if let Some(max) = value_max {
        out.push('–');
        push_number(&mut out, max);
    }
    match lang {
        Lang::Zh => out.push_str(unit_zh(unit)),
        Lang::En => push_unit_en(&mut out, unit),
    }
    out
}

/// `value` (to `value_max`) in base units with every digit, and the unit as written:
/// `350,000,000 元`, `20,000–30,000 元`.
pub fn format_normalized(value: f64, value_max: Option<f64>, unit: &str) -> String {
    let mut out = String::new();
    push_grouped(&mut out, value);
    if let Some(max) = value_max {
        out.push('–');
        push_grouped(&mut out, max);
    }
    match unit_zh(unit) {
        "" => {}
        "%" => out.push('%'),
        unit => {
            out.push(' ');
            out.push_str(unit);
        }
    }
    out
}

/// `value` alone in the compact form of `lang` (3.5亿, 350 million), for chart axes and bars.
pub fn format_number(lang: Lang, value: f64) -> String {
    let mut out = String::new();
    match lang {
        Lang::Zh => push_number_zh(&mut out, value),
        Lang::En => push_number_en(&mut out, value),
    }
    out
}

/// The word for a qualifier, empty for an exact figure.
pub fn qualifier_word(lang: Lang, qualifier: Qualifier) -> &'static str {
    match (lang, qualifier) {
        (_, Qualifier::Exact) => "",
        (Lang::Zh, Qualifier::Over) => "超",
        (Lang::Zh, Qualifier::Nearly) => "约",
        (Lang::Zh, Qualifier::AtLeast) => "不少于",
        (Lang::Zh, Qualifier::AtMost) => "不超过",
        (Lang::En, Qualifier::Over) => "over",
        (Lang::En, Qualifier::Nearly) => "about",
        (Lang::En, Qualifier::AtLeast) => "at least",
        (Lang::En, Qualifier::AtMost) => "at most",
    }
}

/// The unit as a reader of `lang` names it; empty for Chinese measure words, which English
/// leaves to the noun counted ("38 schools").
pub fn unit_name(lang: Lang, unit: &str) -> String {
    match lang {
        Lang::Zh => unit_zh(unit).to_string(),
        Lang::En => {
            let mut name = String::new();
            push_unit_en(&mut name, unit);
            name.trim().to_string()
        }
    }
}

/// A period as the extractor writes it (`2021`, `十三五`, `近5年`, `5年来`), in `lang`.
pub fn period_name(lang: Lang, period: &str) -> String {
    if lang == Lang::Zh {
        return period.to_string();
    }
    let plan = |n: &str, years: &str| format!("{n} Five-Year Plan ({years})");
    match period {
        "十二五" => plan("12th", "2011–2015"),
        "十三五" => plan("13th", "2016–2020"),
        "十四五" => plan("14th", "2021–2025"),
        "十五五" => plan("15th", "2026–2030"),
        _ => {
            if let Some(n) = period.strip_prefix('近').and_then(|p| p.strip_suffix('年')) {
                format!("past {n} years")
            } else if let Some(n) = period.strip_suffix("年来") {
                format!("over {n} years")
            } else {
                period.to_string()
            }
        }
    }
}

fn unit_zh(unit: &str) -> &str {
    if unit == "ratio" {
        ""
    } else {
        unit
    }
}

/// The English of `unit`, a unit per another too (微克/立方米: μg/m³).
fn push_unit_en(out: &mut String, unit: &str) {
    let per = unit
        .split_once('/')
        .and_then(|(unit, base)| Some((unit_en(unit)?, unit_en(base)?)));
    match per {
        Some((unit, base)) => {
            out.push_str(unit);
            out.push('/');
            out.push_str(base.trim_start());
        }
        None => out.push_str(unit_en(unit).unwrap_or_default()),
    }
}

/// English units; `None` for measure words. A leading space separates a word from the number.
fn unit_en(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "%" => "%",
        "/10万" => " per 100,000",
        "/万" => " per 10,000",
        "元" => " yuan",
        "个百分点" | "百分点" => " percentage points",
        "人" | "名" | "位" => " people",
        "人次" => " person-times",
        "户" => " households",
        "户次" => " household-times",
        "平方米" => " m²",
        "平方公里" | "平方千米" => " km²",
        "立方米" => " m³",
        "公里" | "千米" => " km",
        "米" => " m",
        "公顷" => " ha",
        "亩" => " mu",
        "吨" => " tonnes",
        "千克" | "公斤" => " kg",
        "克" => " g",
        "毫克" => " mg",
        "微克" => " μg",
        "升" => " L",
        "斤" => " jin",
        "千瓦" => " kW",
        "千瓦时" => " kWh",
        "小时" | "学时" | "课时" => " hours",
        "分钟" => " minutes",
        "天" => " days",
        "周" => " weeks",
        "个月" => " months",
        "年" => " years",
        "岁" | "周岁" => " years old",
        "倍" => " times",
        "次" => " times",
        "床" => " beds",
        _ => return None,
    })
}

fn push_number_zh(out: &mut String, value: f64) {
    let abs = value.abs();
    if abs >= 1e8 {
        push_trimmed(out, value / 1e8, 2);
        out.push('亿');
    } else if abs >= 1e4 && value % 100.0 == 0.0 {
        push_trimmed(out, value / 1e4, 2);
        out.push('万');
    } else {
        push_trimmed(out, value, 2);
    }
}

fn push_number_en(out: &mut String, value: f64) {
    let abs = value.abs();
    if abs >= 1e9 {
        push_trimmed(out, value / 1e9, 2);
        out.push_str(" billion");
    } else if abs >= 1e6 {
        push_trimmed(out, value / 1e6, 2);
        out.push_str(" million");
    } else {
        push_grouped(out, value);
    }
}

/// `value` with at most `places` decimals, trailing zeros dropped.
fn push_trimmed(out: &mut String, value: f64, places: usize) {
    // Writing into a String cannot fail.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let _ = write!(out, "{}", value as i64);
        return;
    }
    let start = out.len();
    let _ = write!(out, "{value:.places$}");
    if out[start..].contains('.') {
        let kept = out[start..]
            .trim_end_matches('0')
            .trim_end_matches('.')
            .len();
        out.truncate(start + kept);
    }
}

/// Thousands separated by commas: 25,700 and 96.16.
fn push_grouped(out: &mut String, value: f64) {
    let mut text = String::new();
    push_trimmed(&mut text, value, 2);
    let (sign, rest) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |r| ("-", r));
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_writes_millions_and_percent() {
        let en = |v, u, q| format_value(Lang::En, v, None, u, q);
        assert_eq!(en(3.5e8, "元", Qualifier::Exact), "350 million yuan");
        assert_eq!(en(96.16, "%", Qualifier::Exact), "96.16%");
        assert_eq!(en(9e7, "元", Qualifier::Over), "over 90 million yuan");
        assert_eq!(en(25700.0, "人", Qualifier::Exact), "25,700 people");
        assert_eq!(en(38.0, "所", Qualifier::Exact), "38");
        assert_eq!(en(1.926e9, "元", Qualifier::Exact), "1.93 billion yuan");
        assert_eq!(
            en(6.0, "个百分点", Qualifier::AtLeast),
            "at least 6 percentage points"
        );
        // A unit per another.
        assert_eq!(en(28.0, "微克/立方米", Qualifier::Exact), "28 μg/m³");
        assert_eq!(unit_name(Lang::En, "毫克/升"), "mg/L");
        assert_eq!(en(7.3, "/10万", Qualifier::Exact), "7.3 per 100,000");
        assert_eq!(
            format_value(Lang::Zh, 7.3, None, "/10万", Qualifier::Exact),
            "7.3/10万"
        );
    }

    #[test]
    fn chinese_writes_wan_and_yi() {
        let zh = |v, u, q| format_value(Lang::Zh, v, None, u, q);
        assert_eq!(zh(3.5e8, "元", Qualifier::Exact), "3.5亿元");
        assert_eq!(zh(25700.0, "人", Qualifier::Exact), "2.57万人");
        assert_eq!(zh(5760.0, "个", Qualifier::Exact), "5760个");
        assert_eq!(zh(12345.0, "人", Qualifier::Exact), "12345人");
        assert_eq!(zh(90.0, "%", Qualifier::Nearly), "约90%");
        assert_eq!(format_normalized(3.5e8, None, "元"), "350,000,000 元");
    }

    #[test]
    fn a_range_shows_both_ends_and_no_bound_word() {
        let range = |lang, low, high, unit, q| format_value(lang, low, Some(high), unit, q);
        assert_eq!(
            range(Lang::Zh, 35.0, 64.0, "岁", Qualifier::AtLeast),
            "35–64岁"
        );
        assert_eq!(
            range(Lang::Zh, 2e4, 3e4, "元", Qualifier::AtLeast),
            "2万–3万元"
        );
        assert_eq!(
            range(Lang::En, 2e4, 3e4, "元", Qualifier::AtLeast),
            "20,000–30,000 yuan"
        );
        assert_eq!(range(Lang::En, 5.0, 8.0, "%", Qualifier::AtLeast), "5–8%");
        assert_eq!(format_normalized(2e4, Some(3e4), "元"), "20,000–30,000 元");
        assert_eq!(
            range(Lang::Zh, 200.0, 300.0, "元", Qualifier::Nearly),
            "约200–300元"
        );
        assert_eq!(format_normalized(0.5, None, "ratio"), "0.5");
    }
}
