use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use minsheng::commands::extract::{self, Format};

// Many threads allocate small strings while rendering; glibc's allocator contends on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use minsheng::site::{self, BuildOptions};

/// minsheng builds the bilingual livelihood atlas from markdown reports.
#[derive(Parser)]
#[command(name = "minsheng", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        /// Also print the time of each stage (load, analyze, render, write).
        #[arg(short, long)]
        verbose: bool,
    },
    /// Print the metrics found in a report: a content .md file or a raw .txt report.
    Extract {
        file: PathBuf,
        /// Print JSON ({"file", "metrics": [...]}) instead of a table.
        #[arg(long, conflicts_with = "untranslated")]
        json: bool,
        /// List the metric subjects that have no English, most frequent first.
        #[arg(long)]
        untranslated: bool,
        /// The site folder whose content/glossary.yaml gives English subjects.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
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
            match extract::run(&file, &root, format) {
                Ok(output) => {
                    print!("{output}");
                    ExitCode::SUCCESS
                }
                Err(problem) => {
                    eprintln!("error: {problem}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            verbose,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
            };
            match site::build(&options) {
                Ok(summary) => {
                    let total = summary.total.as_secs_f64();
                    println!(
                        "built {} pages ({} files) into {} in {:.0} ms",
                        summary.pages,
                        summary.files,
                        options.output.display(),
                        total * 1000.0
                    );
                    if verbose {
                        for (stage, time) in &summary.stages {
                            println!("  {stage:<8} {:>8.0} ms", time.as_secs_f64() * 1000.0);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    eprintln!("{problems}");
                    eprintln!(
                        "the build stopped; {} was left as it was",
                        options.output.display()
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}
