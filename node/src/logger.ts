/** One logger factory; secrets are redacted wherever they appear. */
import pino, { type Logger } from 'pino'

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { component: 'polder' },
      redact: ['req.headers.authorization', '*.token', '*.apiToken', '*.privateKey'],
    },
    destination,
  )
}
