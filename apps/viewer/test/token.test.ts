import { describe, expect, it } from 'vitest'
import { takeToken } from '../src/lib/token'

describe('the API token from the address', () => {
  it('takes the token and leaves the rest of the fragment', () => {
    expect(takeToken('#token=abc123')).toEqual({ token: 'abc123', rest: '' })
    expect(takeToken('#token=abc&view=map')).toEqual({ token: 'abc', rest: '#view=map' })
    expect(takeToken('#section')).toEqual({ token: undefined, rest: '#section' })
    expect(takeToken('')).toEqual({ token: undefined, rest: '' })
  })
})
