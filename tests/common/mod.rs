//! What the tests that talk to a real server share: starting `tracuu serve` on a free
//! loopback port over an index, and asking it things.

#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Runs the `tracuu` binary under test to the end.
pub fn tracuu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tracuu"))
        .args(args)
        .output()
        .expect("tracuu runs")
}

/// Runs `tracuu` with `args`, which must succeed, and reads its JSON output.
pub fn tracuu_json(args: &[&str]) -> Value {
    let out = tracuu(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `tracuu index --input CORPUS --index INDEX`, which must succeed.
pub fn build_index(corpus: &Path, index: &Path) {
    let out = tracuu(&[
        "index",
        "--json",
        "--input",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `tracuu serve`, killed when dropped.
pub struct Server {
    /// The server process.
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    dir: PathBuf,
    owns_dir: bool,
}

impl Server {
    /// Builds an index of seeds/ in a folder of its own and serves it.
    pub fn start_on_seeds(name: &str) -> Server {
        let dir = std::env::temp_dir().join(format!("tracuu-http-{name}-{}", std::process::id()));
        build_index(Path::new("seeds"), &dir);
        let mut server = Server::start(&dir);
        server.owns_dir = true;
        server
    }

    /// Starts `tracuu serve` on a free loopback port over the index folder `dir`.
    pub fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tracuu"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--index",
                dir.to_str().unwrap(),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("the server says where it listens");
        Server {
            url: url.trim_end_matches('/').to_owned(),
            child,
            dir: dir.to_owned(),
            owns_dir: false,
        }
    }

    /// GETs `path`: status, body, and the body as JSON (`Null` when it is not).
    pub fn get(&self, path: &str) -> (u16, String, Value) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(&format!("{}{path}", self.url))
            .call()
            .expect("the server answers");
        let status = response.status().as_u16();
        let csp = response
            .headers()
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let nosniff = response
            .headers()
            .get("x-content-type-options")
            .is_some_and(|v| v == "nosniff");
        assert!(
            nosniff && csp.contains("default-src 'none'"),
            "{path}: security headers"
        );
        let body = response.body_mut().read_to_string().unwrap();
        let json = serde_json::from_str(&body).unwrap_or(Value::Null);
        (status, body, json)
    }
}

impl Server {
    /// The status of a request sent byte for byte, for targets no HTTP client will build.
    pub fn raw_status(&self, method: &str, target: &str) -> u16 {
        use std::io::{Read, Write};
        let addr = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).unwrap();
        String::from_utf8_lossy(&head[9..12]).parse().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.owns_dir {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
