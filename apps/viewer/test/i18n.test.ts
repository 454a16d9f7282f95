import { describe, expect, it } from 'vitest'
import { initialLanguage, pickText, translate } from '../src/lib/i18n'
import { en, nl } from '../src/lib/messages'

describe('i18n', () => {
  it('translates with parameters', () => {
    expect(translate('nl', 'search.results', { count: 3 })).toBe('3 resultaten')
    expect(translate('en', 'search.results', { count: 3 })).toBe('3 results')
  })

  it('falls back to English for a key Dutch lacks', () => {
    expect(nl['publish.item']).toBeUndefined()
    expect(translate('nl', 'publish.item', { name: 'Partner', index: 2 })).toBe('Partner 2')
  })

  it('has no Dutch key that English lacks', () => {
    for (const key of Object.keys(nl)) expect(Object.hasOwn(en, key)).toBe(true)
  })

  it('picks a record’s text in the language, else the other, else any', () => {
    expect(pickText({ nl: 'Gemeente', en: 'City' }, 'en')).toBe('City')
    expect(pickText({ nl: 'Gemeente' }, 'en')).toBe('Gemeente')
    expect(pickText({ fy: 'Gemeente Ljouwert' }, 'nl')).toBe('Gemeente Ljouwert')
    expect(pickText(undefined, 'nl')).toBe('')
  })

  it('starts in the stored language, else the browser’s, else Dutch', () => {
    expect(initialLanguage('en', ['nl-NL'])).toBe('en')
    expect(initialLanguage(null, ['de-DE', 'en-US'])).toBe('en')
    expect(initialLanguage('xx', ['fr'])).toBe('nl')
  })
})
