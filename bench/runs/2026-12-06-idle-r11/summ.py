import json,sys,glob
for f in sys.argv[1:]:
    try: d=json.load(open(f))
    except Exception as e: print(f, 'ERR', e); continue
    th=d.get('cpuMsPerSecondByThread',{})
    print(f"{f.split('/')[-1]:32s} cpu {d['cpuMsPerSecond']:.2f} (max {d['cpuMsPerSecondMax']:.1f}) main {th.get('node-MainThread',th.get('node',0)):.2f} V8 {th.get('node-V8Worker',th.get('V8Worker',0)):.2f} uv {th.get('libuv-worker',0):.2f} wake {d['wakeupsPerSecond']:.1f} gossip {d['gossipPerSecond']:.3f} settle {d['settleMs']/1000:.0f}s {'ok' if d['settled'] else 'NOT'} connEv {d['connectionEventsPerSecond']:.2f} conns {d['connectionsPerNode']} closedBefore {d['connectionsBeforeWindow']['closed']} slices {[round(x,1) for x in d.get('cpuMsPerSecondBySlice',[])]}")
