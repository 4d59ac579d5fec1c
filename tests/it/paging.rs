//! Long lists at scale: a domain's figures paged at a fixed size, an indicator with many
//! figures summed up by district with a page for each.

use crate::common;

use common::{select_attr, select_text, Fixture, Output};

/// The basic site with a report of 620 figures of new schools in Lanping: more than a page
/// of a domain's figures holds, and more than an indicator's page lists. (The fixture keeps
/// the output's folder.)
fn long_list_site() -> (Fixture, Output) {
    let fixture = Fixture::new("basic");
    let body: String = (1..=620)
        .map(|n| format!("今年新建学校{}所。\n\n", n + 2))
        .collect();
    fixture.write(
        "content/districts/lanping/schools-long.md",
        format!(
            "---\ntitle: 兰坪县学校建设清单\ntitle_en: Lanping school list\ndate: 2024-05-01\nsource: 测试日报\nsummary: 兰坪县列出今年新建的学校。\n\
             domains: [education]\n---\n{body}"
        ),
    );
    let out = fixture.build_ok();
    (fixture, out)
}

#[test]
fn a_long_list_of_figures_is_paged_at_a_fixed_size() {
    let (_site, out) = long_list_site();
    let page = |rel: &str| out.html(rel);
    let first = page("domains/education/lanping/index.html");
    let second = page("domains/education/lanping/page/2/index.html");
    assert_eq!(select_text(&first, "table.metrics tbody tr").len(), 500);
    assert_eq!(select_text(&second, "table.metrics tbody tr").len(), 120);
    // Above and below the table, each page by the rows it holds, the one shown marked.
    for (html, current) in [(&first, "1–500"), (&second, "501–620")] {
        let pages = select_text(html, "nav.pages a");
        assert_eq!(pages, ["1–500", "501–620", "1–500", "501–620"]);
        assert_eq!(
            select_text(html, "nav.pages a[aria-current=page]"),
            [current, current]
        );
    }
    assert_eq!(
        select_attr(&first, "nav.pages a", "href")[1],
        "/atlas/domains/education/lanping/page/2/"
    );
    // The reports are listed once, on the first page.
    assert_eq!(select_text(&first, "#reports-heading").len(), 1);
    assert!(select_text(&second, "#reports-heading").is_empty());
    let english = page("en/domains/education/lanping/page/2/index.html");
    assert_eq!(select_text(&english, "table.metrics tbody tr").len(), 120);
    assert!(out
        .read("sitemap.xml")
        .contains("/atlas/domains/education/lanping/page/2/</loc>"));
    // A short list stays one page, without the page links.
    let short = page("domains/education/hechuan/index.html");
    assert!(select_text(&short, "nav.pages a").is_empty());
    assert!(!out.exists("domains/education/hechuan/page/2/index.html"));
    common::assert_links_resolve(&out, "/atlas/");
}

#[test]
fn an_indicator_with_many_figures_is_summed_up_by_district_with_a_page_for_each() {
    let (_site, out) = long_list_site();
    let summary = out.html("indicators/schools-built/index.html");
    assert!(
        select_text(&summary, "table.metrics").is_empty(),
        "no figure rows"
    );
    // One line per district on a phone too: the theme keeps the table's cells unwrapped.
    assert_eq!(
        select_attr(&summary, "#districts-heading ~ div table", "class"),
        ["data-table by-district"]
    );
    assert!(out
        .read("style.css")
        .contains(".by-district th, .by-district td { white-space: nowrap; }"));
    let districts = select_attr(&summary, "#districts-heading ~ div tbody th a", "href");
    assert_eq!(
        districts,
        [
            "/atlas/indicators/schools-built/hechuan/",
            "/atlas/indicators/schools-built/lanping/"
        ]
    );
    let lanping = select_text(
        &summary,
        "#districts-heading ~ div tbody tr:nth-child(2) td",
    );
    // 620 achievements, the latest being the report's last, the range from lowest to highest.
    assert_eq!(lanping[0], "620");
    assert!(lanping[1].starts_with("622所"), "{lanping:?}");
    assert_eq!(lanping[2], "3所 – 622所");
    // Each district's latest achievement is charted, linking to the district's page (then
    // Hechuan's latest target).
    let bars = select_attr(&summary, "figure svg a", "href");
    assert_eq!(bars[..2], districts);
    assert_eq!(bars.len(), 3);

    let page = out.html("indicators/schools-built/lanping/index.html");
    assert_eq!(select_text(&page, "table.metrics tbody tr").len(), 620);
    // Its chart holds the newest 40 figures and says so; the table holds them all.
    assert_eq!(select_text(&page, "figure svg a").len(), 40);
    assert_eq!(
        select_text(&page, "figure svg > title"),
        ["新建学校（单位：所）：最新 40 项，共 620 项"]
    );
    assert_eq!(
        select_attr(&page, ".breadcrumb a", "href")[1],
        "/atlas/indicators/schools-built/"
    );
    let english = out.html("en/indicators/schools-built/lanping/index.html");
    assert_eq!(select_text(&english, "table.metrics tbody tr").len(), 620);
    let title = select_text(&english, "figure svg > title").concat();
    assert!(title.ends_with(": the newest 40 of 620"), "{title}");
    // The list of indicators counts them all; an indicator with few figures lists them.
    let list = out.read("indicators/index.html");
    assert!(list.contains("621 已完成"), "{list}");
    let few = out.html("indicators/patient-satisfaction/index.html");
    assert!(select_text(&few, "#districts-heading").is_empty());
    assert!(!select_text(&few, "table.metrics tbody tr").is_empty());
    assert!(!out.exists("indicators/patient-satisfaction/hechuan/index.html"));
}
