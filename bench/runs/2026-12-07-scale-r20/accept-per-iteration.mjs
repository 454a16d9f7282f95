import net from 'node:net'
const server = net.createServer(() => { perTick++ ; total++ })
let perTick = 0, total = 0, ticks = []
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const { port } = server.address()
// 50 connects queue in the kernel while the loop is blocked
const clients = []
for (let i = 0; i < 50; i++) clients.push(net.connect(port, '127.0.0.1'))
const until = Date.now() + 500; while (Date.now() < until) {}
const tick = () => { ticks.push(perTick); perTick = 0; if (total < 50 && ticks.length < 200) setImmediate(tick); else { console.log('accepts per loop iteration:', ticks.filter(Boolean).join(' '), 'iterations', ticks.length); process.exit(0) } }
setImmediate(tick)
