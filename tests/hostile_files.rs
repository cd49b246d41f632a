//! A corpus of whatever files people have, next to the five seeds: indexing finishes, every
//! good file is searchable, every bad one is listed with its reason, memory stays bounded.

mod common;

use common::tracuu;
use serde_json::Value;
use std::fs;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

fn json(out: std::process::Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Writes every hostile file beside copies of the seeds. Returns whether the unreadable
/// file really is unreadable (it is not when the tests run as root).
fn write_corpus(dir: &Path) -> bool {
    for seed in fs::read_dir("seeds").unwrap() {
        let seed = seed.unwrap().path();
        fs::copy(&seed, dir.join(seed.file_name().unwrap())).unwrap();
    }
    fs::write(dir.join("bad_utf8.txt"), b"Ngh\xff\xfe quy\xe1t").unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "Nghị quyết số 99-NQ/TU về thử nghiệm mã hoá kho lưu trữ.\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    fs::write(dir.join("utf16.txt"), utf16).unwrap();
    fs::write(dir.join("empty.txt"), b"").unwrap();
    fs::write(
        dir.join("binary.txt"),
        b"PK\x03\x04\x00\x00\x01".repeat(100),
    )
    .unwrap();
    let line = "Đảng bộ tỉnh lãnh đạo phát triển kinh tế. ".repeat(1_200_000);
    fs::write(dir.join("one_line.txt"), &line.as_bytes()[..50_000_000]).unwrap();
    let nested = format!(
        "{}dòng lồng sâu nhất\n\nĐoạn văn sau danh sách lồng nhau.\n",
        "- ".repeat(10_000)
    );
    fs::write(dir.join("nested.md"), nested).unwrap();
    let nfd: String = "Nghị quyết về chuyển đổi số ở Hà Giang.\n".nfd().collect();
    fs::write(dir.join("nfd.txt"), nfd).unwrap();
    fs::write(
        dir.join("crlf.txt"),
        "Kết luận về phòng chống thiên tai.\r\nDòng thứ hai của kết luận.\r\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("/nonexistent/file", dir.join("dangling.txt")).unwrap();
    let unreadable = dir.join("unreadable.txt");
    fs::write(&unreadable, "Văn bản không đọc được.\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o000)).unwrap();
    fs::write(
        dir.join("Đề án du lịch cộng đồng.txt"),
        "Đề án số 12-ĐA/TU về phát triển du lịch cộng đồng vùng cao.\n",
    )
    .unwrap();
    fs::write(
        dir.join("script.txt"),
        "Thông báo kiểm thử.\n\nNội dung <script>alert(1)</script> và <b>đậm</b> an toàn.\n",
    )
    .unwrap();
    fs::read(&unreadable).is_err()
}

/// Peak resident memory of the largest child this process has waited for, in MB.
fn children_peak_rss_mb() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_CHILDREN is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss / 1024
}

#[test]
fn hostile_files_are_skipped_with_reasons_and_good_ones_are_searchable() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let unreadable = write_corpus(corpus.path());
    let report = json(tracuu(&[
        "index",
        "--json",
        "--input",
        corpus.path().to_str().unwrap(),
        "--index",
        index.path().to_str().unwrap(),
    ]));
    assert!(
        children_peak_rss_mb() < 300,
        "{} MB",
        children_peak_rss_mb()
    );

    let skipped: Vec<(String, String)> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["file"].as_str().unwrap().into(),
                s["reason"].as_str().unwrap().into(),
            )
        })
        .collect();
    let reason = |file: &str| {
        skipped
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("{file} not in skipped: {skipped:?}"))
    };
    assert!(reason("bad_utf8.txt").contains("không phải UTF-8 hợp lệ"));
    assert!(reason("empty.txt").contains("tệp rỗng"));
    assert!(reason("binary.txt").contains("tệp nhị phân"));
    assert!(reason("one_line.txt").contains("tệp quá lớn: 47 MB"));
    assert!(reason("loop").contains("liên kết tượng trưng vòng"));
    assert!(reason("dangling.txt").contains("không có tệp này"));
    if unreadable {
        assert!(reason("unreadable.txt").contains("không có quyền đọc"));
    }
    let expected_docs = if unreadable { 11 } else { 12 };
    assert_eq!(report["documents"], expected_docs, "{report}");

    let search = |query: &str| {
        json(tracuu(&[
            "search",
            "--json",
            "--index",
            index.path().to_str().unwrap(),
            query,
        ]))
    };
    let first_file = |query: &str| search(query)["hits"][0]["file"].clone();
    assert_eq!(first_file("mã hóa kho lưu trữ"), "utf16.txt");
    assert_eq!(first_file("chuyển đổi số Hà Giang"), "nfd.txt");
    assert_eq!(first_file("phòng chống thiên tai"), "crlf.txt");
    assert_eq!(first_file("dòng lồng sâu nhất"), "nested.md");
    assert_eq!(
        first_file("du lịch cộng đồng vùng cao"),
        "Đề án du lịch cộng đồng.txt"
    );
    let script = search("nội dung script alert");
    assert_eq!(script["hits"][0]["file"], "script.txt");
    let snippet = script["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("&lt;<mark>script</mark>&gt;"), "{snippet}");
    assert!(!snippet.contains("<script>"), "{snippet}");

    let listed = json(tracuu(&[
        "docs",
        "--json",
        "--index",
        index.path().to_str().unwrap(),
    ]));
    let seeds = listed["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().unwrap().starts_with('0'))
        .count();
    assert_eq!(seeds, 5, "every seed is still indexed");
}
