import sys, collections, statistics, glob, os
d = sys.argv[1]
bench = open(f'{d}/bench.txt').read().split('\n')
sent = {}; sse = {}; entry_of = {}; qs = collections.defaultdict(list); peers = {}
for l in bench:
    p = l.split()
    if not p: continue
    if p[0] == 'sent': sent[p[1]] = (float(p[2]), float(p[3]))
    elif p[0] == 'sse': sse[(p[1], p[3])] = float(p[4]); entry_of[p[3]] = p[2]
    elif p[0] == 'q': qs[(p[1], p[2])].append((float(p[3]), float(p[4]), p[5] == 'true'))
    elif p[0] == 'peer': peers[p[2]] = p[1]
nodes = {}
for f in glob.glob(f'{d}/node*.txt'):
    name = os.path.basename(f)[:-4]
    ev = collections.defaultdict(list)
    for l in open(f, errors='replace'):
        if not l.startswith('@T '): continue
        p = l.split()
        ev[p[1]].append(p[2:])
    nodes[name] = ev
def first(ev, stage, key, pred=lambda a: True):
    ts = [float(a[-1]) for a in ev.get(stage, []) if a[0] == key and pred(a)]
    return min(ts) if ts else None
pub = nodes['node0']
pubpeer = [k for k, v in peers.items() if v == 'node0'][0]
stages = collections.defaultdict(list)
rows = []
nq = []
for rid, (t0, tret) in sent.items():
    e = entry_of.get(rid)
    if e is None: continue
    tc = first(pub, 'added', e); ta = first(pub, 'announce', e)
    stages['publish->commit'].append(tc - t0)
    stages['commit->announce'].append(ta - tc)
    stages['publish->HTTP returned'].append(tret - t0)
    for n, ev in nodes.items():
        if n == 'node0': continue
        trecv = first(ev, 'recv', e)
        recvs = [a for a in ev.get('recv', []) if a[0] == e]
        tacc = first(ev, 'accept', e, lambda a: a[1] == pubpeer)
        tjoin = first(ev, 'joined', e, lambda a: a[1] != '0')
        tadd = first(ev, 'added', e)
        tsse = sse.get((n, rid))
        q = qs.get((n, rid), [])
        nq.append(len(q))
        found = [x for x in q if x[2]]
        if not found or tadd is None: continue
        tq, tans = found[0][0], found[0][1]
        firstq = q[0][0]
        row = dict(rec=rid, node=n, t0=t0, tc=tc, ta=ta, trecv=trecv, tacc=tacc, tjoin=tjoin, tadd=tadd, tsse=tsse, tq0=firstq, tq=tq, tans=tans, tret=tret, copies=len(recvs), via=peers.get(recvs[0][1], '?') if recvs else '?', nq=len(q), pulled=tjoin is None)
        rows.append(row)
        def add(k, a, b):
            if a is not None and b is not None: stages[k].append(b - a)
        add('announce->first recv (gossip)', ta, trecv)
        add('first recv->accept(origin)', trecv, tacc)
        add('recv->added (join)', trecv, tadd)
        add('added->SSE at bench', tadd, tsse)
        add('SSE->first search asked', tsse, firstq)
        add('found search asked->answered', tq, tans)
        add('added->found', tadd, tans)
        add('commit->added (follower)', tc, tadd)
        add('publish->added', t0, tadd)
        add('publish->found (figure)', t0, tans)
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs)-1, int(p * len(xs)))]
print(f'{"stage":40s} {"n":>5s} {"p50":>8s} {"p90":>8s} {"p99":>8s} {"max":>8s}')
for k, v in stages.items():
    print(f'{k:40s} {len(v):5d} {pct(v,.5):8.1f} {pct(v,.9):8.1f} {pct(v,.99):8.1f} {max(v):8.1f}')
print('searches per pair', statistics.mean(nq), 'pulled (no joined line)', sum(r['pulled'] for r in rows), 'of', len(rows))
print('copies received per pair: mean', statistics.mean(r['copies'] for r in rows))
# how many hops: via node0 direct?
direct = [r for r in rows if r['via'] == 'node0']
print('first copy straight from node0:', len(direct), 'of', len(rows))
# tail: top 2% rows, which stage dominates
rows.sort(key=lambda r: r['tans'] - r['t0'])
tail = rows[-max(1, len(rows)//50):]
print('tail rows (slowest 2%): stage shares (ms medians)')
for k, a, b in [('pub', 't0', 'tc'), ('gossip', 'ta', 'trecv'), ('join', 'trecv', 'tadd'), ('sse', 'tadd', 'tsse'), ('search', 'tsse', 'tans')]:
    vals = [r[b] - r[a] for r in tail if r[a] is not None and r[b] is not None]
    print(f'  {k:8s} {statistics.median(vals) if vals else None}')
if len(sys.argv) > 2:
    for r in rows[-10:]:
        print({k: (round(v - r['t0']) if isinstance(v, float) and k not in ('t0',) else v) for k, v in r.items()})
# search round trip split: bench asked -> node's handler starts -> bench has the answer
words = {}
for rid in sent:
    pass
import re
srv = collections.defaultdict(list)
for n, ev in nodes.items():
    for a in ev.get('search', []):
        srv[(n, a[0])].append(float(a[-1]))
# record index from words: map rid -> i by order of sent
order = {rid: i for i, rid in enumerate(sent)}
a1 = []; a2 = []
for r in rows:
    i = order[r['rec']]
    ts = srv.get((r['node'], f'lantaarnpalen_wijk_{i}'), [])
    ts = [t for t in ts if t >= r['tq'] - 5]
    if ts:
        a1.append(ts[0] - r['tq']); a2.append(r['tans'] - ts[0])
if a1:
    print('asked->handler start p50/p90/p99', pct(a1,.5), pct(a1,.9), pct(a1,.99))
    print('handler start->bench has answer p50/p90/p99', pct(a2,.5), pct(a2,.9), pct(a2,.99))
early = [r for r in rows if r['tsse'] is not None and r['tsse'] < r['tret']]
print('SSE at the bench before the publish answer:', len(early), 'of', len(rows), ' their wait p50', pct([r['tret'] - r['tsse'] for r in early], .5) if early else None)
