/** How the node's bin runs Node.js: its V8 flags and environment, as its shebang names them. */
import { readFile } from 'node:fs/promises'

/** What a build's bin shebang (`#!/usr/bin/env -S NAME=value node <flags>`) sets. */
export interface NodeLaunch {
  /** Variables `env` sets before Node.js starts (those read at start, such as glibc's). */
  readonly env: Readonly<Record<string, string>>
  /** Node.js and V8 flags. */
  readonly flags: readonly string[]
}

const SHEBANG = /^#!\/usr\/bin\/env -S(?<env>( [A-Z_]+=\S+)*) node(?<flags>( --[\w-]+(=\S+)?)*)$/

/**
 * The environment and flags a build's bin runs with, from its shebang, which `pnpm start`
 * and the systemd unit repeat: test nodes and benchmarks run a node as users do (the young
 * generation's size and malloc's huge pages decide much of its CPU and memory), and a
 * baseline build with its own.
 */
export async function nodeLaunch(bin: string): Promise<NodeLaunch> {
  const first = (await readFile(bin, 'utf8')).slice(0, 300).split('\n', 1)[0] ?? ''
  const shebang = SHEBANG.exec(first)
  if (shebang === null) throw new Error(`${bin} does not start with a node shebang`)
  const words = (group: string | undefined) => (group ?? '').split(' ').filter((w) => w !== '')
  const env = Object.fromEntries(
    words(shebang.groups?.env).map((pair) => {
      const at = pair.indexOf('=')
      return [pair.slice(0, at), pair.slice(at + 1)]
    }),
  )
  return { env, flags: words(shebang.groups?.flags) }
}

/** The V8 flags a build's bin runs with (see {@link nodeLaunch}). */
export async function nodeFlags(bin: string): Promise<string[]> {
  return [...(await nodeLaunch(bin)).flags]
}
