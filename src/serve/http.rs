//! The HTTP side of `serve`: the built site under its base path, a live-reload script added to
//! every HTML page as it is sent, and an event stream that tells open pages to reload or to
//! show the build's errors.

use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use percent_encoding::percent_decode_str;
use tokio::sync::broadcast;

use super::corrections::{Guard, Refused};
use super::review;

/// Where the server's own files live, outside any base path a site can have.
pub const EVENTS: &str = "/__minsheng/events";
const SCRIPT: &str = super::LIVE_SCRIPT;

/// What open pages are told.
#[derive(Debug, Clone)]
pub enum Live {
    /// Pages to reload (URL paths), or all of them.
    Reload(Option<Vec<String>>),
    /// The last build failed; the text is its messages.
    Problems(String),
    /// The last build succeeded: said to a page as it connects.
    Clean,
}

/// What the handlers share with the rebuild loop.
pub struct Served {
    pub output: PathBuf,
    /// The path of `base_url`, such as `/` or `/minsheng/`.
    pub base_path: String,
    pub events: broadcast::Sender<Live>,
    /// The messages of the last build while it is failing, for pages opened meanwhile.
    pub problems: Mutex<Option<String>>,
    /// The figures of the site as last built, for the review page.
    pub review: Mutex<review::Rows>,
    /// What a correction from the review page must match.
    pub guard: Guard,
    /// Good builds since the server started. A page says which it was sent from, so that one
    /// opened just before a rebuild, and connected just after, reloads too.
    pub builds: AtomicU64,
}

impl Served {
    /// The messages of the last build if it failed.
    fn now(&self) -> Option<String> {
        self.problems.lock().ok().and_then(|p| p.clone())
    }
}

/// The routes of `serve`; the review page only when the server listens on `loopback`.
pub fn router(served: Arc<Served>, loopback: bool) -> Router {
    let router = Router::new()
        .route(EVENTS, get(events))
        .route(SCRIPT, get(script));
    let router = match loopback {
        true => router
            .route(review::PAGE, get(review_page))
            .route(review::ACTION, post(review_post)),
        false => router,
    };
    router.fallback(get(file)).with_state(served)
}

impl Served {
    /// The review page's rows as last built (each report's shared, not copied).
    fn review_rows(&self) -> review::Rows {
        self.review
            .lock()
            .map(|rows| rows.clone())
            .unwrap_or_default()
    }
}

async fn review_page(
    State(served): State<Arc<Served>>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    let rows = served.review_rows();
    let filter = review::Filter::of(pairs);
    let build = served.builds.load(Ordering::SeqCst);
    let page = review::page(&rows, &filter, &served.guard.token);
    // serve's live-reload script: the page follows each rebuild, as the site's pages do.
    with_type(inject(page.into_bytes(), build), "text/html; charset=utf-8")
}

/// A correction from the review page: written, then back to the page (its filters kept).
async fn review_post(
    State(served): State<Arc<Served>>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let (origin, referer) = (header(header::ORIGIN), header(header::REFERER));
    let rows = served.review_rows();
    match served.guard.apply(origin, referer, &rows, &form) {
        Ok(_) => {
            let back = referer
                .and_then(|r| served.guard.path_of(r))
                .filter(|path| path.starts_with(review::PAGE))
                .unwrap_or(review::PAGE);
            Redirect::to(back).into_response()
        }
        Err(Refused::Forbidden(message)) => (StatusCode::FORBIDDEN, message).into_response(),
        Err(Refused::Invalid(message)) => {
            let page = with_type(
                review::message_page(&message).into_bytes(),
                "text/html; charset=utf-8",
            );
            (StatusCode::BAD_REQUEST, page).into_response()
        }
    }
}

async fn events(
    State(served): State<Arc<Served>>,
    Query(page): Query<PageBuild>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = served.events.subscribe();
    let missed = page
        .build
        .is_some_and(|b| b < served.builds.load(Ordering::SeqCst));
    let now = match served.now() {
        _ if missed => Live::Reload(None),
        Some(problems) => Live::Problems(problems),
        None => Live::Clean,
    };
    let now = event(&now);
    let later = stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(live) => return Some((Ok(event(&live)), receiver)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream::once(async move { Ok(now) }).chain(later)).keep_alive(KeepAlive::default())
}

/// The event telling `live`. Each carries data: a browser drops an event whose data is empty.
fn event(live: &Live) -> Event {
    match live {
        Live::Clean => Event::default().event("clean").data("null"),
        Live::Reload(None) => Event::default().event("reload").data("null"),
        Live::Reload(Some(pages)) => Event::default()
            .event("reload")
            .data(serde_json::to_string(pages).unwrap_or_default()),
        // JSON keeps the message on one line of the stream.
        Live::Problems(text) => Event::default()
            .event("problems")
            .data(serde_json::to_string(text).unwrap_or_default()),
    }
}

/// The build a page was sent from, as its live-reload script tells on connecting.
#[derive(serde::Deserialize)]
struct PageBuild {
    build: Option<u64>,
}

async fn script(State(served): State<Arc<Served>>) -> Response {
    let now = served.now();
    let script = include_str!("live.js")
        .replace(
            "PROBLEMS_NOW",
            &serde_json::to_string(&now).unwrap_or_else(|_| "null".into()),
        )
        .replace("EVENTS_URL", &format!("\"{EVENTS}\""));
    with_type(script.into_bytes(), "text/javascript; charset=utf-8")
}

async fn file(State(served): State<Arc<Served>>, uri: Uri) -> Response {
    let raw = uri.path();
    let Some(rel) = site_path(raw, &served.base_path) else {
        if raw == "/" || format!("{raw}/") == served.base_path {
            return Redirect::temporary(&served.base_path).into_response();
        }
        return not_found(&served, Path::new("")).await;
    };
    // Read before the file: a page the rebuild changes after this reloads.
    let build = served.builds.load(Ordering::SeqCst);
    let mut path = served.output.join(&rel);
    if path.is_dir() {
        if !raw.ends_with('/') {
            // Built from the checked path, never from the raw one (`//host/x` would leave).
            let folder = url_path(&served.base_path, &rel);
            return Redirect::temporary(&format!("{folder}/")).into_response();
        }
        path = path.join("index.html");
    }
    match tokio::fs::read(&path).await {
        Ok(bytes) => page(bytes, &path, StatusCode::OK, build),
        Err(_) => not_found(&served, &rel).await,
    }
}

/// The file path under the output that a request path names, or `None` when it is outside
/// the base path or tries to leave the site (`..`, also percent-encoded).
pub fn site_path(raw: &str, base_path: &str) -> Option<PathBuf> {
    let rest = raw.strip_prefix(base_path)?;
    let decoded = percent_decode_str(rest).decode_utf8().ok()?;
    let mut path = PathBuf::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        let mut components = Path::new(part).components();
        let plain = matches!(
            (components.next(), components.next()),
            (Some(Component::Normal(_)), None)
        );
        if !plain || part.contains(['\\', '\0']) {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

/// The URL path of `rel` (a path under the output) under `base_path`, with `/` separators.
pub fn url_path(base_path: &str, rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("{base_path}{}", parts.join("/"))
}

/// The site's 404 page for the language of `rel` (`en/…` gets `en/404.html`).
async fn not_found(served: &Served, rel: &Path) -> Response {
    let localized = rel
        .components()
        .next()
        .map(|first| served.output.join(first).join("404.html"))
        .filter(|p| p.is_file());
    let path = localized.unwrap_or_else(|| served.output.join("404.html"));
    let build = served.builds.load(Ordering::SeqCst);
    match tokio::fs::read(&path).await {
        Ok(bytes) => page(bytes, &path, StatusCode::NOT_FOUND, build),
        // No build has succeeded yet: a bare page that still shows the errors.
        Err(_) => page(
            b"<!doctype html><title>minsheng</title><body></body>".to_vec(),
            Path::new("404.html"),
            StatusCode::NOT_FOUND,
            build,
        ),
    }
}

/// A file as sent from the good build numbered `build`: HTML pages get the live-reload
/// script before `</body>`.
fn page(bytes: Vec<u8>, path: &Path, status: StatusCode, build: u64) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        inject(bytes, build)
    } else {
        bytes
    };
    let mut response = with_type(body, kind);
    *response.status_mut() = status;
    response
}

fn inject(mut html: Vec<u8>, build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT}\" data-build=\"{build}\"></script>");
    let end = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(end..end, tag.into_bytes());
    html
}

fn with_type(body: Vec<u8>, kind: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // Every request sees the latest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" | "geojson" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        assert_eq!(site_path("/atlas/", "/atlas/"), Some(PathBuf::new()));
        assert_eq!(
            site_path("/atlas/districts/%E5%8D%97/", "/atlas/"),
            Some(PathBuf::from("districts/南"))
        );
        for bad in [
            "/atlas/../secret",
            "/atlas/%2e%2e/secret",
            "/atlas/a/%2E%2E%2Fb",
            "/atlas/a%2f..%2f..%2fetc/passwd",
            "/atlas/a%5c..%5cb",
            "/atlas/%00",
            "/other/",
        ] {
            assert_eq!(site_path(bad, "/atlas/"), None, "{bad}");
        }
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = inject(b"<p></body></p></BODY>".to_vec(), 7);
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.ends_with("<script src=\"/__minsheng/live.js\" data-build=\"7\"></script></BODY>"),
            "{html}"
        );
    }
}
