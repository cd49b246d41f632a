#!/usr/bin/env python3
"""Relevance of tracuu beside SQLite FTS5 on queries as people type them.

    python3 bench/relevance.py            # table of precision at 5, failing cases listed
    python3 bench/relevance.py --json     # the same as JSON

The cases and their corpus (seeds/ plus small real documents) are in
tests/fixtures/relevance/ (see its README). Each case says what a relevant paragraph
contains; precision at 5 is the relevant paragraphs among an engine's first five hits over
min(5, relevant paragraphs in the corpus). FTS5 (unicode61, diacritics removed) indexes the
same files split on blank lines, as bench/run.py does, and gets the query with each word
quoted, as bench/run.py gives it.
"""

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import fts5_query  # noqa: E402  the same query translation as the speed benchmark

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "relevance"
TRACUU = ROOT / "target" / "release" / "tracuu"
TOP = 5


def corpus(into):
    for f in sorted((ROOT / "seeds").iterdir()) + sorted((FIXTURES / "corpus").iterdir()):
        shutil.copy(f, into / f.name)
    return into


def relevant(case, file, text):
    text = text.lower()
    if case.get("file") and case["file"] != file:
        return False
    return any(a.lower() in text for a in case["any"]) and all(a.lower() in text for a in case.get("all", []))


def blocks(path):
    for f in sorted(path.iterdir()):
        for b in f.read_text(encoding="utf-8", errors="replace").split("\n\n"):
            if b.strip():
                yield f.name, b


def tracuu_hits(index, query):
    out = subprocess.run([str(TRACUU), "search", query, "--json", "--limit", str(TOP), "--index", str(index)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return []
    return [(h["file"], h["text"]) for h in json.loads(out.stdout)["hits"]]


def fts5_hits(con, query):
    try:
        rows = con.execute("SELECT file, body FROM p WHERE p MATCH ? ORDER BY rank LIMIT ?",
                           (fts5_query(query), TOP)).fetchall()
    except sqlite3.OperationalError:
        return []
    return rows


def precision(case, hits, available):
    if available == 0:
        return None
    good = sum(relevant(case, f, t) for f, t in hits[:TOP])
    return good / min(TOP, available)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--tracuu", type=Path, help="the tracuu binary to measure (default: this build's)")
    args = ap.parse_args()
    global TRACUU
    TRACUU = args.tracuu or TRACUU
    cases = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "corpus").mkdir()
        docs = corpus(tmp / "corpus")
        subprocess.run([str(TRACUU), "index", "--input", str(docs), "--index", str(tmp / "index"), "--json"],
                       check=True, stdout=subprocess.DEVNULL)
        con = sqlite3.connect(":memory:")
        con.execute("CREATE VIRTUAL TABLE p USING fts5(file UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')")
        con.executemany("INSERT INTO p(file, body) VALUES (?, ?)", blocks(docs))
        results = []
        for case in cases:
            available = sum(relevant(case, f, b) for f, b in blocks(docs))
            t = tracuu_hits(tmp / "index", case["query"])
            s = fts5_hits(con, case["query"])
            results.append({"query": case["query"], "relevant_in_corpus": available,
                            "tracuu": precision(case, t, available), "fts5": precision(case, s, available),
                            "tracuu_first": bool(t) and relevant(case, *t[0]),
                            "fts5_first": bool(s) and relevant(case, *s[0])})
    scored = [r for r in results if r["tracuu"] is not None]
    mean = lambda key: sum(r[key] for r in scored) / len(scored)
    summary = {"cases": len(scored), "tracuu_p_at_5": mean("tracuu"), "fts5_p_at_5": mean("fts5"),
               "tracuu_first_relevant": sum(r["tracuu_first"] for r in scored),
               "fts5_first_relevant": sum(r["fts5_first"] for r in scored), "results": results}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    print("| query | relevant in corpus | tracuu P@5 | FTS5 P@5 |")
    print("| --- | --- | --- | --- |")
    for r in results:
        cell = lambda v: "—" if v is None else f"{v:.2f}"
        print(f"| `{r['query']}` | {r['relevant_in_corpus']} | {cell(r['tracuu'])} | {cell(r['fts5'])} |")
    print(f"| **mean over {len(scored)} cases** | | **{summary['tracuu_p_at_5']:.2f}** | **{summary['fts5_p_at_5']:.2f}** |")
    print(f"\nFirst hit relevant: tracuu {summary['tracuu_first_relevant']}/{len(scored)}, "
          f"FTS5 {summary['fts5_first_relevant']}/{len(scored)}.")
    failing = [r["query"] for r in scored if r["tracuu"] < 1]
    print("tracuu below 1.00: " + (", ".join(f"`{q}`" for q in failing) if failing else "none"))


if __name__ == "__main__":
    main()
