//! Walks `content/` and builds the [`Atlas`], collecting every problem on the way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::boundaries;
use super::frontmatter::{parse_yaml, SourceFile};
use super::read::{
    locate_overrides, read_optional_doc, read_required, read_translation, FrontMatter,
};
use super::vet;
use super::{
    district_dir, slug, Atlas, Body, District, DistrictMeta, DocMeta, Document, Indicator, Page,
    Report, ReportId, ReportMeta, CONTENT_DIR,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::model::GlossaryEntries;
use rayon::prelude::*;

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Keep reports marked `draft: true`.
    pub drafts: bool,
    /// GeoJSON file of district outlines (`[map] boundaries` of `site.toml`).
    pub boundaries: Option<PathBuf>,
}

/// Names the site uses for its own sections, which a page may not take. (`data` is free: the
/// page documenting the downloads lives beside them at /data/.)
const RESERVED_PAGE_SLUGS: &[&str] = &[
    "districts",
    "domains",
    "indicators",
    "glossary",
    "search",
    "en",
    "zh",
    "static",
];

const INDEX: &str = "_index";

pub fn load(root: &Path, options: &LoadOptions) -> Result<Atlas, Diagnostics> {
    let mut problems = Diagnostics::default();
    let content = Path::new(CONTENT_DIR);
    if !root.join(content).is_dir() {
        return Err(Diagnostic::file(CONTENT_DIR, "no content folder")
            .hint("create content/ with content/districts/<slug>/_index.md, or pass --root DIR")
            .into());
    }
    let home = keep(
        read_optional_doc(root, &content.join("_index.md")),
        &mut problems,
    )
    .flatten();
    let home_en = keep(
        read_optional_doc(root, &content.join("_index.en.md")),
        &mut problems,
    )
    .flatten();
    let mut districts = load_districts(root, options, &mut problems);
    number_reports(&mut districts);
    let pages = load_pages(root, &mut problems);
    let glossary = keep(load_glossary(root), &mut problems).unwrap_or_default();
    let indicators = keep(
        load_indicators(root, &content.join("indicators.yaml")),
        &mut problems,
    )
    .unwrap_or_default();
    let boundaries = match &options.boundaries {
        Some(path) => keep(boundaries::load(root, path), &mut problems).unwrap_or_default(),
        None => Vec::new(),
    };
    let home = home.unwrap_or_else(|| empty_document(content.join("_index.md")));
    let atlas = Atlas {
        home,
        home_en,
        districts,
        pages,
        glossary,
        indicators,
        boundaries,
    };
    problems.extend(vet::unsafe_links(atlas.documents()));
    problems.into_result(atlas)
}

fn empty_document(path: PathBuf) -> Document {
    Document {
        path,
        meta: DocMeta::default(),
        body: Body::empty(),
        body_offset: 0,
        body_line: 1,
    }
}

/// Markdown files of a folder, grouped by stem: `stem -> (zh file, en file)`.
type Sources = BTreeMap<String, (Option<PathBuf>, Option<PathBuf>)>;

fn markdown_files(root: &Path, dir: &Path, problems: &mut Diagnostics) -> Sources {
    let mut sources = Sources::new();
    for path in sorted_entries(root, dir, problems) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let (stem, lang) = match stem.strip_suffix(".en") {
            Some(s) => (s, Lang::En),
            None => (stem, Lang::Zh),
        };
        let entry = sources.entry(stem.to_string()).or_default();
        match lang {
            Lang::Zh => entry.0 = Some(path),
            Lang::En => entry.1 = Some(path),
        }
    }
    sources
}

fn sorted_entries(root: &Path, dir: &Path, problems: &mut Diagnostics) -> Vec<PathBuf> {
    let read = match std::fs::read_dir(root.join(dir)) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(Diagnostic::file(dir, format!("cannot read folder: {e}")));
            return Vec::new();
        }
    };
    let mut paths: Vec<PathBuf> = read
        .filter_map(Result::ok)
        .map(|entry| dir.join(entry.file_name()))
        .collect();
    paths.sort();
    paths
}

fn load_districts(root: &Path, options: &LoadOptions, problems: &mut Diagnostics) -> Vec<District> {
    let dir = Path::new(CONTENT_DIR).join("districts");
    let folders: Vec<PathBuf> = sorted_entries(root, &dir, problems)
        .into_iter()
        .filter(|path| root.join(path).is_dir())
        .filter(|path| match crate::confined::resolve(root, path) {
            Err(outside @ crate::confined::Error::Outside) => {
                problems.push(outside.diagnostic(path));
                false
            }
            _ => true,
        })
        .collect();
    // Districts load in parallel; their problems are reported in folder order all the same.
    let loaded: Vec<(Option<District>, Diagnostics)> = folders
        .par_iter()
        .map(|path| {
            let mut found = Diagnostics::default();
            let district = load_district(root, path, options, &mut found);
            (district, found)
        })
        .collect();
    let mut districts = Vec::new();
    for (district, found) in loaded {
        problems.extend(found);
        districts.extend(district);
    }
    districts
}

fn load_district(
    root: &Path,
    dir: &Path,
    options: &LoadOptions,
    problems: &mut Diagnostics,
) -> Option<District> {
    let name = dir.file_name()?.to_string_lossy().to_string();
    let mut sources = markdown_files(root, dir, problems);
    let index = sources.remove(INDEX);
    let Some((Some(index_path), index_en)) = index else {
        report_orphans(dir, &name, &sources, problems);
        return None;
    };
    if !slug::is_valid(&name) {
        problems.push(bad_slug(&index_path, "district folder", &name));
    }
    let parsed = read_required::<DistrictMeta>(root, &index_path);
    let text_en = read_optional_doc(root, &index_en.unwrap_or_else(|| dir.join("_index.en.md")));
    let reports = load_reports(root, dir, &name, sources, options, problems);
    let (meta, text, front_matter) = keep(parsed, problems)?;
    let text_en = keep(text_en, problems).flatten();
    if let Err(d) = check_district(&meta, &text, &front_matter) {
        problems.push(d);
    }
    Some(District {
        slug: name,
        meta,
        text,
        text_en,
        reports,
    })
}

fn report_orphans(dir: &Path, district: &str, sources: &Sources, problems: &mut Diagnostics) {
    let files: Vec<&PathBuf> = sources
        .values()
        .flat_map(|(zh, en)| zh.iter().chain(en.iter()))
        .collect();
    let hint = format!(
        "create {}/_index.md for the district (`minsheng new district {}`), or move the report into an existing district folder",
        dir.display(),
        slug::suggest(district)
    );
    if files.is_empty() {
        problems.push(
            Diagnostic::file(
                dir,
                format!("district folder `{district}` has no _index.md"),
            )
            .hint(hint.clone()),
        );
    }
    for file in files {
        problems.push(
            Diagnostic::file(
                file,
                format!(
                    "report names unknown district `{district}`: {}/_index.md is missing",
                    dir.display()
                ),
            )
            .hint(hint.clone()),
        );
    }
}

fn check_district(
    meta: &DistrictMeta,
    text: &Document,
    front_matter: &FrontMatter,
) -> Result<(), Diagnostic> {
    let at = |key: &str, message: String| front_matter.at(&text.path, key, message);
    if !(-90.0..=90.0).contains(&meta.lat) || !(-180.0..=180.0).contains(&meta.lon) {
        return Err(at(
            "lat",
            format!(
                "lat/lon {}, {} is not a position on Earth",
                meta.lat, meta.lon
            ),
        )
        .hint(
            "lat is -90..90 and lon -180..180 in decimal degrees, e.g. lat: 29.16, lon: 107.10",
        ));
    }
    if !(100_000..=999_999).contains(&meta.code) {
        return Err(at(
            "code",
            format!("code {} is not a six-digit GB/T 2260 code", meta.code),
        )
        .hint("use the division code, e.g. 500119 for 南川区"));
    }
    Ok(())
}

fn load_reports(
    root: &Path,
    dir: &Path,
    district: &str,
    sources: Sources,
    options: &LoadOptions,
    problems: &mut Diagnostics,
) -> Vec<Report> {
    let mut reports: Vec<Report> = Vec::new();
    for (stem, (zh, en)) in sources {
        let Some(zh) = zh else {
            if let Some(en) = en {
                problems.push(
                    Diagnostic::file(
                        &en,
                        format!(
                            "English translation without a Chinese report: {stem}.md is missing"
                        ),
                    )
                    .hint(format!(
                        "add {}/{stem}.md, or rename this file to match its report",
                        dir.display()
                    )),
                );
            }
            continue;
        };
        let Some(report) = read_report(root, district, &stem, &zh, en.as_deref(), problems) else {
            continue;
        };
        let slug = &report.slug;
        if let Some(other) = reports.iter().find(|r| r.slug == *slug) {
            problems.push(
                Diagnostic::file(
                    &zh,
                    format!(
                        "duplicate report slug `{slug}`: {} uses it too",
                        other.text.path.display()
                    ),
                )
                .hint("give one of the reports another file name or `slug:`"),
            );
            continue;
        }
        if report.meta.draft && !options.drafts {
            continue;
        }
        reports.push(report);
    }
    sort_reports(&mut reports);
    reports
}

/// Gives each report its id: its place in the order of district slugs (the order of
/// `districts`), then report slugs.
fn number_reports(districts: &mut [District]) {
    let mut next = 0;
    for district in districts {
        let mut reports: Vec<&mut Report> = district.reports.iter_mut().collect();
        reports.sort_by(|a, b| a.slug.cmp(&b.slug));
        for report in reports {
            report.id = ReportId(next);
            next += 1;
        }
    }
}

/// A district's reports in their order: newest first, then by slug.
pub fn sort_reports(reports: &mut [Report]) {
    reports.sort_by(|a, b| {
        b.meta
            .date
            .cmp(&a.meta.date)
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

/// One report of `district`: `<stem>.md` and its translation `<stem>.en.md` when present.
/// Its id is 0 until the atlas numbers its reports.
fn read_report(
    root: &Path,
    district: &str,
    stem: &str,
    zh: &Path,
    en: Option<&Path>,
    problems: &mut Diagnostics,
) -> Option<Report> {
    let parsed = read_required::<ReportMeta>(root, zh);
    let text_en = en.map(|en| read_translation(root, en));
    let (mut meta, text, front_matter) = keep(parsed, problems)?;
    locate_overrides(&mut meta, &front_matter);
    if let Some(url) = meta.source_url.as_deref() {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            problems.push(
                front_matter
                    .at(zh, "source_url", "source_url must be an http(s) address")
                    .hint("give the address the report was published at, starting with https:// or http://"),
            );
            return None;
        }
    }
    let text_en = text_en.and_then(|t| keep(t, problems));
    let slug = meta.slug.clone().unwrap_or_else(|| stem.to_string());
    if !slug::is_valid(&slug) {
        problems.push(bad_slug(zh, "report", &slug));
        return None;
    }
    Some(Report {
        id: ReportId(0),
        slug,
        district: district.to_string(),
        meta,
        text,
        text_en,
    })
}

/// Reloads the report whose Chinese file is `content/districts/<district>/<stem>.md`, for a
/// rebuild of what one edit changed; it keeps `id`, the one it has in the atlas. `Ok(None)`
/// when it is a draft the build leaves out.
pub fn load_report(
    root: &Path,
    district: &str,
    stem: &str,
    id: ReportId,
    options: &LoadOptions,
) -> Result<Option<Report>, Diagnostics> {
    let dir = district_dir(district);
    let zh = dir.join(format!("{stem}.md"));
    let en = dir.join(format!("{stem}.en.md"));
    let en = root.join(&en).is_file().then_some(en);
    let mut problems = Diagnostics::default();
    let mut report = read_report(root, district, stem, &zh, en.as_deref(), &mut problems);
    if let Some(report) = &mut report {
        report.id = id;
        problems.extend(vet::unsafe_links(
            std::iter::once(&report.text).chain(&report.text_en),
        ));
    }
    problems.into_result(report.filter(|r| options.drafts || !r.meta.draft))
}

fn load_pages(root: &Path, problems: &mut Diagnostics) -> Vec<Page> {
    let dir = Path::new(CONTENT_DIR).join("pages");
    let mut pages = Vec::new();
    for (stem, (zh, en)) in markdown_files(root, &dir, problems) {
        let Some(zh) = zh else {
            if let Some(en) = en {
                problems.push(
                    Diagnostic::file(
                        &en,
                        format!("English page without a Chinese page: {stem}.md is missing"),
                    )
                    .hint("every page is written in Chinese first; add the .md file beside it"),
                );
            }
            continue;
        };
        if !slug::is_valid(&stem) {
            problems.push(bad_slug(&zh, "page", &stem));
            continue;
        }
        if RESERVED_PAGE_SLUGS.contains(&stem.as_str()) {
            problems.push(
                Diagnostic::file(
                    &zh,
                    format!("duplicate slug `{stem}`: the site uses /{stem}/ for its own pages"),
                )
                .hint(format!("rename the page, e.g. {stem}-notes.md")),
            );
            continue;
        }
        let text = read_translation(root, &zh);
        let text_en = en.map(|en| read_translation(root, &en));
        let Some(text) = keep(text, problems) else {
            continue;
        };
        let text_en = text_en.and_then(|t| keep(t, problems));
        pages.push(Page {
            slug: stem,
            text,
            text_en,
        });
    }
    pages.sort_by(|a, b| {
        a.weight()
            .cmp(&b.weight())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    pages
}

/// `content/glossary.yaml`, if the site has one.
pub fn load_glossary(root: &Path) -> Result<GlossaryEntries, Diagnostic> {
    let rel = Path::new(CONTENT_DIR).join("glossary.yaml");
    if !root.join(&rel).exists() {
        return Ok(GlossaryEntries::new());
    }
    let file = SourceFile::read(root, &rel)?;
    parse_yaml(&file, &file.text, 0).map_err(|d| {
        d.hint(
            "write one term per entry: `医共体: {en: medical consortium, note_en: …, note_zh: …}`",
        )
    })
}

/// `content/indicators.yaml`, if the site has one: ids must be valid, unique slugs.
fn load_indicators(root: &Path, rel: &Path) -> Result<Vec<Indicator>, Diagnostic> {
    if !root.join(rel).exists() {
        return Ok(Vec::new());
    }
    let file = SourceFile::read(root, rel)?;
    let indicators: Vec<Indicator> = parse_yaml(&file, &file.text, 0).map_err(|d| {
        d.hint(
            "write a list of `- id: …, name: …, name_en: …, unit: …, domain: …, subjects: [...]`",
        )
    })?;
    for (i, indicator) in indicators.iter().enumerate() {
        let at = |message: String| {
            let offset = file
                .text
                .find(&format!("id: {}", indicator.id))
                .unwrap_or(0);
            file.error_at(offset, message)
        };
        if !slug::is_valid(&indicator.id) {
            return Err(
                at(format!("`{}` is not a valid indicator id", indicator.id)).hint(format!(
                    "use lowercase ASCII letters, digits and hyphens, e.g. `{}`",
                    slug::suggest(&indicator.id)
                )),
            );
        }
        if indicators[..i].iter().any(|o| o.id == indicator.id) {
            return Err(at(format!("duplicate indicator id `{}`", indicator.id))
                .hint("give each indicator an id of its own"));
        }
        if indicator.subjects.iter().all(|s| s.trim().is_empty()) {
            return Err(
                at(format!("indicator `{}` lists no subjects", indicator.id))
                    .hint("add the metric subjects that count towards it: `subjects: [新增学位]`"),
            );
        }
    }
    Ok(indicators)
}

pub(crate) fn bad_slug(path: &Path, what: &str, name: &str) -> Diagnostic {
    Diagnostic::file(
        path,
        format!(
            "`{name}` is not a valid {what} slug: use lowercase ASCII letters, digits and hyphens"
        ),
    )
    .hint(format!("rename it to `{}`", slug::suggest(name)))
}

fn keep<T>(result: Result<T, Diagnostic>, problems: &mut Diagnostics) -> Option<T> {
    result.map_err(|d| problems.push(d)).ok()
}
