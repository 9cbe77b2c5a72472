import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoGeography } from '../geo/index.js';
import { normaliseName } from '../geo/names.js';
import { demoUnits } from './demo-units.js';
import { seedUnitNameTables } from './seed-unit-names.js';

const allSeedNames = Object.values(seedUnitNameTables).flat();

// The in-memory twin of findUnitByName: name first, then aliases, whitespace ignored.
function resolve(name: string) {
  const key = normaliseName(name);
  return (
    demoUnits.find((u) => normaliseName(u.name) === key) ??
    demoUnits.find((u) => u.aliases.some((a) => normaliseName(a) === key))
  );
}

describe('demo units', () => {
  it('every unit name in the seed tables resolves to a demo unit', () => {
    const missing = allSeedNames.filter((name) => !resolve(name));
    expect(missing).toEqual([]);
  });

  it('no two units share a name or alias (after whitespace removal)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const unit of demoUnits) {
      for (const name of new Set([unit.name, ...unit.aliases].map(normaliseName))) {
        const other = owner.get(name);
        if (other) clashes.push(`${name}: ${other} / ${unit.name}`);
        owner.set(name, unit.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('the seed’s double spellings are one unit each; 邮政 company and regulator stay two', () => {
    const same = [
      ['市交通局', '市交通运输局'],
      ['中国电信攀枝花分公司', '中国电信攀枝花市分公司'],
      ['中国移动攀枝花分公司', '中国移动攀枝花市分公司'],
      ['中国联通攀枝花分公司', '中国联通攀枝花市分公司'],
      ['十九冶集团', '中国十九冶集团有限公司'],
      ['攀钢集团', '攀钢集团有限公司'],
      ['钢城集团', '钢城集团有限公司'],
      ['市供电公司', '四川省电力公司攀枝花电业局'],
      ['东区政府', '东\u00a0 区'],
      ['西区政府', '西\u00a0 区'],
      ['仁和区政府', '仁和区'],
      ['米易县政府', '米易县'],
      ['盐边县政府', '盐边县'],
      ['钒钛高新区管委会', '钒钛高新区'],
      ['花城新区管委会', '花城新区'],
    ] as const;
    for (const [a, b] of same) expect(resolve(a)?.name, `${a} = ${b}`).toBe(resolve(b)?.name);
    expect(resolve('市邮政公司')?.name).not.toBe(resolve('市邮政管理局')?.name);
    expect(resolve('市交警支队')?.name).not.toBe(resolve('市公安局')?.name);
  });

  it('kinds follow the seed’s grouping', () => {
    const kindOf = (name: string) => resolve(name)?.kind;
    for (const name of [...seedUnitNameTables.hotlineDistricts, ...seedUnitNameTables.assessmentDistricts]) {
      expect(kindOf(name), name).toBe('district_government');
    }
    for (const name of [
      ...seedUnitNameTables.hotlineDepartments,
      ...seedUnitNameTables.assessmentDepartments,
    ]) {
      expect(kindOf(name), name).toBe('city_department');
    }
    for (const name of [
      ...seedUnitNameTables.hotlineEnterprises,
      ...seedUnitNameTables.assessmentEnterprises,
    ]) {
      expect(kindOf(name), name).toBe('enterprise');
    }
  });

  it('district governments point at demo district codes', () => {
    const districtCodes = new Set(
      demoGeography()
        .regions.filter((r) => r.level === 'district')
        .map((r) => r.code),
    );
    const governments = demoUnits.filter((u) => u.kind === 'district_government');
    expect(governments).toHaveLength(7);
    for (const unit of governments) expect(districtCodes.has(unit.districtCode ?? ''), unit.name).toBe(true);
  });

  // The names above are copied by hand; this checks each really occurs in the seed file.
  const seedPath = fileURLToPath(
    new URL('../../../../../shared/seed/000_8549f45999aa701a.txt', import.meta.url),
  );
  it.skipIf(!existsSync(seedPath))('each listed name occurs verbatim in the seed bulletin', () => {
    const seed = readFileSync(seedPath, 'utf8');
    const lines = new Set(seed.split('\n').map((line) => line.trim()));
    for (const name of allSeedNames) {
      if (name === '市交警支队') expect(seed).toContain('派遣至市交警支队');
      else expect(lines.has(name), name).toBe(true);
    }
  });
});
