/** The `polder` command line. */
import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { ApiError } from '@polder/api'
import type { StateCheck } from '@polder/store/integrity'
import { Command, CommanderError } from 'commander'
import { addAgendaCommands } from './agenda-commands.js'
import { addAttachmentCommands } from './attach-command.js'
import { ClientError, reportRefusal } from './client.js'
import { addCollectiveCommands } from './collective-commands.js'
import { buildConfig, ConfigError } from './config.js'
import { configPath } from './config-file.js'
import type { EarlyCheck } from './early-check.js'
import { type RawConfig, readRawConfig } from './env.js'
import { addFormatCommands } from './format-commands.js'
import { createLogger } from './logger.js'
import { nodeCommands } from './node-commands.js'
import { addRecordCommands } from './record-commands.js'
import { VERSION } from './version.js'

interface HomeOption {
  home?: string
}

/** `--name --type --municipality --website --contact`: the organisation's profile. */
interface ProfileOptions {
  name?: string
  type?: string
  municipality?: string
  website?: string
  contact?: string
}

interface InitOptions extends HomeOption, ProfileOptions {}

interface StartOptions extends HomeOption, ProfileOptions {
  api?: string
  listen?: string
  bootstrap?: string
  collective?: string
  mdns?: boolean
  relay?: boolean
  demo?: boolean
  viewer?: string
}

/** `--home`, else `POLDER_HOME`, else `./.polder`. */
function homeOf(options: HomeOption): string {
  return options.home ?? process.env.POLDER_HOME ?? '.polder'
}

// the node's stack (libp2p, OrbitDB, zod) loads only for the commands that need it, so
// the commands that talk to a running node start in a fraction of the time

/** The profile flags given, if any. */
const profileAnswers = (options: ProfileOptions) => ({
  name: options.name,
  type: options.type,
  municipality: options.municipality,
  website: options.website,
  contact: options.contact,
})

/** Questions only when someone is there to answer them. */
const interactive = () => process.stdin.isTTY === true && process.stderr.isTTY === true

/** Sets up the profile (see profile-setup.ts) and says what became of it. */
async function profile(home: string, options: ProfileOptions): Promise<void> {
  const { setUpProfile } = await import('./profile-setup.js')
  const { hasAnswers, profileName } = await import('./profile.js')
  const answers = profileAnswers(options)
  // on start, the store is opened for this only when there is something to do or ask
  const result = await setUpProfile(home, answers, { interactive: interactive() })
  if (result.record === undefined) {
    process.stdout.write(
      'No profile yet: name your organisation with polder init --name "…" --type municipality\n',
    )
    return
  }
  const name = profileName(result.record)
  const said = {
    published: `Published the profile of ${name}.`,
    updated: `Updated the profile of ${name} (version ${result.record.version}).`,
    unchanged: `The profile of ${name} was up to date.`,
    none: `Organisation: ${name}`,
  }[result.action]
  if (result.action !== 'none' || !hasAnswers(answers)) process.stdout.write(`${said}\n`)
}

async function start(options: StartOptions, early?: EarlyCheck): Promise<void> {
  const { assertNotRunning } = await import('./home-lock.js')
  const home = homeOf(options)
  // before any question: a second node on this home would stop after them
  await assertNotRunning(home)
  // The state file is checked on another core while this one loads the node's modules
  // (a profile step below opens the store, which checks the file again, before it writes):
  // the check the bin began (early-check.ts) when it was for this home.
  let stateCheck: Promise<StateCheck>
  const marks: Record<string, number> = {}
  if (early !== undefined && early.home === resolve(home)) {
    stateCheck = early.check
    marks.checkBegun = early.begunAt
  } else {
    early?.stop()
    const { checkStateFile } = await import('@polder/store/integrity')
    marks.checkBegun = Math.round(performance.now())
    stateCheck = checkStateFile(home)
  }
  // when it ended, for the start-up profile ("Polder node started")
  stateCheck = stateCheck.then((check) => {
    marks.checked = Math.round(performance.now())
    return check
  })
  stateCheck.catch(() => {}) // handled where the store opens, not unhandled if start fails first
  const { initHome } = await import('./home.js')
  const { hasAnswers } = await import('./profile.js')
  await initHome(home)
  if (hasAnswers(profileAnswers(options)) || interactive()) await profile(home, options)
  const { Daemon } = await import('./daemon.js')
  const flags: RawConfig = {
    POLDER_API: options.api,
    POLDER_LISTEN: options.listen,
    POLDER_BOOTSTRAP: options.bootstrap,
    POLDER_COLLECTIVE: options.collective,
    POLDER_MDNS: options.mdns === undefined ? undefined : String(options.mdns),
    POLDER_RELAY: options.relay === undefined ? undefined : String(options.relay),
    POLDER_VIEWER: options.viewer,
  }
  const config = buildConfig(home, ...(await readRawConfig(home, flags)))
  const logger = createLogger(config.logLevel)
  const { surviveStrayRejections } = await import('./stray-rejections.js')
  surviveStrayRejections(logger)
  const controller = new AbortController()
  const stop = () => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  await using daemon = new Daemon(config, logger, {
    demo: options.demo === true,
    stateCheck,
    marks,
  })
  await daemon.run({ signal: controller.signal })
}

async function init(options: InitOptions): Promise<void> {
  const { initHome } = await import('./home.js')
  const home = homeOf(options)
  const { key, created } = await initHome(home)
  const what = created.length === 0 ? 'was ready already' : `created: ${created.join(', ')}`
  process.stdout.write(
    `Data directory ${home} ${what}.\nOrganisation: ${key.did}\nConfig file: ${configPath(home)}\n`,
  )
  await profile(home, options)
  process.stdout.write('Start the node with: polder start\n')
}

/** The passphrase from POLDER_PASSPHRASE, else the first line of standard input. */
async function passphrase(): Promise<string> {
  const fromEnv = process.env.POLDER_PASSPHRASE
  if (fromEnv !== undefined) return fromEnv
  if (process.stdin.isTTY) process.stderr.write('Passphrase: ')
  // here only: every command, `polder start` too, loaded Node's readline (and its history's)
  const { createInterface } = await import('node:readline')
  const lines = createInterface({ input: process.stdin, terminal: false })
  for await (const line of lines) {
    lines.close()
    return line
  }
  const { KeyFileError } = await import('@polder/store')
  throw new KeyFileError('No passphrase: set POLDER_PASSPHRASE or type it on standard input')
}

async function keyExport(file: string, options: HomeOption): Promise<void> {
  const { exportKey, KeyFileError, loadKey } = await import('@polder/store')
  const home = homeOf(options)
  const key = await loadKey(home)
  if (key === undefined) throw new KeyFileError(`${home} has no key yet: run polder init first`)
  await writeFile(file, await exportKey(key, await passphrase()), { mode: 0o600, flag: 'wx' })
  process.stdout.write(
    `Wrote an encrypted backup of ${key.did} to ${file}.\nKeep it and its passphrase apart.\n`,
  )
}

async function keyImport(file: string, options: HomeOption): Promise<void> {
  const { importKey } = await import('@polder/store')
  const home = homeOf(options)
  const key = await importKey(home, await readFile(file, 'utf8'), await passphrase())
  process.stdout.write(`Restored ${key.did} into ${home}.\nStart the node with: polder start\n`)
}

/** Validates record files (JSON: one record or an array); false when any is invalid. */
async function validate(files: string[], options: { lang: 'nl' | 'en' }): Promise<boolean> {
  const { didFromEd25519PublicKey, validateForPublish } = await import('@polder/schema')
  // a draft is checked as publish would; offline, a stand-in organisation publishes it
  const author = didFromEd25519PublicKey(new Uint8Array(32))
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
      const result = validateForPublish(record, { author })
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

/** Errors of what the user asked or configured: one line, exit 2. */
const CONFIGURATION_ERRORS = new Set([
  'ConfigError',
  'HomeInUseError',
  'PortInUseError',
  'KeyFileError',
  'TokenFileError',
  'StateFileCorruptError',
  'DiskFullError',
])

/** Runs the command in `argv`; `early` is `polder start`'s check begun by the bin. */
export async function main(argv: string[], early?: EarlyCheck): Promise<number> {
  let exitCode = 0
  // read before parsing, so that an error while parsing is shown the same way
  const debug = argv.includes('--debug')
  const program = new Command('polder')
    .description('Polder: a peer-to-peer knowledge network for smart cities')
    .version(VERSION)
    .option('--debug', 'show the stack trace of an error')
    .exitOverride()
  const homeFlag = ['--home <dir>', 'data directory (env POLDER_HOME, default ./.polder)'] as const

  const profileFlags = (command: Command) =>
    command
      .option('--name <name>', 'the organisation’s name (its profile; asked on a terminal)')
      .option('--type <type>', 'organisation type: municipality, province, company, … (or 1-9)')
      .option('--municipality <place>', 'municipality (name or CBS code GM…) or place')
      .option('--website <url>', 'the organisation’s website')
      .option('--contact <email>', 'contact e-mail address')

  profileFlags(
    program
      .command('init')
      .description(
        'create the data directory (key, config file, API token) and the organisation’s profile',
      )
      .option(...homeFlag),
  ).action(init)

  const startCommand = program
    .command('start')
    .description('start the node (initialises an empty data directory first)')
    .option(...homeFlag)
    .option('--api <host:port>', 'HTTP API address (POLDER_API, default 127.0.0.1:7878)')
    .option('--listen <multiaddrs>', 'libp2p listen addresses, comma-separated (POLDER_LISTEN)')
    .option('--bootstrap <multiaddrs>', 'peers to connect to, comma-separated (POLDER_BOOTSTRAP)')
    .option('--collective <name>', 'name of the collective (POLDER_COLLECTIVE)')
    .option('--mdns', 'find peers on the local network (POLDER_MDNS)')
    .option('--relay', 'relay connections for members behind NATs (POLDER_RELAY)')
    .option('--demo', 'load the demo organisations and records into an empty node')
    .option('--viewer <dir>', 'the built viewer to serve (POLDER_VIEWER), such as apps/viewer/dist')
  profileFlags(startCommand).action((options: StartOptions) => start(options, early))

  const key = program.command('key').description('back up or restore the organisation key')
  key
    .command('export')
    .description(
      'write a passphrase-encrypted backup of the key (passphrase: POLDER_PASSPHRASE or stdin)',
    )
    .argument('<file>', 'backup file to create')
    .option(...homeFlag)
    .action(keyExport)
  key
    .command('import')
    .description('restore a key backup into an empty data directory')
    .argument('<file>', 'backup file')
    .option(...homeFlag)
    .action(keyImport)

  program
    .command('validate')
    .description(
      'check record files (JSON) as publish would: drafts, or records with their envelope',
    )
    .argument('<files...>', 'JSON files, each one record or an array of records')
    .option('--lang <lang>', 'language of the messages: nl or en', 'en')
    .action(async (files: string[], options: { lang: string }) => {
      const lang = options.lang === 'nl' ? 'nl' : 'en'
      if (!(await validate(files, { lang }))) exitCode = 1
    })

  addRecordCommands(program, homeOf, homeFlag)
  addCollectiveCommands(program, homeOf, homeFlag)
  addAgendaCommands(program, homeOf, homeFlag)
  addAttachmentCommands(program, homeOf, homeFlag)
  addFormatCommands(program, homeOf, homeFlag)
  nodeCommands(program, homeOf, homeFlag)
    .command(
      'doctor',
      'check the machine, the data directory and the running node; exit 1 on a failure',
    )
    .action(async (options: HomeOption & { json?: boolean }) => {
      // loaded on demand: it reads the data directory with the store's helpers
      const { doctor } = await import('./doctor.js')
      if (!(await doctor(homeOf(options), options))) exitCode = 1
    })

  try {
    await program.parseAsync(argv)
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode
    if ((err as Error).name === 'CommandFailedError') return 1
    if (debug) process.stderr.write(`${(err as Error).stack ?? String(err)}\n`)
    if (err instanceof ConfigError || CONFIGURATION_ERRORS.has((err as Error).name)) {
      process.stderr.write(`polder: ${(err as Error).message}\n`)
      return 2
    }
    if ((err as Error).name === 'ApiError') {
      // every problem the node named, not only the first; with --json its problem document
      try {
        reportRefusal(err as ApiError, { json: argv.includes('--json') })
      } catch {
        return 1
      }
    }
    if (err instanceof ClientError) {
      process.stderr.write(`polder: ${err.message}\n`)
      return 1
    }
    // no stack trace for a user: the message, and how to see more
    const message = err instanceof Error ? err.message : String(err)
    process.stderr.write(`polder: ${message}${debug ? '' : ' (--debug shows the details)'}\n`)
    return 1
  }
  return exitCode
}
