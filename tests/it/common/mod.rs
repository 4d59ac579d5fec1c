//! A fixture site copied into a temporary folder, built with the real binary.
#![allow(dead_code)]

pub mod browser;
pub mod lines;
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use walkdir::WalkDir;

pub const BASE_URL: &str = "https://example.github.io/atlas/";

/// The name the shared site's folder starts with; a run removes those of earlier runs.
const SHARED_PREFIX: &str = "shared-basic-";

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Fixture {
    /// Copies `tests/fixtures/<name>` and the project's default theme into a fresh folder.
    pub fn new(name: &str) -> Fixture {
        Fixture::copied(name, tempfile::tempdir().expect("temp dir"))
    }

    fn copied(name: &str, dir: tempfile::TempDir) -> Fixture {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&manifest.join("tests/fixtures").join(name), dir.path());
        copy_tree(
            &manifest.join("themes/atlas"),
            &dir.path().join("themes/atlas"),
        );
        Fixture { dir }
    }

    /// [`Fixture::new`] in the build's own scratch folder (`target/tmp/`), where it stays
    /// until the next run: a site shared by every test of a run is never dropped.
    fn in_target(name: &str) -> Fixture {
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for old in std::fs::read_dir(scratch).into_iter().flatten().flatten() {
            if old.file_name().to_string_lossy().starts_with(SHARED_PREFIX) {
                let _ = std::fs::remove_dir_all(old.path());
            }
        }
        let dir = tempfile::Builder::new()
            .prefix(SHARED_PREFIX)
            .tempdir_in(scratch)
            .expect("temp dir");
        Fixture::copied(name, dir)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// Replaces the first `from` in the fixture's file `rel` by `to`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(rel)).expect("read");
        assert!(text.contains(from), "{rel} lacks {from}");
        self.write(rel, text.replacen(from, to, 1));
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove");
    }

    /// Runs `minsheng build --root <fixture> --base-url BASE_URL` plus `args`.
    pub fn build(&self, args: &[&str]) -> Run {
        self.build_with_env(args, &[])
    }

    /// [`Fixture::build`] with extra environment variables.
    pub fn build_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut all = vec!["build", "--root"];
        let root = self.root().to_str().expect("utf-8 path").to_string();
        all.push(&root);
        all.extend(["--base-url", BASE_URL]);
        all.extend(args);
        run_with_env(&all, env)
    }

    /// Builds and panics with the messages unless the build succeeds.
    pub fn build_ok(&self) -> Output {
        let run = self.build(&[]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        Output {
            dir: self.path("public"),
        }
    }

    pub fn output(&self) -> Output {
        Output {
            dir: self.path("public"),
        }
    }
}

/// The `basic` fixture as built, once per test run, for the tests that only read the output.
/// A test that edits the site or builds it with other options makes its own [`Fixture`].
pub fn basic_site() -> &'static Output {
    static SITE: OnceLock<(Fixture, Output)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let fixture = Fixture::in_target("basic");
            let out = fixture.build_ok();
            (fixture, out)
        })
        .1
}

pub fn run(args: &[&str]) -> Run {
    run_with_env(args, &[])
}

/// Runs the binary with extra environment variables.
pub fn run_with_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = Command::cargo_bin("minsheng")
        .expect("binary")
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub struct Output {
    pub dir: PathBuf,
}

impl Output {
    /// The text of the output file `rel`, uncompressed when it is a `.gz`.
    pub fn read(&self, rel: &str) -> String {
        let bytes = std::fs::read(self.dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let bytes = match rel.ends_with(".gz") {
            true => {
                let mut text = Vec::new();
                std::io::Read::read_to_end(
                    &mut flate2::read::MultiGzDecoder::new(&bytes[..]),
                    &mut text,
                )
                .unwrap_or_else(|e| panic!("{rel}: {e}"));
                text
            }
            false => bytes,
        };
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.dir.join(rel).is_file()
    }

    pub fn html(&self, rel: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.read(rel))
    }

    /// Every file of the output with its bytes, keyed by relative path.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&self.dir)
                    .expect("inside")
                    .to_path_buf();
                (rel, std::fs::read(e.path()).expect("read"))
            })
            .collect()
    }

    pub fn html_files(&self) -> Vec<PathBuf> {
        self.snapshot()
            .into_keys()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect()
    }
}

/// Texts of the elements matching `selector`.
/// Checks every `href`/`src` of every HTML file; returns how many links were followed.
pub fn assert_links_resolve(out: &Output, base_path: &str) -> usize {
    let mut followed = 0;
    for page in out.html_files() {
        let html = out.html(page.to_str().unwrap());
        let mut links = select_attr(&html, "[href]", "href");
        links.extend(select_attr(&html, "[src]", "src"));
        for link in links {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            assert!(
                link.starts_with(base_path),
                "{}: link {link} ignores the base path {base_path}",
                page.display()
            );
            let path = link
                .split(['#', '?'])
                .next()
                .unwrap()
                .trim_start_matches(base_path);
            let mut target = PathBuf::from(path);
            if path.is_empty() || path.ends_with('/') {
                target.push("index.html");
            }
            assert!(
                out.dir.join(&target).is_file(),
                "{}: broken link {link}",
                page.display()
            );
            followed += 1;
        }
    }
    followed
}

pub fn select_text(html: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Values of `attr` on the elements matching `selector`.
pub fn select_attr(html: &scraper::Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("selector");
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).expect("inside");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
