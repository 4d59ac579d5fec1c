//! `minsheng extract`: the table, the JSON of DESIGN.md, the untranslated list; and the
//! extractor never panics and stays linear on arbitrary input.

use crate::common;

use std::path::Path;

use common::run;
use minsheng::analyze::file_metrics;
use minsheng::analyze::glossary::Glossary;
use minsheng::model::GlossaryEntries;

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn json_of_a_raw_report_points_into_the_file() {
    let path = fixture("raw/columns.txt");
    let out = run(&["extract", &path, "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["file"], path.as_str());
    let metrics = json["metrics"].as_array().unwrap();
    let texts: Vec<&str> = metrics
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["近10%", "38所", "35所", "40\n余所"]);
    let bytes = std::fs::read(&path).unwrap();
    for m in metrics {
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&bytes[start..end]).unwrap(),
            m["text"].as_str().unwrap()
        );
        for field in [
            "id",
            "value",
            "unit",
            "qualifier",
            "subject",
            "subject_en",
            "domain",
            "kind",
            "period",
            "sentence",
        ] {
            assert!(m.get(field).is_some(), "no {field} in {m}");
        }
    }
    let last = &metrics[3];
    assert_eq!(last["value"], 40);
    assert_eq!(last["qualifier"], "over");
    assert_eq!(last["unit"], "所");
    assert_eq!(last["domain"], "education");
    assert_eq!(metrics[2]["sentence"], "近5年来，南川教育投入年均增幅近10%，新（改）建学校38所，建成寄宿制学校35所，40余所学校完成改造。");
    assert_eq!(metrics[0]["period"], "近5年");
}

#[test]
fn each_figure_says_how_sure_its_reading_is_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(
        &path,
        "已建成养老服务中心5个。\n\n今年全县将新增停车位300个，改造小区步道8公里。\n",
    )
    .unwrap();
    let out = run(&["extract", path.to_str().unwrap(), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let metrics = json["metrics"].as_array().unwrap();
    let confidence = |i: usize| &metrics[i]["confidence"];
    // A marker before it, a domain word in its subject, English from the lexicon.
    assert_eq!(
        confidence(0)["reasons"],
        serde_json::json!([
            "domain_from_subject",
            "kind_marked_before",
            "english_from_lexicon"
        ])
    );
    assert_eq!(confidence(0)["score"], 0.72);
    // 步道's domain comes from the clause next to it: less sure.
    assert_eq!(metrics[2]["text"], "8公里");
    assert_eq!(confidence(2)["reasons"][0], "domain_from_neighbours");
    let score = |i: usize| confidence(i)["score"].as_f64().unwrap();
    assert!(score(2) < score(0), "{} {}", score(2), score(0));
    assert!((0..metrics.len()).all(|i| (0.0..=1.0).contains(&score(i))));
}

#[test]
fn markdown_front_matter_and_code_are_skipped() {
    let fixture = common::Fixture::new("basic");
    let report = fixture.path("content/districts/hechuan/schools-2023.md");
    let mut text = std::fs::read_to_string(&report).unwrap();
    text.push_str("\n```\n新建学校99所\n```\n");
    std::fs::write(&report, &text).unwrap();
    let out = run(&[
        "extract",
        report.to_str().unwrap(),
        "--json",
        "--root",
        fixture.root().to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let texts: Vec<&str> = json["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["6所", "8000个", "2.1亿元"]);
    let first = &json["metrics"][0];
    let (start, end) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "6所");
    assert_eq!(json["metrics"][2]["value"], 210000000);
}

#[test]
fn table_and_untranslated_list() {
    let path = fixture("raw/columns.txt");
    let out = run(&["extract", &path]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let header = out.stdout.lines().next().unwrap();
    for column in [
        "id",
        "text",
        "value",
        "unit",
        "qualifier",
        "domain",
        "kind",
        "period",
        "subject",
        "subject_en",
    ] {
        assert!(header.contains(column), "{header}");
    }
    assert!(
        out.stdout.contains("m-2") && out.stdout.contains("38所"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("4 metrics;"), "{}", out.stdout);
    let list = run(&["extract", &path, "--untranslated"]);
    assert_eq!(list.code, 0);
    for line in list.stdout.lines() {
        let (count, subject) = line.split_once('\t').unwrap();
        assert!(
            count.parse::<usize>().unwrap() >= 1 && !subject.is_empty(),
            "{line}"
        );
    }
}

#[test]
fn offsets_count_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.txt");
    std::fs::write(&path, "\u{feff}新建学校17所。").unwrap();
    let out = run(&["extract", path.to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let m = &json["metrics"][0];
    let bytes = std::fs::read(&path).unwrap();
    let (start, end) = (
        m["start"].as_u64().unwrap() as usize,
        m["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[start..end], "17所".as_bytes());
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let out = run(&["extract", "no/such/report.txt"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("no/such/report.txt") && out.stderr.contains("cannot read"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_site_build_puts_metrics_in_the_report_context() {
    let fixture = common::Fixture::new("basic");
    let out = fixture.build_ok();
    let page = out.read("districts/hechuan/schools-2023/index.html");
    assert!(page.contains("3 项数据"), "{page}");
}

/// A small deterministic generator of awkward text.
fn awkward(seed: u64, len: usize) -> String {
    const PIECES: &[&str] = &[
        "1",
        "2",
        "0",
        "9",
        ".",
        ",",
        "%",
        "％",
        "万",
        "亿",
        "千",
        "百",
        "十",
        "一",
        "两",
        "余",
        "多",
        "近",
        "超",
        "以上",
        "所",
        "个",
        "人",
        "元",
        "年",
        "月",
        "日",
        "至",
        "—",
        "-",
        "/",
        "（",
        "）",
        "(",
        "“",
        "”",
        "\"",
        "第",
        "每",
        "分之",
        "成",
        "点",
        "\n",
        "\n\n",
        " ",
        "。",
        "，",
        "学校",
        "养老",
        "G",
        "é",
        "😀",
        "\u{200b}",
        "\r\n",
        "#",
        "*",
        "`",
        "实事",
        "岁",
        "县",
        "拥有",
        "分别",
        "、",
        "每百户",
        "其中",
        "建成",
        "总投资",
        "用于",
    ];
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = String::new();
    for _ in 0..len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
    }
    out
}

#[test]
fn never_panics_on_awkward_text() {
    let glossary = Glossary::new(&GlossaryEntries::new());
    for seed in 0..300 {
        let text = awkward(seed, 200);
        for name in ["x.txt", "x.md"] {
            for m in file_metrics(Path::new(name), &text, &glossary) {
                assert!(m.start <= m.end && m.end <= text.len(), "{seed}: {m:?}");
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
    }
    for text in [
        "（（（（新建学校3所",
        "““3所",
        "1/0",
        "百分之",
        "三分之",
        "0分之1",
        "到",
        "---\n",
        "---\ntitle: [\n---\n3所",
    ] {
        file_metrics(Path::new("x.md"), text, &glossary);
        file_metrics(Path::new("x.txt"), text, &glossary);
    }
}

#[test]
fn stays_linear_on_large_and_degenerate_input() {
    let glossary = Glossary::new(&GlossaryEntries::new());
    // Over 10 MB in one file: a line of digits, Chinese text without numbers, unclosed
    // brackets, numbers with units and no punctuation, and ordinary short paragraphs.
    let mut text = "7".repeat(3_000_000);
    text.push_str(&"民生工作持续推进".repeat(230_000));
    text.push_str(&"（“《".repeat(100_000));
    text.push_str(&"学校3所".repeat(20_000));
    text.push('\n');
    text.push_str(&"全区新建学校17所，新增学位5.3万个。\n\n".repeat(10_000));
    assert!(text.len() >= 10_000_000, "{}", text.len());
    let metrics = file_metrics(Path::new("big.txt"), &text, &glossary);
    assert_eq!(metrics.len(), 20_000 + 20_000);
}

#[test]
fn a_reader_that_stops_reading_is_no_crash() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_minsheng"))
        .args(["extract", &fixture("raw/columns.txt"), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    // `| head -0`: the reader is gone before the first line is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
