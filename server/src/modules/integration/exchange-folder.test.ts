import { describe, expect, it } from 'vitest';
import { isConfinedFolder } from './exchange-folder.js';

describe('isConfinedFolder', () => {
  const root = '/srv/cityloop/exchange';

  it.each(['outbox', 'province/outbox', './outbox', 'outbox/', '.', '..outbox', 'a..b/c'])(
    'accepts %j (inside the root)',
    (folder) => expect(isConfinedFolder(root, folder)).toBe(true),
  );

  it.each([
    '/etc',
    '/srv/cityloop/exchange/outbox', // absolute, even when it names a place inside
    '..',
    '../x',
    'a/../../x',
    'a/../b', // resolves inside, but `..` is never needed
    'a\\..\\x',
    'a\\b',
    'a\0b',
  ])('refuses %j', (folder) => expect(isConfinedFolder(root, folder)).toBe(false));
});
