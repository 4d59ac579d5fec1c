//! `minsheng new district SLUG` and `minsheng new report DISTRICT SLUG`: files to start from,
//! with every required front-matter key, in Chinese and English.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::files::write_new;
use crate::content::{district_dir, slug, CONTENT_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics};

#[derive(Debug, Clone)]
pub enum Scaffold {
    District { slug: String },
    Report { district: String, slug: String },
}

/// Writes the scaffold's files under `root` and returns their paths relative to it. Existing
/// files are never replaced.
pub fn run(
    root: &Path,
    scaffold: &Scaffold,
    today: NaiveDate,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let files = match scaffold {
        Scaffold::District { slug } => {
            check_slug(slug, "district", "minsheng new district")?;
            district_files(slug)
        }
        Scaffold::Report { district, slug } => {
            check_slug(district, "district", "minsheng new report")?;
            check_slug(slug, "report", &format!("minsheng new report {district}"))?;
            let index = district_dir(district).join("_index.md");
            if !root.join(&index).is_file() {
                return Err(Diagnostic::file(index, format!("no district `{district}`"))
                    .hint(format!("create it first: minsheng new district {district}"))
                    .into());
            }
            report_files(district, slug, today)
        }
    };
    let mut problems = Diagnostics::default();
    for (rel, _) in &files {
        if root.join(rel).exists() {
            problems.push(
                Diagnostic::file(rel, "already exists")
                    .hint("choose another slug, or edit the existing file"),
            );
        }
    }
    let files = problems.into_result(files)?;
    for (rel, text) in &files {
        write_new(root, rel, text.as_bytes())?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

fn check_slug(slug: &str, what: &str, command: &str) -> Result<(), Diagnostic> {
    if slug::is_valid(slug) {
        return Ok(());
    }
    let suggestion = slug::suggest(slug);
    let hint = if slug::is_valid(&suggestion) {
        format!("a slug is lowercase ASCII words joined by hyphens; try: {command} {suggestion}")
    } else {
        "a slug is lowercase ASCII words joined by hyphens, such as `tongnan`".to_string()
    };
    Err(Diagnostic::file(CONTENT_DIR, format!("`{slug}` is not a valid {what} slug")).hint(hint))
}

fn district_files(slug: &str) -> Vec<(PathBuf, String)> {
    let dir = district_dir(slug);
    let zh = format!(
        "---\n\
         # Replace every value: the map places the district by lat and lon.\n\
         name: \"{slug}\"\n\
         name_en: \"{slug}\"\n\
         code: 0 # GB/T 2260 administrative division code, e.g. 500113\n\
         province: 待填写\n\
         province_en: # optional, e.g. Chongqing\n\
         level: 区 # 区, 县 or 市\n\
         lat: 30.0\n\
         lon: 105.0\n\
         population: # optional, residents\n\
         area_km2: # optional\n\
         ---\n\
         （在此用两三段话介绍这个地方：位置、人口、这里的民生报道讲了什么。）\n"
    );
    let en = "---\n\
              title: Name of the place in English\n\
              ---\n\
              (Introduce the place here in two or three paragraphs.)\n"
        .to_string();
    vec![(dir.join("_index.md"), zh), (dir.join("_index.en.md"), en)]
}

fn report_files(district: &str, slug: &str, today: NaiveDate) -> Vec<(PathBuf, String)> {
    let dir = district_dir(district);
    let zh = format!(
        "---\n\
         title: 待填写：报道标题\n\
         title_en: \"To write: the title in English\"\n\
         date: {today} # the date of publication\n\
         source: 待填写：刊物或网站名称\n\
         source_url: # optional\n\
         summary: 待填写：用一两句话概括这篇报道。\n\
         domains: [] # e.g. [education, health]; the methodology page lists them\n\
         ---\n\
         在此写报道正文。数字照原文写，例如“新建学校3所”，生成器会自动识别。\n"
    );
    let en = "---\n\
              title: \"To write: the title in English\"\n\
              summary: \"To write: one or two sentences.\"\n\
              ---\n\
              The English text of the report goes here.\n"
        .to_string();
    vec![
        (dir.join(format!("{slug}.md")), zh),
        (dir.join(format!("{slug}.en.md")), en),
    ]
}
