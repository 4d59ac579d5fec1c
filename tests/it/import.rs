//! `minsheng import`: a raw report in any of the accepted encodings becomes a content file that
//! builds, with its lines joined, its heading marked and its byline and caption moved to the
//! front matter; and the command refuses to overwrite, to guess a district or to take a bad slug.

use crate::common;

use common::{run, Fixture, Run};
use encoding_rs::{GB18030, GBK};

/// A hard-wrapped newspaper report, written for this test.
const REPORT: &str = "合川区办实事惠民生

本报记者 陈明 通讯员 刘芳

\u{3000}\u{3000}2023年5月12日，合川区召开民生实事推进会。今年全区
新建学校3所，投入资金1.2亿元，新增学位2400个，让
更多孩子在家门口上学。

\u{3000}\u{3000}区教委负责人介绍，新学校都开设了Python
programming课程，并配备了图书室和运动场。

学有所教

\u{3000}\u{3000}此外，全区还改造老旧小区12个，惠及居民5000余户。
图为新建的草街小学教学楼。（摄影：王强）
";

const TITLE: &str = "合川区办实事惠民生";
const BYLINE: &str = "本报记者 陈明 通讯员 刘芳";
const CAPTION: &str = "图为新建的草街小学教学楼。（摄影：王强）";

/// Characters outside GBK need GB18030's four-byte sequences.
const RARE: &str = "校名由𠮷先生题写。\n";

fn utf16(text: &str, bom: bool, to_bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let units = bom.then_some(0xfeff).into_iter().chain(text.encode_utf16());
    units.flat_map(to_bytes).collect()
}

/// `(file stem, text, bytes, encoding the import names)`.
fn variants() -> Vec<(&'static str, String, Vec<u8>, &'static str)> {
    let crlf = REPORT.replace('\n', "\r\n");
    let rare = format!("{REPORT}{RARE}");
    vec![
        ("utf8", REPORT.into(), REPORT.into(), "UTF-8"),
        (
            "utf8-bom",
            REPORT.into(),
            [b"\xef\xbb\xbf".as_slice(), REPORT.as_bytes()].concat(),
            "UTF-8 (BOM)",
        ),
        ("crlf", REPORT.into(), crlf.clone().into(), "UTF-8"),
        ("gbk", REPORT.into(), GBK.encode(&crlf).0.into(), "GBK"),
        (
            "gb18030",
            rare.clone(),
            GB18030.encode(&rare).0.into(),
            "GB18030",
        ),
        (
            "utf16le",
            REPORT.into(),
            utf16(REPORT, true, u16::to_le_bytes),
            "UTF-16LE",
        ),
        (
            "utf16be",
            REPORT.into(),
            utf16(&crlf, true, u16::to_be_bytes),
            "UTF-16BE",
        ),
        (
            "utf16le-nobom",
            REPORT.into(),
            utf16(REPORT, false, u16::to_le_bytes),
            "UTF-16LE",
        ),
    ]
}

/// Runs `minsheng import <fixture>/raw/<name> --district hechuan --root <fixture>` plus `args`.
fn import(fixture: &Fixture, name: &str, args: &[&str]) -> Run {
    let file = fixture.path(&format!("raw/{name}"));
    let root = fixture.root().to_str().expect("utf-8 path");
    let file = file.to_str().expect("utf-8 path");
    let mut all = vec!["import", file, "--district", "hechuan", "--root", root];
    all.extend(args);
    run(&all)
}

fn report(fixture: &Fixture, slug: &str) -> String {
    std::fs::read_to_string(fixture.path(&format!("content/districts/hechuan/{slug}.md")))
        .expect("the imported report")
}

/// Front matter and body of a content file.
fn split(markdown: &str) -> (serde_yaml::Value, &str) {
    let rest = markdown.strip_prefix("---\n").expect("front matter");
    let (yaml, body) = rest.split_once("\n---\n").expect("closed front matter");
    (serde_yaml::from_str(yaml).expect("valid YAML"), body)
}

fn without_space(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The metric count of the summary line, "…, N metrics found".
fn metrics_found(stdout: &str) -> usize {
    let before = stdout.split(" metrics found").next().unwrap_or_default();
    let count = before.rsplit(' ').next().unwrap_or_default();
    count
        .parse()
        .unwrap_or_else(|_| panic!("no metric count in {stdout}"))
}

fn assert_imported(fixture: &Fixture, stem: &str, text: &str, encoding: &str) {
    let run = import(fixture, &format!("{stem}.txt"), &[]);
    assert_eq!(run.code, 0, "{stem}: {}", run.stderr);
    assert!(
        run.stdout.contains(&format!("({encoding})")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("district hechuan"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("title 「{TITLE}」")),
        "{}",
        run.stdout
    );
    assert!(metrics_found(&run.stdout) > 0, "{}", run.stdout);

    let markdown = report(fixture, stem);
    let (meta, body) = split(&markdown);
    assert_eq!(meta["title"].as_str(), Some(TITLE), "{markdown}");
    assert_eq!(meta["date"].as_str(), Some("2023-05-12"));
    assert_eq!(meta["byline"].as_str(), Some(BYLINE));
    assert_eq!(meta["captions"][0].as_str(), Some(CAPTION));
    assert!(body.contains("今年全区新建学校3所"), "{body}");
    assert!(body.contains("Python programming课程"), "{body}");
    assert!(body.contains("\n\n## 学有所教\n\n"), "{body}");
    assert!(!body.contains('\r'), "{body:?}");

    let removed = [TITLE, "学有所教", BYLINE, CAPTION];
    let kept: String = text.lines().filter(|l| !removed.contains(l)).collect();
    let body_text: String = body.lines().filter(|l| !l.starts_with("## ")).collect();
    assert_eq!(without_space(&body_text), without_space(&kept), "{stem}");
}

#[test]
fn every_encoding_imports_and_builds() {
    let fixture = Fixture::new("basic");
    let variants = variants();
    for (stem, _, bytes, _) in &variants {
        fixture.write(&format!("raw/{stem}.txt"), bytes);
    }
    for (stem, text, _, encoding) in &variants {
        assert_imported(&fixture, stem, text, encoding);
    }
    let output = fixture.build_ok();
    for (stem, ..) in &variants {
        let page = format!("districts/hechuan/{stem}/index.html");
        assert!(output.exists(&page), "no {page}");
    }
}

#[test]
fn an_existing_report_is_replaced_only_with_force() {
    let fixture = Fixture::new("basic");
    fixture.write("raw/notes-2023.txt", REPORT);
    assert_eq!(import(&fixture, "notes-2023.txt", &[]).code, 0);
    let edited = report(&fixture, "notes-2023").replace("今年", "本年");
    fixture.write("content/districts/hechuan/notes-2023.md", &edited);

    let refused = import(&fixture, "notes-2023.txt", &[]);
    assert_ne!(refused.code, 0);
    assert!(
        refused.stderr.contains("already exists"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("pass --force to replace it"),
        "{}",
        refused.stderr
    );
    assert_eq!(report(&fixture, "notes-2023"), edited);

    let forced = import(&fixture, "notes-2023.txt", &["--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(report(&fixture, "notes-2023").contains("今年全区"));
}

#[test]
fn an_unknown_district_is_named_with_the_command_that_makes_it() {
    let fixture = Fixture::new("basic");
    fixture.write("raw/notes-2023.txt", REPORT);
    let file = fixture.path("raw/notes-2023.txt");
    let file = file.to_str().expect("utf-8 path");
    let root = fixture.root().to_str().expect("utf-8 path");
    let run = run(&["import", file, "--district", "tongliang", "--root", root]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("content/districts/tongliang/_index.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("minsheng new district tongliang"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_slug_is_made_from_the_file_name_and_a_bad_one_given_gets_a_suggestion() {
    let fixture = Fixture::new("basic");
    fixture.write("raw/合川 报告.txt", REPORT);
    let from_name = import(&fixture, "合川 报告.txt", &[]);
    assert_eq!(from_name.code, 0, "{}", from_name.stderr);
    assert!(
        from_name.stdout.contains("hechuan-baogao.md"),
        "{}",
        from_name.stdout
    );
    assert!(report(&fixture, "hechuan-baogao").contains(TITLE));

    let given = import(&fixture, "合川 报告.txt", &["--slug", "Notes_2023"]);
    assert_ne!(given.code, 0);
    assert!(
        given.stderr.contains("pass --slug notes-2023"),
        "{}",
        given.stderr
    );

    let fixed = import(&fixture, "合川 报告.txt", &["--slug", "notes-2023"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
}

#[test]
fn options_override_what_the_text_says() {
    let fixture = Fixture::new("basic");
    let undated = REPORT.replace("2023年5月12日，", "");
    fixture.write("raw/notes-2023.txt", &undated);
    let run = import(&fixture, "notes-2023.txt", &[]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("pass --date"), "{}", run.stderr);

    let args = [
        "--date",
        "2023-06-01",
        "--title",
        "合川区民生实事",
        "--source",
        "测试日报",
    ];
    let run = import(&fixture, "notes-2023.txt", &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let markdown = report(&fixture, "notes-2023");
    let (meta, body) = split(&markdown);
    assert_eq!(meta["date"].as_str(), Some("2023-06-01"));
    assert_eq!(meta["title"].as_str(), Some("合川区民生实事"));
    assert_eq!(meta["source"].as_str(), Some("测试日报"));
    assert!(body.starts_with(&format!("## {TITLE}\n")), "{body}");
    fixture.build_ok();
}

#[test]
fn text_in_another_encoding_is_refused() {
    let fixture = Fixture::new("basic");
    fixture.write(
        "raw/notes-2023.txt",
        b"Caf\xe9 cr\xe8me, cr\xe8me br\xfbl\xe9e.\n",
    );
    let run = import(&fixture, "notes-2023.txt", &[]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("cannot tell the encoding"),
        "{}",
        run.stderr
    );
    assert!(!fixture
        .path("content/districts/hechuan/notes-2023.md")
        .exists());
}

/// Text copied from a news page, written for this test: headline, dateline, an editor's credit
/// closing the last paragraph and a photo credit under a picture.
const NEWS_PAGE: &str = "合川区新增普惠托位800个

2025年06月18日14:45 | 来源：合川日报

\u{3000}\u{3000}今年以来，合川区新增普惠托位800个，建成社区托育点12个。

市民带孩子在托育点活动。李明 摄

\u{3000}\u{3000}全区每千人口拥有3岁以下婴幼儿托位数达到4.5个。(责编:王五)
";

#[test]
fn a_news_page_gives_its_date_source_and_credits_to_the_front_matter() {
    let fixture = Fixture::new("basic");
    fixture.write("raw/tuowei-2025.txt", NEWS_PAGE);
    let run = import(&fixture, "tuowei-2025.txt", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let markdown = report(&fixture, "tuowei-2025");
    let (meta, body) = split(&markdown);
    assert_eq!(meta["title"].as_str(), Some("合川区新增普惠托位800个"));
    assert_eq!(meta["date"].as_str(), Some("2025-06-18"), "{markdown}");
    assert_eq!(meta["source"].as_str(), Some("合川日报"), "{markdown}");
    assert_eq!(meta["byline"].as_str(), Some("(责编:王五)"), "{markdown}");
    assert_eq!(
        meta["captions"][0].as_str(),
        Some("市民带孩子在托育点活动。李明 摄"),
        "{markdown}"
    );
    for moved in ["来源", "14:45", "责编", "李明 摄"] {
        assert!(!body.contains(moved), "{moved} left in {body}");
    }
    assert!(body.contains("托位数达到4.5个。"), "{body}");
    fixture.build_ok();
}

/// A text saved with a header of `key: value` lines before its headline, as clipping tools
/// write it.
const SAVED_WITH_HEADER: &str = "source: https://example.cn/hechuan/2024/0312.html
日期：2024年3月12日
作者：赵六
place: 重庆市合川区

合川区今年办好十件民生实事

今年合川区将新建社区食堂6个，新增普惠托位300个。
";

#[test]
fn a_header_of_key_value_lines_goes_to_the_front_matter() {
    let fixture = Fixture::new("basic");
    fixture.write("raw/shishi-2024.txt", SAVED_WITH_HEADER);
    let run = import(&fixture, "shishi-2024.txt", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let markdown = report(&fixture, "shishi-2024");
    let (meta, body) = split(&markdown);
    assert_eq!(meta["title"].as_str(), Some("合川区今年办好十件民生实事"));
    assert_eq!(meta["date"].as_str(), Some("2024-03-12"), "{markdown}");
    assert!(!markdown.contains("TODO: the first date"), "{markdown}");
    assert_eq!(
        meta["source"].as_str(),
        Some("https://example.cn/hechuan/2024/0312.html")
    );
    assert_eq!(meta["byline"].as_str(), Some("赵六"), "{markdown}");
    for moved in ["source", "example.cn", "日期", "赵六", "place"] {
        assert!(!body.contains(moved), "{moved} left in {body}");
    }
    assert!(body.contains("新增普惠托位300个。"), "{body}");
    fixture.build_ok();
}

/// A page saved from a county government's site: the way to it, a labelled dateline with the
/// site's tools on the same line, one line per paragraph, and the page's furniture after.
const GOVERNMENT_PAGE: &str = "\
首页 > 政务公开 > 工作动态
合川区上半年民生实事进展顺利
发布时间：2024-07-12 09:30  来源：合川区人民政府办公室  字号：【大 中 小】  浏览次数：1024
今年以来，合川区聚焦群众急难愁盼，扎实推进十件民生实事。截至6月底，已新建公办幼儿园3所，新增学位810个。
全区新增城镇就业2100人，城镇调查失业率控制在5.5%以内。
分享到：
【打印本页】【关闭窗口】
扫一扫在手机打开当前页
责任编辑：王五
";

#[test]
fn a_government_page_loses_its_furniture_and_keeps_its_paragraphs() {
    let fixture = Fixture::new("basic");
    fixture.write("raw/shiye-2024.txt", GOVERNMENT_PAGE);
    let run = import(&fixture, "shiye-2024.txt", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let markdown = report(&fixture, "shiye-2024");
    let (meta, body) = split(&markdown);
    assert_eq!(meta["title"].as_str(), Some("合川区上半年民生实事进展顺利"));
    assert_eq!(meta["date"].as_str(), Some("2024-07-12"), "{markdown}");
    assert_eq!(meta["source"].as_str(), Some("合川区人民政府办公室"));
    assert_eq!(
        meta["byline"].as_str(),
        Some("责任编辑：王五"),
        "{markdown}"
    );
    for furniture in ["首页", "字号", "分享", "打印", "扫一扫", "王五"] {
        assert!(!body.contains(furniture), "{furniture} left in {body}");
    }
    // Lines wider than a printed column are paragraphs, not one wrapped paragraph.
    assert!(
        body.contains("新增学位810个。\n\n全区新增城镇就业"),
        "{body}"
    );
    fixture.build_ok();
}
