#!/usr/bin/env bash
# Lost text on the real Party documents of the development corpus, when it sits beside the
# clone (../shared): every content line of each must reach `tracuu parse --json`'s output or
# its `dropped` list. Fails above 1% of lines lost. Prints nothing and passes without the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
corpus=$shared/corpora/tai_lieu_noi_bo.tar.zst
if [ ! -f "$corpus" ] || [ ! -f "$shared/tools/check_lost.py" ]; then
  echo "lost text: no development corpus beside the clone, not measured"
  exit 0
fi
if ! command -v zstd > /dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zstd > /dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -I zstd -xf "$corpus" -C "$work"
mkdir "$work/party"
# The documents that cite Party numbers (57-NQ/TW, 15-KL/ĐU, 05-CTr/TU...).
grep -lE '[0-9]+-(NQ|KL|CT|QĐ|ĐA|KH|CTr|HD|TB|BC|QC|TT)/(TW|TƯ|TU|ĐU|HU|QU|ThU|BCSĐ|ĐUK)' \
  "$work"/tai_lieu_noi_bo/*.md | xargs -I{} cp {} "$work/party/"
cargo build --release -q
python3 "$shared/tools/check_lost.py" target/release/tracuu "$work/party" --max-lost-pct 1
echo "lost text: 1 passed"
