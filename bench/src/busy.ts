/**
 * `pnpm bench --busy`: the figures on a busy machine. Another process keeps one core
 * busy for the whole run (a spinning loop at normal priority), as a neighbour's build or
 * a second service would on a small server.
 */
import { type ChildProcess, spawn } from 'node:child_process'

export interface Burner {
  stop(): void
}

export function keepOneCoreBusy(): Burner {
  const child: ChildProcess = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  // the run ends when its work does; the burner never outlives it
  child.unref()
  process.once('exit', stop)
  return { stop }
}
