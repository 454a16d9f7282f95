import { describe, expect, it } from 'vitest'
import { doiUrl, identifierUrl, orcidUrl } from '../src/lib/identifier-links'

describe('identifier links', () => {
  it('links a DOI at doi.org, bare, with doi: or as a URL', () => {
    for (const value of [
      '10.5555/polder-demo.heat.2023.01',
      'doi:10.5555/polder-demo.heat.2023.01',
      'https://doi.org/10.5555/polder-demo.heat.2023.01',
      'http://dx.doi.org/10.5555/polder-demo.heat.2023.01',
    ])
      expect(doiUrl(value), value).toBe('https://doi.org/10.5555/polder-demo.heat.2023.01')
    expect(doiUrl('11.5555/x')).toBeUndefined()
    expect(doiUrl('not a doi')).toBeUndefined()
  })

  it('links an ORCID iD at orcid.org, with its X checksum', () => {
    expect(orcidUrl('0000-0000-2037-481X')).toBe('https://orcid.org/0000-0000-2037-481X')
    expect(orcidUrl('https://orcid.org/0000-0002-1825-0097')).toBe(
      'https://orcid.org/0000-0002-1825-0097',
    )
    expect(orcidUrl('0000-0002-1825')).toBeUndefined()
  })

  it('links only the fields that hold identifiers', () => {
    expect(identifierUrl('doi', '10.1000/182')).toBe('https://doi.org/10.1000/182')
    expect(identifierUrl('orcid', '0000-0002-1825-0097')).toBe(
      'https://orcid.org/0000-0002-1825-0097',
    )
    expect(identifierUrl('name', '10.1000/182')).toBeUndefined()
  })
})
