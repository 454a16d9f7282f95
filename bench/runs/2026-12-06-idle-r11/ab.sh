#!/bin/bash
# alternated idle-cost runs: ab.sh TAG ORDER... (ORDER items: base|branch), extra args after --
tag=$1; shift
order=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do order+=("$1"); shift; done
[ "$1" = "--" ] && shift
i=0
for tree in "${order[@]}"; do
  i=$((i+1))
  case $tree in base) dir=/tmp/idle-r11-base;; branch) dir=/work/wt-idle-r11;; *) dir=$tree;; esac
  cd $dir
  l0=$(cut -d' ' -f1-3 /proc/loadavg); t0=$(date -u +%H:%M:%S)
  ./node_modules/.bin/node bench/src/idle-cost.ts 20 "$@" > /tmp/idle-r11/$tag-$i-$tree.json 2> /tmp/idle-r11/$tag-$i-$tree.err
  rc=$?
  l1=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "$tag $i $tree rc=$rc start $t0 load [$l0] end $(date -u +%H:%M:%S) load [$l1] args $*" >> /tmp/idle-r11/runs.log
done
