/**
 * Which notebook an instance runs, from what ModelArts keeps as its description: a public link
 * (pasted in the form, or followed from a badge), or a notebook sent from this server's files,
 * which lives in the user's OBS bucket and is private: `obs://bucket/key`, a signed link, or that
 * link without its query. A badge is built from a public link only. Pure: no DOM, no JupyterLab.
 */
import { INotebook } from './contracts';
import { checkShareUrl } from './shareUrl';

export type LoadedNotebook = { kind: 'link'; url: string } | { kind: 'sent'; name: string } | null;

// A pre-signed OBS (or S3-style) link: its query carries the signature.
const SIGNED_QUERY = /[?&](?:AccessKeyId|Signature|X-Amz-Signature|X-Obs-Signature|x-obs-security-token)=/i;
// OBS endpoints and buckets' virtual hosts: obs.<region>.myhuaweicloud.com, <bucket>.obs.<region>...
const OBS_HOST = /^(?:[^/@]+\.)?obs\.[a-z0-9-]+\.(?:myhuaweicloud|huaweicloud)\.com$/i;
// The key of a sent notebook (object_key in jupyter_codelab/obs/naming.py): codelab/<16 hex>/<name>.ipynb.
const SENT_KEY = /\/codelab\/[0-9a-f]{16}\/([^/?#]+)\.ipynb$/i;

/** A link to an object in someone's OBS bucket, private as far as a face can tell. */
export function isPrivateLink(text: string): boolean {
  const trimmed = text.trim();
  if (/^obs:\/\//i.test(trimmed)) {
    return true;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return false;
  }
  return SIGNED_QUERY.test(url.search) || OBS_HOST.test(url.hostname) || SENT_KEY.test(url.pathname);
}

export function loadedNotebook(notebook: Pick<INotebook, 'description'> | null): LoadedNotebook {
  const text = (notebook?.description ?? '').trim();
  if (isPrivateLink(text)) {
    const name = text.split(/[?#]/)[0].split('/').pop() ?? '';
    return { kind: 'sent', name: safeDecode(name) };
  }
  return /^https?:\/\//i.test(text) ? { kind: 'link', url: text } : null;
}

/** The instance's notebook when it is a public link ('' otherwise). */
export function publicNotebookUrl(notebook: Pick<INotebook, 'description'> | null): string {
  const loaded = loadedNotebook(notebook);
  return loaded?.kind === 'link' ? loaded.url : '';
}

/**
 * The open form's notebook field once the instance changed from `before` to `after`: a new
 * instance shows its notebook in an empty field; a notebook loaded into the same instance
 * (a send, another face) replaces the one the field showed, unless the person has typed another.
 */
export function draftAfter(before: INotebook | null, after: INotebook | null, draft: string): string {
  if (!after) {
    return draft;
  }
  if (after.id !== before?.id) {
    return draft.trim() ? draft : publicNotebookUrl(after);
  }
  if ((before.description ?? '') === (after.description ?? '')) {
    return draft;
  }
  return sameNotebook(draft, publicNotebookUrl(before)) || isPrivateLink(draft) ? publicNotebookUrl(after) : draft;
}

/** Two texts naming the same notebook once normalised (a GitHub page and its raw link...). */
function sameNotebook(a: string, b: string): boolean {
  if (!a.trim() || !b.trim()) {
    return !a.trim() && !b.trim();
  }
  const [x, y] = [checkShareUrl(a), checkShareUrl(b)];
  return x.ok && y.ok ? x.url === y.url : a.trim() === b.trim();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
