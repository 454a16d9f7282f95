import { chmod, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { KEY_FILE } from '../src/constants.js'
import { KeyFileError } from '../src/errors.js'
import { decryptBackup, exportKey, importKey, loadKey, loadOrCreateKey } from '../src/keys.js'
import { tempDir } from '../src/testing.js'

describe('the organisation key', () => {
  it('is created once, owner-only, and names the organisation by did:key', async () => {
    await using dir = await tempDir()
    const first = await loadOrCreateKey(dir.path)
    expect(first.created).toBe(true)
    expect(first.key.did).toMatch(/^did:key:z6Mk/)
    expect((await stat(join(dir.path, KEY_FILE))).mode & 0o777).toBe(0o600)
    const again = await loadOrCreateKey(dir.path)
    expect(again.created).toBe(false)
    expect(again.key.did).toBe(first.key.did)
  })

  it('refuses a key file others can read, saying how to fix it', async () => {
    await using dir = await tempDir()
    await loadOrCreateKey(dir.path)
    await chmod(join(dir.path, KEY_FILE), 0o644)
    await expect(loadKey(dir.path)).rejects.toThrow(/chmod 600/)
  })

  it('refuses a damaged key file', async () => {
    await using dir = await tempDir()
    await writeFile(join(dir.path, KEY_FILE), 'not a key', { mode: 0o600 })
    await expect(loadKey(dir.path)).rejects.toThrow(KeyFileError)
  })

  it('restores from an encrypted backup as the same organisation, on a fresh directory', async () => {
    await using dir = await tempDir()
    await using fresh = await tempDir()
    const { key } = await loadOrCreateKey(dir.path)
    const backup = await exportKey(key, 'lange zin als wachtwoord')
    expect(backup).not.toContain(Buffer.from(key.privateKey.raw).toString('base64'))
    const restored = await importKey(fresh.path, backup, 'lange zin als wachtwoord')
    expect(restored.did).toBe(key.did)
    expect((await loadKey(fresh.path))?.did).toBe(key.did)
    expect(await readFile(join(fresh.path, KEY_FILE))).toEqual(
      await readFile(join(dir.path, KEY_FILE)),
    )
    // never over an existing key
    await expect(importKey(dir.path, backup, 'lange zin als wachtwoord')).rejects.toThrow(/exists/)
  })

  it('refuses a wrong passphrase, a tampered backup and a short passphrase', async () => {
    await using dir = await tempDir()
    const { key } = await loadOrCreateKey(dir.path)
    const backup = await exportKey(key, 'correct horse battery')
    await expect(decryptBackup(backup, 'wrong horse battery')).rejects.toThrow(/Wrong passphrase/)
    const parsed = JSON.parse(backup) as { ciphertext: string; did: string }
    const flipped = Buffer.from(parsed.ciphertext, 'base64')
    flipped[3] = (flipped[3] as number) ^ 1
    await expect(
      decryptBackup(
        JSON.stringify({ ...parsed, ciphertext: flipped.toString('base64') }),
        'correct horse battery',
      ),
    ).rejects.toThrow(KeyFileError)
    await expect(
      decryptBackup(
        JSON.stringify({
          ...parsed,
          did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        }),
        'correct horse battery',
      ),
    ).rejects.toThrow(KeyFileError)
    await expect(decryptBackup('{}', 'x')).rejects.toThrow(/not a Polder key backup/)
    await expect(exportKey(key, 'short')).rejects.toThrow(/at least 8/)
  })
})
