import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { SaxesParser } from 'saxes';
import type { TestApp } from './test-app.js';

// Shared by the open311-*.test.ts files: the spec's JSON Schemas, a small XML reader, a
// proof-of-work solver, and an admin-issued API key.

const schemaDir = new URL('../../../../shared/reference/open311-schema/', import.meta.url);
const schema = (name: string) => JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8'));

export function open311Validators() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  for (const name of ['request.json', 'service.json', 'service-definition.json'])
    ajv.addSchema(schema(name), name);
  ajv.addSchema(schema('requests.json'), 'requests.json');
  ajv.addSchema(schema('services.json'), 'services.json');
  const get = (name: string) => {
    const validate = ajv.getSchema(name);
    if (!validate) throw new Error(`schema ${name} missing`);
    return (data: unknown) => {
      const ok = validate(data);
      return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    };
  };
  return {
    requests: get('requests.json'),
    services: get('services.json'),
    serviceDefinition: get('service-definition.json'),
  };
}

export type XmlNode = { name: string; text: string; children: XmlNode[] };

/** Parses XML strictly (throws on malformed documents) into a plain tree. */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, text: '', children: [] };
    stack.at(-1)?.children.push(node);
    stack.push(node);
    if (!root) root = node;
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error('empty XML');
  return root;
}

const listNames = new Set(['attributes', 'values', 'notes', 'endpoints', 'formats', 'photos']);

/**
 * The Spark mapping back from XML to JSON: list roots become arrays, empty elements null,
 * everything else a string. Tests compare it with the JSON answer (numbers/booleans stringified).
 */
export function sparkOf(node: XmlNode, isList = true): unknown {
  if (isList) return node.children.map((child) => sparkOf(child, false));
  if (node.children.length === 0) return node.text === '' ? null : node.text;
  const object: Record<string, unknown> = {};
  for (const child of node.children) {
    object[child.name] = listNames.has(child.name)
      ? child.children.map((c) => (c.children.length > 0 ? sparkOf(c, false) : c.text))
      : sparkOf(child, false);
  }
  return object;
}

/** JSON with every scalar as the string XML would carry. */
export function stringified(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(stringified);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringified(v)]));
  }
  return String(value);
}

export function solvePow(challenge: string, difficulty: number): string {
  for (let nonce = 0; ; nonce++) {
    const digest = createHash('sha256').update(`${challenge}${nonce}`).digest();
    let bits = 0;
    for (const byte of digest) {
      if (byte === 0) {
        bits += 8;
        continue;
      }
      bits += Math.clz32(byte) - 24;
      break;
    }
    if (bits >= difficulty) return String(nonce);
  }
}

export async function issueKey(
  t: TestApp,
  name = 'test client',
  perMinute = 60,
): Promise<{ id: string; key: string }> {
  const admin = await t.loginAs('admin');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/open311/keys',
    headers: admin,
    payload: { name, perMinute },
  });
  if (response.statusCode !== 201) throw new Error(`key: ${response.body}`);
  return response.json() as { id: string; key: string };
}

export function form(fields: Record<string, string | string[]>): {
  payload: string;
  headers: Record<string, string>;
} {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return {
    payload: params.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  };
}
