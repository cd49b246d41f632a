#!/usr/bin/env python3
"""Make a large, deterministic corpus of resolution-like documents for benchmarks.

It recombines paragraphs of the seed documents, renumbers the document codes, dates and
figures inside them, and writes each synthetic document in one of the seeds' own layouts
(hard-wrapped PDF text, Markdown, or plain paragraphs), so that size grows while the
vocabulary, the code patterns and the layout quirks stay those of real documents.

    python3 bench/gen_corpus.py --out /tmp/corpus --mb 100 [--seed 1] [--seeds seeds]

Prints one line: documents, paragraphs, bytes written. Same arguments, same bytes. The
seeds default to the repository's own `seeds/`, so a fresh clone can generate it.
"""
import argparse, os, random, re, sys

CODE = re.compile(r"(\d{1,4})(\s*[-/]\s*)(NQ|KL|ĐA|CT|QĐi|QĐ|QC|KH|CTr|HD|TB|BC|CV)(/)(TU|TW|VPTU|HU|ĐU)")
DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
FIG = re.compile(r"\b(\d{1,3}(?:\.\d{3})+|\d+,\d+)\b")


def paragraphs(text):
    """Blocks separated by blank lines, hard wraps undone, short noise dropped."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        b = " ".join(block.split())
        if len(b) >= 40:
            out.append(b)
    return out


def mutate(p, rnd):
    p = CODE.sub(lambda m: "%s%s%s%s%s" % (rnd.randint(1, 999), m.group(2), m.group(3), m.group(4), m.group(5)), p)
    p = DATE.sub(lambda m: "%d/%d/%d" % (rnd.randint(1, 28), rnd.randint(1, 12), rnd.randint(2005, 2026)), p)
    p = FIG.sub(lambda m: str(rnd.randint(1, 99999)) if "." in m.group(1) else "%d,%d" % (rnd.randint(1, 99), rnd.randint(0, 9)), p)
    return p


def wrap(p, width, rnd):
    """Hard-wrap like PDF text extraction: short lines, sometimes a blank line between them."""
    words, lines, cur = p.split(" "), [], ""
    for w in words:
        if len(cur) + len(w) + 1 > width and cur:
            lines.append(cur)
            cur = w
        else:
            cur = (cur + " " + w).strip()
    if cur:
        lines.append(cur)
    out = []
    for i, ln in enumerate(lines):
        out.append(ln + " ")
        if i + 1 < len(lines) and rnd.random() < 0.4:
            out.append("")
    return "\n".join(out)


HEADERS = [
    ("NGHỊ QUYẾT", "về phương hướng, nhiệm vụ năm {y}"),
    ("KẾT LUẬN", "của Ban Thường vụ Tỉnh ủy về một số nhiệm vụ trọng tâm quý {q}/{y}"),
    ("CHỈ THỊ", "về tăng cường sự lãnh đạo của Đảng đối với công tác {t}"),
    ("ĐỀ ÁN", "về {t} giai đoạn {y}-{y2}"),
]
TOPICS = ["chuyển đổi số", "phát triển du lịch", "bảo vệ môi trường", "giảm nghèo bền vững",
          "cải cách hành chính", "xây dựng nông thôn mới", "phòng, chống tham nhũng", "quốc phòng, an ninh"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds"))
    ap.add_argument("--out", required=True)
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    pool = []
    for name in sorted(os.listdir(a.seeds)):
        if name.endswith(".txt"):
            pool.extend(paragraphs(open(os.path.join(a.seeds, name), encoding="utf-8").read()))
    if not pool:
        sys.exit("no seed paragraphs under " + a.seeds)
    os.makedirs(a.out, exist_ok=True)
    target, written, docs, paras = int(a.mb * 1024 * 1024), 0, 0, 0
    while written < target:
        y = rnd.randint(2005, 2026)
        kind, title = rnd.choice(HEADERS)
        title = title.format(y=y, y2=y + 5, q=rnd.choice("I II III IV".split()), t=rnd.choice(TOPICS))
        body = [mutate(rnd.choice(pool), rnd) for _ in range(rnd.randint(20, 80))]
        layout = rnd.choice(["pdf", "md", "plain"])
        if layout == "md":
            parts = ["## " + kind, "### " + title] + body
            text = "\n\n".join(parts) + "\n"
        elif layout == "pdf":
            text = kind + "\n\n" + title + "\n\n" + "\n".join(wrap(p, rnd.randint(70, 90), rnd) for p in body) + "\n"
        else:
            text = kind + "\n" + title + "\n\n" + "\n\n".join(body) + "\n"
        path = os.path.join(a.out, "%06d_gen.txt" % docs)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text.encode("utf-8"))
        docs += 1
        paras += len(body)
    print("documents %d paragraphs %d bytes %d" % (docs, paras, written))


if __name__ == "__main__":
    main()
