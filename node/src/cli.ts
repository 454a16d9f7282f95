/** The `polder` command line. */
import { readFile } from 'node:fs/promises'
import { validateRecord } from '@polder/schema'
import { Command, CommanderError } from 'commander'
import { buildConfig, ConfigError, readEnv } from './config.js'
import { Daemon } from './daemon.js'
import { createLogger } from './logger.js'
import { VERSION } from './version.js'

interface StartOptions {
  home?: string
  api?: string
}

async function start(options: StartOptions): Promise<void> {
  const config = buildConfig(readEnv(), { home: options.home, api: options.api })
  const logger = createLogger(config.logLevel)
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  await using daemon = new Daemon(config, logger)
  await daemon.run({ signal: controller.signal })
}

/** Validates record files (JSON: one record or an array); false when any is invalid. */
async function validate(files: string[], options: { lang: 'nl' | 'en' }): Promise<boolean> {
  let allValid = true
  for (const file of files) {
    let records: unknown[]
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
      records = Array.isArray(parsed) ? parsed : [parsed]
    } catch (err) {
      process.stderr.write(`${file}: ${(err as Error).message}\n`)
      allValid = false
      continue
    }
    records.forEach((record, index) => {
      const where = records.length > 1 ? `${file}[${index}]` : file
      const result = validateRecord(record)
      if (result.ok) {
        process.stdout.write(
          `${where}: valid ${result.value.kind} (${result.bytes.byteLength} bytes)\n`,
        )
        return
      }
      allValid = false
      for (const problem of result.problems) {
        process.stdout.write(
          `${where}: ${problem.path || '(record)'}: ${problem.message[options.lang]}\n`,
        )
      }
    })
  }
  return allValid
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0
  const program = new Command('polder')
    .description('Polder: a peer-to-peer knowledge network for smart cities')
    .version(VERSION)
    .exitOverride()

  program
    .command('start')
    .description('start the node (API on http://127.0.0.1:7878)')
    .option('--home <dir>', 'data directory (env POLDER_HOME, default ./.polder)')
    .option('--api <host:port>', 'HTTP API address (env POLDER_API, default 127.0.0.1:7878)')
    .action(start)

  program
    .command('validate')
    .description('check record files (JSON) against the record model')
    .argument('<files...>', 'JSON files, each one record or an array of records')
    .option('--lang <lang>', 'language of the messages: nl or en', 'en')
    .action(async (files: string[], options: { lang: string }) => {
      const lang = options.lang === 'nl' ? 'nl' : 'en'
      if (!(await validate(files, { lang }))) exitCode = 1
    })

  try {
    await program.parseAsync(argv)
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode
    if (err instanceof ConfigError) {
      process.stderr.write(`polder: ${err.message}\n`)
      return 2
    }
    throw err
  }
  return exitCode
}
