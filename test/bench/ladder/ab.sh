#!/bin/bash
# Interleaves bundles of cpu-ladder.ts in fresh processes, rotating the order each round, and prints the
# mean and every round per bundle and variant.
#   bash test/bench/ladder/ab.sh <workload> <n> <rounds> <bundle>:<variant> ...   (bundle = /tmp/ladder-<bundle>.mjs)
w=$1; n=$2; r=$3; shift 3
vs=("$@"); k=${#vs[@]}
for ((i=0;i<r;i++)); do
  for ((j=0;j<k;j++)); do item=${vs[$(((i+j)%k))]}; b=${item%%:*}; v=${item#*:}; echo -n "$b:"; node --expose-gc /tmp/ladder-$b.mjs "$w" "$v" "$n"; done
done | awk '{key=$1" "$2; a[key]=a[key]" "$3; s[key]+=$3; c[key]++} END {for (key in a) printf "%s mean %.1f |%s\n", key, s[key]/c[key], a[key]}' | sort
