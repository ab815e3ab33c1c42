/**
 * The lease countdown: when the instance stops by itself, counted on this
 * machine's clock from the server's `remaining_ms` (so a skewed local clock
 * does not matter), and how to show what is left. Pure: no DOM, no JupyterLab.
 */
import { ILease } from './contracts';

/** The local time (ms) at which the lease ends, or null when it never does. */
export function leaseDeadline(lease: ILease | null | undefined, receivedAt: number): number | null {
  if (!hasAutoStop(lease)) {
    return null;
  }
  if (typeof lease.remaining_ms === 'number') {
    return receivedAt + lease.remaining_ms;
  }
  return typeof lease.expires_at === 'number' ? lease.expires_at : null;
}

/** False when the instance never stops by itself: auto-stop off (`auto_stop`, `enable: false`). */
export function hasAutoStop(lease: ILease | null | undefined): lease is ILease {
  return !!lease && lease.enable !== false && lease.auto_stop !== false;
}

/** `hh:mm:ss` (hours may exceed 24: leases last up to 72 h); never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [hours, minutes, seconds].map(n => String(n).padStart(2, '0')).join(':');
}

/**
 * The user's language for dates and numbers: the one JupyterLab's translator
 * puts on the page (as JupyterLab's own Time.format reads it), else the browser's.
 */
export function userLocale(): string | undefined {
  if (typeof document !== 'undefined' && document.documentElement.lang) {
    return document.documentElement.lang;
  }
  return typeof navigator === 'undefined' ? undefined : navigator.language;
}

/** Hours and minutes, 00:00 to 23:59 (`hourCycle` is ES2020's, beyond this build's lib). */
const CLOCK: Intl.DateTimeFormatOptions & { hourCycle: 'h23' } = {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23'
};

/** A stop time as a person reads it, 24 h as every face says it: "15:42" today, "Tue 15:42" on another day. */
export function clockTime(at: number, now: number = Date.now(), locale: string | undefined = userLocale()): string {
  const when = new Date(at);
  const hhmm = when.toLocaleTimeString(locale, CLOCK);
  if (when.toDateString() === new Date(now).toDateString()) {
    return hhmm;
  }
  return `${when.toLocaleDateString(locale, { weekday: 'short' })} ${hhmm}`;
}
