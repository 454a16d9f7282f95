/**
 * XML documents built element by element (`ele`, `att`, `txt`, as xmlbuilder2 chains them)
 * and written in one pass into an array of strings joined once. An OAI-PMH page of 100
 * records is ~230 KB: built as an xmlbuilder2 document it cost about 0.2 ms a record (a DOM
 * node per element, namespace checks on every insert); written by fast-xml-parser's builder
 * from its ordered arrays, half of that, most of it in the builder's per-value entity
 * passes, its string concatenation (a rope the socket then flattens) and the garbage of
 * both. Escaping five characters needs no library; well-formedness is checked by the tests
 * against the OAI-PMH and DataCite XSDs.
 *
 * Namespaces as in XML Namespaces 1.0: an element or attribute given a namespace declares
 * its prefix where that prefix is not yet bound to it; an element given none is in the
 * default namespace in scope, as its unprefixed name says.
 */

const XMLNS = 'http://www.w3.org/2000/xmlns/'
const XML = 'http://www.w3.org/XML/1998/namespace'

/** Characters XML 1.0 does not allow anywhere (controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const ALL_NOT_XML = new RegExp(NOT_XML.source, 'gu')
/** Drops what no XML document may hold, so every answer stays well-formed. */
const xmlSafe = (text: string): string =>
  NOT_XML.test(text) ? text.replace(ALL_NOT_XML, '') : text

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
}
/** In text: markup, and CR (a parser would read it as a line end). */
const TEXT_SPECIAL = /[&<>\r]/
const ALL_TEXT_SPECIAL = /[&<>\r]/g
/** In an attribute value: markup, the quote, and whitespace a parser would normalise to spaces. */
const ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/
const ALL_ATTRIBUTE_SPECIAL = /[&<>"\t\n\r]/g
const entity = (char: string): string => ENTITIES[char] ?? char

const escapeText = (text: string): string => {
  const safe = xmlSafe(text)
  return TEXT_SPECIAL.test(safe) ? safe.replace(ALL_TEXT_SPECIAL, entity) : safe
}
const escapeAttribute = (value: string): string => {
  const safe = xmlSafe(value)
  return ATTRIBUTE_SPECIAL.test(safe) ? safe.replace(ALL_ATTRIBUTE_SPECIAL, entity) : safe
}

const INDENT = '  '

/** An element's child: an element, or text already escaped. */
type Child = XmlElement | string

export class XmlElement {
  readonly #name: string
  /**
   * Names and escaped values, alternating, in the order first set: a page holds thousands of
   * elements with one or two attributes each, too few for a Map to pay for itself.
   */
  readonly #attributes: string[] = []
  readonly #children: Child[] = []
  /** Prefix ('' for the default) to namespace, as declared here and above. */
  #scope: ReadonlyMap<string, string>

  constructor(name: string, scope: ReadonlyMap<string, string>) {
    this.#name = name
    this.#scope = scope
  }

  /** Appends a child element: `ele(name)`, or `ele(namespace, qualifiedName)`. */
  ele(nameOrNamespace: string, qualifiedName?: string): XmlElement {
    const child = new XmlElement(qualifiedName ?? nameOrNamespace, this.#scope)
    this.#children.push(child)
    if (qualifiedName !== undefined) child.#declare(prefixOf(qualifiedName), nameOrNamespace)
    return child
  }

  /** Sets an attribute: `att(name, value)`, or `att(namespace, qualifiedName, value)`. */
  att(nameOrNamespace: string, nameOrValue: string, value?: string): this {
    if (value === undefined) {
      this.#setAttribute(nameOrNamespace, escapeAttribute(nameOrValue))
      return this
    }
    const [namespace, name] = [nameOrNamespace, nameOrValue]
    if (namespace === XMLNS) {
      const prefix = name === 'xmlns' ? '' : name.slice('xmlns:'.length)
      this.#bind(prefix, value)
      this.#setAttribute(name, escapeAttribute(value))
      return this
    }
    if (namespace !== XML) this.#declare(prefixOf(name), namespace)
    this.#setAttribute(name, escapeAttribute(value))
    return this
  }

  /** Appends text. */
  txt(text: string): this {
    const escaped = escapeText(text)
    if (escaped !== '') this.#children.push(escaped)
    return this
  }

  /** Removes attributes set earlier. */
  removeAtt(names: readonly string[]): this {
    for (const name of names) {
      const at = this.#attributeIndex(name)
      if (at >= 0) this.#attributes.splice(at, 2)
    }
    return this
  }

  #attributeIndex(name: string): number {
    for (let i = 0; i < this.#attributes.length; i += 2) if (this.#attributes[i] === name) return i
    return -1
  }

  #setAttribute(name: string, escaped: string): void {
    const at = this.#attributeIndex(name)
    if (at >= 0) this.#attributes[at + 1] = escaped
    else this.#attributes.push(name, escaped)
  }

  /**
   * Writes the element to `out`. Pretty: each child element on a line of its own, indented by
   * its depth, unless the element holds text too (whitespace there would change the text).
   */
  protected write(out: string[], depth: number, pretty: boolean): void {
    out.push('<', this.#name)
    const attributes = this.#attributes
    for (let i = 0; i < attributes.length; i += 2)
      out.push(' ', attributes[i] as string, '="', attributes[i + 1] as string, '"')
    if (this.#children.length === 0) {
      out.push('/>')
      return
    }
    out.push('>')
    const indent = pretty && !this.#children.some((child) => typeof child === 'string')
    for (const child of this.#children) {
      if (typeof child === 'string') {
        out.push(child)
        continue
      }
      if (indent) out.push('\n', INDENT.repeat(depth + 1))
      child.write(out, depth + 1, indent)
    }
    if (indent) out.push('\n', INDENT.repeat(depth))
    out.push('</', this.#name, '>')
  }

  /** Writes the children at the top (the document's roots), each on a line when pretty. */
  protected writeRoots(out: string[], pretty: boolean): void {
    for (const child of this.#children) {
      if (pretty) out.push('\n')
      if (typeof child === 'string') out.push(child)
      else child.write(out, 0, pretty)
    }
  }

  #declare(prefix: string, namespace: string): void {
    if (this.#scope.get(prefix) === namespace) return
    this.#bind(prefix, namespace)
    this.#setAttribute(prefix === '' ? 'xmlns' : `xmlns:${prefix}`, escapeAttribute(namespace))
  }

  #bind(prefix: string, namespace: string): void {
    this.#scope = new Map(this.#scope).set(prefix, namespace)
  }
}

const prefixOf = (qualifiedName: string): string => {
  const colon = qualifiedName.indexOf(':')
  return colon < 0 ? '' : qualifiedName.slice(0, colon)
}

/** An XML document: `ele` makes its root, `end` writes it with its declaration. */
export class XmlDocument extends XmlElement {
  constructor() {
    super('', new Map())
  }

  end(options: { prettyPrint?: boolean } = {}): string {
    const pretty = options.prettyPrint === true
    const out = ['<?xml version="1.0" encoding="UTF-8"?>']
    this.writeRoots(out, pretty)
    if (pretty) out.push('\n')
    return out.join('')
  }
}
