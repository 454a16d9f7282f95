import type { Label } from './vocabulary.js'

/** A theme of smart-city work, mapped to the SDGs it serves. */
export interface Theme {
  readonly code: string
  readonly label: Label
  /** Numbers of the Sustainable Development Goals the theme contributes to. */
  readonly sdgs: readonly number[]
}

/**
 * Themes of the Dutch Smart City strategy (see docs/record-model.md), with the
 * preconditions it names (digital infrastructure, governance with residents, skills).
 */
export const THEMES = [
  {
    code: 'digital-infrastructure',
    label: { en: 'Digital infrastructure', nl: 'Digitale infrastructuur' },
    sdgs: [9],
  },
  {
    code: 'data-standards',
    label: { en: 'Data and open standards', nl: 'Data en open standaarden' },
    sdgs: [9, 16, 17],
  },
  {
    code: 'mobility',
    label: { en: 'Mobility and accessibility', nl: 'Mobiliteit en bereikbaarheid' },
    sdgs: [9, 11],
  },
  {
    code: 'public-transport',
    label: { en: 'Public transport', nl: 'Openbaar vervoer' },
    sdgs: [11],
  },
  {
    code: 'energy-climate',
    label: { en: 'Energy and climate', nl: 'Energie en klimaat' },
    sdgs: [7, 13],
  },
  {
    code: 'climate-adaptation',
    label: { en: 'Climate adaptation (heat, water)', nl: 'Klimaatadaptatie (hitte, water)' },
    sdgs: [6, 11, 13],
  },
  {
    code: 'circular-economy',
    label: { en: 'Circular use of raw materials', nl: 'Circulair gebruik van grondstoffen' },
    sdgs: [12],
  },
  {
    code: 'waste',
    label: { en: 'Waste processing', nl: 'Afvalverwerking' },
    sdgs: [11, 12],
  },
  {
    code: 'healthy-urban-development',
    label: { en: 'Healthy urban development', nl: 'Gezonde stedelijke ontwikkeling' },
    sdgs: [3, 11],
  },
  { code: 'health-care', label: { en: 'Health care', nl: 'Zorg' }, sdgs: [3] },
  { code: 'safety', label: { en: 'Safety', nl: 'Veiligheid' }, sdgs: [11, 16] },
  {
    code: 'public-services',
    label: { en: 'Public services', nl: 'Publieke dienstverlening' },
    sdgs: [16],
  },
  {
    code: 'economy-jobs',
    label: { en: 'Economic growth and jobs', nl: 'Economische groei en banen' },
    sdgs: [8],
  },
  {
    code: 'skills',
    label: { en: 'Education and employability', nl: 'Onderwijs en employability' },
    sdgs: [4, 8],
  },
  {
    code: 'governance-participation',
    label: {
      en: 'Governance and resident participation',
      nl: 'Governance en bewonersparticipatie',
    },
    sdgs: [11, 16],
  },
  {
    code: 'green-biodiversity',
    label: { en: 'Urban green and biodiversity', nl: 'Stedelijk groen en biodiversiteit' },
    sdgs: [11, 15],
  },
  {
    code: 'housing',
    label: { en: 'Housing and the built environment', nl: 'Wonen en gebouwde omgeving' },
    sdgs: [11],
  },
] as const satisfies readonly Theme[]

export type ThemeCode = (typeof THEMES)[number]['code']
