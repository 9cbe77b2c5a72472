import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { shanghaiDate } from '../../platform/time.js';
import { recordAudit } from '../audit/index.js';
import { demoGeography, findRegionByCode } from '../geo/index.js';
import { findUnitByName } from '../org/index.js';
import { findUserIdByLogin } from '../users/index.js';
import { type PlannedOrder, planDemoHotlineHistory, seedJulyUnitTable } from './demo-history.js';
import {
  analyzeHotlineTables,
  insertOrderLog,
  insertOrders,
  type NewOrder,
  type OrderLogRow,
  reserveOrderSequences,
  selectOrderPage,
  selectSubjects,
} from './hotline.repository.js';
import { formatOrderNo } from './hotline.service.js';
import { seedHotlineDictionaries } from './hotline-seed.service.js';
import { loadOrderDeadlines } from './order-deadlines.service.js';

const ORDER_CHUNK = 400;
const LOG_CHUNK = 1500;

/**
 * Writes the calibrated demo history (demo-history.ts) of June and July 2019 for a city with
 * the demo dictionaries (units of the seed's table, the demo geography, the 12345 subjects).
 * One transaction, multi-row inserts. Does nothing when the city already has orders in those
 * months, so running it twice does not double the figures.
 */
export async function seedDemoHotlineHistory(
  db: Db,
  cityCode: string,
): Promise<{ created: number; skipped: boolean }> {
  await seedHotlineDictionaries(db, cityCode);
  const existing = await selectOrderPage(
    db,
    { cityCode },
    {
      receivedFrom: new Date('2019-06-01T00:00:00+08:00'),
      receivedTo: new Date('2019-08-01T00:00:00+08:00'),
      limit: 1,
      offset: 0,
    },
  );
  if (existing.total > 0) return { created: 0, skipped: true };

  const unitIds = new Map<string, string>();
  for (const row of seedJulyUnitTable) {
    const unit = await findUnitByName(db, cityCode, row.name);
    if (!unit)
      throw new Error(`demo hotline history: unit ${row.name} is missing (seed the demo units first)`);
    unitIds.set(row.name, unit.id);
  }
  const subjects = await selectSubjects(db, cityCode);
  const subjectIds = new Map(subjects.map((s) => [s.code, s.id]));
  const geography = demoGeography();
  const districtIds = new Map<string, string>();
  for (const region of geography.regions.filter((r) => r.level === 'district')) {
    const found = await findRegionByCode(db, cityCode, region.code);
    if (found) districtIds.set(region.code, found.id);
  }
  const deadline = await loadOrderDeadlines(db, cityCode, { fromYear: 2019, toYear: 2020 });
  const ownerId = await findUserIdByLogin(db, 'rx01');

  const plan = planDemoHotlineHistory({
    subjects: subjects.map((s) => ({ code: s.code, group: s.groupName, name: s.name })),
    points: geography.knownPoints.map((p) => ({
      label: p.label,
      lng: p.lng,
      lat: p.lat,
      districtCode: p.districtCode,
    })),
    deadline,
  }).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());

  await db.transaction().execute(async (trx) => {
    const perDay = new Map<string, PlannedOrder[]>();
    for (const order of plan) {
      const day = shanghaiDate(order.receivedAt);
      perDay.set(day, [...(perDay.get(day) ?? []), order]);
    }
    const orders: NewOrder[] = [];
    const log: OrderLogRow[] = [];
    for (const [day, dayOrders] of perDay) {
      const first = await reserveOrderSequences(trx, cityCode, day, dayOrders.length);
      dayOrders.forEach((planned, index) => {
        const id = uuidv7();
        orders.push(
          orderRow(planned, {
            id,
            cityCode,
            orderNo: formatOrderNo(day, first + index),
            ownerId,
            unitIds,
            subjectIds,
            districtIds,
          }),
        );
        planned.events.forEach((event, seq) => {
          log.push({
            cityCode,
            orderId: id,
            seq: seq + 1,
            action: event.action,
            fromStatus: seq === 0 ? null : (planned.events[seq - 1]?.to ?? null),
            toStatus: event.to,
            actorId: event.role === 'hotline_agent' ? ownerId : null,
            actorRole: event.role,
            at: event.at,
            note: event.note ?? null,
            unitId: event.unitName ? (unitIds.get(event.unitName) ?? null) : null,
            deadlineAt: event.deadlineAt ?? null,
            unitSatisfaction: event.unitSatisfaction ?? null,
            agentSatisfaction: event.agentSatisfaction ?? null,
            data: event.data ?? {},
          });
        });
      });
    }
    for (let i = 0; i < orders.length; i += ORDER_CHUNK)
      await insertOrders(trx, orders.slice(i, i + ORDER_CHUNK));
    for (let i = 0; i < log.length; i += LOG_CHUNK) await insertOrderLog(trx, log.slice(i, i + LOG_CHUNK));
    await recordAudit(trx, {
      cityCode,
      action: 'hotline.seed_demo_history',
      objectType: 'hotline_order',
      success: true,
      detail: { orders: orders.length, logRows: log.length },
    });
  });
  await analyzeHotlineTables(db);
  return { created: plan.length, skipped: false };
}

interface RowContext {
  id: string;
  cityCode: string;
  orderNo: string;
  ownerId: string | null;
  unitIds: Map<string, string>;
  subjectIds: Map<string, string>;
  districtIds: Map<string, string>;
}

/** The order row as its events leave it (the log and the row tell the same story). */
function orderRow(planned: PlannedOrder, ctx: RowContext): NewOrder {
  const events = planned.events;
  const last = events[events.length - 1];
  const lastOf = (action: string) => [...events].reverse().find((e) => e.action === action);
  const firstOf = (action: string) => events.find((e) => e.action === action);
  const status = last?.to ?? 'received';
  const atUnitOrLater = ['transferred', 'signed', 'replied', 'archived'].includes(status);
  const lastTransfer = [...events]
    .reverse()
    .find((e) => e.action === 'transfer' || (e.action === 'callback' && e.to === 'transferred'));
  const lastDeadline = [...events].reverse().find((e) => e.deadlineAt)?.deadlineAt ?? null;
  const lastStart = lastTransfer ? events.indexOf(lastTransfer) : -1;
  const sinceStart = events.slice(lastStart + 1);
  const callback = lastOf('callback');
  const transferUnit = lastOf('transfer')?.unitName;
  return {
    id: ctx.id,
    cityCode: ctx.cityCode,
    orderNo: ctx.orderNo,
    channel: planned.channel,
    callerName: planned.callerName,
    callerPhone: planned.callerPhone,
    confidential: planned.confidential,
    valid: planned.valid,
    invalidReason: planned.invalidReason,
    appealType: planned.appealType,
    subjectId: planned.subjectCode ? (ctx.subjectIds.get(planned.subjectCode) ?? null) : null,
    content: planned.content,
    address: planned.address,
    lng: planned.lng,
    lat: planned.lat,
    districtId: planned.districtCode ? (ctx.districtIds.get(planned.districtCode) ?? null) : null,
    urgent: false,
    emergency: null,
    status,
    version: events.length,
    ownerId: ctx.ownerId,
    leadUnitId: atUnitOrLater && transferUnit ? (ctx.unitIds.get(transferUnit) ?? null) : null,
    deadlineAt: atUnitOrLater ? lastDeadline : null,
    pendingExtensionUntil: null,
    urgeCount: events.filter((e) => e.action === 'urge').length,
    reopenCount: events.filter((e) => e.action === 'callback' && e.to === 'transferred').length,
    supervision: null,
    articleId: null,
    answerText: firstOf('answer') ? '已根据知识库答复来电人' : null,
    replyText: sinceStart.some((e) => e.action === 'reply') ? (lastOf('reply')?.note ?? null) : null,
    unitSatisfaction: callback?.unitSatisfaction ?? null,
    agentSatisfaction: callback?.agentSatisfaction ?? null,
    caseId: null,
    caseNo: null,
    masterId: null,
    receivedAt: planned.receivedAt,
    answeredAt: firstOf('answer')?.at ?? null,
    transferredAt: firstOf('transfer')?.at ?? null,
    signedAt: sinceStart.find((e) => e.action === 'sign')?.at ?? null,
    repliedAt: sinceStart.find((e) => e.action === 'reply')?.at ?? null,
    calledBackAt: callback?.at ?? null,
    archivedAt: status === 'archived' ? (last?.at ?? null) : null,
    mergedAt: null,
    createdAt: planned.receivedAt,
    updatedAt: last?.at ?? planned.receivedAt,
  };
}
