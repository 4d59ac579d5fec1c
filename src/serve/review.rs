//! The editor's review page of `serve`, `/__minsheng/review/`: every figure of the site, lowest
//! confidence first, filterable by district, report and domain. It exists only while serving
//! on a loopback address and is never written into the site.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;
use std::path::PathBuf;
use std::sync::Arc;

use crate::analyze::confidence::Reasons;
use crate::content::Report;
use crate::lang::Lang;
use crate::model::Domain;
use crate::render::escape_html;
use crate::site::names::report_path;
use crate::site::Built;

/// Where the page is served.
pub const PAGE: &str = "/__minsheng/review/";

/// Where its forms send a correction.
pub const ACTION: &str = "/__minsheng/review";

/// One figure as the review page lists it.
#[derive(Debug, Clone)]
pub struct Row {
    pub district: String,
    /// The report's content file, relative to the site folder.
    pub report: PathBuf,
    pub report_title: String,
    pub id: String,
    pub text: String,
    /// Which of the report's figures written `text` it is, when there are several.
    pub nth: Option<usize>,
    pub sentence: String,
    pub subject: String,
    pub subject_en: String,
    pub domain: &'static str,
    pub kind: &'static str,
    pub period: Option<String>,
    pub score: f64,
    pub reasons: Reasons,
    /// An editor corrected or accepted it (it has a `metrics:` entry).
    pub reviewed: bool,
    /// The figure in its report page (`…/<report>/#m-7`).
    pub url: String,
}

/// The review page's figures: per report, at the index of its id, in text order. A report's
/// edit replaces its own rows alone; the page sorts them when it is asked for.
pub type Rows = Vec<Arc<[Row]>>;

/// The rows of every report of `built`.
pub fn all_rows(built: &Built) -> Rows {
    built
        .site
        .atlas
        .reports_by_id()
        .into_iter()
        .map(|report| report_rows(built, report))
        .collect()
}

/// The rows of one report of `built`.
pub fn report_rows(built: &Built, report: &Report) -> Arc<[Row]> {
    let page = built.urls.page(Lang::Zh, &report_path(report));
    let metrics = built.analysis.metrics(report);
    let mut written: HashMap<&str, usize> = HashMap::new();
    for m in metrics {
        *written.entry(&m.text).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    metrics
        .iter()
        .map(|m| {
            let nth = seen.entry(&m.text).or_default();
            *nth += 1;
            Row {
                district: report.district.clone(),
                report: report.text.path.clone(),
                report_title: report.meta.title.clone(),
                id: m.id.to_string(),
                text: m.text.to_string(),
                // Which of the figures written alike it is, when there are several.
                nth: (written[&*m.text] > 1).then_some(*nth),
                sentence: m.sentence.to_string(),
                subject: m.subject.to_string(),
                subject_en: m.subject_en.to_string(),
                domain: m.domain.slug(),
                kind: m.kind.slug(),
                period: m.period.as_deref().map(str::to_string),
                score: m.confidence.score,
                reasons: m.confidence.reasons,
                reviewed: m.confidence.reviewed(),
                url: format!("{page}#{}", m.id),
            }
        })
        .collect()
}

/// Every row, in site order.
pub fn every(rows: &Rows) -> impl Iterator<Item = &Row> {
    rows.iter().flat_map(|report| report.iter())
}

/// What the page is asked to show: `?district=…&report=…&domain=…&reviewed=yes|no`, each
/// optional.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Filter {
    pub district: Option<String>,
    pub report: Option<String>,
    pub domain: Option<String>,
    pub reviewed: Option<String>,
}

impl Filter {
    /// The filter of a query string (already percent-decoded pairs).
    pub fn of(pairs: impl IntoIterator<Item = (String, String)>) -> Filter {
        let mut filter = Filter::default();
        for (key, value) in pairs.into_iter().filter(|(_, v)| !v.is_empty()) {
            match key.as_str() {
                "district" => filter.district = Some(value),
                "report" => filter.report = Some(value),
                "domain" => filter.domain = Some(value),
                "reviewed" => filter.reviewed = Some(value),
                _ => {}
            }
        }
        filter
    }

    fn keeps(&self, row: &Row) -> bool {
        let is =
            |wanted: &Option<String>, value: &str| wanted.as_deref().is_none_or(|w| w == value);
        is(&self.district, &row.district)
            && is(&self.report, &row.report.to_string_lossy())
            && is(&self.domain, row.domain)
            && is(&self.reviewed, if row.reviewed { "yes" } else { "no" })
    }
}

/// The review page: the filter form and the figures it keeps, each with the form that
/// corrects it (`token` proves the forms are this run's).
pub fn page(rows: &Rows, filter: &Filter, token: &str) -> String {
    let mut kept: Vec<&Row> = every(rows).filter(|r| filter.keeps(r)).collect();
    // A stable sort keeps site order among equal scores.
    kept.sort_by(|a, b| a.score.total_cmp(&b.score));
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Review · minsheng</title><style>",
    );
    html.push_str(STYLE);
    html.push_str("</style></head><body><main><h1>Review the figures</h1>");
    let _ = write!(
        html,
        "<p>{} of {} figures, lowest confidence first. A correction is written into the \
         report's <code>metrics:</code> front matter; <b>Accept</b> keeps the figure as read, \
         <b>Drop</b> removes a false one.</p>",
        kept.len(),
        every(rows).count()
    );
    html.push_str(&form(rows, filter));
    html.push_str(
        "<div class=\"scroll\"><table><thead><tr><th>confidence</th><th>figure in its \
         sentence</th><th>subject</th><th>domain · kind · period</th><th>report</th></tr>\
         </thead><tbody>",
    );
    for row in kept {
        html.push_str(&row_html(row, token));
    }
    html.push_str("</tbody></table></div></main></body></html>\n");
    html
}

fn form(rows: &Rows, filter: &Filter) -> String {
    let choices = |values: BTreeSet<String>, name: &str, chosen: &Option<String>| {
        let mut select =
            format!("<label>{name} <select name=\"{name}\"><option value=\"\">all</option>");
        for value in values {
            let selected = if chosen.as_deref() == Some(value.as_str()) {
                " selected"
            } else {
                ""
            };
            let value = escape_html(&value);
            let _ = write!(
                select,
                "<option value=\"{value}\"{selected}>{value}</option>"
            );
        }
        select.push_str("</select></label> ");
        select
    };
    let districts = every(rows).map(|r| r.district.clone()).collect();
    let reports = every(rows)
        .map(|r| r.report.to_string_lossy().into_owned())
        .collect();
    let domains = every(rows).map(|r| r.domain.to_string()).collect();
    [
        "<form method=\"get\" action=\"",
        PAGE,
        "\">",
        &choices(districts, "district", &filter.district),
        &choices(reports, "report", &filter.report),
        &choices(domains, "domain", &filter.domain),
        &choices(
            ["yes", "no"].map(String::from).into(),
            "reviewed",
            &filter.reviewed,
        ),
        "<button>Show</button></form>",
    ]
    .concat()
}

fn row_html(row: &Row, token: &str) -> String {
    let sentence = match row.sentence.split_once(row.text.as_str()) {
        Some((before, after)) => format!(
            "{}<mark>{}</mark>{}",
            escape_html(before),
            escape_html(&row.text),
            escape_html(after)
        ),
        None => format!(
            "<mark>{}</mark> {}",
            escape_html(&row.text),
            escape_html(&row.sentence)
        ),
    };
    let reasons: Vec<String> = row
        .reasons
        .iter()
        .map(|r| {
            serde_json::to_value(r)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        })
        .collect();
    let select = |name: &str, options: &[&str], now: &str| {
        let mut html = format!("<select name=\"{name}\" aria-label=\"{name}\">");
        for option in options {
            let selected = if *option == now { " selected" } else { "" };
            let _ = write!(html, "<option{selected}>{option}</option>");
        }
        html + "</select>"
    };
    let domains: Vec<&str> = Domain::ALL.iter().map(|d| d.slug()).collect();
    let form = format!(
        "<form method=\"post\" action=\"{ACTION}\"><input type=\"hidden\" name=\"report\" \
         value=\"{report}\"><input type=\"hidden\" name=\"id\" value=\"{id}\"><input \
         type=\"hidden\" name=\"token\" value=\"{token}\"><input name=\"subject\" \
         aria-label=\"subject\" lang=\"zh-Hans\" value=\"{subject}\"><input name=\"subject_en\" \
         aria-label=\"subject_en\" value=\"{subject_en}\">{domain}{kind}<button>Save</button>\
         <button name=\"ok\" value=\"true\">Accept</button><button name=\"drop\" \
         value=\"true\">Drop</button></form>",
        report = escape_html(&row.report.to_string_lossy()),
        id = escape_html(&row.id),
        token = escape_html(token),
        subject = escape_html(&row.subject),
        subject_en = escape_html(&row.subject_en),
        domain = select("domain", &domains, row.domain),
        kind = select("kind", &["actual", "target"], row.kind),
    );
    format!(
        "<tr data-score=\"{score:.2}\"><td><b>{score:.2}</b><br>\
         <small>{reasons}</small></td><td lang=\"zh-Hans\">{sentence}</td><td>\
         <span lang=\"zh-Hans\">{subject}</span><br>{subject_en}</td><td>{domain} · \
         {kind}{period}</td><td><a href=\"{url}\" lang=\"zh-Hans\">{title} #{id}</a><br>\
         <small>{report}</small></td></tr><tr class=\"fix\"><td colspan=\"5\">{form}</td></tr>",
        score = row.score,
        reasons = escape_html(&reasons.join(", ")),
        subject = escape_html(&row.subject),
        subject_en = escape_html(&row.subject_en),
        domain = row.domain,
        kind = row.kind,
        period = row
            .period
            .as_deref()
            .map(|p| format!(" · {}", escape_html(p)))
            .unwrap_or_default(),
        url = escape_html(&row.url),
        title = escape_html(&row.report_title),
        id = escape_html(&row.id),
        report = escape_html(&row.report.to_string_lossy()),
    )
}

/// The page a refused correction gets: what was wrong, and the way back.
pub fn message_page(message: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not saved · \
         minsheng</title><style>{STYLE}</style></head><body><main><h1>Not saved</h1><p>{}</p>\
         <p>Nothing was written. <a href=\"{PAGE}\">Back to the review page</a></p></main>\
         </body></html>\n",
        escape_html(message)
    )
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222}\
main{max-width:1200px;margin:0 auto;padding:1rem}form{margin:1rem 0}\
label{margin-right:.5rem}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}\
mark{background:#ffe08a}small{color:#666}select{max-width:100%}\
tbody tr:not(.fix) td{border-bottom:none}tr.fix td{border-bottom:2px solid #ccc;\
padding-bottom:.6rem}form input{width:14rem}\
@media (max-width:700px){thead{display:none}tr,td{display:block}\
tr{padding:.3rem 0}tr.fix{border-bottom:2px solid #bbb}td{border:none;padding:.15rem 0}}";
