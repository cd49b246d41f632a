//! tracuu's legacy-encoding tables against the reference tools, on every Vietnamese letter:
//! `fixtures/encodings/letters.<encoding>` were written by `iconv` and GNU `recode` (see
//! `fixtures/encodings/make.sh`).

use tracuu::ingest::encoding::Encoding;

const DIR: &str = "tests/fixtures/encodings";

/// Where tracuu knowingly differs from `recode`: its VNI table swaps the capitals `Ắ` and
/// `Ằ` (`AÈ`/`AÉ`) against the VNI fonts' own order, which tracuu follows (`AÉ` is `Ắ`, as
/// `aé` is `ắ`).
const RECODE_VNI_SWAPS: [&str; 2] = ["Ắ", "Ằ"];

fn check(encoding: Encoding, file: &str, exceptions: &[&str]) {
    let letters = std::fs::read_to_string(format!("{DIR}/letters.txt")).unwrap();
    let encoded = std::fs::read(format!("{DIR}/letters.{file}")).unwrap();
    let lines: Vec<&[u8]> = encoded.split(|&b| b == b'\n').collect();
    let mut checked = 0;
    for (letter, bytes) in letters.lines().zip(lines) {
        if bytes.is_empty() || exceptions.contains(&letter) {
            continue;
        }
        assert_eq!(encoding.decode(bytes), letter, "{file}: {bytes:02x?}");
        checked += 1;
    }
    assert!(checked >= 140, "{file}: only {checked} letters checked");
}

#[test]
fn tcvn3_matches_iconv() {
    check(Encoding::Tcvn3, "tcvn3", &[]);
}

#[test]
fn viscii_matches_iconv() {
    check(Encoding::Viscii, "viscii", &[]);
}

#[test]
fn windows_1258_matches_iconv() {
    check(Encoding::Windows1258, "windows-1258", &[]);
}

#[test]
fn vps_matches_recode() {
    check(Encoding::Vps, "vps", &[]);
}

#[test]
fn vni_matches_recode_but_for_its_two_swapped_capitals() {
    check(Encoding::Vni, "vni", &RECODE_VNI_SWAPS);
    let vni = std::fs::read(format!("{DIR}/letters.vni")).unwrap();
    assert!(
        vni.windows(3).any(|w| w == b"A\xc8\n"),
        "recode still writes Ắ as AÈ"
    );
    assert_eq!(Encoding::Vni.decode(b"A\xc9 A\xc8"), "Ắ Ằ");
}
