//! The build: load -> analyze -> render -> write.

pub mod analysis;
pub mod data;
pub mod figures;
pub mod links;
pub mod output;
pub mod pages;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use walkdir::WalkDir;

use crate::config::{Config, CONFIG_FILE};
use crate::content::{self, Atlas, LoadOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{Highlighter, Theme};
use crate::urls::Urls;

use analysis::Analysis;
use links::PageLinks;
use pages::{OutputFile, Renderer};
use rayon::prelude::*;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding site.toml, content/ and themes/).
    pub root: PathBuf,
    /// Where the site is written; relative paths are taken from the current folder.
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What a build did, for the command line.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub files: usize,
    pub pages: usize,
    pub stages: Vec<(&'static str, Duration)>,
}

/// Everything loaded from the site folder, before anything is rendered.
pub struct Site {
    pub config: Config,
    pub atlas: Atlas,
    pub theme: Theme,
    pub highlight_css: String,
}

impl Site {
    /// Reads and validates configuration, content and theme, reporting every problem found.
    pub fn load(root: &Path, base_url: Option<&str>, drafts: bool) -> Result<Site, Diagnostics> {
        let config = Config::load(root).and_then(|c| match base_url {
            Some(url) => c.with_base_url(url),
            None => Ok(c),
        });
        let config = config.map_err(Diagnostics::from)?;
        let mut problems = Diagnostics::default();
        let options = LoadOptions {
            drafts,
            boundaries: config.map_boundaries.clone(),
        };
        let atlas = content::load(root, &options)
            .map_err(|d| problems.extend(d))
            .ok();
        let theme = Theme::load(root, &config.theme)
            .map_err(|d| problems.extend(d))
            .ok();
        let highlight_css = Highlighter::stylesheet(&config.highlight_theme)
            .map_err(|themes| {
                problems.push(
                    Diagnostic::file(
                        CONFIG_FILE,
                        format!("unknown highlight theme `{}`", config.highlight_theme),
                    )
                    .hint(format!("[highlight] theme is one of: {themes}")),
                )
            })
            .ok();
        match (atlas, theme, highlight_css) {
            (Some(atlas), Some(theme), Some(highlight_css)) if problems.is_empty() => Ok(Site {
                config,
                atlas,
                theme,
                highlight_css,
            }),
            _ => Err(problems.sorted()),
        }
    }
}

pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    check_output_location(&options.root, &options.output)?;
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, stages: &mut Vec<(&'static str, Duration)>| {
        stages.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    let site = Site::load(&options.root, options.base_url.as_deref(), options.drafts)?;
    lap("load", &mut stages);

    let analysis = Analysis::new(&site.atlas)?;
    lap("analyze", &mut stages);

    let urls = Urls::new(&site.config.base_url, site.config.default_language);
    let highlighter = Highlighter::default();
    let renderer = Renderer {
        config: &site.config,
        atlas: &site.atlas,
        theme: &site.theme,
        urls: &urls,
        highlighter: &highlighter,
        analysis: &analysis,
    };
    // Pages are written to the staging folder batch by batch as they are rendered; the link
    // check then runs on what was written, and only a clean site replaces the output.
    let staging = output::Staging::new(&options.output)?;
    let mut written: Vec<PathBuf> = Vec::new();
    let mut pages: Vec<PageLinks> = Vec::new();
    let mut writing = Duration::ZERO;
    let mut stage = |files: Vec<OutputFile>| -> Result<(), Diagnostics> {
        let started = Instant::now();
        pages.par_extend(files.par_iter().filter_map(PageLinks::of));
        staging.write(&files)?;
        written.extend(files.into_iter().map(|f| f.path));
        writing += started.elapsed();
        Ok(())
    };
    renderer.render_all(&mut stage)?;
    stage(data::files(
        &site.atlas,
        &analysis,
        &urls,
        site.config.default_language,
    )?)?;
    stage(site_files(&options.root, &site)?)?;
    links::check(&written, &pages, &urls)?;
    stages.push(("render", clock.elapsed().saturating_sub(writing)));
    let published = Instant::now();
    staging.publish()?;
    stages.push(("write", writing + published.elapsed()));
    Ok(BuildSummary {
        files: written.len(),
        pages: pages.len(),
        stages,
    })
}

/// Files beside the pages: the theme's static files, the highlight stylesheet, `.nojekyll`.
fn site_files(root: &Path, site: &Site) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = vec![
        OutputFile {
            path: ".nojekyll".into(),
            bytes: Vec::new(),
        },
        OutputFile {
            path: "highlight.css".into(),
            bytes: site.highlight_css.clone().into_bytes(),
        },
    ];
    let static_dir = root.join(site.theme.static_dir());
    let mut problems = Diagnostics::default();
    for entry in WalkDir::new(&static_dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                problems.push(Diagnostic::file(
                    site.theme.static_dir(),
                    format!("cannot read static files: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&static_dir) else {
            continue;
        };
        match std::fs::read(entry.path()) {
            Ok(bytes) => files.push(OutputFile {
                path: rel.to_path_buf(),
                bytes,
            }),
            Err(e) => problems.push(Diagnostic::file(entry.path(), format!("cannot read: {e}"))),
        }
    }
    problems.into_result(files)
}

/// Refuses an output folder that would replace the site's own sources.
fn check_output_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (absolute(root), absolute(output));
    let inside_sources = [root.join(content::CONTENT_DIR), root.join("themes")]
        .iter()
        .any(|sources| out.starts_with(sources));
    if root.starts_with(&out) || inside_sources {
        return Err(Diagnostic::file(
            output,
            "the output folder would overwrite the site's sources",
        )
        .hint("build into a folder of its own, such as public/"));
    }
    Ok(())
}
