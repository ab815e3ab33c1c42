/** Typed calls of the server extension's REST API (docs/contracts.md, section 2). */
import { requestAPI } from './request';
import { IConfig, IImagesReply, ILease, INotebook } from './tokens';

export function getConfig(): Promise<IConfig> {
  return requestAPI<IConfig>('config');
}

export function getImages(): Promise<IImagesReply> {
  return requestAPI<IImagesReply>('images');
}

export interface IOpenRequest {
  image_id?: string;
  /** The text as pasted: the server normalises and encodes it. */
  share_url?: string;
}

export function openNotebook(body: IOpenRequest): Promise<INotebook> {
  return requestAPI<INotebook>('notebooks/open', {
    method: 'POST',
    body: JSON.stringify(body)
  });
}

export function getCurrentNotebook(): Promise<INotebook> {
  return requestAPI<INotebook>('notebooks/current');
}

export function getNotebook(id: string): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}`);
}

/** Renew the lease: the instance then stops `durationMs` from now (the API counts from now). */
export function renewLease(id: string, durationMs: number): Promise<ILease> {
  return requestAPI<ILease>(`notebooks/${encodeURIComponent(id)}/lease`, {
    method: 'PATCH',
    body: JSON.stringify({ duration_ms: durationMs })
  });
}

export function stopNotebook(id: string): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}/stop`, {
    method: 'POST',
    body: '{}'
  });
}

export function startNotebook(id: string, hours?: number): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}/start`, {
    method: 'POST',
    body: JSON.stringify(hours === undefined ? {} : { hours })
  });
}
