export { CURRENCY_CODES, currencyMinorUnits } from './currencies.js'
export {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  QUESTION_STATUSES,
  RECORD_KINDS,
  RELATION_TYPES,
  URGENCIES,
} from './lists.js'
export { MUNICIPALITIES, PROVINCES } from './regions.js'
export { SDGS } from './sdgs.js'
export {
  STANDARD_TYPES,
  STANDARDS,
  type Standard,
  type StandardCode,
  type StandardType,
} from './standards.js'
export { THEMES, type Theme, type ThemeCode } from './themes.js'
export type { Label, Term } from './vocabulary.js'
