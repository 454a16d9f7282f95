/**
 * libp2p's loggers when no debug log is asked for. libp2p makes loggers for every
 * connection and stream (`newScope`), each two `weald` debug instances that match their
 * name against `DEBUG` and ask whether stderr is a terminal (`tty.isatty`: four system
 * calls); at rest that is a node's pings, DHT checks and identify streams, and none of them
 * ever prints without `DEBUG`. One disabled logger serves them all.
 */
import type { ComponentLogger, Logger } from '@libp2p/interface'

const ignore = (): void => undefined

const disabled: Logger = Object.assign(ignore.bind(undefined), {
  enabled: false,
  error: ignore,
  trace: ignore,
  newScope: (): Logger => disabled,
})

/** Loggers that never print, for a node started without `DEBUG`. */
export const quietLogger: ComponentLogger = { forComponent: () => disabled }

/**
 * The logger libp2p should be given: the quiet one unless `debug` (the `DEBUG` variable,
 * read once at start) asks for any log, else none (libp2p's own, which honours `DEBUG`).
 */
export function networkLogger(debug: string | undefined): ComponentLogger | undefined {
  return debug === undefined || debug.trim() === '' ? quietLogger : undefined
}
