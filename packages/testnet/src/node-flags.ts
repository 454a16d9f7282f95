/** The V8 flags the node runs with, as its bin's shebang names them. */
import { readFile } from 'node:fs/promises'

/**
 * The V8 flags a build's bin runs with, from its shebang (`#!/usr/bin/env -S node <flags>`),
 * which `pnpm start` and the systemd unit repeat: test nodes and benchmarks run a node as
 * users do (the young generation's size decides much of its CPU and memory), and a
 * baseline build with its own.
 */
export async function nodeFlags(bin: string): Promise<string[]> {
  const first = (await readFile(bin, 'utf8')).slice(0, 200).split('\n', 1)[0] ?? ''
  const shebang = /^#!\/usr\/bin\/env -S node(?<flags>( --[\w-]+(=\S+)?)*)$/.exec(first)
  if (shebang === null) throw new Error(`${bin} does not start with a node shebang`)
  return (shebang.groups?.flags ?? '').split(' ').filter((flag) => flag !== '')
}
