/**
 * The sidebar's copy of the server's share-URL rules
 * (jupyter_codelab/modelarts/share_url.py): a pasted plain link, GitHub /
 * GitLab / Gitee file page, schemeless link or Base64 value becomes the
 * standard padded Base64 of a direct http(s) link to an .ipynb file. Used to
 * validate as the person types and to preview what will be sent; the server
 * re-checks everything and stays the authority. Pure: no DOM, no JupyterLab.
 */
import { Translate, untranslated } from './gettext';

export const MAX_URL_LENGTH = 2048;
export const RUN_IN_MODELARTS_BASE = 'https://authoring-modelarts-cnnorth4.huaweicloud.com/console/lab';
export const BADGE_IMAGE_URL = 'https://img.shields.io/badge/Run%20in-ModelArts-red';
export const BADGE_ALT_TEXT = 'Run in ModelArts';
/** The badge of a simulated publish: grey, and "demo" in its label and its text. */
export const DEMO_BADGE_IMAGE_URL = 'https://img.shields.io/badge/Run%20in-ModelArts%20(demo)-lightgrey';
export const DEMO_BADGE_ALT_TEXT = 'Run in ModelArts (demo, simulated)';

const MAX_TEXT_LENGTH = 4 * Math.floor((MAX_URL_LENGTH + 2) / 3) + 8;
const BASE64_TEXT = /^[A-Za-z0-9+/_-]+(?:=|%3[Dd]){0,2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SCHEMELESS_HOST = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?\//;
const HIDDEN_CHARACTER = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/u;
// Left as they are when percent-encoding (Python's quote() always-safe set plus
// RFC 3986 reserved characters and "%", so existing escapes survive).
const URL_SAFE = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/:@!$&'()*+,;=?%");
const GITHUB_HOSTS = ['github.com', 'www.github.com'];
const GITEE_HOSTS = ['gitee.com', 'www.gitee.com'];

export type ShareUrlResult = { ok: true; url: string; base64: string } | { ok: false; message: string };

/** Check pasted text; on success give the normalised link and its Base64. */
export function checkShareUrl(text: string, __: Translate = untranslated): ShareUrlResult {
  try {
    const url = normalisedUrl(text, __);
    return { ok: true, url, base64: base64Encode(url) };
  } catch (error) {
    if (error instanceof ShareUrlError) {
      return { ok: false, message: error.message };
    }
    throw error;
  }
}

/** The "Run in ModelArts" link for a checked Base64 value and, if a UUID, an image. */
export function runInModelArtsUrl(base64: string, imageId?: string | null): string {
  let link = `${RUN_IN_MODELARTS_BASE}?share-url-b64=${encodeURIComponent(base64)}`;
  const image = (imageId ?? '').trim().toLowerCase();
  if (UUID.test(image)) {
    link += `&imageid=${image}`;
  }
  return link;
}

/** The Markdown badge, as the server's badge_markdown() writes it. */
export function badgeMarkdown(base64: string, imageId?: string | null): string {
  return `[![${BADGE_ALT_TEXT}](${BADGE_IMAGE_URL})](${runInModelArtsUrl(base64, imageId)})`;
}

/** The demo badge of a simulated publish, for its "Run in ModelArts" link. */
export function demoBadgeMarkdown(runUrl: string): string {
  return `[![${DEMO_BADGE_ALT_TEXT}](${DEMO_BADGE_IMAGE_URL})](${runUrl})`;
}

class ShareUrlError extends Error {}

function normalisedUrl(raw: string, __: Translate): string {
  let text = raw.trim();
  if (!text) {
    throw new ShareUrlError(__('Notebook URL is empty: paste the https link to an .ipynb file.'));
  }
  if (text.length > MAX_TEXT_LENGTH) {
    throw tooLong(__);
  }
  if (/\s/.test(text) && !text.includes('/')) {
    // "hello world": words, not a link with a stray space.
    throw new ShareUrlError(__('Notebook URL is not a link: paste the https link to an .ipynb file.'));
  }
  rejectHiddenCharacters(text, __);
  if (!text.includes('://') && BASE64_TEXT.test(text)) {
    const decoded = decodeBase64Text(text);
    if (decoded === null || !/^https?:\/\//i.test(decoded)) {
      throw new ShareUrlError(
        __('Notebook URL is neither an http(s) link nor the Base64 of one: paste the https link to the .ipynb file.')
      );
    }
    rejectHiddenCharacters(decoded, __);
    text = decoded;
  } else if (!text.includes('://') && SCHEMELESS_HOST.test(text)) {
    text = 'https://' + text;
  }
  return checkedNotebookUrl(text, __);
}

function tooLong(__: Translate): ShareUrlError {
  return new ShareUrlError(
    __('Notebook URL is too long (over %1 characters): use a shorter link to the notebook.', MAX_URL_LENGTH)
  );
}

function rejectHiddenCharacters(text: string, __: Translate): void {
  if (HIDDEN_CHARACTER.test(text)) {
    throw new ShareUrlError(
      __(
        'Notebook URL contains a space or control character: paste the link alone, on one line, with spaces written as %1.',
        '%20'
      )
    );
  }
}

/** Decode standard or URL-safe Base64, padded, unpadded or with `%3D` padding. */
export function decodeBase64Text(text: string): string | null {
  const core = text.replace(/(?:=|%3[Dd])+$/, '');
  if (!/^[A-Za-z0-9+/_-]*$/.test(core) || core.length % 4 === 1) {
    return null;
  }
  const standard = core.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, c => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function base64Encode(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

interface ISplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
}

/** Python's urllib.parse.urlsplit, for the links this module accepts. */
function splitUrl(url: string): ISplitUrl {
  let rest = url;
  let scheme = '';
  const colon = rest.indexOf(':');
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf('?');
  const path = question >= 0 ? rest.slice(0, question) : rest;
  const query = question >= 0 ? rest.slice(question + 1) : '';
  return { scheme, netloc, path, query };
}

function checkedNotebookUrl(url: string, __: Translate): string {
  if (url.length > MAX_URL_LENGTH) {
    throw tooLong(__);
  }
  const parts = splitUrl(url);
  if (parts.scheme !== 'http' && parts.scheme !== 'https') {
    const shown = parts.scheme ? `'${parts.scheme}:'` : __('no scheme');
    throw new ShareUrlError(
      __('Notebook URL must be an http(s) link (got %1): paste a link starting with https://.', shown)
    );
  }
  if (parts.netloc.includes('@')) {
    throw new ShareUrlError(
      __('Notebook URL must not contain a user name or password (user:pass@host): share a public link to the notebook.')
    );
  }
  const invalidHost = new ShareUrlError(__('Notebook URL has an invalid host or port: check the part after https://.'));
  const bracket = parts.netloc.indexOf('[');
  let hostname: string;
  let port: string;
  if (bracket >= 0) {
    const inner = parts.netloc.slice(bracket + 1);
    const close = inner.indexOf(']');
    if (close < 0) {
      throw invalidHost;
    }
    hostname = inner.slice(0, close);
    const after = inner.slice(close + 1);
    port = after.includes(':') ? after.slice(after.indexOf(':') + 1) : '';
  } else {
    const sep = parts.netloc.indexOf(':');
    hostname = sep >= 0 ? parts.netloc.slice(0, sep) : parts.netloc;
    port = sep >= 0 ? parts.netloc.slice(sep + 1) : '';
  }
  if (!hostname) {
    throw new ShareUrlError(
      __('Notebook URL has no host name: paste a full link such as https://github.com/org/repo/blob/main/x.ipynb.')
    );
  }
  if (port && (!/^[0-9]+$/.test(port) || Number(port) > 65535)) {
    throw invalidHost;
  }
  const host = asciiHost(parts.netloc, invalidHost);
  const [rawHost, path, query] = rawFileLocation(host, parts.path, parts.query);
  if (!percentDecode(path).toLowerCase().endsWith('.ipynb')) {
    throw new ShareUrlError(
      __('Notebook URL must point to a notebook file (a path ending in .ipynb): link to the .ipynb file itself.')
    );
  }
  const quotedQuery = quote(query);
  const normalised = `${parts.scheme}://${rawHost}${quote(path)}${quotedQuery ? '?' + quotedQuery : ''}`;
  if (normalised.length > MAX_URL_LENGTH) {
    throw tooLong(__);
  }
  return normalised;
}

/** A non-ASCII host name in its IDNA (punycode) form, as the server sends it. */
function asciiHost(netloc: string, invalid: ShareUrlError): string {
  if (Array.from(netloc).every(ch => ch.charCodeAt(0) < 0x80)) {
    return netloc;
  }
  try {
    return new URL(`http://${netloc}/`).host;
  } catch {
    throw invalid;
  }
}

/** Map a repository's web page for a file to its raw download (see share_url.py). */
function rawFileLocation(host: string, path: string, query: string): [string, string, string] {
  const segments = path.split('/');
  const isFilePage = segments.length > 5 && (segments[3] === 'blob' || segments[3] === 'raw');
  const lowerHost = host.toLowerCase();
  if (GITHUB_HOSTS.includes(lowerHost) && isFilePage) {
    return ['raw.githubusercontent.com', [...segments.slice(0, 3), ...segments.slice(4)].join('/'), ''];
  }
  if (path.includes('/-/blob/') || path.includes('/-/raw/')) {
    const kept = query
      .split('&')
      .filter(item => item.startsWith('ref_type='))
      .join('&');
    return [host, path.replace('/-/blob/', '/-/raw/'), kept];
  }
  if (GITEE_HOSTS.includes(lowerHost) && isFilePage) {
    segments[3] = 'raw';
    return [host, segments.join('/'), ''];
  }
  return [host, path, query];
}

/** Python's quote(text, safe=...): UTF-8 percent-encoding of unsafe characters. */
function quote(text: string): string {
  let out = '';
  for (const char of text) {
    if (URL_SAFE.has(char)) {
      out += char;
    } else {
      for (const byte of new TextEncoder().encode(char)) {
        out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
      }
    }
  }
  return out;
}

/** Python's unquote(): decode %XX runs as UTF-8, leaving malformed escapes as they are. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), hex => parseInt(hex, 16));
    return new TextDecoder('utf-8').decode(bytes);
  });
}
