//! The index rebuilt and swapped in while the server is under load, and builds killed half
//! way: no query fails, every answer comes from a whole index, nothing is lost.

mod common;

use common::{Server, build_index, tracuu};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A document the rebuilt index adds: its words are in no seed.
const NEW_DOCUMENT: &str = "Đề án số 12-ĐA/TU của Ban Thường vụ Tỉnh ủy về bảo vệ rừng ngập \
mặn Cần Giờ gắn với xây dựng Đảng bộ vững mạnh, phát triển du lịch sinh thái.\n";

/// Queries the load sends: one only the new document answers (a quoted phrase, so that no
/// partial match stands in for it), the rest common words.
const QUERIES: [&str; 4] = [
    "%22r%E1%BB%ABng%20ng%E1%BA%ADp%20m%E1%BA%B7n%20C%E1%BA%A7n%20Gi%E1%BB%9D%22",
    "%C4%90%E1%BA%A3ng%20b%E1%BB%99",
    "12-%C4%90A%2FTU",
    "ph%C3%A1t%20tri%E1%BB%83n",
];

fn copy_seeds(to: &Path) {
    for seed in std::fs::read_dir("seeds").unwrap() {
        let seed = seed.unwrap().path();
        std::fs::copy(&seed, to.join(seed.file_name().unwrap())).unwrap();
    }
}

/// `total` of each query in `QUERIES`.
fn totals(server: &Server) -> Vec<u64> {
    QUERIES
        .iter()
        .map(|q| {
            server.get(&format!("/api/search?q={q}&limit=5")).2["total"]
                .as_u64()
                .unwrap()
        })
        .collect()
}

/// Resident memory of a process, in MB.
fn rss_mb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap();
    kb / 1024
}

/// Waits until the server answers from the generation `CURRENT` names.
fn wait_for_swap(server: &Server, index: &Path) {
    let published = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    let started = Instant::now();
    while server.get("/healthz").2["generation"] != published.trim() {
        assert!(started.elapsed() < Duration::from_secs(20), "no swap");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// What the load threads saw.
#[derive(Default)]
struct Load {
    requests: AtomicUsize,
    failures: Mutex<Vec<String>>,
}

/// One client: asks the queries in turn until `stop`, checking each answer is one of the
/// two indexes' (`before` or `after`, known once the test ends).
fn client(
    url: String,
    stop: Arc<AtomicBool>,
    load: Arc<Load>,
    answers: Arc<Mutex<Vec<(usize, u64)>>>,
) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let mut i = 0;
    while !stop.load(Ordering::Relaxed) {
        let q = i % QUERIES.len();
        i += 1;
        load.requests.fetch_add(1, Ordering::Relaxed);
        let answer = agent
            .get(&format!("{url}/api/search?q={}&limit=5", QUERIES[q]))
            .call();
        match answer {
            Ok(mut r) if r.status() == 200 => {
                let json: serde_json::Value =
                    serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
                answers
                    .lock()
                    .unwrap()
                    .push((q, json["total"].as_u64().unwrap()));
            }
            Ok(r) => load
                .failures
                .lock()
                .unwrap()
                .push(format!("status {}", r.status())),
            Err(e) => load.failures.lock().unwrap().push(e.to_string()),
        }
    }
}

#[test]
fn rebuilt_index_is_swapped_in_under_load_without_a_failed_query() {
    let seconds: u64 = std::env::var("TRACUU_LOAD_SECONDS").map_or(8, |s| s.parse().unwrap());
    let clients: usize = std::env::var("TRACUU_LOAD_CLIENTS").map_or(64, |s| s.parse().unwrap());
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    copy_seeds(corpus.path());
    build_index(corpus.path(), index.path());
    let server = Server::start(index.path());
    let before = totals(&server);
    assert_eq!(before[0], 0, "the new document is not in the first index");

    let stop = Arc::new(AtomicBool::new(false));
    let load = Arc::new(Load::default());
    let answers = Arc::new(Mutex::new(Vec::new()));
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let (url, stop, load, answers) = (
                server.url.clone(),
                stop.clone(),
                load.clone(),
                answers.clone(),
            );
            std::thread::spawn(move || client(url, stop, load, answers))
        })
        .collect();

    let started = Instant::now();
    let new_file = corpus.path().join("zz_can_gio.txt");
    let mut swaps = 0;
    let mut memory = Vec::new();
    while started.elapsed() < Duration::from_secs(seconds) || swaps % 2 == 0 {
        if swaps % 2 == 0 {
            std::fs::write(&new_file, NEW_DOCUMENT).unwrap();
        } else {
            std::fs::remove_file(&new_file).unwrap();
        }
        build_index(corpus.path(), index.path());
        wait_for_swap(&server, index.path());
        swaps += 1;
        memory.push(rss_mb(server.child.id()));
    }
    stop.store(true, Ordering::Relaxed);
    threads.into_iter().for_each(|t| t.join().unwrap());

    let after = totals(&server);
    assert_eq!(after[0], 1, "the new document is searchable after the swap");
    let failures = load.failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let answers = answers.lock().unwrap();
    let torn = answers
        .iter()
        .filter(|&&(q, total)| total != before[q] && total != after[q])
        .count();
    assert_eq!(torn, 0, "answers from neither index");
    let requests = load.requests.load(Ordering::Relaxed);
    eprintln!(
        "{requests} requests by {clients} clients in {:.1} s, {swaps} swaps, server RSS after each swap (MB): {memory:?}",
        started.elapsed().as_secs_f64()
    );
    assert!(answers.len() == requests && swaps >= 2);
    let (early, late) = memory.split_at(memory.len() / 2);
    let (early, late) = (early.iter().max().unwrap(), late.iter().max().unwrap());
    assert!(
        late <= &(early + 10),
        "memory grows across swaps: {memory:?}"
    );
}

#[test]
fn a_build_killed_half_way_leaves_the_old_index_served() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    copy_seeds(corpus.path());
    build_index(corpus.path(), index.path());
    let server = Server::start(index.path());
    let before = totals(&server);
    let published = std::fs::read_to_string(index.path().join("CURRENT")).unwrap();

    let big = tempfile::tempdir().unwrap();
    for copy in 0..150 {
        for seed in std::fs::read_dir("seeds").unwrap() {
            let seed = seed.unwrap().path();
            let name = format!("{copy:03}_{}", seed.file_name().unwrap().to_string_lossy());
            std::fs::copy(&seed, big.path().join(name)).unwrap();
        }
    }
    let generations = || {
        std::fs::read_dir(index.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("gen-")
            })
            .count()
    };
    // Killed while reading the corpus, then at three moments of writing the new generation.
    for (writing, delay_ms) in [(false, 200), (true, 0), (true, 300), (true, 900)] {
        // Counted before the build starts: it makes its folder at once.
        let present = generations();
        let mut build = Command::new(env!("CARGO_BIN_EXE_tracuu"))
            .args(["index", "--json", "--input", big.path().to_str().unwrap()])
            .args(["--index", index.path().to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        while writing && generations() == present {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        assert!(
            build.try_wait().unwrap().is_none(),
            "the build ended before the kill"
        );
        build.kill().unwrap();
        build.wait().unwrap();

        let now = std::fs::read_to_string(index.path().join("CURRENT")).unwrap();
        assert_eq!(now, published, "CURRENT still names the old generation");
        assert_eq!(totals(&server), before, "the server answers as before");
        let searched = tracuu(&[
            "search",
            "--json",
            "--index",
            index.path().to_str().unwrap(),
            "Đảng bộ",
        ]);
        let json: serde_json::Value = serde_json::from_slice(&searched.stdout).unwrap();
        assert_eq!(
            json["total"].as_u64(),
            Some(before[1]),
            "a new reader opens the old index"
        );
    }
    assert!(generations() > 1, "the killed builds left their folders");
    build_index(corpus.path(), index.path());
    assert_eq!(generations(), 1, "the next build removes them");
}
