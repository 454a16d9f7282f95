/** Every route of the API, by operationId. */
import { agendaRoutes } from './agenda-routes.js'
import { archiveRoutes } from './archive-routes.js'
import { attachmentRoutes } from './attachment-routes.js'
import { collectiveRoutes } from './collective-routes.js'
import { denialRoutes } from './denial-routes.js'
import { eventRoutes } from './event-routes.js'
import { formatRoutes } from './format-routes.js'
import { nodeRoutes } from './node-routes.js'
import { recordRoutes } from './record-routes.js'
import { schemaRoutes } from './schema-routes.js'
import { searchRoutes } from './search-routes.js'

export const ROUTES = {
  ...nodeRoutes,
  ...recordRoutes,
  ...searchRoutes,
  ...schemaRoutes,
  ...collectiveRoutes,
  ...denialRoutes,
  ...attachmentRoutes,
  ...eventRoutes,
  ...formatRoutes,
  ...archiveRoutes,
  ...agendaRoutes,
} as const

export type Routes = typeof ROUTES
export type OperationId = keyof Routes
