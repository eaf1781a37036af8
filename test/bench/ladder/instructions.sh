#!/bin/bash
# Instructions per resume under valgrind (see instructions.ts), one line per bundle:
#   npx esbuild test/bench/ladder/instructions.ts --bundle --platform=node --format=esm --outfile=/tmp/instr-new.mjs
#   bash test/bench/ladder/instructions.sh <workload> <n> <few frames> <many frames> <bundle> ...   (bundle = /tmp/instr-<bundle>.mjs)
#   bash test/bench/ladder/instructions.sh churn 10000 60 160 base new      # also: frame 20000 20 70, timers 20000 100 300, idle 1000 10 310
# Node runs with --predictable (one thread, compilation on it, fixed seeds), so V8 makes the same inlining
# decisions every run. idle counts per frame over its first few hundred frames (give 10 310): the bench's
# idle frames run mostly before V8 optimizes tick, where each extra statement counts.
# Needs valgrind (apt install valgrind); about a minute per bundle.
set -euo pipefail
w=$1; n=$2; few=$3; many=$4; shift 4
count() { # bundle frames -> "instructions resumes"
  local out
  out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null node --predictable "/tmp/instr-$1.mjs" "$w" "$n" "$2" 2>&1)
  echo "$(echo "$out" | sed -n 's/.*Collected : //p') $(echo "$out" | grep -E '^[0-9]+$')"
}
for b in "$@"; do
  read -r i1 r1 <<<"$(count "$b" "$few")"
  read -r i2 r2 <<<"$(count "$b" "$many")"
  echo "$w $b $(( (i2 - i1) / (r2 - r1) )) instructions per $([ "$w" = idle ] && echo frame || echo resume)"
done
