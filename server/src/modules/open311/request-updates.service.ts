import { uuidv7 } from 'uuidv7';
import { AppError, type Bilingual } from '../../platform/http/errors.js';
import type { AppDeps } from '../../platform/http/server-types.js';
import { recordAudit } from '../audit/index.js';
import { authenticateApiKey } from './api-keys.service.js';
import { selectPublicCase } from './open311.repository.js';
import { type Params, resolveCity } from './open311.service.js';
import { insertRequestUpdate, selectUpdateByClientId } from './request-updates.repository.js';

// mySociety's Open311 update extension, POST servicerequestupdates (FixMyStreet sends a citizen's
// comment, or "fixed" / "not fixed", on a request it created). Mapped conservatively: the update
// is stored as a public note beside the case, with an audit row in the same transaction; the
// status the client asks for is recorded, never applied — only staff move the case workflow
// (a citizen's "fixed" is not a 核查). A resend with the same update_id is the same update.

/** mySociety's status_extended_upper list. */
export const UPDATE_STATUSES = [
  'OPEN',
  'CLOSED',
  'FIXED',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'INVESTIGATING',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'REOPEN',
  'FOR_TRIAGE',
] as const;

const DESCRIPTION_MAX = 4000;
const MEDIA_MAX = 5;
const PERSONAL_FIELDS = ['email', 'phone', 'first_name', 'last_name', 'title', 'account_id'] as const;
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

const badRequest = (errors: Bilingual[]) =>
  new AppError(400, 'BAD_REQUEST', errors[0] ?? { zh: '请求无效', en: 'bad request' }, { errors });

export interface UpdateInput {
  params: Params;
  pairs: readonly [string, string][];
  apiKey?: string;
  /** Files were uploaded: this call takes media as media_url only. */
  hasFiles: boolean;
}

interface CheckedUpdate {
  clientUpdateId: string;
  status: string;
  description: string;
  clientUpdatedAt: Date;
  mediaUrls: string[];
  contact: Record<string, string>;
}

/** Every field problem at once (Open311 lists several errors). */
function checkFields(input: UpdateInput): CheckedUpdate {
  const { params } = input;
  const errors: Bilingual[] = [];
  const clientUpdateId = params('update_id');
  if (!clientUpdateId) errors.push({ zh: '缺少 update_id', en: 'update_id is required' });
  else if (clientUpdateId.length > 100 || !/^[\p{L}\p{N}\p{P}\p{S} ]+$/u.test(clientUpdateId))
    errors.push({
      zh: 'update_id 须为不超过 100 个字符的可见文本',
      en: 'update_id must be printable text of at most 100 characters',
    });

  const status = params('status')?.toUpperCase();
  if (!status) errors.push({ zh: '缺少 status', en: 'status is required' });
  else if (!(UPDATE_STATUSES as readonly string[]).includes(status))
    errors.push({
      zh: `status 须为 ${UPDATE_STATUSES.join('、')} 之一`,
      en: `status must be one of ${UPDATE_STATUSES.join(', ')}`,
    });

  const updated = params('updated_datetime');
  const clientUpdatedAt = updated && W3C_DATETIME.test(updated) ? new Date(updated) : null;
  if (!updated) errors.push({ zh: '缺少 updated_datetime', en: 'updated_datetime is required' });
  else if (!clientUpdatedAt || Number.isNaN(clientUpdatedAt.getTime()))
    errors.push({
      zh: 'updated_datetime 须为带时区的 W3C 时间（如 2019-07-09T10:00:00+08:00）',
      en: 'updated_datetime must be a W3C datetime with a timezone (e.g. 2019-07-09T10:00:00+08:00)',
    });

  const description = params('description') ?? '';
  if (!description) errors.push({ zh: '缺少 description', en: 'description is required' });
  if (description.length > DESCRIPTION_MAX)
    errors.push({
      zh: `description 不能超过 ${DESCRIPTION_MAX} 字`,
      en: `description is longer than ${DESCRIPTION_MAX} characters`,
    });
  if (/<[a-zA-Z/!][^>]*>/.test(description))
    errors.push({ zh: 'description 不能包含 HTML', en: 'description must not contain HTML' });

  // Media are links only; they are stored, never fetched by the server (no SSRF through them).
  const mediaUrls = input.pairs
    .filter(([key, value]) => (key === 'media_url' || key === 'media_url[]') && value.trim() !== '')
    .map(([, value]) => value.trim());
  if (input.hasFiles)
    errors.push({ zh: '更新不接受文件上传，请使用 media_url', en: 'updates take media as media_url only' });
  if (mediaUrls.length > MEDIA_MAX)
    errors.push({ zh: `media_url 最多 ${MEDIA_MAX} 个`, en: `at most ${MEDIA_MAX} media_url values` });
  for (const url of mediaUrls) {
    if (url.length > 2000 || !/^https?:\/\/[^\s]+$/i.test(url) || !URL.canParse(url)) {
      errors.push({ zh: 'media_url 须为 http(s) 链接', en: 'media_url must be an http(s) URL' });
      break;
    }
  }

  const contact: Record<string, string> = {};
  for (const field of PERSONAL_FIELDS) {
    const value = params(field);
    if (value) contact[field] = value.slice(0, 200);
  }
  if (errors.length > 0) throw badRequest(errors);
  return {
    clientUpdateId: clientUpdateId as string,
    status: status as string,
    description,
    clientUpdatedAt: clientUpdatedAt as Date,
    mediaUrls,
    contact,
  };
}

const reusedId = () =>
  badRequest([
    {
      zh: '该 update_id 已用于另一条内容不同的更新',
      en: 'this update_id was already used for a different update',
    },
  ]);

/**
 * POST servicerequestupdates: key (403) → service_request_id (400 missing, 404 unknown or not
 * public) → fields (400, all listed) → stored note + audit row. Answers our update id, and
 * whether it was new (201) or a resend of a stored one (200).
 */
export async function postRequestUpdate(deps: AppDeps, input: UpdateInput) {
  const key = await authenticateApiKey(deps, input.apiKey);
  const cityCode = await resolveCity(deps, input.params('jurisdiction_id'), key.cityCode);
  const requestId = input.params('service_request_id');
  if (!requestId) throw badRequest([{ zh: '缺少 service_request_id', en: 'service_request_id is required' }]);
  const target = await selectPublicCase(deps.db, cityCode, requestId);
  if (!target)
    throw new AppError(404, 'NOT_FOUND', {
      zh: `未找到服务请求：${requestId}`,
      en: `service request not found: ${requestId}`,
    });
  const update = checkFields(input);

  const resend = async () => {
    const stored = await selectUpdateByClientId(deps.db, key.id, update.clientUpdateId);
    if (
      !stored ||
      stored.caseId !== target.id ||
      stored.description !== update.description ||
      stored.requestedStatus !== update.status
    )
      throw reusedId();
    return { created: false, list: [{ update_id: stored.id }] };
  };
  if (await selectUpdateByClientId(deps.db, key.id, update.clientUpdateId)) return resend();

  const id = uuidv7();
  const inserted = await deps.db.transaction().execute(async (trx) => {
    const fresh = await insertRequestUpdate(trx, {
      id,
      cityCode,
      caseId: target.id,
      apiKeyId: key.id,
      clientUpdateId: update.clientUpdateId,
      requestedStatus: update.status,
      description: update.description,
      mediaUrls: update.mediaUrls,
      contact: update.contact,
      clientUpdatedAt: update.clientUpdatedAt,
      receivedAt: deps.now(),
    });
    if (!fresh) return false;
    await recordAudit(trx, {
      cityCode,
      action: 'open311.update_receive',
      objectType: 'case',
      objectId: target.id,
      success: true,
      detail: {
        updateId: id,
        apiKeyId: key.id,
        clientUpdateId: update.clientUpdateId,
        requestedStatus: update.status,
        caseStatus: target.status,
        statusApplied: false,
      },
    });
    return true;
  });
  // A concurrent resend won the insert: answer as for any resend.
  if (!inserted) return resend();
  return { created: true, list: [{ update_id: id }] };
}
