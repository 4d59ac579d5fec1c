//! `minsheng serve`: builds the site into a scratch folder, serves it on loopback, watches the
//! sources and rebuilds on every edit — one report's edit in part, anything else in full —
//! then tells open pages to reload, or to show the errors while the build fails.

mod corrections;
mod http;
mod review;
mod watch;

use std::io::IsTerminal;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::claim::{Claim, SERVE_PREFIX};
use crate::site::session::{Rebuilt, Session};
use crate::site::{BuildOptions, BuildSummary};
use crate::urls::Urls;
use crate::Verbosity;

use http::{Live, Served};

/// The live-reload script every page `serve` sends carries (its own review page included).
pub const LIVE_SCRIPT: &str = "/__minsheng/live.js";

/// Editors save a file in several steps; changes this close together are one edit.
const SETTLE: Duration = Duration::from_millis(25);
/// Downloads and the search index are brought up to date after this long without edits.
const IDLE: Duration = Duration::from_secs(1);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    pub verbosity: Verbosity,
}

/// Serves until interrupted (Ctrl-C). Errors are those that stop the server from starting.
pub fn run(options: &ServeOptions) -> Result<(), Diagnostics> {
    let root = std::path::absolute(&options.root).unwrap_or_else(|_| options.root.clone());
    let config = Config::load(&root)?;
    let base_path = Urls::new(&config.base_url, config.default_language)
        .base_path()
        .to_string();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::file(&root, format!("cannot start the server: {e}")))?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .map_err(|e| {
            Diagnostic::file(&root, format!("cannot listen on {address}: {e}")).hint(
                "another server may use the port; pass --port N, or --port 0 for any free one",
            )
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::file(&root, format!("cannot listen: {e}")))?;
    let url = format!("http://{address}{base_path}");

    let scratch = Claim::scratch(SERVE_PREFIX)
        .map_err(|e| Diagnostic::file(&root, format!("cannot create a scratch folder: {e}")))?;
    let build = BuildOptions {
        root: root.clone(),
        output: scratch.path().join("site"),
        base_url: Some(url.clone()),
        drafts: options.drafts,
        force: false,
    };
    let (events, _) = broadcast::channel(16);
    let served = Arc::new(Served {
        output: build.output.clone(),
        base_path,
        events,
        problems: Mutex::new(None),
        review: Mutex::new(Vec::new()),
        guard: corrections::Guard {
            root: root.clone(),
            origins: vec![
                format!("http://{address}"),
                format!("http://localhost:{}", address.port()),
            ],
            token: corrections::new_token(),
        },
        builds: AtomicU64::new(0),
    });
    // Watching starts first: edits saved during the first build are not missed.
    let (sender, changes) = std::sync::mpsc::channel();
    let _watcher = watch::start(&root, &config, sender)?;
    let started = Instant::now();
    let (session, first) = Session::start(build);
    let said = Said {
        root: root.clone(),
        served: served.clone(),
        verbosity: options.verbosity,
    };
    said.first_build(first, started.elapsed());
    said.review(&session, None);
    std::thread::spawn(move || rebuild_on_change(session, &changes, &said));

    println!("serving {url} (Ctrl-C stops)");
    if options.open {
        if let Err(e) = opener::open(&url) {
            eprintln!("cannot open a browser: {e}");
        }
    }
    // The review page reads and writes the editor's files: never open to other machines.
    let app = http::router(served, options.bind.is_loopback());
    // Ctrl-C stops at once: open pages hold event streams that never end by themselves.
    let served = runtime.block_on(async {
        tokio::select! {
            served = axum::serve(listener, app) => served,
            _ = stopped() => Ok(()),
        }
    });
    runtime.shutdown_background();
    // The scratch folder goes now, even while a rebuild still writes into it.
    drop(scratch);
    served.map_err(|e| Diagnostic::file(&root, format!("the server stopped: {e}")).into())
}

/// Waits for Ctrl-C or, on Unix, a termination signal.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Rebuilds after each edit until the watcher goes away; when the edits pause, brings the
/// downloads and search index up to date.
fn rebuild_on_change(mut session: Session, changes: &Receiver<PathBuf>, said: &Said) {
    loop {
        let first = match changes.recv_timeout(IDLE) {
            Ok(path) => path,
            Err(RecvTimeoutError::Timeout) => {
                match session.catch_up() {
                    Ok(pages) if pages.is_empty() => {}
                    Ok(pages) => said.caught_up(&pages),
                    Err(problems) => said.failed(&problems),
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let saved = Instant::now();
        let mut changed = vec![first];
        while let Ok(path) = changes.recv_timeout(SETTLE) {
            changed.push(path);
        }
        changed.sort();
        changed.dedup();
        // The review page's figures are brought up to date before open pages reload.
        match session.update(&changed) {
            Ok(rebuilt) => {
                said.review(&session, Some(&rebuilt));
                said.rebuilt(&rebuilt, &changed, saved.elapsed());
            }
            Err(problems) => said.failed(&problems),
        }
    }
}

/// What the server says, to the terminal and to open pages.
struct Said {
    /// The site folder, for showing changed paths relative to it.
    root: PathBuf,
    served: Arc<Served>,
    verbosity: Verbosity,
}

impl Said {
    fn first_build(&self, result: Result<BuildSummary, Diagnostics>, took: Duration) {
        match result {
            Ok(summary) => {
                if self.verbosity != Verbosity::Quiet {
                    println!("built {} pages in {} ms", summary.pages, took.as_millis());
                }
            }
            Err(problems) => self.failed(&problems),
        }
    }

    fn rebuilt(&self, rebuilt: &Rebuilt, changed: &[PathBuf], since_save: Duration) {
        self.set_problems(None);
        // A report's edit changes figures of the review page too.
        let only = match rebuilt {
            Rebuilt::Partial { files, .. } => {
                Some([self.urls(files), vec![review::PAGE.to_string()]].concat())
            }
            Rebuilt::Full(_) => None,
        };
        self.served.builds.fetch_add(1, Ordering::SeqCst);
        let _ = self.served.events.send(Live::Reload(only));
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        let root = &self.root;
        let what = match rebuilt {
            Rebuilt::Partial { report, files, .. } => {
                format!("{}: {} files rendered again", report.display(), files.len())
            }
            Rebuilt::Full(summary) => format!(
                "{}: whole site rebuilt, {} pages",
                changed
                    .first()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
                    .unwrap_or_default(),
                summary.pages
            ),
        };
        println!(
            "{what}; reload sent {} ms after the save",
            since_save.as_millis()
        );
    }

    /// The review page's figures, from the site as last built: after one report's edit, that
    /// report's alone.
    fn review(&self, session: &Session, rebuilt: Option<&Rebuilt>) {
        let Some(built) = session.built() else { return };
        let Ok(mut rows) = self.served.review.lock() else {
            return;
        };
        let edited = match rebuilt {
            Some(Rebuilt::Partial { report, .. }) => {
                built.site.atlas.reports().find(|r| &r.text.path == report)
            }
            _ => None,
        };
        match edited {
            Some(report) if report.id.0 < rows.len() => {
                rows[report.id.0] = review::report_rows(built, report);
            }
            _ => *rows = review::all_rows(built),
        }
    }

    /// The site-wide pages caught up with the last edits.
    fn caught_up(&self, pages: &[PathBuf]) {
        self.served.builds.fetch_add(1, Ordering::SeqCst);
        let _ = self
            .served
            .events
            .send(Live::Reload(Some(self.urls(pages))));
        if self.verbosity == Verbosity::Verbose {
            println!(
                "{} site-wide pages, downloads and search index updated",
                pages.len()
            );
        }
    }

    /// The URL paths of output files: `districts/a/index.html` is `/base/districts/a/`.
    fn urls(&self, files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .map(|file| {
                let url = http::url_path(&self.served.base_path, file);
                match url.strip_suffix("index.html") {
                    Some(folder) => folder.to_string(),
                    None => url,
                }
            })
            .collect()
    }

    fn failed(&self, problems: &Diagnostics) {
        eprintln!("{}", problems.render(std::io::stderr().is_terminal()));
        eprintln!("serving the last good build until this is fixed");
        let text = problems.render(false);
        self.set_problems(Some(text.clone()));
        let _ = self.served.events.send(Live::Problems(text));
    }

    fn set_problems(&self, problems: Option<String>) {
        if let Ok(mut current) = self.served.problems.lock() {
            *current = problems;
        }
    }
}
