//! Every internal link and asset of the built site resolves under a sub-path base URL, as on
//! GitHub Pages project sites.

mod common;

use std::path::{Path, PathBuf};

use common::{run, select_attr, Fixture, Output};

/// Checks every `href`/`src` of every HTML file; returns how many links were followed.
fn assert_links_resolve(out: &Output, base_path: &str) -> usize {
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

#[test]
fn fixture_links_resolve_under_sub_path() {
    let fixture = Fixture::new("basic");
    let out = fixture.build_ok();
    assert!(assert_links_resolve(&out, "/atlas/") > 100);
}

#[test]
fn sample_atlas_links_resolve_under_sub_path() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = dir.path().join("public");
    let run = run(&[
        "build",
        "--root",
        manifest.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
        "--base-url",
        "https://example.github.io/minsheng-sample/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = Output { dir: output };
    assert!(assert_links_resolve(&out, "/minsheng-sample/") > 300);
    for district in ["nanchuan", "banan", "qijiang", "fengjie", "zhaotong"] {
        assert!(out.exists(&format!("en/districts/{district}/index.html")));
    }
}

#[test]
fn markdown_site_root_links_get_the_base_path() {
    let fixture = Fixture::new("basic");
    let out = fixture.build_ok();
    let page = out.html("districts/hechuan/schools-2023/index.html");
    assert!(
        select_attr(&page, ".prose a", "href").contains(&"/atlas/districts/hechuan/".to_string())
    );
}

#[test]
fn a_broken_content_link_fails_the_build() {
    let fixture = Fixture::new("basic");
    fixture.write(
        "content/pages/links.md",
        "---\ntitle: 链接\n---\n[不存在](/districts/nowhere/)\n",
    );
    let run = fixture.build(&[]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("broken internal link `/atlas/districts/nowhere/`"),
        "{}",
        run.stderr
    );
}
