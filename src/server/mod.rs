//! The HTTP server: the JSON API of the CLI contract and the web page, served from the binary.

mod error;
mod live;
mod routes;

pub use live::{LiveIndex, WATCH_INTERVAL};

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// Largest request body accepted (the API takes none).
const MAX_BODY: usize = 16 * 1024;
/// Longest a request may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// What the page may load: only its own scripts and styles.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

/// The routes, over the index being served.
pub fn router(live: Arc<LiveIndex>) -> Router {
    Router::new()
        .route("/", get(|| async { Html(INDEX_HTML) }))
        .route(
            "/app.js",
            get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/style.css",
            get(|| async { asset(STYLE_CSS, "text/css; charset=utf-8") }),
        )
        .route("/healthz", get(routes::health))
        .route("/api/search", get(routes::search))
        .route("/api/refs/{*code}", get(routes::refs))
        .route("/api/graph/{*id}", get(routes::graph))
        .route("/api/docs", get(routes::docs))
        .route("/api/docs/{*doc_id}", get(routes::doc))
        .fallback(|| async { error::ApiError::NotFound("Không có trang này.".into()) })
        .layer(middleware::from_fn(log_and_secure))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            TIMEOUT,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .with_state(live)
}

fn asset(body: &'static str, mime: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, mime)], body)
}

/// One log line per request with its latency; security headers on every answer.
async fn log_and_secure(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let shown: String = path.chars().take(200).collect();
    tracing::info!(
        "{method} {shown} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests under way. A generation
/// published to the index folder meanwhile is picked up without a restart.
pub async fn serve(live: LiveIndex, addr: &str) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "tracuu: mở http://{local}/ trong trình duyệt (Ctrl-C để dừng)"
    );
    let _ = out.flush();
    let live = Arc::new(live);
    tokio::spawn(live::watch(Arc::clone(&live)));
    axum::serve(listener, router(live))
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("đang dừng máy chủ");
}
