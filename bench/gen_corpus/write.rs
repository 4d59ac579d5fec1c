//! Writing the corpus: the minsheng site and the equivalent Hugo site.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use walkdir::WalkDir;

use super::{Corpus, District};

/// A YAML double-quoted string (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// Copies a file or a directory tree.
fn copy(from: &Path, to: &Path) -> Result<()> {
    if from.is_file() {
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(from, to).with_context(|| format!("copying {}", from.display()))?;
        return Ok(());
    }
    for entry in WalkDir::new(from).sort_by_file_name() {
        let entry = entry.with_context(|| format!("reading {}", from.display()))?;
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).with_context(|| format!("creating {}", dest.display()))?;
        } else {
            fs::copy(entry.path(), &dest)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

const HOME_ZH: &str = "民生图谱的基准测试语料：40个虚构区县，每篇报道由项目示例报道的句子打乱重组而成，中英文各一份。";
const HOME_EN: &str = "The benchmark corpus of the Livelihood Atlas: 40 fictitious districts, every report made of the sample reports' sentences shuffled, in Chinese and in English.";

pub(super) fn write_minsheng(root: &Path, out: &Path, c: &Corpus) -> Result<()> {
    copy(&root.join("site.toml"), &out.join("site.toml"))?;
    copy(&root.join("themes/atlas"), &out.join("themes/atlas"))?;
    for f in ["glossary.yaml", "indicators.yaml", "pages"] {
        copy(&root.join("content").join(f), &out.join("content").join(f))?;
    }
    let content = out.join("content");
    write_home(&content)?;
    for d in &c.districts {
        let dir = content.join("districts").join(&d.slug);
        write(
            &dir.join("_index.md"),
            &format!(
                "---\nname: {}\nname_en: {}\ncode: {}\nprovince: 重庆市\nlevel: 区\nlat: {:.2}\nlon: {:.2}\n---\n{}\n",
                d.name, d.name_en, d.code, d.lat, d.lon, d.text_zh
            ),
        )?;
        write_district_en(&dir, d)?;
    }
    for r in &c.reports {
        let dir = content
            .join("districts")
            .join(&c.districts[r.district].slug);
        write(
            &dir.join(format!("{}.md", r.slug)),
            &format!(
                "---\ntitle: {}\ntitle_en: {}\ndate: {}\nsource: 基准测试日报\nsummary: {}\ndomains: [{}]\n---\n{}",
                q(&r.title),
                q(&r.title_en),
                r.date,
                q(&r.summary),
                r.domains.join(", "),
                r.body_zh
            ),
        )?;
        write(
            &dir.join(format!("{}.en.md", r.slug)),
            &format!(
                "---\ntitle: {}\nsummary: {}\n---\n{}",
                q(&r.title_en),
                q(&r.summary_en),
                r.body_en
            ),
        )?;
    }
    Ok(())
}

/// The home text in both languages: the same for both generators.
fn write_home(content: &Path) -> Result<()> {
    write(
        &content.join("_index.md"),
        &format!("---\ntitle: 民生图谱\n---\n{HOME_ZH}\n"),
    )?;
    write(
        &content.join("_index.en.md"),
        &format!("---\ntitle: Livelihood Atlas\n---\n{HOME_EN}\n"),
    )
}

/// A district's English profile: the same for both generators.
fn write_district_en(dir: &Path, d: &District) -> Result<()> {
    write(
        &dir.join("_index.en.md"),
        &format!("---\ntitle: {}\n---\n{}\n", d.name_en, d.text_en),
    )
}

pub(super) fn write_hugo(root: &Path, out: &Path, c: &Corpus) -> Result<()> {
    // config.toml and themes/plain/ are files under bench/hugo/.
    copy(&root.join("bench/hugo"), out)?;
    copy(
        &root.join("themes/atlas/static"),
        &out.join("themes/plain/static"),
    )?;
    let content = out.join("content");
    copy(&root.join("content/pages"), &content.join("pages"))?;
    write_home(&content)?;
    write(
        &content.join("reports/_index.md"),
        "---\ntitle: 报道\n---\n",
    )?;
    write(
        &content.join("reports/_index.en.md"),
        "---\ntitle: Reports\n---\n",
    )?;
    write(
        &content.join("districts/_index.md"),
        "---\ntitle: 区县\n---\n",
    )?;
    write(
        &content.join("districts/_index.en.md"),
        "---\ntitle: Districts\n---\n",
    )?;
    for d in &c.districts {
        let dir = content.join("districts").join(&d.slug);
        write(
            &dir.join("_index.md"),
            &format!(
                "---\ntitle: {}\ntitle_en: {}\ncode: {}\nprovince: 重庆市\nlat: {:.2}\nlon: {:.2}\n---\n{}\n",
                d.name, d.name_en, d.code, d.lat, d.lon, d.text_zh
            ),
        )?;
        write_district_en(&dir, d)?;
    }
    let dir = content.join("reports");
    for r in &c.reports {
        let district = &c.districts[r.district].slug;
        write(
            &dir.join(format!("{}.md", r.slug)),
            &format!(
                "---\ntitle: {}\ndate: {}\ndistricts: [{district}]\nsummary: {}\n---\n{}",
                q(&r.title),
                r.date,
                q(&r.summary),
                r.body_zh
            ),
        )?;
        write(
            &dir.join(format!("{}.en.md", r.slug)),
            &format!(
                "---\ntitle: {}\ndate: {}\ndistricts: [{district}]\nsummary: {}\n---\n{}",
                q(&r.title_en),
                r.date,
                q(&r.summary_en),
                r.body_en
            ),
        )?;
    }
    Ok(())
}
