//! The index a running server answers from, swapped for a rebuilt one without downtime.
//!
//! `tracuu index` publishes a new generation by renaming `CURRENT`; the server notices
//! within [`WATCH_INTERVAL`] (or at once on SIGHUP), opens the new generation beside the
//! old and swaps one pointer. Requests under way finish on the index they started with;
//! the old one is dropped when the last of them ends. A generation that fails to open is
//! logged and the old index keeps serving.

use crate::index::{IndexDir, SearchIndex};
use arc_swap::ArcSwap;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

/// How often the index folder's `CURRENT` pointer is read.
pub const WATCH_INTERVAL: Duration = Duration::from_millis(500);

/// The index folder and the generation opened from it.
pub struct LiveIndex {
    dir: IndexDir,
    current: ArcSwap<SearchIndex>,
}

impl LiveIndex {
    /// Serves `opened`, which was opened from `dir`.
    pub fn new(dir: IndexDir, opened: SearchIndex) -> Self {
        LiveIndex {
            dir,
            current: ArcSwap::from_pointee(opened),
        }
    }

    /// The index to answer one request from.
    pub fn load(&self) -> Arc<SearchIndex> {
        self.current.load_full()
    }

    /// Opens the published generation if it is not the one being served. Returns the new
    /// generation's folder name when it swapped one in.
    pub fn refresh(&self) -> anyhow::Result<Option<String>> {
        let Some(published) = self.dir.current() else {
            return Ok(None);
        };
        if published == self.current.load().generation() {
            return Ok(None);
        }
        let opened = SearchIndex::open(&self.dir)?;
        opened.load_citations()?;
        let name = opened
            .generation()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.current.store(Arc::new(opened));
        Ok(Some(name))
    }
}

/// Checks for a new generation every [`WATCH_INTERVAL`] and on SIGHUP, forever.
pub async fn watch(live: Arc<LiveIndex>) {
    let mut hangup = Hangup::listen();
    let mut tick = tokio::time::interval(WATCH_INTERVAL);
    loop {
        tokio::select! {
            _ = tick.tick() => {},
            () = hangup.recv() => {},
        }
        let live = Arc::clone(&live);
        match tokio::task::spawn_blocking(move || live.refresh()).await {
            Ok(Ok(Some(name))) => tracing::info!("đã nạp lại chỉ mục: đang phục vụ {name}"),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => {
                tracing::warn!("chưa nạp được chỉ mục mới, vẫn phục vụ chỉ mục cũ: {e:#}")
            }
            Err(e) => tracing::warn!("nạp lại chỉ mục thất bại: {e}"),
        }
    }
}

/// SIGHUP, the usual way to ask a Unix daemon to reload; elsewhere only the timer reloads.
struct Hangup(#[cfg(unix)] Option<tokio::signal::unix::Signal>);

impl Hangup {
    fn listen() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Hangup(signal(SignalKind::hangup()).ok())
        }
        #[cfg(not(unix))]
        Hangup()
    }

    /// Returns at the next SIGHUP; never, where none can come.
    async fn recv(&mut self) {
        #[cfg(unix)]
        if let Some(signal) = &mut self.0 {
            signal.recv().await;
            return;
        }
        std::future::pending::<()>().await
    }
}

/// The index a handler answers from: the one current when its request arrived.
pub struct Current(pub Arc<SearchIndex>);

impl FromRequestParts<Arc<LiveIndex>> for Current {
    type Rejection = Infallible;

    async fn from_request_parts(
        _parts: &mut Parts,
        state: &Arc<LiveIndex>,
    ) -> Result<Self, Self::Rejection> {
        Ok(Current(state.load()))
    }
}
