// Open311's XML is the canonical form; JSON is its "Spark" mapping (lists become arrays, the
// root element is dropped). Building the XML from the same plain objects as the JSON keeps
// both formats carrying the same data.

export type XmlValue = string | number | boolean | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

// Element names of list items, for the lists the GeoReport v2 documents contain.
const itemNames: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  notes: 'note',
  endpoints: 'endpoint',
  formats: 'format',
  photos: 'photo',
  keywords: 'keyword',
};

// XML 1.0 forbids most control characters even when escaped; they are dropped.
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

export function escapeXml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name] ?? 'item';
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([key, child]) => element(key, child))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const PROLOG = '<?xml version="1.0" encoding="utf-8"?>\n';

/** `<root><item>…</item>…</root>`: the XML of a JSON top-level array. */
export function xmlList(root: string, item: string, list: readonly XmlObject[]): string {
  return `${PROLOG}<${root}>${list.map((entry) => element(item, entry)).join('')}</${root}>`;
}

/** `<root>…</root>`: the XML of a JSON object. */
export function xmlObject(root: string, body: XmlObject): string {
  return `${PROLOG}${element(root, body)}`;
}
