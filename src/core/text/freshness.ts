// How old an answer is and when the next one is due, as messages ("3 min ago", "in 2 min").
import { msg, type Msg } from './messages';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export function ageText(ms: number): Msg {
  if (ms < 10 * SECOND) return msg('time.justNow');
  if (ms < MINUTE) return msg('time.secondsAgo', { n: Math.floor(ms / SECOND) });
  if (ms < HOUR) return msg('time.minutesAgo', { n: Math.floor(ms / MINUTE) });
  return msg('time.hoursAgo', { n: Math.floor(ms / HOUR) });
}

/** The nearest whole unit, never rounded up past the truth by more than half a unit ("4 min 11 s" is "in 4 min"). */
export function dueText(ms: number): Msg {
  if (ms < 5 * SECOND) return msg('time.now');
  if (ms < MINUTE) return msg('time.inSeconds', { n: Math.ceil(ms / SECOND) });
  if (ms < HOUR) return msg('time.inMinutes', { n: Math.max(1, Math.round(ms / MINUTE)) });
  return msg('time.inHours', { n: Math.max(1, Math.round(ms / HOUR)) });
}
