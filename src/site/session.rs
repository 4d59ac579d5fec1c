//! Rebuilding after edits, for `serve`: an edit of one report re-renders only the pages that
//! depend on it; any other change rebuilds the whole site. A failed rebuild leaves the last
//! good site in place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::output::OutputFile;
use super::output::Staging;
use super::pages::{PageShape, Renderer, Scope};
use super::{write_exports, BuildOptions, BuildSummary, Built};
use crate::content::{self, LoadOptions, Report};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The site being served: the last good build, and what the output lags behind.
pub struct Session {
    options: BuildOptions,
    /// `None` until a full build succeeds, and after a failure that may have left the memory
    /// ahead of the output: the next change then rebuilds everything.
    built: Option<Built>,
    /// A report whose last edit failed to load or analyse, leaving the rest as it was: the
    /// site is not clean until it loads again.
    broken: Option<PathBuf>,
    /// Districts whose edits have not yet reached the site-wide pages: [`Session::catch_up`]
    /// brings those up to date.
    behind: BTreeSet<String>,
    /// The downloads and search index lag behind the last edits.
    exports_behind: bool,
    /// Writes the downloads and search index of a snapshot, in the background: at atlas
    /// scale that takes seconds, and edits meanwhile must not wait for it.
    exporting: Option<JoinHandle<Result<(), Diagnostics>>>,
}

/// What a rebuild did.
#[derive(Debug, Clone)]
pub enum Rebuilt {
    Full(BuildSummary),
    /// One report's pages: the files rendered again, relative to the output.
    Partial {
        report: PathBuf,
        files: Vec<PathBuf>,
    },
}

impl Session {
    /// The site as last built, if the last build succeeded.
    pub fn built(&self) -> Option<&Built> {
        self.built.as_ref()
    }

    /// Builds the whole site. A failed first build still gives a session, which the next
    /// change builds again in full.
    pub fn start(options: BuildOptions) -> (Session, Result<BuildSummary, Diagnostics>) {
        let mut session = Session {
            options,
            built: None,
            broken: None,
            behind: BTreeSet::new(),
            exports_behind: false,
            exporting: None,
        };
        let result = session.full();
        (session, result)
    }

    /// Rebuilds after `changed` files (paths under the site root) changed. `Ok` means the
    /// whole site is clean again.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Diagnostics> {
        if let Some(report) = self.edited_report(changed) {
            match self.rebuild_report(&report) {
                Ok(Some(mut files)) => {
                    // A report broken by an earlier edit is still broken unless it was this.
                    if let Some(other) = self.broken.take().filter(|b| *b != report) {
                        match self.rebuild_report(&other) {
                            Ok(Some(more)) => files.extend(more),
                            Ok(None) => return self.full().map(Rebuilt::Full),
                            Err(problems) => return Err(self.failed(&other, problems)),
                        }
                    }
                    return Ok(Rebuilt::Partial { report, files });
                }
                Ok(None) => {}
                Err(problems) => return Err(self.failed(&report, problems)),
            }
        }
        self.full().map(Rebuilt::Full)
    }

    /// Remembers a report that failed while the rest of the site stayed as it was.
    fn failed(&mut self, report: &Path, problems: Diagnostics) -> Diagnostics {
        if self.built.is_some() {
            self.broken = Some(report.to_path_buf());
        }
        problems
    }

    /// Renders what partial rebuilds left behind: the site-wide pages and the districts'
    /// pages, then starts writing the downloads and search index in the background. Returns
    /// the pages written.
    pub fn catch_up(&mut self) -> Result<Vec<PathBuf>, Diagnostics> {
        if self.exporting.as_ref().is_some_and(|t| t.is_finished()) {
            // Written again at the next catch-up: most often a text was saved while its
            // snapshot was being exported, and the snapshot since has the new text.
            self.finish_exports()
                .inspect_err(|_| self.exports_behind = true)?;
        }
        let Some(built) = self.built.as_mut() else {
            return Ok(Vec::new());
        };
        let mut pages = Vec::new();
        if !self.behind.is_empty() {
            let scope = Scope::Around {
                districts: &self.behind,
            };
            match write_scope(built, &self.options.output, &scope) {
                Ok(written) => pages = written,
                Err(problems) => {
                    self.built = None;
                    return Err(problems);
                }
            }
            self.behind.clear();
            self.exports_behind = true;
        }
        if self.exports_behind && self.exporting.is_none() {
            let (atlas, analysis) = (Arc::clone(&built.site.atlas), Arc::clone(&built.analysis));
            let (urls, language) = (built.urls.clone(), built.site.config.default_language);
            let output = self.options.output.clone();
            self.exporting = Some(std::thread::spawn(move || {
                // On a thread pool of its own: in the shared one, the next save's rebuild
                // would wait behind the export's work.
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .build()
                    .map_err(|e| Diagnostic::file(&output, format!("cannot start: {e}")))?;
                pool.install(|| {
                    // Written beside the site, then moved in file by file: a download is
                    // never seen half written.
                    let staging = Staging::new(&output)?;
                    let written = write_exports(&atlas, &analysis, &urls, language, &staging)?;
                    Ok(staging.move_into_output(&written)?)
                })
            }));
            self.exports_behind = false;
        }
        Ok(pages)
    }

    /// Waits for the downloads and search index being written in the background.
    pub fn finish_exports(&mut self) -> Result<(), Diagnostics> {
        match self.exporting.take() {
            Some(thread) => thread.join().unwrap_or_else(|_| {
                Err(Diagnostic::file(&self.options.output, "writing the exports stopped").into())
            }),
            None => Ok(()),
        }
    }

    fn full(&mut self) -> Result<BuildSummary, Diagnostics> {
        // A snapshot's exports must not land in the new site; the full build rewrites them.
        let _ = self.finish_exports();
        self.broken = None;
        self.behind.clear();
        self.exports_behind = false;
        match Built::new(&self.options, &()) {
            Ok((built, summary)) => {
                self.built = Some(built);
                Ok(summary)
            }
            Err(problems) => {
                self.built = None;
                Err(problems)
            }
        }
    }

    /// The Chinese file of the one report all of `changed` belong to, if it is a report the
    /// site already has and its files are still there.
    fn edited_report(&self, changed: &[PathBuf]) -> Option<PathBuf> {
        let built = self.built.as_ref()?;
        let root = &self.options.root;
        let mut found: Option<&Report> = None;
        for path in changed {
            let rel = path.strip_prefix(root).unwrap_or(path);
            let report = built.site.atlas.reports().find(|r| {
                r.text.path == rel || r.text_en.as_ref().is_some_and(|en| en.path == rel)
            });
            match report {
                // An editor's temporary file, already renamed over the real one.
                None if !root.join(rel).exists() => continue,
                None => return None,
                Some(report) => {
                    let other = found.is_some_and(|f| f.text.path != report.text.path);
                    if other || !root.join(rel).is_file() {
                        return None;
                    }
                    found = Some(report);
                }
            }
        }
        found.map(|r| r.text.path.clone())
    }

    /// Reloads, analyses and renders one report and what depends on it. `Ok(None)` when the
    /// edit changes more than that (a new slug, a report turned draft), for a full rebuild.
    fn rebuild_report(&mut self, zh: &Path) -> Result<Option<Vec<PathBuf>>, Diagnostics> {
        let Some(built) = self.built.as_mut() else {
            return Ok(None);
        };
        let (Some(district), Some(stem)) = (
            zh.parent()
                .and_then(Path::file_name)
                .and_then(|d| d.to_str()),
            zh.file_stem().and_then(|s| s.to_str()),
        ) else {
            return Ok(None);
        };
        let load = LoadOptions {
            drafts: self.options.drafts,
            boundaries: built.site.config.map_boundaries.clone(),
        };
        let same_report = |r: &Report| r.text.path == zh;
        let Some(old) = built.site.atlas.reports().find(|r| same_report(r)) else {
            return Ok(None);
        };
        let (id, old_slug) = (old.id, old.slug.clone());
        let root = &self.options.root;
        let Some(report) = content::load_report(root, district, stem, id, &load)? else {
            return Ok(None);
        };
        if report.slug != old_slug {
            return Ok(None);
        }
        let shape_before = PageShape::of(&built.site.atlas, &built.analysis, district);
        Arc::make_mut(&mut built.analysis).update_report(&built.site.atlas, &report)?;
        for district in &mut Arc::make_mut(&mut built.site.atlas).districts {
            if let Some(old) = district.reports.iter_mut().find(|r| same_report(r)) {
                *old = report;
                content::sort_reports(&mut district.reports);
                break;
            }
        }
        // A page gained or lost (a domain's figures, a page of them, an indicator summed up)
        // is for a full rebuild: partial ones never remove a page.
        if PageShape::of(&built.site.atlas, &built.analysis, district) != shape_before {
            return Ok(None);
        }
        let scope = Scope::Report(id);
        let written = write_scope(built, &self.options.output, &scope);
        if written.is_err() {
            // The atlas in memory is ahead of the output now: the next change starts afresh.
            self.built = None;
        }
        self.behind.insert(district.to_string());
        written.map(Some)
    }
}

/// Renders, checks and writes the pages of `scope` into the output; returns their paths.
fn write_scope(
    built: &mut Built,
    output: &Path,
    scope: &Scope,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let files = render_checked(built, scope)?;
    Staging::in_place(output).write(&files)?;
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// Renders the pages of `scope` and checks their links against the whole site.
fn render_checked(built: &mut Built, scope: &Scope) -> Result<Vec<OutputFile>, Diagnostics> {
    let renderer = Renderer::new(
        &built.site,
        &built.analysis,
        &built.urls,
        &built.highlighter,
    );
    let mut files = Vec::new();
    renderer.render(scope, |batch| {
        files.extend(batch);
        Ok(())
    })?;
    let fresh = built.pages.add(&files);
    built
        .pages
        .check_pages(&built.written, &fresh, &built.urls)?;
    Ok(files)
}
