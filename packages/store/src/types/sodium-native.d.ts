/** The part of sodium-native 5 that Polder uses (its own package ships no types). */
declare module 'sodium-native' {
  /** libsodium's `crypto_sign_verify_detached`: whether `signature` is `publicKey`'s over `message`. */
  export function crypto_sign_verify_detached(
    signature: Uint8Array,
    message: Uint8Array,
    publicKey: Uint8Array,
  ): boolean
}
