/**
 * ModelArts fetches the shared notebook from Huawei Cloud: a link to this
 * machine, a private network or an mDNS name is valid but cannot work. Say so
 * before Open (a warning, not a refusal: the server decides). Pure.
 */
import { Translate, untranslated } from './gettext';

/** The host of an http(s) URL, lower-cased, IPv6 without brackets. */
function hostOf(url: string): string {
  const match = url.match(/^[a-z]+:\/\/(\[[^\]]+\]|[^/:?#]+)/i);
  return match ? match[1].replace(/^\[|\]$/g, '').toLowerCase() : '';
}

/** Why ModelArts cannot reach the URL's host, or null when it is a public name or address. */
export function unreachableHost(url: string): string | null {
  const host = hostOf(url);
  if (!host) {
    return null;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0') {
    return host;
  }
  if (
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    host.endsWith('.lan') ||
    (!host.includes('.') && !host.includes(':'))
  ) {
    return host;
  }
  const v4 = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    const privateV4 =
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127);
    return privateV4 ? host : null;
  }
  if (host.includes(':')) {
    const privateV6 = host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
    return privateV6 ? host : null;
  }
  return null;
}

/** The warning sentence for a URL ModelArts cannot fetch, or null. */
export function hostWarning(url: string, __: Translate = untranslated): string | null {
  const host = unreachableHost(url);
  if (host === null) {
    return null;
  }
  return __(
    'ModelArts fetches the notebook from Huawei Cloud and cannot reach %1 (this machine, a private network or a local name): use a public link, such as GitHub.',
    host
  );
}
