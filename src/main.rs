use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use minsheng::commands::extract::{self, Format};
use minsheng::commands::import::{self, ImportOptions};
use minsheng::commands::new::{self, Scaffold};
use minsheng::commands::{init, theme, Written};
use minsheng::render::theme_files::BUILT_IN_NAME;

// Many threads allocate small strings while rendering; glibc's allocator contends on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use minsheng::diagnostics::Diagnostics;
use minsheng::serve::{self, ServeOptions};
use minsheng::site::{self, BuildOptions, Progress};
use minsheng::Verbosity;

/// minsheng builds the bilingual livelihood atlas from markdown reports.
#[derive(Parser)]
#[command(name = "minsheng", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more: the time of each build stage, every glossary gap, background updates.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site folder, holding site.toml, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: public/ inside the site folder).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override site.toml's base_url, e.g. https://user.github.io/repo/.
        #[arg(long)]
        base_url: Option<String>,
        /// Include reports marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace an existing output folder even though minsheng did not write it.
        #[arg(long)]
        force: bool,
    },
    /// Build, serve on loopback, rebuild on every edit and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; the default keeps the server on this machine.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include reports marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check everything a build checks, and stale translations and glossary gaps, writing nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long)]
        drafts: bool,
        /// `json` prints {"problems", "glossary_gaps", "review", "pages"} for scripts and CI.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Create the files of a new district or report, with the front matter filled in to edit.
    New {
        #[command(subcommand)]
        what: NewCommand,
        /// The site folder.
        #[arg(long, default_value = ".", global = true)]
        root: PathBuf,
    },
    /// Create a new, empty atlas in DIR that builds at once, with a GitHub Pages workflow.
    Init {
        dir: PathBuf,
        /// Write into a folder that is not empty, keeping every file already there.
        #[arg(long)]
        force: bool,
    },
    /// Work with the theme.
    Theme {
        #[command(subcommand)]
        what: ThemeCommand,
    },
    /// Turn a raw report (UTF-8, GBK/GB18030 or UTF-16 text) into a content markdown file.
    Import(ImportOptions),
    /// Print the metrics found in a report: a content .md file or a raw .txt report.
    Extract {
        file: PathBuf,
        /// Print JSON ({"file", "metrics": [...]}) instead of a table.
        #[arg(long, conflicts_with = "untranslated")]
        json: bool,
        /// List the metric subjects whose English is composed from the dictionary (not in the
        /// glossary or lexicon), most frequent first.
        #[arg(long)]
        untranslated: bool,
        /// The site folder whose content/glossary.yaml gives English subjects.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Write the built-in theme out to change it (default: themes/atlas in the site folder).
    /// A site's theme file replaces the built-in one of the same path; the rest stay built in.
    Eject {
        dir: Option<PathBuf>,
        /// The site folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write into a folder that is not empty, keeping every file already there.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// content/districts/SLUG/_index.md and _index.en.md.
    District { slug: String },
    /// content/districts/DISTRICT/SLUG.md and SLUG.en.md.
    Report { district: String, slug: String },
}

/// Writes a command's output to stdout; a reader that stopped reading (`| head`) is no error.
fn print_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = Verbosity::from_flags(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Check {
            root,
            base_url,
            drafts,
            format,
        } => return check(&root, base_url, drafts, format, verbosity),
        Command::Extract {
            file,
            json,
            untranslated,
            root,
        } => {
            let format = match (json, untranslated) {
                (true, _) => Format::Json,
                (_, true) => Format::Untranslated,
                _ => Format::Table,
            };
            extract::run(&file, &root, format)
                .map(|output| print_out(&output))
                .map_err(Diagnostics::from)
        }
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            force,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                force,
            };
            build(&options, verbosity)
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
        } => serve::run(&ServeOptions {
            root,
            bind,
            port,
            open,
            drafts,
            verbosity,
        }),
        Command::New { what, root } => {
            let scaffold = match what {
                NewCommand::District { slug } => Scaffold::District { slug },
                NewCommand::Report { district, slug } => Scaffold::Report { district, slug },
            };
            let today = chrono::Local::now().date_naive();
            new::run(&root, &scaffold, today).map(|written| {
                if verbosity != Verbosity::Quiet {
                    for path in written {
                        println!("created {}", path.display());
                    }
                }
            })
        }
        Command::Init { dir, force } => init::run(&dir, force).map(|written| {
            if verbosity != Verbosity::Quiet {
                print_written(&dir, &written);
                print!("{}", init::next_steps(&dir));
            }
        }),
        Command::Theme {
            what: ThemeCommand::Eject { dir, root, force },
        } => {
            let dir = dir.unwrap_or_else(|| root.join("themes").join(BUILT_IN_NAME));
            theme::eject(&dir, force).map(|written| {
                if verbosity != Verbosity::Quiet {
                    print_written(&dir, &written);
                    println!(
                        "each file there replaces the built-in one of the same path; delete the \
                         ones you leave unchanged to keep following the built-in theme"
                    );
                }
            })
        }
        Command::Import(options) => import::run(&options).map(|imported| {
            if verbosity != Verbosity::Quiet {
                println!(
                    "imported {} ({}) into {}\n  district {}, title 「{}」, {} metrics found",
                    options.file.display(),
                    imported.encoding,
                    imported.path.display(),
                    imported.district,
                    imported.title,
                    imported.metrics
                );
            }
            if let Some(dropped) = &imported.dropped {
                eprintln!("note: {dropped} from the imported text");
            }
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprintln!("{}", problems.render(std::io::stderr().is_terminal()));
            ExitCode::FAILURE
        }
    }
}

fn print_written(dir: &std::path::Path, written: &Written) {
    for path in &written.created {
        println!("created {}", dir.join(path).display());
    }
    for path in &written.kept {
        println!(
            "kept    {} (it was there already)",
            dir.join(path).display()
        );
    }
}

/// Exit 0 only when there is no error and no warning.
fn check(
    root: &std::path::Path,
    base_url: Option<String>,
    drafts: bool,
    format: CheckFormat,
    verbosity: Verbosity,
) -> ExitCode {
    let report = match minsheng::commands::check::run(root, base_url, drafts) {
        Ok(report) => report,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    match format {
        CheckFormat::Json => {
            let json = serde_json::to_string_pretty(&report).unwrap_or_default();
            print_out(&format!("{json}\n"));
        }
        CheckFormat::Text if verbosity == Verbosity::Quiet && report.is_clean() => {}
        CheckFormat::Text => {
            let shown = if verbosity == Verbosity::Verbose {
                usize::MAX
            } else {
                10
            };
            let text =
                minsheng::commands::check::text(&report, std::io::stdout().is_terminal(), shown);
            print_out(&text);
        }
    }
    if report.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn build(options: &BuildOptions, verbosity: Verbosity) -> Result<(), Diagnostics> {
    let bar = (verbosity != Verbosity::Quiet && std::io::stdout().is_terminal()).then(Bar::new);
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &(),
    };
    site::claim::clean_up_on_signal(
        site::output::parent_of(&options.output),
        site::claim::BUILD_PREFIX,
        Some(&options.output),
    );
    let built = site::Built::new(options, progress);
    if built.is_err() {
        site::claim::wait_if_stopping();
    }
    if let Some(bar) = bar {
        bar.0.finish_and_clear();
    }
    let (built, summary) = built?;
    // The process ends here: the system takes the site's memory back at once, where dropping
    // its million allocations one by one would add a tenth of a second to a large build.
    std::mem::forget(built);
    if verbosity == Verbosity::Quiet {
        return Ok(());
    }
    println!(
        "built {} pages ({} files) into {} in {:.0} ms",
        summary.pages,
        summary.files,
        options.output.display(),
        summary.total.as_secs_f64() * 1000.0
    );
    if verbosity == Verbosity::Verbose {
        for (stage, time) in &summary.stages {
            println!("  {stage:<8} {:>8.0} ms", time.as_secs_f64() * 1000.0);
        }
    }
    Ok(())
}

/// The stage and the pages written so far, drawn on the terminal once a build has taken
/// longer than a second.
struct Bar(ProgressBar, Instant);

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg:8} {pos} files written  {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        Bar(bar, Instant::now())
    }

    fn reveal(&self) {
        if self.0.is_hidden() && self.1.elapsed() > Duration::from_secs(1) {
            self.0.set_draw_target(ProgressDrawTarget::stdout());
            self.0.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &'static str) {
        self.0.set_message(name);
        self.reveal();
    }

    fn pages(&self, count: usize) {
        self.0.inc(count as u64);
        self.reveal();
    }
}
