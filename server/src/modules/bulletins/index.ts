// Public entry of the bulletins module (月度简报).

export type { BulletinDocument, BulletinNode, BulletinTable } from './bulletin-document.js';
export { registerBulletinRoutes } from './bulletins.routes.js';
export {
  type BulletinFormat,
  buildBulletin,
  exportBulletinFromCli,
  renderBulletin,
} from './bulletins.service.js';
export { composeBulletin, definitionsAppendix } from './compose-bulletin.js';
