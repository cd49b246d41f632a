//! The HTTP handlers: short functions over the shared, read-only index.

use super::error::ApiError;
use super::live::Current;
use crate::index::{MAX_LIMIT, SearchRequest};
use crate::views::{DocsEntry, DocumentView, Graph, MAX_DEPTH, RefsView, SearchView};
use crate::vocabulary::DocCode;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
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

/// `GET /api/search?q=&limit=&kind=&issuer=&year=`, run off the async threads and written
/// straight to bytes there.
pub async fn search(
    Current(index): Current,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(p) = params.map_err(ApiError::from)?;
    let limit = p.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::BadRequest(format!(
            "limit phải từ 1 đến {MAX_LIMIT}, không phải {limit}."
        )));
    }
    let request = SearchRequest {
        query: p.q.unwrap_or_default(),
        limit,
        kind: p.kind,
        issuer: p.issuer,
        year: p.year,
    };
    let body = tokio::task::spawn_blocking(move || {
        let results = index.search(&request)?;
        serde_json::to_vec(&SearchView::of(&index, &results))
            .map_err(|e| ApiError::Internal(e.to_string()))
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))??;
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

/// `GET /api/refs/{code}`: each document the number names, with its citations.
pub async fn refs(
    Current(index): Current,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<RefsView>, ApiError> {
    let Path(code) = code.map_err(ApiError::from)?;
    let parsed = DocCode::parse(&code).ok_or_else(|| {
        let shown: String = code.chars().take(40).collect();
        ApiError::BadRequest(format!(
            "«{shown}» không phải là số hiệu văn bản: hãy viết như 16-NQ/TU hoặc 441/QĐ-UBND."
        ))
    })?;
    let view = RefsView::of(&index, &parsed).map_err(|e| ApiError::Internal(format!("{e:#}")))?;
    Ok(Json(view))
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
    let heads = index.documents();
    Json(json!({ "documents": DocsEntry::list(&heads) }))
}

/// `GET /api/docs/{doc_id}`: one document whole.
pub async fn doc(
    Current(index): Current,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = id.map_err(ApiError::from)?;
    let found = index
        .document(&id)
        .map_err(|e| ApiError::Internal(format!("{e:#}")))?;
    let doc = found.ok_or_else(|| {
        let shown: String = id.chars().take(80).collect();
        ApiError::NotFound(format!(
            "Không có văn bản «{shown}»: xem danh sách mã ở /api/docs."
        ))
    })?;
    serde_json::to_value(DocumentView::of(&doc))
        .map(Json)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// `GET /healthz`.
pub async fn health(Current(index): Current) -> Json<Value> {
    let generation = index.generation().file_name().map(|n| n.to_string_lossy());
    Json(json!({
        "status": "ok",
        "documents": index.document_count(),
        "generation": generation,
    }))
}
