import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The command centre works on Beijing time, whatever the browser's zone. */
export const CITY_TZ = 'Asia/Shanghai';

export function cityTime(value: string | Date | number | Dayjs): Dayjs {
  return dayjs(value).tz(CITY_TZ);
}

export function formatTime(value: string | Date | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  if (!value) return '—';
  return cityTime(value).format(pattern);
}

export function formatDate(value: string | Date | null | undefined): string {
  return formatTime(value, 'YYYY-MM-DD');
}

/** Today's date in the city (YYYY-MM-DD). */
export function cityToday(now: Date = new Date()): string {
  return cityTime(now).format('YYYY-MM-DD');
}

/** "剩余 2天3小时" / "超期 45分钟": how far a deadline is from now, in wall time. */
export function countdownText(deadline: string | Date, now: number = Date.now()): string {
  const diff = new Date(deadline).getTime() - now;
  const abs = Math.abs(diff);
  const minutes = Math.floor(abs / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  let span: string;
  if (days > 0) span = `${days}天${hours}小时`;
  else if (hours > 0) span = `${hours}小时${mins}分`;
  else span = `${mins}分钟`;
  return diff >= 0 ? `剩余 ${span}` : `超期 ${span}`;
}

export { dayjs };
