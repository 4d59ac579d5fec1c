//! The build end to end on a fixture site: pages in both languages, GitHub Pages files.

use crate::common;

use common::{select_attr, select_text, Fixture, BASE_URL};

#[test]
fn chinese_at_root_and_english_under_en() {
    let out = common::basic_site();

    let zh = out.html("index.html");
    assert_eq!(select_attr(&zh, "html", "lang"), ["zh-Hans"]);
    assert_eq!(select_text(&zh, "head > title"), ["测试图谱"]);
    let en = out.html("en/index.html");
    assert_eq!(select_attr(&en, "html", "lang"), ["en"]);
    assert_eq!(select_text(&en, "head > title"), ["Test Atlas"]);
    assert!(select_text(&en, "main").concat().contains("Test home page"));
}

#[test]
fn every_page_exists_in_both_languages() {
    let out = common::basic_site();
    let mut pages = vec![
        "index.html".to_string(),
        "districts/index.html".into(),
        "districts/hechuan/index.html".into(),
        "districts/lanping/index.html".into(),
        "districts/hechuan/schools-2023/index.html".into(),
        "districts/hechuan/elderly-2024/index.html".into(),
        "districts/lanping/water-2024/index.html".into(),
        "domains/index.html".into(),
        "about/index.html".into(),
        "404.html".into(),
    ];
    for domain in [
        "childcare",
        "education",
        "employment",
        "health",
        "elderly",
        "housing",
        "welfare",
        "environment",
        "governance",
    ] {
        pages.push(format!("domains/{domain}/index.html"));
    }
    for page in &pages {
        assert!(out.exists(page), "missing {page}");
        assert!(out.exists(&format!("en/{page}")), "missing en/{page}");
    }
    // Empty domains are listed too.
    let childcare = out.html("en/domains/childcare/index.html");
    assert_eq!(select_text(&childcare, "h1"), ["Childcare"]);
    assert_eq!(select_text(&childcare, ".empty"), ["No reports yet."]);
}

#[test]
fn hreflang_alternates_and_switcher_stay_on_the_same_page() {
    let out = common::basic_site();
    let page = out.html("districts/hechuan/schools-2023/index.html");
    let mut alternates = select_attr(&page, "link[rel=alternate][hreflang]", "href");
    alternates.sort();
    assert_eq!(
        alternates,
        [
            format!("{BASE_URL}districts/hechuan/schools-2023/"),
            format!("{BASE_URL}en/districts/hechuan/schools-2023/"),
        ]
    );
    assert_eq!(
        select_attr(&page, ".lang-switch a", "href"),
        ["/atlas/en/districts/hechuan/schools-2023/"]
    );
    let en = out.html("en/districts/hechuan/schools-2023/index.html");
    assert_eq!(
        select_attr(&en, ".lang-switch a", "href"),
        ["/atlas/districts/hechuan/schools-2023/"]
    );
    assert_eq!(select_text(&en, "h1"), ["Hechuan: new schools"]);
    assert!(select_text(&en, ".prose")
        .concat()
        .contains("210 million yuan"));
}

#[test]
fn untranslated_report_has_an_english_page_with_notice_and_a_link_to_the_chinese_text() {
    let out = common::basic_site();
    let page = out.html("en/districts/lanping/water-2024/index.html");
    assert_eq!(select_text(&page, "h1"), ["Lanping: rural water supply"]);
    assert!(select_text(&page, ".notice")
        .concat()
        .contains("no English translation yet"));
    // The Chinese text is on its own page only, which the notice links to.
    assert_eq!(
        select_attr(&page, ".notice a", "href"),
        ["/atlas/districts/lanping/water-2024/"]
    );
    assert!(select_text(&page, ".prose").is_empty());
    assert!(!out
        .read("en/districts/lanping/water-2024/index.html")
        .contains("解决了1.3万人的饮水问题"));
    // The translated report has no notice.
    let translated = out.html("en/districts/hechuan/schools-2023/index.html");
    assert!(select_text(&translated, ".notice").is_empty());
}

#[test]
fn ui_strings_come_from_the_theme_i18n_files() {
    let fixture = Fixture::new("basic");
    let i18n = fixture.path("themes/atlas/i18n/en.toml");
    let strings = std::fs::read_to_string(&i18n)
        .unwrap()
        .replace("Latest reports", "Newest reports");
    std::fs::write(&i18n, strings).unwrap();
    let out = fixture.build_ok();
    assert!(select_text(&out.html("en/index.html"), "h2").contains(&"Newest reports".to_string()));
    assert!(select_text(&out.html("index.html"), "h2").contains(&"最新报道".to_string()));
}

#[test]
fn code_fences_are_highlighted_with_classes() {
    let out = common::basic_site();
    let about = out.read("about/index.html");
    assert!(about.contains("data-lang=\"rust\""), "{about}");
    assert!(about.contains("<span class=\"hl-"), "{about}");
    let css = out.read("highlight.css");
    assert!(css.contains(".hl-"), "{css}");
}

#[test]
fn highlight_theme_is_configurable() {
    let fixture = Fixture::new("basic");
    let config = std::fs::read_to_string(fixture.path("site.toml")).unwrap();
    let default_css = fixture.build_ok().read("highlight.css");
    fixture.write(
        "site.toml",
        format!("{config}\n[highlight]\ntheme = \"base16-ocean.dark\"\n"),
    );
    let dark_css = fixture.build_ok().read("highlight.css");
    assert_ne!(default_css, dark_css);
}

#[test]
fn github_pages_files() {
    let out = common::basic_site();
    assert!(out.exists(".nojekyll"));
    let robots = out.read("robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE_URL}sitemap.xml")),
        "{robots}"
    );
    let sitemap = out.read("sitemap.xml");
    assert!(
        sitemap.contains(&format!(
            "<loc>{BASE_URL}en/districts/lanping/water-2024/</loc>"
        )),
        "{sitemap}"
    );
    assert!(
        sitemap.contains(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"{BASE_URL}districts/lanping/water-2024/\"/>"
        )),
        "{sitemap}"
    );
    for (feed, title, prefix) in [
        ("atom.xml", "测试图谱", ""),
        ("en/atom.xml", "Test Atlas", "en/"),
    ] {
        let xml = out.read(feed);
        assert!(xml.contains(&format!("<title>{title}</title>")), "{xml}");
        assert!(
            xml.contains(&format!(
                "href=\"{BASE_URL}{prefix}districts/lanping/water-2024/\""
            )),
            "{xml}"
        );
    }
    // An English entry whose summary is still Chinese says so.
    assert!(out
        .read("en/atom.xml")
        .contains("<summary xml:lang=\"zh-Hans\">兰坪县"));
    let not_found = out.html("404.html");
    assert_eq!(
        select_attr(&not_found, ".not-found-links a", "href"),
        ["/atlas/", "/atlas/en/"]
    );
    assert_eq!(
        select_attr(&not_found, "link[rel=stylesheet]", "href")[0],
        "/atlas/style.css"
    );
    // The 404 page stands for any missing address: it names no canonical one of its own.
    assert!(select_attr(&not_found, "link[rel=canonical]", "href").is_empty());
    let home = out.html("index.html");
    assert_eq!(select_attr(&home, "link[rel=canonical]", "href").len(), 1);
}

#[test]
fn drafts_only_with_the_drafts_option() {
    let fixture = Fixture::new("basic");
    let out = fixture.build_ok();
    assert!(!out.exists("districts/hechuan/draft-notes/index.html"));
    let run = fixture.build(&["--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.exists("districts/hechuan/draft-notes/index.html"));
}

#[test]
fn output_option_chooses_the_folder() {
    let fixture = Fixture::new("basic");
    let elsewhere = fixture.path("site-out");
    let run = fixture.build(&["--output", elsewhere.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(elsewhere.join("en/index.html").is_file());
    assert!(!fixture.path("public").exists());
}

#[test]
fn parallel_and_single_threaded_builds_are_byte_identical() {
    let fixture = Fixture::new("basic");
    let run = fixture.build_with_env(&[], &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let single = fixture.output().snapshot();
    let parallel = fixture
        .build_with_env(&[], &[("RAYON_NUM_THREADS", "4")])
        .code;
    assert_eq!(parallel, 0);
    assert_eq!(single, fixture.output().snapshot());
}

#[test]
fn verbose_build_prints_each_stage() {
    let fixture = Fixture::new("basic");
    let run = fixture.build(&["-v"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("built "), "{}", run.stdout);
    for stage in ["load", "analyze", "render", "export", "check", "publish"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(stage) && l.ends_with(" ms")),
            "{stage}: {}",
            run.stdout
        );
    }
    let quiet = fixture.build(&[]);
    assert_eq!(quiet.stdout.lines().count(), 1, "{}", quiet.stdout);
}

#[test]
fn two_builds_are_byte_identical() {
    let fixture = Fixture::new("basic");
    let first = fixture.build_ok().snapshot();
    let second = fixture.build_ok().snapshot();
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            second[path] == *bytes,
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn bold_beside_chinese_punctuation_is_bold_and_its_figures_keep_their_words() {
    let fixture = Fixture::new("basic");
    fixture.edit(
        "content/districts/lanping/water-2024.md",
        "兰坪县农村自来水普及率达到92%，",
        "兰坪县农村自来水普及率达到**92%**以上，完成**“十件实事”**任务，",
    );
    let out = fixture.build_ok();
    let page = out.read("districts/lanping/water-2024/index.html");
    let body = &page[page.find("<main").unwrap_or(0)..];
    assert!(!body.contains("**"), "{body}");
    assert!(body.contains("<strong>“十件实事”</strong>任务"), "{body}");
    let bold = select_text(
        &out.html("districts/lanping/water-2024/index.html"),
        "strong",
    );
    assert!(bold.iter().any(|b| b.contains("92%")), "{bold:?}");
    // The figure reads as if the marks were not there: its subject without them, and 以上.
    let json: serde_json::Value =
        serde_json::from_str(&out.read("data/metrics.json.gz")).expect("json");
    let metrics = json["metrics"].as_array().expect("metrics");
    let rate = metrics
        .iter()
        .find(|m| m["value"] == 92)
        .expect("the 92% figure");
    assert_eq!(rate["subject"], "农村自来水普及率", "{rate}");
    assert_ne!(rate["qualifier"], "exact", "{rate}");
}
