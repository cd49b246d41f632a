//! API errors: each becomes a JSON body with one Vietnamese sentence and the right status.
//! Internal failures are logged in full and answered with a fixed sentence.

use crate::index::SearchError;
use crate::views::GraphError;
use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What the user reads when the server fails: no detail of the failure leaves the log.
const INTERNAL: &str = "Máy chủ gặp lỗi khi trả lời; xin thử lại sau.";

/// The parameters of the API that must be whole numbers.
const NUMERIC_PARAMS: [&str; 2] = ["limit", "year"];

/// What went wrong with a request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request cannot be answered as sent (bad query, bad parameter, bad code).
    #[error("{0}")]
    BadRequest(String),
    /// Nothing has that name.
    #[error("{0}")]
    NotFound(String),
    /// The server failed; the detail is logged, never sent.
    #[error("{INTERNAL}")]
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

impl From<QueryRejection> for ApiError {
    /// Our own sentence for a query string that does not parse, naming the parameter when
    /// it is one of ours; axum's wording is logged only.
    fn from(rejection: QueryRejection) -> Self {
        let detail = rejection.body_text();
        tracing::debug!("query string refused: {detail}");
        let param = NUMERIC_PARAMS
            .into_iter()
            .find(|p| detail.contains(&format!("{p}:")));
        ApiError::BadRequest(match param {
            Some(p) => format!("Tham số {p} phải là một số nguyên."),
            None => "Chuỗi tham số của yêu cầu không hợp lệ.".to_owned(),
        })
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        tracing::debug!("path refused: {}", rejection.body_text());
        ApiError::BadRequest("Đường dẫn của yêu cầu không hợp lệ.".to_owned())
    }
}

impl From<GraphError> for ApiError {
    fn from(e: GraphError) -> Self {
        match e {
            GraphError::Unknown(_) => ApiError::NotFound(e.to_string()),
            GraphError::NotANumber(_) | GraphError::Depth(_) => ApiError::BadRequest(e.to_string()),
            GraphError::Index(e) => ApiError::Internal(format!("{e:#}")),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Internal(detail) => {
                tracing::error!("{detail}");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_tells_no_detail() {
        let e = ApiError::Internal("segment 3 of /srv/index is damaged".into());
        assert_eq!(e.to_string(), INTERNAL);
    }
}
