export { CURRENCY_CODES, currencyMinorUnits } from './currencies.js'
export {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  RECORD_KINDS,
  RELATION_TYPES,
} from './lists.js'
export { MUNICIPALITIES, PROVINCES } from './regions.js'
export { SDGS } from './sdgs.js'
export { THEMES, type Theme, type ThemeCode } from './themes.js'
export type { Label, Term } from './vocabulary.js'
