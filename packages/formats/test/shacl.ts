/** The official DCAT-AP 3.0.0 SHACL shapes, and a validator over them (rdf-validate-shacl). */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import rdf from '@zazuko/env-node'
import { Parser, type Quad } from 'n3'
import SHACLValidator from 'rdf-validate-shacl'

const SHAPES = fileURLToPath(new URL('./fixtures/dcat-ap/dcat-ap-SHACL.ttl', import.meta.url))

export interface Violation {
  readonly focusNode: string
  readonly path: string
  readonly message: string
  readonly severity: string
}

let validator: SHACLValidator | undefined

function shapes(): SHACLValidator {
  if (validator === undefined) {
    const quads = new Parser({ format: 'Turtle' }).parse(readFileSync(SHAPES, 'utf8'))
    validator = new SHACLValidator(rdf.dataset(quads as never), { factory: rdf })
  }
  return validator
}

/** Every result of validating the quads against DCAT-AP 3.0.0 (empty: it conforms). */
export async function dcatApViolations(quads: readonly Quad[]): Promise<Violation[]> {
  const report = await shapes().validate(rdf.dataset([...quads] as never))
  return report.results.map((result) => ({
    focusNode: result.focusNode?.value ?? '',
    path: result.path?.value ?? '',
    message: result.message.map((m) => m.value).join('; '),
    severity: result.severity?.value ?? '',
  }))
}

export const shapeCount = (): number =>
  new Parser({ format: 'Turtle' })
    .parse(readFileSync(SHAPES, 'utf8'))
    .filter((q) => q.predicate.value.endsWith('#type') && q.object.value.endsWith('NodeShape'))
    .length
