//! The HTTP handlers: short functions over the shared, read-only index.

use super::error::ApiError;
use super::live::Current;
use crate::codes::DocCode;
use crate::graph::{Graph, MAX_DEPTH};
use crate::index::{MAX_LIMIT, SearchRequest, SearchResults};
use crate::views::{DocsEntry, DocumentView, RefsView};
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use serde::Deserialize;
use serde_json::{Value, json};

/// `/api/search` parameters.
#[derive(Debug, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
    kind: Option<String>,
    issuer: Option<String>,
    year: Option<i32>,
}

/// Hits shown when the request names no limit.
const DEFAULT_LIMIT: usize = 20;

/// `GET /api/search?q=&limit=&kind=&issuer=&year=`, run off the async threads.
pub async fn search(
    Current(index): Current,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<SearchResults>, ApiError> {
    let Query(p) = params.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "limit must be between 1 and {MAX_LIMIT}, not {limit}"
        )));
    }
    let request = SearchRequest {
        query: p.q.unwrap_or_default(),
        limit,
        kind: p.kind,
        issuer: p.issuer,
        year: p.year,
    };
    let results = tokio::task::spawn_blocking(move || index.search(&request))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(Json(results))
}

/// `GET /api/refs/{code}`: each document the number names, with its citations.
pub async fn refs(
    Current(index): Current,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<RefsView>, ApiError> {
    let Path(code) = code.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let parsed = DocCode::parse(&code).ok_or_else(|| {
        let shown: String = code.chars().take(40).collect();
        ApiError::BadRequest(format!(
            "`{shown}` is not a document number: write it like 16-NQ/TU or 441/QĐ-UBND"
        ))
    })?;
    Ok(Json(RefsView::of(&index, &parsed)))
}

/// `/api/graph` parameters.
#[derive(Debug, Deserialize)]
pub struct GraphParams {
    depth: Option<usize>,
}

/// `GET /api/graph/{id}?depth=`: the map of links around a document or a number.
pub async fn graph(
    Current(index): Current,
    id: Result<Path<String>, PathRejection>,
    params: Result<Query<GraphParams>, QueryRejection>,
) -> Result<Json<Graph>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let Query(p) = params.map_err(|_| {
        ApiError::BadRequest(format!("Độ sâu phải là một số từ 1 đến {MAX_DEPTH}."))
    })?;
    let depth = p.depth.unwrap_or(1);
    let graph = tokio::task::spawn_blocking(move || Graph::around(&index, &id, depth))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(Json(graph))
}

/// `GET /api/docs`: every document.
pub async fn docs(Current(index): Current) -> Json<Value> {
    Json(json!({ "documents": DocsEntry::list(&index) }))
}

/// `GET /api/docs/{doc_id}`: one document whole.
pub async fn doc(
    Current(index): Current,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id.map_err(|e| ApiError::BadRequest(e.body_text()))?;
    let doc = index.document(&id).ok_or_else(|| {
        let shown: String = id.chars().take(80).collect();
        ApiError::NotFound(format!("no document `{shown}`: see /api/docs for the ids"))
    })?;
    serde_json::to_value(DocumentView::of(doc))
        .map(Json)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// `GET /healthz`.
pub async fn health(Current(index): Current) -> Json<Value> {
    let generation = index.generation().file_name().map(|n| n.to_string_lossy());
    Json(json!({
        "status": "ok",
        "documents": index.documents().len(),
        "generation": generation,
    }))
}
