#!/usr/bin/env bash
# Headless Chromium check of the web page: a search renders results with highlights, a
# document-code link leads to that number's citations view, and a document full of HTML
# is shown as text, its scripts never run. Screenshots go to target/screenshots/ for a
# person to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/tracuu
shots=target/screenshots
mkdir -p "$shots"
work=$(mktemp -d)
mkdir "$work/corpus"
cp seeds/* "$work/corpus/"
cat > "$work/corpus/html.txt" << 'EOF'
Thông báo kiểm thử hiển thị.

Văn bản chứa mã độc <script>document.body.dataset.pwned = "script"</script> và ảnh <img src=x onerror="document.body.dataset.pwned = 'img'"> không được chạy.
EOF
"$bin" index --json --input "$work/corpus" --index "$work/index" > /dev/null
"$bin" serve --addr 127.0.0.1:0 --index "$work/index" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q 'http://' "$work/serve.out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/serve.out")

chrome() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$RANDOM" --virtual-time-budget=10000 "$@" 2> /dev/null
}

passed=0
failed=0
check() {
  if grep -q -- "$2" "$3"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1"; fi
}

search="$url/?q=cao%20t%E1%BB%91c%20N%E1%BB%99i%20B%C3%A0i"
chrome --dump-dom "$search" > "$work/search.html"
check "search results are rendered" '<article class="hit">' "$work/search.html"
check "a phrase is highlighted as one run" '<mark>cao tốc Nội Bài</mark>' "$work/search.html"
check "a hit names its document, not its file" 'Kết luận của Ban Thường vụ Tỉnh ủy Lào Cai' "$work/search.html"
check "a footnote hit says whose note it is" 'Chú thích 1 của đoạn 55' "$work/search.html"
check "facet counts are shown" 'Loại văn bản' "$work/search.html"

# The hits above cite no number; a search whose hits do gives the code link to follow.
chrome --dump-dom "$url/?q=ph%C3%B2ng%20th%E1%BB%A7%20d%C3%A2n%20s%E1%BB%B1" > "$work/codes.html"
code_link=$( (grep -o 'href="/?code=[^"]*"' "$work/codes.html" || true) | head -n 1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')
check "hits link their document codes" '/?code=' "$work/codes.html"
chrome --dump-dom "$url$code_link" > "$work/refs.html"
check "a code link opens its citations view" 'Trích dẫn văn bản số' "$work/refs.html"
check "each cited document is listed with its citations" 'class="mention"' "$work/refs.html"
check "numbers never break inside" '<span class="num">' "$work/refs.html"

# The document view opened at a paragraph, and at a footnote, marks and shows it.
at_paragraph="$url/?doc=004_80be5cad5ba79208&p=8"
at_footnote="$url/?doc=000_d14dc016ed1c5a67&f=1"
chrome --dump-dom "$at_paragraph" > "$work/paragraph.html"
check "a document opened at a paragraph marks it" 'id="p8" class="focus"' "$work/paragraph.html"
chrome --dump-dom "$at_footnote" > "$work/footnote.html"
check "a document opened at a footnote marks it" 'id="f1" class="meta focus"' "$work/footnote.html"

check "a cited document shows who cited it when" 'Được trích dẫn theo thời gian' "$work/refs.html"
check "each citation shows its relation" 'class="badge rel-' "$work/refs.html"

# A document's view lists its related documents by relation and draws their map.
chrome --dump-dom "$url/?doc=000_d14dc016ed1c5a67" > "$work/related.html"
check "a document lists its related documents" 'Văn bản liên quan' "$work/related.html"
check "related documents are grouped by relation" '<h5>Thực hiện</h5>' "$work/related.html"
check "the map of links is drawn" '<svg viewBox=' "$work/related.html"

chrome --dump-dom "$url/?q=kh%C3%B4ngc%C3%B3g%C3%AC" > "$work/empty.html"
check "an empty result says so" 'Không tìm thấy đoạn văn nào' "$work/empty.html"

# A number said with its kind word shows a card per document it names; a question says which
# words it did not require.
number="$url/?q=ngh%E1%BB%8B%20quy%E1%BA%BFt%2016"
chrome --dump-dom "$number" > "$work/number.html"
check "a number shows a card per document it names" 'Số này chỉ 2 văn bản khác nhau' "$work/number.html"
check "a card links to its citations" 'Xem các trích dẫn' "$work/number.html"
chrome --dump-dom "$url/?q=ngh%E1%BB%8B%20quy%E1%BA%BFt%20n%C3%A0o%20n%C3%B3i%20v%E1%BB%81%20cao%20t%E1%BB%91c%20N%E1%BB%99i%20B%C3%A0i" > "$work/question.html"
check "a question says which words it left out" 'Không bắt buộc có các từ «nghị»' "$work/question.html"

chrome --dump-dom "$url/?q=m%C3%A3%20%C4%91%E1%BB%99c%20script" > "$work/html.html"
check "a document's HTML is shown as text" '&lt;img src=x onerror=' "$work/html.html"
if grep -q 'data-pwned' "$work/html.html"; then
  failed=$((failed + 1)); echo "FAILED: a script in a document ran"
else
  passed=$((passed + 1))
fi

# Each view on a desktop and on a phone, for a person to look at.
for view in "search|$search" "number|$number" "refs|$url$code_link" "footnote|$at_footnote"; do
  name=${view%%|*}
  page=${view#*|}
  chrome --screenshot="$shots/$name.png" --window-size=1280,1000 "$page" > /dev/null
  chrome --screenshot="$shots/$name-phone.png" --window-size=390,844 "$page" > /dev/null
done
chrome --screenshot="$shots/empty.png" --window-size=1280,700 "$url/?q=kh%C3%B4ngc%C3%B3g%C3%AC" > /dev/null

echo "browser check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
