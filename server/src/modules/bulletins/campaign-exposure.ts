import type { CampaignMonthList } from '../field/index.js';
import type { CampaignExposure } from './compose-bulletin.js';

// A campaign's month as the bulletin words it (seed: 四、斑马线前不礼让行为曝光 — "本月在斑马线秩序
// 持续监督行动中，各区监督员共发现不文明现象5524件。其中，东区2741件，西区1500件，仁和区1283件。").
// Every number comes from the counted entries. Pure.

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** "2019.7.11 18:03" (Beijing time), as the seed's exposure table prints times. */
export function exposureTime(at: Date): string {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const hh = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}.${d.getUTCMonth() + 1}.${d.getUTCDate()} ${hh}:${mm}`;
}

export function campaignExposure(list: CampaignMonthList): CampaignExposure {
  const districts = list.districts.map((d) => `${d.districtName}${d.count}件`).join('，');
  return {
    title: list.bulletinTitle ?? `${list.campaignName}曝光`,
    summary: `本月在${list.campaignName}中，各区监督员共发现不文明现象${list.total}件。${
      districts ? `其中，${districts}。` : ''
    }`,
    rows: list.rows.map((r) => ({ time: exposureTime(r.time), place: r.place, plate: r.plate })),
    closing: list.bulletinClosing ?? '',
  };
}
