//! The atlas built from the metrics: annotated reports, overrides, district, domain and
//! indicator pages, the map, charts and the data downloads.

use crate::common;

use std::collections::BTreeMap;

use common::{select_attr, select_text, Fixture, Output, BASE_URL};

const HEALTH: &str = "districts/hechuan/health-2024/index.html";

/// Rows of a CSV download as `column -> value` maps.
fn csv_rows(out: &Output, rel: &str) -> Vec<BTreeMap<String, String>> {
    let text = out.read(rel);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("record");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The `<svg>…</svg>` elements of a page, as text.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg")
        .map(|(start, _)| {
            let end = html[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
            &html[start..end]
        })
        .collect()
}

#[test]
fn metrics_are_marked_in_place_with_their_data() {
    let out = common::basic_site();
    let page = out.html(HEALTH);

    // A metric inside bold markup is marked inside it, with value, unit and domain.
    let bold = select_attr(&page, "strong > span.metric", "id");
    assert_eq!(bold, ["m-2"]);
    // The value in base units is the popover's (below) and the downloads': no attribute
    // repeats it on every mark.
    assert!(select_attr(&page, "#m-2", "data-value").is_empty());
    assert_eq!(select_attr(&page, "#m-6", "class"), ["metric target"]);
    assert_eq!(select_attr(&page, "#m-2", "class"), ["metric"]);

    // A metric split by markup (1.2**亿元**): its first piece holds the id, the rest follow.
    let first: String = select_text(&page, "#m-3").concat();
    assert!(first.starts_with("1.2"), "{first}");
    assert_eq!(
        select_text(&page, "strong > span.metric-part[data-metric=\"m-3\"]"),
        ["亿元"]
    );

    // Never inside code, links or raw HTML.
    for inside in ["pre span.metric", "a span.metric", "div.raw span.metric"] {
        assert!(select_text(&page, inside).is_empty(), "{inside}");
    }

    // Every metric that was kept has its anchor, in order.
    let ids = select_attr(&page, "span.metric[id]", "id");
    assert_eq!(ids, ["m-1", "m-2", "m-3", "m-5", "m-6"]);

    // Each is focusable and described by a popover with the normalised value and English.
    assert_eq!(select_attr(&page, "#m-2", "tabindex"), ["0"]);
    assert_eq!(select_attr(&page, "#m-2", "aria-describedby"), ["m-2t"]);
    assert!(
        select_attr(&page, "#m-2t", "role").is_empty(),
        "no role on a million popovers"
    );
    let tip = select_text(&page, "#m-2t").concat();
    assert!(tip.contains("350,000,000 元"), "{tip}");
    assert!(tip.contains("病有所医"), "{tip}");
    assert_eq!(
        select_text(&page, "#m-5t > i[lang=en]"),
        ["outpatient satisfaction"]
    );
    assert_eq!(select_text(&page, "#m-5t > b"), ["门诊患者满意度"]);
    // The value is repeated only where the text writes it otherwise: 96.16% is as written.
    assert!(select_text(&page, "#m-5t > span").is_empty());
    assert_eq!(
        select_text(&page, "#m-6t > small"),
        ["学有所教 · 目标 · 时期 2025"]
    );
}

#[test]
fn glossary_terms_carry_their_english_gloss() {
    let out = common::basic_site();
    let page = out.html(HEALTH);
    let terms: Vec<String> = select_text(&page, "a.term")
        .iter()
        .map(|t| t.chars().take_while(|c| !c.is_ascii()).collect())
        .collect();
    assert_eq!(terms, ["医共体", "双减"], "the first use of each term");
    assert_eq!(
        select_text(&page, "a.term .tip[lang=en]"),
        ["county medical consortium", "double reduction"]
    );
    for tip in select_attr(&page, "a.term", "aria-describedby") {
        assert_eq!(
            select_text(&page, &format!("a.term > #{tip}")).len(),
            1,
            "{tip}"
        );
    }
    // Each links to its glossary entry, which holds the note the page leaves out: the
    // English one where the entry has no Chinese note.
    let glossary = out.html("glossary/index.html");
    let entries: Vec<String> = select_attr(&page, "a.term", "href")
        .iter()
        .map(|href| {
            let (page_url, anchor) = href.split_once('#').expect("an anchor");
            assert_eq!(page_url, "/atlas/glossary/");
            select_text(&glossary, &format!("#{anchor} dt")).concat()
        })
        .collect();
    assert_eq!(entries, ["医共体", "双减"]);
    assert_eq!(
        select_text(&glossary, "#term-1 .gloss-note[lang=en]").concat(),
        "A county hospital leading township and village clinics as one organisation."
    );
    assert!(!out.read(HEALTH).contains("tip-note"));
}

#[test]
fn at_a_glance_shows_key_figures_linked_to_their_sentences() {
    let out = common::basic_site();
    let page = out.html(HEALTH);
    let values = select_text(&page, ".glance .glance-value");
    assert!(values.contains(&"96.16%".to_string()), "{values:?}");
    assert!(values.len() <= 6);
    let links = select_attr(&page, ".glance li a", "href");
    assert!(links
        .iter()
        .all(|l| l.starts_with("/atlas/districts/hechuan/health-2024/#m-")));
}

#[test]
fn english_composed_from_the_dictionary_is_marked_and_lexicon_english_is_not() {
    let fixture = Fixture::new("basic");
    fixture.write(
        "content/districts/lanping/birds-2024.md",
        "---\ntitle: 观鸟测试\ntitle_en: Birds\ndate: 2024-05-01\nsource: 测试日报\nsummary: 测试。\n---\n全县新建观鸟亭12座，新增学位300个。\n",
    );
    let out = fixture.build_ok();
    let page = out.html("en/districts/lanping/birds-2024/index.html");
    let composed = select_text(&page, ".glance-label.composed");
    assert_eq!(composed.len(), 1, "{composed:?}");
    assert!(composed[0].contains("pavilion"), "{composed:?}");
    // One legend explains the dotted underline, in the fact sheet's note.
    let note = select_text(&page, ".fact-sheet > p.meta").concat();
    assert!(
        note.contains("composed word by word from a dictionary"),
        "{note}"
    );
    assert!(select_text(&page, ".fact-sheet .legend").is_empty());
    // Other tables explain it below themselves.
    let domain_page = ["environment", "governance", "education"]
        .iter()
        .map(|d| format!("en/domains/{d}/lanping/index.html"))
        .filter(|path| out.exists(path))
        .map(|path| out.html(&path))
        .find(|page| !select_text(page, ".metrics tbody th .composed").is_empty())
        .expect("a domain page with the composed label");
    let legend = select_text(&domain_page, "p.legend").concat();
    assert!(legend.contains("composed word by word"), "{legend}");
    let plain = select_text(&page, ".glance-label:not(.composed)");
    assert!(
        plain.contains(&"new school places".to_string()),
        "{plain:?}"
    );
}

#[test]
fn overrides_drop_a_false_match_and_fix_a_subject() {
    let out = common::basic_site();
    let rows = csv_rows(out, "districts/hechuan/metrics.csv.gz");
    let health: Vec<_> = rows
        .iter()
        .filter(|r| r["report"] == "health-2024")
        .collect();
    assert!(health.iter().all(|r| r["text"] != "3所"), "3所 is dropped");
    let consortia = health.iter().find(|r| r["id"] == "m-1").expect("m-1");
    assert_eq!(consortia["subject"], "紧密型医共体");
    assert_eq!(consortia["subject_en"], "close-knit medical consortia");
    // Ids stay as extracted, so anchors do not move.
    assert!(health.iter().any(|r| r["id"] == "m-5"));
}

#[test]
fn an_override_that_matches_nothing_is_an_error_at_its_line() {
    let fixture = Fixture::new("basic");
    fixture.build_ok();
    let before = fixture.output().snapshot();
    let path = "content/districts/hechuan/health-2024.md";
    let text = std::fs::read_to_string(fixture.path(path)).expect("read");
    fixture.write(path, text.replace("- text: 3所", "- text: 33所"));
    let run = fixture.build(&[]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("health-2024.md:10:1:")
            && run
                .stderr
                .contains("metric override `33所` matches no metric"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("minsheng extract"), "{}", run.stderr);
    assert_eq!(before, fixture.output().snapshot(), "site left intact");
}

#[test]
fn english_pages_give_a_fact_sheet_with_english_values() {
    let out = common::basic_site();

    // No English text: the notice and the English fact sheet, whose figures link to their
    // sentences on the Chinese page: the only page that shows the Chinese text.
    let page = out.html(&format!("en/{HEALTH}"));
    assert_eq!(select_text(&page, ".notice").len(), 1);
    assert!(select_text(&page, ".prose").is_empty());
    assert!(select_attr(&page, "span.metric[id]", "id").is_empty());
    let links = select_attr(&page, ".fact-sheet th a", "href");
    assert!(
        links.contains(&"/atlas/districts/hechuan/health-2024/#m-2".to_string()),
        "{links:?}"
    );
    let values = select_text(&page, ".fact-sheet tbody th + td");
    for expected in ["350 million yuan", "96.16%", "120 million yuan"] {
        assert!(values.contains(&expected.to_string()), "{values:?}");
    }
    let subjects = select_text(&page, ".fact-sheet tr:not(.group) > th");
    assert!(subjects.contains(&"outpatient satisfaction".to_string()));
    // English labels on an English page need no lang of their own; the Chinese source does.
    assert!(select_attr(&page, ".fact-sheet tr:not(.group) > th", "lang").is_empty());
    // Each measure links to its sentence; one table, a heading row per domain.
    assert_eq!(
        select_attr(&page, ".fact-sheet tr:not(.group) > th a", "href").len(),
        values.len()
    );
    assert_eq!(select_text(&page, ".fact-sheet table").len(), 1);
    let groups = select_text(&page, ".fact-sheet tr.group th[scope=rowgroup]");
    assert!(groups.contains(&"Health care".to_string()), "{groups:?}");

    // Translated: the English text and the same fact sheet.
    let page = out.html("en/districts/hechuan/schools-2023/index.html");
    assert!(select_text(&page, ".notice").is_empty());
    assert_eq!(select_attr(&page, ".prose", "lang"), ["en"]);
    let values = select_text(&page, ".fact-sheet tbody th + td");
    assert!(values.contains(&"8,000".to_string()), "{values:?}");
    assert!(
        values.contains(&"210 million yuan".to_string()),
        "{values:?}"
    );
}

#[test]
fn district_pages_chart_each_domain_and_locate_the_district() {
    let out = common::basic_site();
    let html = out.read("districts/hechuan/index.html");
    let page = out.html("districts/hechuan/index.html");
    let groups = select_attr(&page, ".domain-figures h3", "id");
    assert!(groups.contains(&"d-education".to_string()), "{groups:?}");
    assert!(groups.contains(&"d-health".to_string()), "{groups:?}");
    let charts: Vec<&str> = svgs(&html)
        .into_iter()
        .filter(|s| s.contains("class=\"chart\""))
        .collect();
    assert!(!charts.is_empty());
    for chart in &charts {
        assert!(chart.contains("<rect class=\"bar"), "a chart without bars");
        assert_eq!(
            chart.matches("<rect class=\"bar").count(),
            chart.matches("<a href=").count(),
            "one bar per linked data point"
        );
    }
    let locator: Vec<&str> = svgs(&html)
        .into_iter()
        .filter(|s| s.contains("class=\"map\""))
        .collect();
    assert_eq!(locator.len(), 1);
    assert_eq!(locator[0].matches("<circle").count(), 2, "both districts");
    assert!(locator[0].contains(">合川区</text>"));
    assert!(!locator[0].contains(">兰坪县</text>"), "only its own label");
    // Named by their title, with no role: the W3C validator rejects role="group" on <svg>, and
    // the implicit graphics role keeps the links inside reachable.
    for svg in svgs(&html) {
        let open = &svg[..svg.find('>').expect("svg tag")];
        assert!(open.contains("aria-labelledby="), "{open}");
        assert!(!open.contains("role="), "{open}");
    }
}

#[test]
fn domain_pages_list_every_metric_by_district_with_provenance() {
    let out = common::basic_site();
    let page = out.html("domains/health/index.html");
    assert_eq!(select_attr(&page, "h3[id^=in-]", "id"), ["in-hechuan"]);
    let links = select_attr(&page, ".metrics th a[href*='#m-']", "href");
    assert!(links.contains(&"/atlas/districts/hechuan/health-2024/#m-5".to_string()));
    let water = out.html("en/domains/environment/index.html");
    assert_eq!(select_attr(&water, "h3[id^=in-]", "id"), ["in-lanping"]);

    // Each district's figures of the domain also have a page of their own.
    let own = out.html("domains/health/hechuan/index.html");
    assert_eq!(
        select_attr(&own, ".metrics th a[href*='#m-']", "href"),
        select_attr(&page, ".metrics th a[href*='#m-']", "href")
    );
    // Its reports are named and dated; their district and summary are on the district page.
    assert!(select_attr(&own, ".report-item h3 a", "href")
        .contains(&"/atlas/districts/hechuan/health-2024/".to_string()));
    assert!(select_text(&own, ".report-item .summary").is_empty());
    assert!(select_attr(&own, ".report-item .meta a", "href").is_empty());
    let district = out.html("districts/hechuan/index.html");
    assert!(!select_text(&district, ".report-item .summary").is_empty());
    assert!(!select_text(&page, ".report-item .summary").is_empty());
    assert!(out.exists("en/domains/environment/lanping/index.html"));
    assert!(!out.exists("domains/environment/hechuan/index.html"));
}

#[test]
fn indicator_pages_compare_districts_keeping_targets_apart() {
    let out = common::basic_site();
    let list = out.html("indicators/index.html");
    assert_eq!(
        select_text(&list, ".indicator-name"),
        ["新建学校", "门诊患者满意度"]
    );
    let html = out.read("indicators/schools-built/index.html");
    let page = out.html("indicators/schools-built/index.html");
    let actual = select_text(
        &page,
        "section[aria-labelledby=actual-heading] tbody th + td",
    );
    let target = select_text(
        &page,
        "section[aria-labelledby=target-heading] tbody th + td",
    );
    assert_eq!(actual, ["6所"]);
    assert_eq!(target, ["10所"]);
    let charts = svgs(&html);
    assert_eq!(charts.len(), 2, "one chart per kind");
    assert_eq!(
        charts[0].matches("<rect class=\"bar\"").count(),
        actual.len()
    );
    assert_eq!(
        charts[1].matches("<rect class=\"bar target\"").count(),
        target.len()
    );
    let en = out.html("en/indicators/schools-built/index.html");
    assert_eq!(select_text(&en, "h1"), ["Schools built"]);
    assert_eq!(
        select_text(&en, "section[aria-labelledby=target-heading] tbody th + td"),
        ["10"]
    );
    assert!(
        select_text(&en, "section[aria-labelledby=target-heading] td")
            .contains(&"2025".to_string())
    );
}

#[test]
fn home_map_places_each_district_by_its_coordinates() {
    let out = common::basic_site();
    for (page, labels) in [
        ("index.html", ["合川区", "兰坪县"]),
        ("en/index.html", ["Hechuan District", "Lanping County"]),
    ] {
        let html = out.read(page);
        let maps: Vec<&str> = svgs(&html)
            .into_iter()
            .filter(|s| s.contains("class=\"map\""))
            .collect();
        assert_eq!(maps.len(), 1, "{page}");
        let doc = roxmltree::Document::parse(maps[0]).expect("map is XML");
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(texts, labels, "{page}");
        let cx = |i: usize| {
            doc.descendants()
                .filter(|n| n.has_tag_name("circle"))
                .nth(i)
                .and_then(|n| n.attribute("cx"))
                .and_then(|v| v.parse::<f64>().ok())
                .expect("cx")
        };
        // Lanping (99.4° E) lies west of Hechuan (106.3° E).
        assert!(cx(1) < cx(0), "{page}");
    }
    let page = out.html("index.html");
    let links = select_attr(&page, "svg.map a", "href");
    assert_eq!(
        links,
        ["/atlas/districts/hechuan/", "/atlas/districts/lanping/"]
    );
}

const BOUNDARIES: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"code": 500117},
   "geometry": {"type": "Polygon", "coordinates": [[[106.0, 30.2], [106.6, 30.2], [106.6, 29.7], [106.0, 29.7], [106.0, 30.2]]]}},
  {"type": "Feature", "properties": {"code": "533325"},
   "geometry": {"type": "MultiPolygon", "coordinates": [[[[99.1, 26.8], [99.7, 26.8], [99.7, 26.2], [99.1, 26.8]]]]}}
]}"#;

#[test]
fn geojson_boundaries_draw_outlines_instead_of_points() {
    let fixture = Fixture::new("basic");
    let config = std::fs::read_to_string(fixture.path("site.toml")).expect("read");
    fixture.write(
        "site.toml",
        format!("{config}\n[map]\nboundaries = \"content/boundaries.geojson\"\n"),
    );
    fixture.write("content/boundaries.geojson", BOUNDARIES);
    let out = fixture.build_ok();
    let html = out.read("index.html");
    let map = svgs(&html)
        .into_iter()
        .find(|s| s.contains("class=\"map\""))
        .expect("map");
    assert_eq!(map.matches("<path class=\"area").count(), 2);
    assert_eq!(map.matches("<circle").count(), 0);
    assert!(map.contains("<a href=\"/atlas/districts/hechuan/\"><title>合川区</title><path"));

    fixture.write(
        "content/boundaries.geojson",
        "{\"type\": \"FeatureCollection\",\n  \"features\": [,]}",
    );
    let run = fixture.build(&[]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("boundaries.geojson:2:") && run.stderr.contains("invalid GeoJSON"),
        "{}",
        run.stderr
    );
}

#[test]
fn downloads_hold_every_metric_with_its_provenance() {
    let out = common::basic_site();
    // The downloads are gzip (its magic bytes), with no plain copy beside them.
    for file in [
        "data/metrics.csv",
        "data/metrics.json",
        "districts/hechuan/metrics.csv",
    ] {
        let gz = std::fs::read(out.dir.join(format!("{file}.gz"))).expect("the .gz");
        assert_eq!(gz[..2], [0x1f, 0x8b], "{file}.gz");
        assert!(!out.exists(file), "{file}");
    }
    let rows = csv_rows(out, "data/metrics.csv.gz");
    let header = out.read("data/metrics.csv.gz");
    assert!(header.starts_with(
        "district,report,report_date,id,text,value,value_max,unit,qualifier,kind,period,domain,subject,subject_en,url\n"
    ));
    let json: serde_json::Value =
        serde_json::from_str(&out.read("data/metrics.json.gz")).expect("json");
    let metrics = json["metrics"].as_array().expect("metrics");
    assert_eq!(metrics.len(), rows.len());
    assert_eq!(metrics[0]["district"], rows[0]["district"].as_str());
    // The sentence is in the JSON only; the CSV rows link to it.
    assert!(metrics[0]["sentence"]
        .as_str()
        .is_some_and(|s| s.ends_with('。')));
    let per_district: usize = ["hechuan", "lanping"]
        .iter()
        .map(|d| csv_rows(out, &format!("districts/{d}/metrics.csv.gz")).len())
        .sum();
    assert_eq!(per_district, rows.len());

    let money = rows
        .iter()
        .find(|r| r["text"] == "3.5亿元")
        .expect("3.5亿元");
    assert_eq!(money["value"], "350000000");
    assert_eq!(money["unit"], "元");
    assert_eq!(money["domain"], "health");

    // Every provenance URL names an existing page holding an element with that id.
    for row in &rows {
        let url = &row["url"];
        let rest = url
            .strip_prefix(BASE_URL)
            .expect("absolute URL under the base");
        let (path, id) = rest.split_once('#').expect("anchor");
        let page = out.html(&format!("{path}index.html"));
        assert_eq!(
            select_attr(&page, &format!("#{id}"), "id").len(),
            1,
            "{url}"
        );
    }
}

#[test]
fn every_svg_is_well_formed_xml() {
    let out = common::basic_site();
    let mut count = 0;
    for file in out.html_files() {
        let html = out.read(file.to_str().expect("utf-8"));
        for svg in svgs(&html) {
            roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{}: {e}\n{svg}", file.display()));
            count += 1;
        }
    }
    assert!(count > 10, "{count} SVGs");
}

#[test]
fn annotated_report_page_snapshot() {
    let out = common::basic_site();
    let html = out.read(HEALTH);
    let start = html.find("<article").expect("article");
    let end = html.find("</article>").expect("article end") + "</article>".len();
    insta::assert_snapshot!("health_report_article", &html[start..end]);
}

#[test]
fn english_district_pages_give_province_and_level_in_english_when_known() {
    let out = common::basic_site();
    let hechuan = out.html("en/districts/hechuan/index.html");
    let facts = select_text(&hechuan, "dd[lang=en]");
    assert!(facts.contains(&"Chongqing".to_string()), "{facts:?}");
    assert!(facts.contains(&"district".to_string()), "{facts:?}");
    // Without `province_en` the Chinese is shown, marked as Chinese.
    let lanping = out.html("en/districts/lanping/index.html");
    let chinese = select_text(&lanping, "dd[lang=zh-Hans]");
    assert!(chinese.contains(&"云南省".to_string()), "{chinese:?}");
    let zh = out.html("districts/hechuan/index.html");
    assert!(select_text(&zh, "dd").contains(&"重庆市".to_string()));
}
