/** The XML writer under OAI-PMH and DataCite (src/xml-builder.ts): escaping, namespaces, layout. */
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { XmlDocument } from '../src/xml-builder.js'

const OAI = 'http://www.openarchives.org/OAI/2.0/'
const DC = 'http://purl.org/dc/elements/1.1/'
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

describe('the XML writer', () => {
  it('escapes markup in text and in attribute values, and keeps an attribute’s line ends', () => {
    const doc = new XmlDocument()
    doc.ele('a').att('title', 'x & "y" <z>\nnext\tline').txt('Wegen & <bruggen> > 3\r\nok')
    expect(doc.end()).toBe(
      `${DECLARATION}<a title="x &amp; &quot;y&quot; &lt;z&gt;&#10;next&#9;line">Wegen &amp; &lt;bruggen&gt; &gt; 3&#13;\nok</a>`,
    )
    // a parser reads the markup characters back
    const plain = new XmlDocument()
    plain.ele('a').att('title', 'x & "y" <z>').txt('Wegen & <bruggen> > 3')
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      plain.end(),
    )
    expect(parsed.a).toEqual({ '#text': 'Wegen & <bruggen> > 3', title: 'x & "y" <z>' })
  })

  it('drops characters no XML document may hold', () => {
    const doc = new XmlDocument()
    doc.ele('a').att('b', 'one\u0001two').txt('bell\u0007 and \uFFFE gone')
    expect(doc.end()).toBe(`${DECLARATION}<a b="onetwo">bell and  gone</a>`)
  })

  it('declares a namespace where its prefix is not yet bound to it, and not again below', () => {
    const doc = new XmlDocument()
    const root = doc.ele(OAI, 'OAI-PMH')
    const dc = root.ele('metadata').ele(DC, 'dc:title')
    dc.txt('one')
    root.ele('metadata').ele(DC, 'dc:title').txt('two')
    // a child in the same namespace under an element that declared it declares nothing
    dc.ele(DC, 'dc:inner')
    expect(doc.end()).toBe(
      `${DECLARATION}<OAI-PMH xmlns="${OAI}"><metadata><dc:title xmlns:dc="${DC}">one<dc:inner/></dc:title></metadata><metadata><dc:title xmlns:dc="${DC}">two</dc:title></metadata></OAI-PMH>`,
    )
  })

  it('keeps attributes in the order first set, sets one again in place, and removes them', () => {
    const doc = new XmlDocument()
    doc.ele('request').att('verb', 'ListRecords').att('set', 'a').att('verb', 'GetRecord')
    expect(doc.end()).toBe(`${DECLARATION}<request verb="GetRecord" set="a"/>`)
    const other = new XmlDocument()
    other.ele('request').att('verb', 'x').att('set', 'a').removeAtt(['verb', 'set']).txt('base')
    expect(other.end()).toBe(`${DECLARATION}<request>base</request>`)
  })

  it('pretty-prints elements on lines of their own, but never adds space to an element with text', () => {
    const doc = new XmlDocument()
    const resource = doc.ele('resource')
    resource.ele('identifier').att('identifierType', 'URL').txt('https://x.nl/r/1')
    const creators = resource.ele('creators')
    creators.ele('creator').ele('creatorName').txt('Gemeente Zwolle')
    resource.ele('mixed').txt('before').ele('b').txt('bold')
    resource.ele('empty')
    expect(doc.end({ prettyPrint: true })).toBe(
      [
        DECLARATION,
        '<resource>',
        '  <identifier identifierType="URL">https://x.nl/r/1</identifier>',
        '  <creators>',
        '    <creator>',
        '      <creatorName>Gemeente Zwolle</creatorName>',
        '    </creator>',
        '  </creators>',
        '  <mixed>before<b>bold</b></mixed>',
        '  <empty/>',
        '</resource>',
        '',
      ].join('\n'),
    )
    // the same document either way, but for the layout
    const parse = (xml: string) =>
      new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(xml)
    const compact = doc.end()
    expect(compact).not.toContain('\n')
    expect(parse(doc.end({ prettyPrint: true }))).toEqual(
      parse(doc.end({ prettyPrint: true }).replaceAll(/>\s+</g, '><')),
    )
    expect(parse(compact)).toEqual(parse(doc.end({ prettyPrint: true }).replaceAll(/\n\s*/g, '')))
  })
})
