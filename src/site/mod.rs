//! The build: load → analyze → render → export → check links → publish, each stage a
//! function over plain data; `build` ([`Built::new`]), `check` and `serve` compose the stages
//! they need, timed by one [`Clock`].

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
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{Config, CONFIG_FILE};
use crate::content::{self, Atlas, LoadOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::lang::Lang;
use crate::render::{Highlighter, Theme};
use crate::urls::Urls;

use analysis::Analysis;
use links::{SiteLinks, Written};
use output::OutputFile;
use pages::{Renderer, Scope};

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
    /// Time of each stage in order: load, analyze, render (the pages are written as they
    /// render), export (downloads, search index, static files), check (links), publish.
    pub stages: Vec<(&'static str, Duration)>,
}

/// Everything loaded from the site folder, before anything is rendered.
pub struct Site {
    pub config: Config,
    /// Shared with `serve`'s background exports, and copied only when an edit changes it
    /// while one runs.
    pub atlas: Arc<Atlas>,
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
                atlas: Arc::new(atlas),
                theme,
                highlight_css,
            }),
            _ => Err(problems.sorted()),
        }
    }
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

/// Times the stages of a build, and tells the progress display as each begins.
pub struct Clock<'p> {
    progress: &'p dyn Progress,
    started: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl<'p> Clock<'p> {
    pub fn new(progress: &'p dyn Progress) -> Clock<'p> {
        Clock {
            progress,
            started: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Runs stage `name`, keeping its time.
    pub fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        self.progress.stage(name);
        let started = Instant::now();
        let result = stage();
        self.stages.push((name, started.elapsed()));
        result
    }

    fn summary(self, files: usize, pages: usize) -> BuildSummary {
        BuildSummary {
            files,
            pages,
            total: self.started.elapsed(),
            stages: self.stages,
        }
    }
}

/// Load: reads and validates configuration, content and theme.
pub fn load(options: &BuildOptions) -> Result<Site, Diagnostics> {
    // The segmenter's and the bilingual dictionary take a while to read; they load while the
    // content does.
    std::thread::spawn(|| {
        crate::analyze::segment::jieba();
        crate::analyze::dictionary::dictionary();
    });
    Site::load(&options.root, options.base_url.as_deref(), options.drafts)
}

/// Analyze: the metrics, glossary terms, key figures and indicator matches of every report.
pub fn analyze(site: &Site) -> Result<Analysis, Diagnostics> {
    Analysis::new(&site.atlas)
}

/// Render: every page, written batch by batch into `staging` while the next batch renders.
pub fn render(
    site: &Site,
    analysis: &Analysis,
    views: &Views,
    staging: &output::Staging,
    progress: &dyn Progress,
) -> Result<Rendered, Diagnostics> {
    let renderer = Renderer::new(site, analysis, &views.urls, &views.highlighter);
    render_into(&renderer, staging, progress)
}

/// Export: the downloads, both languages' search indexes and the files beside the pages;
/// returns the paths written.
pub fn export(
    site: &Site,
    analysis: &Analysis,
    urls: &Urls,
    staging: &output::Staging,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let language = site.config.default_language;
    let mut written = write_exports(&site.atlas, analysis, urls, language, staging)?;
    let statics = site_files(site);
    staging.write(&statics)?;
    written.extend(statics.into_iter().map(|f| f.path));
    Ok(written)
}

/// Check links: every internal link and anchor of the pages leads to a file written.
pub fn check_links(written: &Written, pages: &SiteLinks, urls: &Urls) -> Result<(), Diagnostics> {
    pages.check(written, urls)
}

/// What rendering needs besides the site and its analysis: URLs and the code highlighter.
pub struct Views {
    pub urls: Urls,
    pub highlighter: Highlighter,
}

impl Views {
    pub fn new(site: &Site) -> Views {
        Views {
            urls: Urls::new(&site.config.base_url, site.config.default_language),
            highlighter: Highlighter::default(),
        }
    }
}

/// A site rendered, exported and link-checked in its staging folder, ready to publish.
pub struct Staged {
    pub views: Views,
    pub staging: output::Staging,
    pub written: Written,
    /// The links and ids of every page.
    pub pages: SiteLinks,
}

/// The stages between analysis and publishing: export → render → check links, into a
/// staging folder beside `output`.
pub fn stage(
    output: &Path,
    site: &Site,
    analysis: &Analysis,
    clock: &mut Clock,
) -> Result<Staged, Diagnostics> {
    let views = Views::new(site);
    let staging = output::Staging::new(output)?;
    let progress = clock.progress;
    // The downloads and search index first: what they gather is freed before the pages'
    // links, which the check needs at the end, pile up.
    let mut written = clock.time("export", || export(site, analysis, &views.urls, &staging))?;
    let rendered = clock.time("render", || {
        render(site, analysis, &views, &staging, progress)
    })?;
    written.extend(rendered.written);
    let written = links::written(written);
    clock.time("check", || {
        check_links(&written, &rendered.pages, &views.urls)
    })?;
    Ok(Staged {
        views,
        staging,
        written,
        pages: rendered.pages,
    })
}

/// A site as built and published, kept so that a later edit can be rebuilt in part.
pub struct Built {
    pub site: Site,
    /// Shared like the atlas.
    pub analysis: Arc<Analysis>,
    pub urls: Urls,
    pub highlighter: Highlighter,
    pub written: Written,
    /// The links and ids of every page, for checking the links of pages rendered again.
    pub pages: SiteLinks,
}

impl Built {
    /// The whole build: load → analyze → render → export → check links → publish.
    pub fn new(
        options: &BuildOptions,
        progress: &dyn Progress,
    ) -> Result<(Built, BuildSummary), Diagnostics> {
        output::check_location(&options.root, &options.output, options.force)?;
        let stopped = |mut problems: Diagnostics| {
            problems.note(format!(
                "the build stopped; {} was left as it was",
                options.output.display()
            ));
            problems
        };
        let mut clock = Clock::new(progress);
        let site = clock.time("load", || load(options)).map_err(stopped)?;
        let analysis = clock.time("analyze", || analyze(&site)).map_err(stopped)?;
        let Staged {
            views,
            staging,
            written,
            pages,
        } = stage(&options.output, &site, &analysis, &mut clock).map_err(stopped)?;
        clock.time("publish", || staging.publish())?;
        let summary = clock.summary(written.len(), pages.len());
        let built = Built {
            site,
            analysis: Arc::new(analysis),
            urls: views.urls,
            highlighter: views.highlighter,
            written,
            pages,
        };
        Ok((built, summary))
    }
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
        let index = search::index_files(&docs, &urls.localized(lang, "search/index/"))?;
        staging.write(&index)?;
        written.extend(index.into_iter().map(|f| f.path));
    }
    Ok(written)
}

/// What the render stage leaves in the staging folder.
pub struct Rendered {
    pub written: Vec<PathBuf>,
    pub pages: SiteLinks,
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
                pages: SiteLinks::default(),
            };
            for files in receiver {
                staged.pages.add(&files);
                staging.write(&files)?;
                progress.pages(files.len());
                staged.written.extend(files.into_iter().map(|f| f.path));
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
