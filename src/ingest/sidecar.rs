//! Curated metadata: a `NAME.meta.toml` beside a file overrides what extraction found.

use super::document::{DateBasis, Metadata, Signer};
use crate::vocabulary::{Date, DocCode, Issuer, Kind};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The fields a curator may set; every one is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    kind: Option<String>,
    title: Option<String>,
    issuer: Option<String>,
    locality: Option<String>,
    province: Option<String>,
    date: Option<String>,
    year: Option<i32>,
    number: Option<String>,
    signer: Option<String>,
}

/// Where the sidecar of `file` would be: `x.txt` -> `x.meta.toml`.
pub fn path_for(file: &Path) -> PathBuf {
    file.with_extension("meta.toml")
}

/// Applies the sidecar of `file`, if there is one. An unreadable or invalid sidecar is
/// reported and the extracted metadata kept.
pub fn apply(file: &Path, meta: &mut Metadata) -> Result<(), String> {
    let path = path_for(file);
    if !path.is_file() {
        return Ok(());
    }
    let text =
        std::fs::read_to_string(&path).map_err(|e| format!("không đọc được tệp kèm: {e}"))?;
    let sidecar: Sidecar =
        toml::from_str(&text).map_err(|e| format!("tệp kèm không hợp lệ: {}", e.message()))?;
    override_fields(sidecar, meta)
}

fn override_fields(s: Sidecar, meta: &mut Metadata) -> Result<(), String> {
    let invalid =
        |field: &str, value: &str| format!("tệp kèm không hợp lệ: không hiểu {field} «{value}»");
    if let Some(kind) = s.kind {
        meta.kind = Some(Kind::from_word(&kind).ok_or_else(|| invalid("kind", &kind))?);
    }
    if let Some(issuer) = s.issuer {
        let (parsed, _) =
            Issuer::parse_phrase(&issuer).ok_or_else(|| invalid("issuer", &issuer))?;
        meta.issuer = Some(parsed.located(s.locality.as_deref()));
    }
    if let Some(date) = s.date {
        let parsed = Date::parse_iso(&date).or_else(|| Date::parse_dmy(&date));
        meta.date = Some(parsed.ok_or_else(|| invalid("date", &date))?);
        meta.year = meta.date.map(Date::year);
        meta.date_basis = Some(DateBasis::Sidecar);
    }
    if let Some(number) = s.number {
        meta.number = Some(DocCode::parse(&number).ok_or_else(|| invalid("number", &number))?);
    }
    if let Some(name) = s.signer {
        meta.signer.get_or_insert_with(Signer::default).name = Some(name);
    }
    meta.title = s.title.or(meta.title.take());
    meta.locality = s.locality.or(meta.locality.take());
    meta.province = s.province.or(meta.province.take());
    meta.year = s.year.or(meta.year);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sidecar_overrides_extracted_fields() {
        let mut meta = Metadata {
            title: Some("về cũ".into()),
            ..Metadata::default()
        };
        let sidecar: Sidecar = toml::from_str(
            "kind = 'NQ'\nnumber = '25-nq/tu'\ndate = '10/12/2022'\nissuer = 'Tỉnh ủy Lào Cai'",
        )
        .unwrap();
        override_fields(sidecar, &mut meta).unwrap();
        assert_eq!(meta.kind, Some(Kind::NghiQuyet));
        assert_eq!(meta.number.unwrap().canonical(), "25-NQ/TU");
        assert_eq!(meta.year, Some(2022));
        assert_eq!(meta.issuer.unwrap().to_string(), "Tỉnh ủy Lào Cai");
        assert_eq!(meta.title.as_deref(), Some("về cũ"));
    }

    #[test]
    fn a_bad_value_is_reported() {
        let sidecar: Sidecar = toml::from_str("date = 'tomorrow'").unwrap();
        assert!(
            override_fields(sidecar, &mut Metadata::default())
                .unwrap_err()
                .contains("date")
        );
        assert!(toml::from_str::<Sidecar>("colour = 'red'").is_err());
    }
}
