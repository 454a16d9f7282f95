export { VERBS } from './arguments.js'
export { OAI_DC } from './dublin-core.js'
export { OAI_PAGE_SIZE, oaiRespond, setSpecsOf } from './respond.js'
export type { OaiPageQuery, OaiPosition, OaiRepository, OaiSet } from './types.js'
