/**
 * The themes as a SKOS concept scheme served by the node: Dutch and English labels, the
 * SDGs each serves (UN SDG KOS IRIs) and the EU data theme it falls under (for DCAT-AP).
 */
import { THEMES } from '@polder/schema'
import { REGISTRIES } from './constants.js'
import type { Iris } from './iris.js'

/** The EU data-theme (DCAT-AP's `dcat:theme` vocabulary) of each theme. */
export const EU_DATA_THEMES: Readonly<Record<string, string>> = {
  'digital-infrastructure': 'TECH',
  'data-standards': 'TECH',
  mobility: 'TRAN',
  'public-transport': 'TRAN',
  'energy-climate': 'ENER',
  'climate-adaptation': 'ENVI',
  'circular-economy': 'ENVI',
  waste: 'ENVI',
  'healthy-urban-development': 'HEAL',
  'health-care': 'HEAL',
  safety: 'JUST',
  'public-services': 'GOVE',
  'economy-jobs': 'ECON',
  skills: 'EDUC',
  'governance-participation': 'GOVE',
  'green-biodiversity': 'ENVI',
  housing: 'REGI',
}

export const euDataThemeIri = (code: string): string =>
  `${REGISTRIES.euDataTheme}${EU_DATA_THEMES[code] ?? 'REGI'}`

/** The UN's IRI of a Sustainable Development Goal. */
export const sdgIri = (goal: number): string => `http://metadata.un.org/sdg/${goal}`

const labels = (label: { nl: string; en: string }) => [
  { '@value': label.nl, '@language': 'nl' },
  { '@value': label.en, '@language': 'en' },
]

/** The concept scheme as a JSON-LD document (expanded IRIs, no context needed). */
export function themeScheme(iris: Iris): Record<string, unknown> {
  const scheme = iris.themeScheme()
  return {
    '@context': {
      skos: 'http://www.w3.org/2004/02/skos/core#',
      dct: 'http://purl.org/dc/terms/',
    },
    '@graph': [
      {
        '@id': scheme,
        '@type': 'skos:ConceptScheme',
        'skos:prefLabel': labels({ nl: 'Polder-thema’s', en: 'Polder themes' }),
        'dct:title': labels({ nl: 'Polder-thema’s', en: 'Polder themes' }),
        'skos:hasTopConcept': THEMES.map((theme) => ({ '@id': iris.theme(theme.code) })),
      },
      ...THEMES.map((theme) => ({
        '@id': iris.theme(theme.code),
        '@type': 'skos:Concept',
        'skos:prefLabel': labels(theme.label),
        'skos:notation': theme.code,
        'skos:inScheme': { '@id': scheme },
        'skos:topConceptOf': { '@id': scheme },
        'skos:relatedMatch': theme.sdgs.map((goal) => ({ '@id': sdgIri(goal) })),
        'skos:broadMatch': { '@id': euDataThemeIri(theme.code) },
      })),
    ],
  }
}
