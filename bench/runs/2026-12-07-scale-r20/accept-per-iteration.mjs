/**
 * How many queued connections a Node.js server accepts per event-loop iteration: 50 clients
 * connect while the loop is blocked for 0.5 s, then each iteration's accepts are counted.
 * `node accept-per-iteration.mjs` prints one per iteration (Node.js 26.10.0 and 20.20.2).
 */
import net from 'node:net'

let total = 0
let thisIteration = 0
const iterations = []
const server = net.createServer(() => {
  thisIteration++
  total++
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const { port } = server.address()
for (let i = 0; i < 50; i++) net.connect(port, '127.0.0.1')
const until = Date.now() + 500
while (Date.now() < until) {
  // the loop blocked: the kernel completes the 50 handshakes into the accept queue
}
const count = () => {
  iterations.push(thisIteration)
  thisIteration = 0
  if (total < 50 && iterations.length < 200) setImmediate(count)
  else {
    console.log(
      'accepts per loop iteration:',
      iterations.filter(Boolean).join(' '),
      '; iterations',
      iterations.length,
    )
    process.exit(0)
  }
}
setImmediate(count)
