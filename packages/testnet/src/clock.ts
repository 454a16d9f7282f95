/**
 * A node process with its wall clock shifted: NODE_OPTIONS that replace `Date` before
 * anything loads, so `Date.now()` and `new Date()` run `offsetMs` off; timers are
 * unchanged. For tests of peers whose clocks are wrong.
 */
export function clockOffset(offsetMs: number): string {
  const source = `const R=Date,o=${offsetMs};class D extends R{constructor(...a){a.length===0?super(R.now()+o):super(...a)}static now(){return R.now()+o}}globalThis.Date=D;`
  return `--import=data:text/javascript,${encodeURIComponent(source)}`
}
