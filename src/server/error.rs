//! API errors: each becomes a JSON body with one sentence and the right status.

use crate::graph::GraphError;
use crate::index::SearchError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What went wrong with a request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request cannot be answered as sent (bad query, bad parameter, bad code).
    #[error("{0}")]
    BadRequest(String),
    /// Nothing has that name.
    #[error("{0}")]
    NotFound(String),
    /// The server failed; logged, and told to the user without details.
    #[error("the server could not answer: {0}")]
    Internal(String),
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Query(q) => ApiError::BadRequest(q.to_string()),
            SearchError::Index(e) => ApiError::Internal(format!("{e:#}")),
        }
    }
}

impl From<GraphError> for ApiError {
    fn from(e: GraphError) -> Self {
        match e {
            GraphError::Unknown(_) => ApiError::NotFound(e.to_string()),
            GraphError::NotANumber(_) | GraphError::Depth(_) => ApiError::BadRequest(e.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Internal(message) => {
                tracing::error!("{message}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (
            status,
            Json(serde_json::json!({ "error": self.to_string() })),
        )
            .into_response()
    }
}
