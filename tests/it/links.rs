//! Every internal link and asset of the built site resolves under a sub-path base URL, as on
//! GitHub Pages project sites.

use crate::common;

use std::path::Path;

use common::{assert_links_resolve, run, select_attr, Fixture, Output};

#[test]
fn fixture_links_resolve_under_sub_path() {
    let out = common::basic_site();
    assert!(assert_links_resolve(out, "/atlas/") > 100);
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
    let out = common::basic_site();
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
