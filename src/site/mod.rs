//! The build: load -> analyze -> render -> write.

pub mod analysis;
pub mod claim;
pub mod data;
pub mod figures;
pub mod links;
pub mod names;
pub mod output;
pub mod pages;
pub mod search;
pub mod session;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Config, CONFIG_FILE};
use crate::content::{self, Atlas, LoadOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::render::{Highlighter, Theme};
use crate::urls::Urls;

use analysis::Analysis;
use links::PageLinks;
use output::OutputFile;
use pages::{Renderer, Scope};
use rayon::prelude::*;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding site.toml, content/ and themes/).
    pub root: PathBuf,
    /// Where the site is written; relative paths are taken from the current folder.
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace an existing output folder that minsheng did not write.
    pub force: bool,
}

/// What a build did, for the command line.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub files: usize,
    pub pages: usize,
    /// Wall time of the whole build.
    pub total: Duration,
    /// Time of each stage (load, analyze, render, export: downloads, search index and static
    /// files, write); render and write overlap, so they add up to more than `total`.
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
        // Every file is checked to lie inside the site folder: against its real path.
        let real = root.canonicalize();
        let root = real.as_deref().unwrap_or(root);
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

/// Builds the site, handing the loaded and analysed site to `inspect` before rendering.
pub fn build_inspecting(
    options: &BuildOptions,
    progress: &dyn Progress,
    inspect: impl FnOnce(&Site, &Analysis),
) -> Result<BuildSummary, Diagnostics> {
    Built::new(options, progress, inspect).map(|(_, summary)| summary)
}

/// Told how a build advances, for a progress display; every method does nothing by default.
pub trait Progress: Sync {
    /// A stage (load, analyze, render, export, check, publish) begins.
    fn stage(&self, _name: &'static str) {}
    /// `count` more pages were written.
    fn pages(&self, _count: usize) {}
}

/// No progress display.
impl Progress for () {}

/// A site as built and published, kept so that a later edit can be rebuilt in part.
pub struct Built {
    pub site: Site,
    pub analysis: Analysis,
    pub urls: Urls,
    pub highlighter: Highlighter,
    /// Every file of the output, relative to it.
    pub written: Vec<PathBuf>,
    /// The links and ids of every page, for checking the links of pages rendered again.
    pub pages: Vec<PageLinks>,
}

impl Built {
    /// Loads, analyses, renders and checks the whole site and publishes it to the output.
    pub fn new(
        options: &BuildOptions,
        progress: &dyn Progress,
        inspect: impl FnOnce(&Site, &Analysis),
    ) -> Result<(Built, BuildSummary), Diagnostics> {
        output::check_location(&options.root, &options.output, options.force)?;
        let staged = stage(options, progress, inspect).map_err(|mut problems| {
            problems.note(format!(
                "the build stopped; {} was left as it was",
                options.output.display()
            ));
            problems
        })?;
        let Staged {
            site,
            analysis,
            urls,
            highlighter,
            staging,
            written,
            pages,
            mut stages,
            writing,
            started,
        } = staged;
        let published = Instant::now();
        progress.stage("publish");
        staging.publish()?;
        stages.push(("write", writing + published.elapsed()));
        let summary = BuildSummary {
            files: written.len(),
            pages: pages.len(),
            total: started.elapsed(),
            stages,
        };
        let built = Built {
            site,
            analysis,
            urls,
            highlighter,
            written,
            pages,
        };
        Ok((built, summary))
    }
}

/// A site built into its staging folder, checked and ready to publish.
struct Staged {
    site: Site,
    analysis: Analysis,
    urls: Urls,
    highlighter: Highlighter,
    staging: output::Staging,
    written: Vec<PathBuf>,
    pages: Vec<PageLinks>,
    stages: Vec<(&'static str, Duration)>,
    /// Time the writer spent, alongside rendering.
    writing: Duration,
    started: Instant,
}

/// Loads, analyses and renders the site into a staging folder and checks its links.
fn stage(
    options: &BuildOptions,
    progress: &dyn Progress,
    inspect: impl FnOnce(&Site, &Analysis),
) -> Result<Staged, Diagnostics> {
    let started = Instant::now();
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, stages: &mut Vec<(&'static str, Duration)>| {
        stages.push((name, clock.elapsed()));
        clock = Instant::now();
    };

    // The segmenter's and the bilingual dictionary take a while to read; they load while the
    // content does.
    std::thread::spawn(|| {
        crate::analyze::segment::jieba();
        crate::analyze::dictionary::dictionary();
    });
    progress.stage("load");
    let site = Site::load(&options.root, options.base_url.as_deref(), options.drafts)?;
    lap("load", &mut stages);

    progress.stage("analyze");
    let analysis = Analysis::new(&site.atlas)?;
    lap("analyze", &mut stages);
    inspect(&site, &analysis);

    let urls = Urls::new(&site.config.base_url, site.config.default_language);
    let highlighter = Highlighter::default();
    // Pages are written to the staging folder batch by batch while the next batch renders;
    // the link check then runs on what was written, and only a clean site is published.
    let staging = output::Staging::new(&options.output)?;
    let renderer = Renderer::new(&site, &analysis, &urls, &highlighter);
    progress.stage("render");
    let mut rendered = render_into(&renderer, &staging, progress)?;
    let exporting = Instant::now();
    progress.stage("export");
    let language = site.config.default_language;
    rendered.written.extend(write_exports(
        &site.atlas,
        &analysis,
        &urls,
        language,
        &staging,
    )?);
    let statics = site_files(&site);
    staging.write(&statics)?;
    rendered.written.extend(statics.into_iter().map(|f| f.path));
    let exporting = exporting.elapsed();
    progress.stage("check");
    links::check(&rendered.written, &rendered.pages, &urls)?;
    stages.push(("render", clock.elapsed().saturating_sub(exporting)));
    stages.push(("export", exporting));
    Ok(Staged {
        site,
        analysis,
        urls,
        highlighter,
        staging,
        written: rendered.written,
        pages: rendered.pages,
        stages,
        writing: rendered.writing,
        started,
    })
}

/// The downloads and both languages' search indexes; returns the paths written.
fn write_exports(
    atlas: &Atlas,
    analysis: &Analysis,
    urls: &Urls,
    default_language: Lang,
    staging: &output::Staging,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut written = data::write(atlas, analysis, urls, default_language, staging)?;
    for lang in Lang::ALL {
        let docs = search::documents(atlas, analysis, urls, lang);
        let index = search::index_files(&docs, &urls.localized(lang, "search/index/"));
        staging.write(&index)?;
        written.extend(index.into_iter().map(|f| f.path));
    }
    Ok(written)
}

/// What the render stage leaves in the staging folder.
struct Rendered {
    written: Vec<PathBuf>,
    pages: Vec<PageLinks>,
    /// Time the writer spent, alongside rendering.
    writing: Duration,
}

/// Renders every page while a second thread writes each finished batch, so that rendering
/// and writing overlap and only two batches of bytes are held at once.
fn render_into(
    renderer: &Renderer,
    staging: &output::Staging,
    progress: &dyn Progress,
) -> Result<Rendered, Diagnostics> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<OutputFile>>(1);
        let writer = scope.spawn(move || -> Result<Rendered, Diagnostics> {
            let mut staged = Rendered {
                written: Vec::new(),
                pages: Vec::new(),
                writing: Duration::ZERO,
            };
            for files in receiver {
                let started = Instant::now();
                staged
                    .pages
                    .par_extend(files.par_iter().filter_map(PageLinks::of));
                staging.write(&files)?;
                progress.pages(files.len());
                staged.written.extend(files.into_iter().map(|f| f.path));
                staged.writing += started.elapsed();
            }
            Ok(staged)
        });
        let rendered = renderer.render(&Scope::All, |files| {
            // A send fails only when the writer has stopped on an error, reported below.
            let _ = sender.send(files);
            Ok(())
        });
        drop(sender);
        let staged = writer.join().unwrap_or_else(|_| {
            Err(Diagnostic::file(staging.path(), "the writer thread stopped").into())
        });
        rendered.and(staged)
    })
}

/// Files beside the pages: the theme's static files, the highlight stylesheet, `.nojekyll`.
fn site_files(site: &Site) -> Vec<OutputFile> {
    let mut files = vec![
        output::marker(),
        OutputFile::new(".nojekyll", Vec::new()),
        OutputFile::new("highlight.css", site.highlight_css.clone().into_bytes()),
    ];
    files.extend(
        site.theme
            .static_files()
            .map(|(rel, bytes)| OutputFile::new(rel, bytes.to_vec())),
    );
    files
}
