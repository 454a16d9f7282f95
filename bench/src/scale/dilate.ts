/**
 * Preloaded in each host process (`node --import`): dilates its clocks and timers by the
 * factor and from the origin its environment names, before any of the node's modules load.
 */
import { DILATION_ENV, installDilation, ORIGIN_ENV } from './dilation.ts'

const dilation = Number(process.env[DILATION_ENV] ?? 1)
const origin = Number(process.env[ORIGIN_ENV] ?? Date.now())
installDilation(dilation, origin)
