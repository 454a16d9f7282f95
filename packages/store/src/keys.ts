/**
 * The organisation's Ed25519 key: created once, kept 0600 in the data directory, and
 * exportable as a passphrase-encrypted backup. The DID, the libp2p peer id and the OrbitDB
 * identity all come from this one key.
 */
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  scrypt as scryptCallback,
} from 'node:crypto'
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { type Did, didFromEd25519PublicKey } from '@polder/schema'
import { KEY_FILE } from './constants.js'
import { KeyFileError } from './errors.js'

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>

/** scrypt cost: 2^17 as recommended for file encryption (~0.3 s, 128 MiB). */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }
const BACKUP_FORMAT = 'polder-key-backup'

export interface OrgKey {
  readonly privateKey: Ed25519PrivateKey
  readonly did: Did
}

export function orgKeyOf(privateKey: Ed25519PrivateKey): OrgKey {
  return { privateKey, did: didFromEd25519PublicKey(privateKey.publicKey.raw) }
}

/** Writes a file readable only by its owner, atomically (temp file, then rename). */
async function writePrivateFile(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' })
  await rename(temp, path)
}

function decodeKey(bytes: Uint8Array, where: string): Ed25519PrivateKey {
  let key: ReturnType<typeof privateKeyFromProtobuf>
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new KeyFileError(`${where} does not hold a key: ${(err as Error).message}`)
  }
  if (key.type !== 'Ed25519')
    throw new KeyFileError(`${where} holds a ${key.type} key, not Ed25519`)
  return key
}

/** Loads the key of the data directory `home`; undefined when there is none yet. */
export async function loadKey(home: string): Promise<OrgKey | undefined> {
  const path = join(home, KEY_FILE)
  let mode: number
  try {
    mode = (await stat(path)).mode
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  if ((mode & 0o077) !== 0) {
    throw new KeyFileError(
      `${path} is readable by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`,
    )
  }
  return orgKeyOf(decodeKey(await readFile(path), path))
}

/** Stores a key as the key of `home`; refuses to overwrite an existing one. */
export async function saveKey(home: string, privateKey: Ed25519PrivateKey): Promise<OrgKey> {
  await mkdir(home, { recursive: true, mode: 0o700 })
  const path = join(home, KEY_FILE)
  if (await loadKey(home))
    throw new KeyFileError(`${path} exists: this directory has a key already`)
  await writePrivateFile(path, privateKeyToProtobuf(privateKey))
  await chmod(path, 0o600)
  return orgKeyOf(privateKey)
}

/** The key of `home`, created on first use. */
export async function loadOrCreateKey(home: string): Promise<{ key: OrgKey; created: boolean }> {
  const existing = await loadKey(home)
  if (existing) return { key: existing, created: false }
  return { key: await saveKey(home, await generateKeyPair('Ed25519')), created: true }
}

interface Backup {
  format: typeof BACKUP_FORMAT
  version: 1
  did: string
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string }
  cipher: { name: 'aes-256-gcm'; iv: string; tag: string }
  ciphertext: string
}

/** A passphrase-encrypted backup of the key (JSON), for recovery on another machine. */
export async function exportKey(key: OrgKey, passphrase: string): Promise<string> {
  if (passphrase.length < 8) throw new KeyFileError('Choose a passphrase of at least 8 characters')
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const secret = await scrypt(passphrase.normalize('NFC'), salt, 32, SCRYPT)
  const cipher = createCipheriv('aes-256-gcm', secret, iv)
  cipher.setAAD(Buffer.from(key.did))
  const ciphertext = Buffer.concat([
    cipher.update(privateKeyToProtobuf(key.privateKey)),
    cipher.final(),
  ])
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: 1,
    did: key.did,
    kdf: { name: 'scrypt', N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, salt: salt.toString('base64') },
    cipher: {
      name: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    ciphertext: ciphertext.toString('base64'),
  }
  return `${JSON.stringify(backup, null, 2)}\n`
}

/** Decrypts a backup made by {@link exportKey}; a wrong passphrase or a damaged file throws. */
export async function decryptBackup(text: string, passphrase: string): Promise<OrgKey> {
  let backup: Backup
  try {
    backup = JSON.parse(text) as Backup
  } catch {
    throw new KeyFileError('The backup is not JSON')
  }
  if (backup?.format !== BACKUP_FORMAT || backup.version !== 1 || backup.kdf?.name !== 'scrypt') {
    throw new KeyFileError('This is not a Polder key backup (or of a newer version)')
  }
  const { N, r, p, salt } = backup.kdf
  if (!Number.isInteger(N) || N > 2 ** 20 || r > 32 || p > 16) {
    throw new KeyFileError('The backup asks for scrypt parameters out of range')
  }
  const secret = await scrypt(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, {
    N,
    r,
    p,
    maxmem: 256 * 1024 * 1024 * 4,
  })
  let plain: Buffer
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      secret,
      Buffer.from(backup.cipher.iv, 'base64'),
    )
    decipher.setAAD(Buffer.from(backup.did))
    decipher.setAuthTag(Buffer.from(backup.cipher.tag, 'base64'))
    plain = Buffer.concat([
      decipher.update(Buffer.from(backup.ciphertext, 'base64')),
      decipher.final(),
    ])
  } catch {
    throw new KeyFileError('Wrong passphrase, or the backup is damaged')
  }
  const key = orgKeyOf(decodeKey(plain, 'The backup'))
  if (key.did !== backup.did) throw new KeyFileError('The backup names another DID than its key')
  return key
}

/** Restores a backup into an empty data directory: the node is the same organisation again. */
export async function importKey(home: string, text: string, passphrase: string): Promise<OrgKey> {
  const key = await decryptBackup(text, passphrase)
  return saveKey(home, key.privateKey)
}
