/** The daemon's figures: start to API ready, and resident memory, of a real node process. */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(import.meta.resolve('@polder/node/bin'))

export interface DaemonFigures {
  /** Milliseconds from spawning `polder start` to its API answering. */
  readonly readyMs: number
  /** Resident set size once ready and idle, in MB. */
  readonly rssMb: number
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
  return kb / 1024
}

/** Starts a node on `home` (loopback only), measures, and stops it. */
export async function measureDaemon(home: string, idleMs = 3_000): Promise<DaemonFigures> {
  const start = performance.now()
  // with the V8 flags `pnpm start` and the bin's shebang give it: a small young generation
  const child = spawn(process.execPath, ['--max-semi-space-size=1', BIN, 'start'], {
    env: {
      ...process.env,
      POLDER_HOME: home,
      POLDER_API: '127.0.0.1:0',
      POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
      POLDER_LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`no start in 60 s:\n${output}`)), 60_000)
      child.stdout.on('data', (chunk) => {
        output += chunk
        const line = output.split('\n').find((l) => l.includes('Polder node started'))
        if (line === undefined) return
        clearTimeout(timer)
        resolve((JSON.parse(line) as { url: string }).url)
      })
      child.on('exit', (code) => reject(new Error(`polder exited with ${code}:\n${output}`)))
    })
    const response = await fetch(`${url}/health`)
    if (!response.ok) throw new Error('the API is not ready')
    const readyMs = performance.now() - start
    await new Promise((resolve) => setTimeout(resolve, idleMs))
    return { readyMs, rssMb: await rssMb(child.pid as number) }
  } finally {
    child.kill('SIGTERM')
    await new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      child.once('exit', () => resolve(clearTimeout(timer)))
    })
  }
}
