/**
 * The config file `<home>/polder.env`: `NAME=value` lines with a comment above each
 * option, the same names as the environment variables (so systemd's EnvironmentFile=
 * and docker's --env-file read it too).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { OPTIONS, type OptionName, type RawConfig } from './env.js'
import { ConfigError } from './errors.js'

export const CONFIG_FILE = 'polder.env'

export function configPath(home: string): string {
  return join(home, CONFIG_FILE)
}

/** The documented config file with every option at its default. */
export function defaultConfigText(): string {
  const header = [
    '# Polder node configuration.',
    '# Every option can also be set by an environment variable of the same name, or a flag;',
    '# flags win over the environment, the environment over this file.',
    '# The data directory itself is POLDER_HOME (environment or --home), default ./.polder.',
  ]
  const body = OPTIONS.flatMap((option) => [
    '',
    ...option.doc.split('\n').map((line) => `# ${line}`),
    `${option.name}=${option.default}`,
  ])
  return `${[...header, ...body].join('\n')}\n`
}

/** Writes the default config file unless one exists; true when written. */
export async function writeDefaultConfig(home: string): Promise<boolean> {
  try {
    await writeFile(configPath(home), defaultConfigText(), { flag: 'wx', mode: 0o644 })
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  }
}

/** Reads the config file of `home`; no file means no options. */
export async function readConfigFile(home: string): Promise<RawConfig> {
  let text: string
  try {
    text = await readFile(configPath(home), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw err
  }
  const names = new Set<string>(OPTIONS.map((option) => option.name))
  const raw: RawConfig = {}
  text.split('\n').forEach((line, index) => {
    const trimmed = line.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const match = /^([A-Z_]+)=(.*)$/.exec(trimmed)
    if (match === null) {
      throw new ConfigError(`${configPath(home)}:${index + 1}: expected NAME=value`)
    }
    const [, name, value] = match as unknown as [string, string, string]
    if (!names.has(name))
      throw new ConfigError(`${configPath(home)}:${index + 1}: unknown option ${name}`)
    raw[name as OptionName] = value.replace(/^"(.*)"$/, '$1')
  })
  return raw
}
