#!/bin/bash
# diag.sh TAG DIR WINDOW_S PERF(0|1) -- extra idle-cost args
tag=$1; dir=$2; win=$3; doperf=$4; shift 4; [ "$1" = "--" ] && shift
out=/tmp/idle-r11/$tag
mkdir -p $out/prof
cd $dir
l0=$(cut -d' ' -f1-3 /proc/loadavg); t0=$(date -u +%H:%M:%S)
if [ "$doperf" = 1 ]; then export NODE_OPTIONS=--perf-basic-prof-only-functions; fi
./node_modules/.bin/node bench/src/idle-cost.ts 20 --window $win --slice 10 --cpu-prof-dir $out/prof --cpu-prof-nodes 1,2 "$@" > $out/out.json 2> $out/err &
bench=$!
unset NODE_OPTIONS
for i in $(seq 1 600); do grep -q "idle window begins" $out/err 2>/dev/null && break; sleep 1; done
pids=$(grep "idle window begins" $out/err | sed 's/.*pids //')
echo "$pids" > $out/pids
node3=$(echo $pids | cut -d, -f4)
if [ "$doperf" = 1 ]; then
  (sleep 5; timeout -s INT 30 strace -c -f -p $node3 -o $out/strace-node3.txt) &
  perfpids=$(echo $pids | tr ',' '\n' | sed -n '1p;5,$p' | paste -sd,)
  perf record -F 499 -o $out/perf.data -p $perfpids -- sleep $((win-3)) > $out/perf.log 2>&1
fi
wait $bench
echo "diag $tag rc=$? start $t0 load [$l0] end $(date -u +%H:%M:%S) load [$(cut -d' ' -f1-3 /proc/loadavg)]" >> /tmp/idle-r11/runs.log
