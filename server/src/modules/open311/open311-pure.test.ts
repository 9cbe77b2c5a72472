import { createHash } from 'node:crypto';
import type { ServiceAttribute } from '@cityloop/contracts/open311';
import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../platform/http/log-redaction.js';
import { attributePairs, checkAttributes } from './attributes.js';
import { leadingZeroBits, meetsDifficulty } from './proof-of-work.js';
import { open311Status, publicStepLabel } from './public-status.js';
import { REDACTED_ID, REDACTED_PHONE, redactPersonal } from './redact.js';
import { formatServiceCode, parseServiceCode } from './service-code.js';
import { escapeXml, xmlList, xmlObject } from './xml.js';

describe('service codes', () => {
  it('carry the kind letter because event and part codes overlap', () => {
    expect(formatServiceCode('event', '0101')).toBe('E0101');
    expect(formatServiceCode('part', '0101')).toBe('C0101');
    expect(parseServiceCode('C0101')).toEqual({ kind: 'part', code: '0101' });
    for (const bad of ['0101', 'X0101', 'E101', 'E01010', 'e0101']) expect(parseServiceCode(bad)).toBeNull();
  });
});

describe('XML', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });

  it('maps lists to item elements and null to empty elements', () => {
    expect(xmlList('service_requests', 'request', [{ id: '1', notes: [{ type: 'a' }], x: null }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><id>1</id><notes><note><type>a</type></note></notes><x/></request></service_requests>',
    );
    expect(xmlObject('discovery', { formats: ['text/xml'] })).toContain(
      '<discovery><formats><format>text/xml</format></formats></discovery>',
    );
  });
});

describe('redaction', () => {
  it('redacts every phone number and ID number, not just the first', () => {
    const text =
      '电话13812345678和139 8765 4321、+86-137-1111-2222，座机(0812)3334445，0812-12345678，身份证51040219900101123X，邮箱 a.b@c.cn';
    const out = redactPersonal(text);
    expect(out.split(REDACTED_PHONE).length - 1).toBe(5);
    expect(out).toContain(REDACTED_ID);
    expect(out).not.toMatch(/\d{7}/);
    expect(out).toContain('[邮箱已隐去]');
  });

  it('leaves case numbers, dates and counts alone', () => {
    const text = '案卷E2019070900001，2019-07-09发现3处，面积120平方米，网格510402001001001';
    expect(redactPersonal(text)).toBe(text);
  });
});

describe('attributes', () => {
  const defs: ServiceAttribute[] = [
    {
      variable: true,
      code: 'kind',
      datatype: 'multivaluelist',
      required: true,
      datatype_description: null,
      order: 1,
      description: '种类',
      values: [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
      ],
    },
    {
      variable: true,
      code: 'one',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 2,
      description: '单选',
      values: [{ key: 'x', name: 'X' }],
    },
    {
      variable: true,
      code: 'n',
      datatype: 'number',
      required: false,
      datatype_description: null,
      order: 3,
      description: '数',
    },
    {
      variable: true,
      code: 'at',
      datatype: 'datetime',
      required: false,
      datatype_description: null,
      order: 4,
      description: '时',
    },
    {
      variable: false,
      code: 'info',
      datatype: 'text',
      required: false,
      datatype_description: null,
      order: 5,
      description: '说明',
    },
  ];

  it('groups attribute[CODE] and attribute[CODE][] pairs', () => {
    const pairs: [string, string][] = [
      ['attribute[kind][]', 'a'],
      ['attribute[kind][]', 'b'],
      ['attribute[n]', '2'],
      ['other', 'x'],
    ];
    expect([...attributePairs(pairs)]).toEqual([
      ['kind', ['a', 'b']],
      ['n', ['2']],
    ]);
  });

  it('accepts good values with their types', () => {
    const result = checkAttributes(
      defs,
      new Map([
        ['kind', ['a', 'b']],
        ['n', ['2.5']],
        ['at', ['2019-07-01T08:00:00+08:00']],
      ]),
    );
    expect(result).toEqual({
      values: { kind: ['a', 'b'], n: 2.5, at: '2019-07-01T08:00:00+08:00' },
      errors: [],
    });
  });

  it('lists every problem: required, list keys, duplicates, numbers, zone-less datetimes, unknown and informational codes', () => {
    expect(checkAttributes(defs, new Map()).errors.length).toBe(1);
    const result = checkAttributes(
      defs,
      new Map([
        ['kind', ['a', 'a']],
        ['one', ['x', 'x']],
        ['n', ['two']],
        ['at', ['2019-07-01 08:00']],
        ['info', ['hi']],
        ['zzz', ['1']],
      ]),
    );
    expect(result.errors.map((e) => e.en)).toEqual([
      'unknown attribute: info',
      'unknown attribute: zzz',
      'attribute kind: repeated value',
      'attribute one: takes one value',
      'attribute n: must be a number',
      'attribute at: must be an ISO 8601 datetime with a timezone',
    ]);
  });
});

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(new Uint8Array([0, 0x0f, 0xff]))).toBe(12);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it('accepts a found nonce and rejects others', () => {
    let nonce = 0;
    while (leadingZeroBits(createHash('sha256').update(`abc${nonce}`).digest()) < 8) nonce++;
    expect(meetsDifficulty('abc', String(nonce), 8)).toBe(true);
    expect(meetsDifficulty('abd', String(nonce), 8) && meetsDifficulty('abe', String(nonce), 8)).toBe(false);
  });
});

describe('public status', () => {
  it('立案 onwards is open; 结案 and 作废 are closed; reports before 立案 are open too', () => {
    expect(['reported', 'verifying', 'accepted', 'filed', 'dispatched', 'parked'].map(open311Status)).toEqual(
      Array(6).fill('open'),
    );
    expect(['closed', 'voided'].map(open311Status)).toEqual(['closed', 'closed']);
  });

  it('hides internal steps and names the unit on dispatch', () => {
    expect(publicStepLabel({ action: 'supervise', toStatus: 'dispatched', unitName: null })).toBeNull();
    expect(publicStepLabel({ action: 'dispatch', toStatus: 'dispatched', unitName: '东区政府' })).toBe(
      '已派遣至东区政府处置',
    );
    expect(publicStepLabel({ action: 'verify', toStatus: 'voided', unitName: null })).toBe(
      '现场核实：情况不属实',
    );
  });
});

describe('log redaction', () => {
  it('blanks api_key and tokens in logged URLs', () => {
    expect(redactUrl('/open311/v2/requests.json?api_key=cl_secret&service_code=E0102')).toBe(
      '/open311/v2/requests.json?api_key=[REDACTED]&service_code=E0102',
    );
    expect(redactUrl('/x?a=1&API_KEY=s&token=t')).toBe('/x?a=1&API_KEY=[REDACTED]&token=[REDACTED]');
  });
});
