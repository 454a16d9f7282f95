import { stemmer } from '@orama/stemmers/dutch'
import { describe, expect, it } from 'vitest'
import { dutchStem } from '../src/dutch-stem.js'

describe('dutchStem', () => {
  it('gives Snowball’s stem for words, numbers and words with digits', () => {
    const numbers = Array.from({ length: 2_000 }, (_, i) => String(i * 37))
    const words = [
      'fietsen',
      'straten',
      'veiligheid',
      '0',
      '007',
      '2024',
      '2e',
      '100en',
      'a4',
      'ééntje',
    ]
    for (const word of [...numbers, ...words]) expect(dutchStem(word), word).toBe(stemmer(word))
  })
})
