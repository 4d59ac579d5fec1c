//! What the templates receive: the fields of a report's key figures and of the metric rows
//! every list page holds.

use crate::common;

use common::{select_attr, select_text, Fixture};

const HEALTH: &str = "districts/hechuan/health-2024/index.html";

#[test]
fn templates_receive_each_figures_confidence_and_its_grounds() {
    let fixture = Fixture::new("basic");
    fixture.edit(
        "themes/atlas/templates/report.html",
        "{% endblock content %}",
        "{% for m in key_figures %}<data class=\"confidence\" id=\"c-{{ m.id }}\" \
         value=\"{{ m.confidence.score }}\">{% for r in m.confidence.reasons %}{{ r }} \
         {% endfor %}</data>{% endfor %}{% endblock content %}",
    );
    let out = fixture.build_ok();
    let page = out.html(HEALTH);
    let scores = select_attr(&page, "data.confidence", "value");
    assert!(!scores.is_empty());
    for score in &scores {
        let score: f64 = score.parse().expect("a number");
        assert!((0.0..=1.0).contains(&score), "{score}");
    }
    // m-1's subject is corrected in the front matter: the editor's reading is sure.
    assert_eq!(select_attr(&page, "#c-m-1", "value"), ["1.0"]);
    assert_eq!(select_text(&page, "#c-m-1"), ["corrected"]);
    // The public downloads leave it out.
    let json: serde_json::Value =
        serde_json::from_str(&out.read("data/metrics.json.gz")).expect("json");
    let metrics = json["metrics"].as_array().expect("metrics");
    assert!(metrics.iter().all(|m| m.get("confidence").is_none()));
    assert!(!out.read("data/metrics.csv.gz").contains("confidence"));
}

#[test]
fn list_rows_carry_what_a_row_shows_and_key_figures_everything() {
    let fixture = Fixture::new("basic");
    // Each figure says which of the fields a row leaves out it has.
    let probe = |list: &str| {
        format!(
            "<data class=\"{list}\" value=\"{{{{ m.label }}}}|{{{{ m.display }}}}|{{{{ m.url }}}}|{{{{ m.district.slug }}}}\">\
             {{% for f in [\"id\", \"text\", \"unit\", \"subject\", \"confidence\", \"report_title\"] %}}\
             {{% if m[f] is defined %}}{{{{ f }}}} {{% endif %}}{{% endfor %}}</data>"
        )
    };
    fixture.edit(
        "themes/atlas/templates/report.html",
        "{% endblock content %}",
        &format!(
            "{{% for m in key_figures %}}{}{{% endfor %}}{{% endblock content %}}",
            probe("key")
        ),
    );
    fixture.edit(
        "themes/atlas/templates/district.html",
        "{% endblock content %}",
        &format!(
            "{{% for group in domain_groups %}}{{% for m in group.metrics %}}{}{{% endfor %}}\
             {{% endfor %}}{{% endblock content %}}",
            probe("row")
        ),
    );
    let out = fixture.build_ok();
    let keys = out.html(HEALTH);
    let detail = select_text(&keys, "data.key");
    assert!(!detail.is_empty());
    assert!(detail
        .iter()
        .all(|d| d.trim() == "id text unit subject confidence report_title"));
    let district = out.html("districts/hechuan/index.html");
    let rows = select_text(&district, "data.row");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.trim().is_empty()), "{rows:?}");
    for value in select_attr(&district, "data.row", "value") {
        let fields: Vec<&str> = value.split('|').collect();
        assert!(fields.iter().all(|f| !f.is_empty()), "{value}");
        assert!(fields[2].contains("#m-"), "{value}");
        assert_eq!(fields[3], "hechuan");
    }
}
