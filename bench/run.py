#!/usr/bin/env python3
"""Benchmark harness for tracuu: index build and query speed, side by side with SQLite FTS5,
tantivy's default analyzer and ripgrep, on the generated corpus, in one run.

    python3 bench/run.py --mb 100            # the full run (corpus generated once, cached)
    python3 bench/run.py --mb 1 --runs 5     # what CI runs so the harness cannot rot
    python3 bench/run.py --mb --corpus DIR   # a real corpus folder (.txt/.md) alone

The generated corpus comes from bench/gen_corpus.py (the seeds recombined), so a fresh clone
can run every line above.

Prints Markdown tables; `--write BENCHMARKS.md` also writes them into that file, in place of
everything after its `## Results` heading (the whole file when it has none).
"""

import argparse
import collections
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "bench" / "gen_corpus.py"
SEEDS = ROOT / "seeds"
RELEASE = ROOT / "target" / "release"
CODE = re.compile(r"\b(\d{1,4})-(NQ|KL|CT|ĐA|KH|QĐ)/(TU|TW)\b")


def corpus(mb):
    """The generated corpus of `mb` megabytes, made once and cached under target/."""
    out = ROOT / "target" / "bench-corpus" / f"mb{mb}-seed1"
    if not (out / ".done").exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([sys.executable, str(GEN), "--seeds", str(SEEDS), "--out", str(out),
                        "--mb", str(mb), "--seed", "1"], check=True, stdout=subprocess.DEVNULL)
        (out / ".done").write_text("")
    return out


def files(path):
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))


def common_code(path):
    counts = collections.Counter()
    for f in files(path)[:200]:
        counts.update("-".join(m) for m in CODE.findall(f.read_text(encoding="utf-8")))
    number, kind, issuer = counts.most_common(1)[0][0].split("-")
    return f"{number}-{kind}/{issuer}" if "/" not in kind else kind


def queries(path):
    """One query per class, the same text for every engine. `five-word` is a query as Party
    office staff type it, whose last words spell out an abbreviation (KT-XH)."""
    return [
        ("rare", "apatit"),
        ("common", "phát triển"),
        ("multi-word", "chuyển đổi số"),
        ("phrase", '"cao tốc Nội Bài"'),
        ("no-diacritics", "chuyen doi so"),
        ("code", common_code(path)),
        ("five-word", "phát triển kinh tế xã hội"),
    ]


# The classes the HTTP mix runs, as it has since the first run, so that its figures compare
# across runs.
HTTP_CLASSES = ("rare", "common", "multi-word", "phrase", "no-diacritics", "code")


def run_measured(cmd):
    """Runs a command; returns (stdout, wall seconds, peak RSS in MB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"{cmd[0]} failed: {err.decode(errors='replace')[-500:]}")
    return out.decode(), seconds, usage.ru_maxrss / 1024


def warm(path, every_file=False):
    """Reads the corpus's files (or with `every_file` every file below `path`) once, so that
    each engine starts from the same page cache. The machines this runs on page out what
    has not been touched for a minute (DAMON reclaim), so the engine measured first paid
    for reading the files from disk: a cold read of the real corpus alone took 35 s, and
    the tracuu build measured first 112-120 s instead of 52-60. Returns the seconds taken."""
    started = time.perf_counter()
    for f in (Path(path).rglob("*") if every_file else files(path)):
        if f.is_file():
            f.read_bytes()
    return time.perf_counter() - started


def size(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def percentiles(ms):
    ms = sorted(ms)
    return {"median_ms": statistics.median(ms), "p99_ms": ms[round((len(ms) - 1) * 0.99)]}


def mirror(path, work):
    """The corpus seen through symbolic links, so that a file can be added without touching it."""
    out = work / "corpus"
    for f in files(path):
        link = out / f.relative_to(path)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(f)
    return out


def cli_search(work, qs, runs):
    """`tracuu search` as a person runs it, process start included: median seconds, peak RSS."""
    seconds, rss = [], 0.0
    for _, q in qs:
        for _ in range(max(1, runs // 10)):
            _, s, r = run_measured([str(RELEASE / "tracuu"), "search", q, "--index", str(work / "tracuu")])
            seconds.append(s)
            rss = max(rss, r)
    return statistics.median(seconds) * 1000, rss


def add_one(corpus, work):
    """Seconds to re-index after one new file, and how many files that build read."""
    new = corpus / "zz_added_for_bench.md"
    if new.is_symlink() or new.exists():
        raise RuntimeError(f"{new.name} is already in the corpus (a run stopped midway?): remove it from "
                           f"{os.path.realpath(new)}, or the re-index measured would read nothing new")
    with open(new, "x", encoding="utf-8") as out:
        out.write((SEEDS / "004_80be5cad5ba79208.txt").read_text(encoding="utf-8"))
    out, seconds, rss = run_measured([str(RELEASE / "tracuu"), "index", "--input", str(corpus),
                                      "--index", str(work / "tracuu"), "--json"])
    return seconds, json.loads(out)["read"], rss


def bench_tracuu(path, work, qfile, qs, runs):
    corpus = mirror(path, work)
    first_read = warm(path)
    out, seconds, rss = run_measured([str(RELEASE / "tracuu"), "index", "--input", str(corpus),
                                      "--index", str(work / "tracuu"), "--json"])
    report = json.loads(out)
    current = (work / "tracuu" / "CURRENT").read_text().strip()
    lat, _, _ = run_measured([str(RELEASE / "examples" / "query_latency"), str(work / "tracuu"), str(qfile), str(runs)])
    cli_ms, cli_rss = cli_search(work, qs, runs)
    index_bytes = size(work / "tracuu" / current)
    added_seconds, added_read, added_rss = add_one(corpus, work)
    return {"build_seconds": seconds, "first_read_seconds": first_read, "index_bytes": index_bytes, "rss_mb": rss,
            "paragraphs": report["paragraphs"], "classes": json.loads(lat), "cli_ms": cli_ms,
            "cli_rss_mb": cli_rss, "add_one_seconds": added_seconds, "add_one_read": added_read,
            "add_one_rss_mb": added_rss}


def bench_tantivy(path, work, qfile, runs):
    warm(path)
    out, _, rss = run_measured([str(RELEASE / "examples" / "tantivy_default"), str(path), str(work / "tantivy"),
                                str(qfile), str(runs)])
    result = json.loads(out)
    result["rss_mb"] = rss
    return result


def fts5_query(text):
    if text.startswith('"'):
        return text
    return " ".join('"' + w.replace('"', "") + '"' for w in text.split())


def bench_sqlite(path, work, qs, runs):
    db = work / "fts5.db"
    warm(path)
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE p USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    for f in files(path):
        text = f.read_text(encoding="utf-8", errors="replace")
        con.executemany("INSERT INTO p(body) VALUES (?)", ((b,) for b in text.split("\n\n") if b.strip()))
    con.commit()
    build = time.perf_counter() - started
    classes = {}
    for cls, q in qs:
        ms, hits = [], 0
        for i in range(runs):
            t = time.perf_counter()
            rows = con.execute("SELECT rowid FROM p WHERE p MATCH ? ORDER BY rank LIMIT 10", (fts5_query(q),)).fetchall()
            ms.append((time.perf_counter() - t) * 1000)
            if i == 0:
                hits = con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (fts5_query(q),)).fetchone()[0]
        classes[cls] = {**percentiles(ms), "hits": hits}
    con.close()
    return {"build_seconds": build, "index_bytes": db.stat().st_size, "classes": classes}


def bench_ripgrep(path, qs, runs):
    rg = shutil.which("rg")
    if not rg:
        return None
    classes = {}
    for cls, q in qs:
        ms, hits = [], 0
        for _ in range(runs):
            t = time.perf_counter()
            out = subprocess.run([rg, "-F", "-i", "-c", "--no-messages", q.strip('"'), str(path)],
                                 stdout=subprocess.PIPE, check=False).stdout.decode()
            ms.append((time.perf_counter() - t) * 1000)
            hits = sum(int(line.rsplit(":", 1)[1]) for line in out.splitlines() if ":" in line)
        classes[cls] = {**percentiles(ms), "hits": hits}
    return {"classes": classes}


def bench_http(work, qs, seconds, concurrency):
    """wrk over the six queries of HTTP_CLASSES against `tracuu serve`, its index read into the page cache
    first, as the other engines' queries run right after their builds: first a short run
    from the server's start (reported apart: the server's own caches are cold), then the
    measured run."""
    wrk = shutil.which("wrk")
    if not wrk:
        return None
    warm(work / "tracuu", every_file=True)
    server = subprocess.Popen([str(RELEASE / "tracuu"), "serve", "--addr", "127.0.0.1:0", "--index", str(work / "tracuu")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        url = server.stdout.readline().decode().split("http://")[1].split("/")[0]
        paths = ["/api/search?q=" + urllib.parse.quote(q) for c, q in qs if c in HTTP_CLASSES]
        script = work / "paths.lua"
        script.write_text("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n"
                          "local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                          "  return wrk.format('GET', paths[i])\nend\n")
        run = lambda s: wrk_run([wrk, "-t2", f"-c{concurrency}", f"-d{s}s", "--latency", "-s", str(script),
                                 f"http://{url}"])
        start = run(WARM_UP_SECONDS)
        result = run(seconds)
        rss = int(re.search(r"VmHWM:\s+(\d+)", Path(f"/proc/{server.pid}/status").read_text()).group(1)) / 1024
    finally:
        server.terminate()
        server.wait()
    return {**result, "start_rps": start["rps"], "start_errors": start["errors"],
            "server_rss_mb": rss, "concurrency": concurrency}


# Seconds of wrk run from the server's start before the measured run.
WARM_UP_SECONDS = 3


def wrk_run(cmd):
    """Runs wrk; returns its requests a second, p50 and p99 in ms and its errors."""
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout.decode()
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    lat = {p: float(v) * unit[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", out, re.M)}
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = sum(map(int, socket.groups() if socket else [])) + (int(non_2xx.group(1)) if non_2xx else 0)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50_ms": lat.get("50"),
            "p99_ms": lat.get("99"), "errors": errors}


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "—"


def tables(name, corpus_bytes, r):
    t, s, v = r["tracuu"], r["sqlite"], r["tantivy"]
    mbs = lambda res: corpus_bytes / 1e6 / res["build_seconds"]
    lines = [f"### {name} ({corpus_bytes / 1e6:.1f} MB, {len(files(r['path']))} files)", "",
             "| build | tracuu | SQLite FTS5 | tantivy default | tracuu / FTS5 |", "| --- | --- | --- | --- | --- |",
             f"| seconds | {t['build_seconds']:.2f} | {s['build_seconds']:.2f} | {v['build_seconds']:.2f} | {ratio(t['build_seconds'], s['build_seconds'])} |",
             f"| MB/s | {mbs(t):.1f} | {mbs(s):.1f} | {mbs(v):.1f} | {ratio(mbs(t), mbs(s))} |",
             f"| index / corpus | {t['index_bytes'] / corpus_bytes:.2f} | {s['index_bytes'] / corpus_bytes:.2f} | {v['index_bytes'] / corpus_bytes:.2f} | |",
             f"| peak RSS MB | {t['rss_mb']:.0f} | | {v['rss_mb']:.0f} | |",
             f"| reading the files before the builds (each build starts from them in memory), s | {t['first_read_seconds']:.2f} | | | |",
             f"| one file added: re-index s (files read, peak RSS MB) | {t['add_one_seconds']:.2f} ({t['add_one_read']}, {t['add_one_rss_mb']:.0f}) | | | |",
             f"| CLI search, process start included: median ms (peak RSS MB) | {t['cli_ms']:.0f} ({t['cli_rss_mb']:.0f}) | | | |", "",
             "| query (median / p99 ms, hits) | tracuu | SQLite FTS5 | tantivy default | ripgrep | tracuu / FTS5 (median) |",
             "| --- | --- | --- | --- | --- | --- |"]
    for cls in t["classes"]:
        cell = lambda res: (f"{res['classes'][cls]['median_ms']:.2f} / {res['classes'][cls]['p99_ms']:.2f} ({res['classes'][cls]['hits']})"
                            if res and cls in res["classes"] else "—")
        lines.append(f"| {cls} | {cell(t)} | {cell(s)} | {cell(v)} | {cell(r['ripgrep'])} | "
                     f"{ratio(t['classes'][cls]['median_ms'], s['classes'][cls]['median_ms'])} |")
    h = r["http"]
    if h:
        lines += ["", "| HTTP (wrk, mixed queries) | requests/s | p50 ms | p99 ms | errors | server RSS MB | "
                  f"first {WARM_UP_SECONDS} s after start: requests/s (errors) |",
                  "| --- | --- | --- | --- | --- | --- | --- |",
                  f"| concurrency {h['concurrency']} | {h['rps']:.0f} | {h['p50_ms']} | {h['p99_ms']} | {h['errors']} | "
                  f"{h['server_rss_mb']:.0f} | {h['start_rps']:.0f} ({h['start_errors']}) |"]
    return "\n".join(lines) + "\n"


def growth(runs):
    """One row per corpus size: how build, index, memory and latency grow with the text."""
    classes = list(runs[0][2]["tracuu"]["classes"])
    lines = ["### Growth", "",
             "| corpus | build s | MB/s | tracuu / FTS5 build | index / corpus | build RSS MB | add one file s | CLI search ms | "
             + " | ".join(f"{c} ms" for c in classes) + " | HTTP req/s | HTTP p99 ms | server RSS MB |",
             "| --- " * (12 + len(classes)) + "|"]
    for name, corpus_bytes, r in runs:
        t, h, s = r["tracuu"], r["http"] or {}, r["sqlite"]
        medians = " | ".join(f"{t['classes'][c]['median_ms']:.2f}" for c in classes)
        lines.append(f"| {name} | {t['build_seconds']:.1f} | {corpus_bytes / 1e6 / t['build_seconds']:.1f} | "
                     f"{ratio(t['build_seconds'], s['build_seconds'])} | "
                     f"{t['index_bytes'] / corpus_bytes:.2f} | {t['rss_mb']:.0f} | {t['add_one_seconds']:.2f} | "
                     f"{t['cli_ms']:.0f} | {medians} | "
                     f"{h.get('rps', 0):.0f} | {h.get('p99_ms') or 0:.1f} | {h.get('server_rss_mb', 0):.0f} |")
    return "\n".join(lines) + "\n"


def write_results(path, text):
    """Replaces what follows `## Results` in `path` with `text`, keeping the prose above."""
    target = Path(path)
    head = ""
    if target.exists() and "\n## Results\n" in target.read_text():
        head = target.read_text().split("\n## Results\n")[0] + "\n## Results\n\n"
    target.write_text(head + text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, nargs="*", default=[100])
    ap.add_argument("--corpus", type=Path, action="append", default=[],
                    help="a real corpus folder to measure too (its .txt and .md files)")
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--http-seconds", type=int, default=10)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--write")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--examples", "--bins"], cwd=ROOT, check=True)
    header = (f"Machine: {os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
              f"{time.strftime('%Y-%m-%d')}; {args.runs} runs per query.\n\n")
    out = header
    runs = []
    sets = [(f"{mb} MB corpus", corpus(mb)) for mb in args.mb]
    sets += [(f"{p.name} (real corpus)", p.resolve()) for p in args.corpus]
    for name, path in sets:
        qs = queries(path)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            qfile = work / "queries.tsv"
            qfile.write_text("".join(f"{c}\t{q}\n" for c, q in qs))
            results = {"path": path, "tracuu": bench_tracuu(path, work, qfile, qs, args.runs),
                       "tantivy": bench_tantivy(path, work, qfile, args.runs),
                       "sqlite": bench_sqlite(path, work, qs, args.runs),
                       "ripgrep": bench_ripgrep(path, qs, max(3, args.runs // 10)),
                       "http": bench_http(work, qs, args.http_seconds, args.concurrency)}
        corpus_bytes = sum(f.stat().st_size for f in files(path))
        runs.append((name, corpus_bytes, results))
        out += tables(name, corpus_bytes, results) + "\n"
    if len(runs) > 1:
        out += growth(runs)
    print(out)
    if args.write:
        write_results(args.write, out)


if __name__ == "__main__":
    main()
