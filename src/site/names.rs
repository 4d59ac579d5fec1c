//! Where each page lives (its site path, the same in both languages: `districts/banan/`) and
//! what districts and reports are called in each language.

use crate::content::{District, Document, Indicator, Report};
use crate::lang::Lang;
use crate::model::Domain;

/// A name without what follows its first comma: "Banan District, Chongqing" -> "Banan District".
pub fn short_name(name: &str) -> String {
    name.split([',', '，'])
        .next()
        .unwrap_or(name)
        .trim()
        .to_string()
}

/// The district's name in `lang`: the English text's title, else `name_en`.
pub fn district_name(district: &District, lang: Lang) -> String {
    let meta = &district.meta;
    name_in(lang, &meta.name, district.text_en.as_ref(), &meta.name_en)
}

/// A report's title in `lang`: the English text's title, else `title_en`.
pub fn report_title(report: &Report, lang: Lang) -> String {
    let meta = &report.meta;
    name_in(lang, &meta.title, report.text_en.as_ref(), &meta.title_en)
}

/// The Chinese name, or in English the English text's title, else the English name.
fn name_in(lang: Lang, zh: &str, text_en: Option<&Document>, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_string(),
        Lang::En => text_en
            .and_then(|d| d.meta.title.clone())
            .unwrap_or_else(|| en.to_string()),
    }
}

/// The document to show in `lang`: the English text if there is one, else the Chinese text
/// (then `false`: not translated).
pub fn pick<'a>(lang: Lang, zh: &'a Document, en: Option<&'a Document>) -> (&'a Document, bool) {
    match (lang, en) {
        (Lang::En, Some(en)) => (en, true),
        (Lang::En, None) => (zh, false),
        (Lang::Zh, _) => (zh, true),
    }
}

pub fn district_path(district: &District) -> String {
    format!("districts/{}/", district.slug)
}

pub fn report_path(report: &Report) -> String {
    format!("districts/{}/{}/", report.district, report.slug)
}

pub fn domain_path(domain: Domain) -> String {
    format!("domains/{}/", domain.slug())
}

pub fn domain_district_path(domain: Domain, district: &str) -> String {
    format!("domains/{}/{district}/", domain.slug())
}

/// Page `number` (from 1) of a list paged from `first`, the path of its first page.
pub fn paged_path(first: &str, number: usize) -> String {
    match number {
        1 => first.to_string(),
        _ => format!("{first}page/{number}/"),
    }
}

pub fn indicator_path(indicator: &Indicator) -> String {
    format!("indicators/{}/", indicator.id)
}

/// The page of an indicator's figures in one district (made for indicators with many).
pub fn indicator_district_path(indicator: &Indicator, district: &str) -> String {
    format!("indicators/{}/{district}/", indicator.id)
}
