/**
 * The SHA-256 of a file from its CID, where the CID says it: a CIDv1 in base32 with the
 * raw codec (one block, the file's own bytes) and a sha2-256 multihash. A chunked file
 * (dag-pb) hashes its root node instead, so it has no file checksum here.
 */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'

function base32Decode(text: string): Uint8Array | undefined {
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const char of text) {
    const index = BASE32.indexOf(char)
    if (index === -1) return undefined
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Uint8Array.from(bytes)
}

const RAW = 0x55
const SHA2_256 = 0x12

/** The hex SHA-256 of the file a raw-codec CIDv1 names, or undefined. */
export function sha256OfCid(cid: string): string | undefined {
  if (!cid.startsWith('b')) return undefined
  const bytes = base32Decode(cid.slice(1))
  if (bytes === undefined || bytes.length !== 36) return undefined
  const [version, codec, hash, length] = bytes
  if (version !== 1 || codec !== RAW || hash !== SHA2_256 || length !== 32) return undefined
  return Buffer.from(bytes.subarray(4)).toString('hex')
}
