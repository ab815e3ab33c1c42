/**
 * Typed calls of the server extension's REST API (docs/contracts.md, section 2),
 * each with the app's server settings first.
 */
import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from './request';
import { IConfig, IImagesReply, ILease, INotebook } from './contracts';

export function getConfig(settings: ServerConnection.ISettings): Promise<IConfig> {
  return requestAPI<IConfig>('config', settings);
}

export function getImages(settings: ServerConnection.ISettings): Promise<IImagesReply> {
  return requestAPI<IImagesReply>('images', settings);
}

export interface IOpenRequest {
  image_id?: string;
  /** The text as pasted: the server normalises and encodes it. */
  share_url?: string;
}

export function openNotebook(settings: ServerConnection.ISettings, body: IOpenRequest): Promise<INotebook> {
  return requestAPI<INotebook>('notebooks/open', settings, {
    method: 'POST',
    body: JSON.stringify(body)
  });
}

export function getCurrentNotebook(settings: ServerConnection.ISettings): Promise<INotebook> {
  return requestAPI<INotebook>('notebooks/current', settings);
}

export function getNotebook(settings: ServerConnection.ISettings, id: string): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}`, settings);
}

/** Renew the lease: the instance then stops `durationMs` from now (the API counts from now). */
export function renewLease(settings: ServerConnection.ISettings, id: string, durationMs: number): Promise<ILease> {
  return requestAPI<ILease>(`notebooks/${encodeURIComponent(id)}/lease`, settings, {
    method: 'PATCH',
    body: JSON.stringify({ duration_ms: durationMs })
  });
}

export function stopNotebook(settings: ServerConnection.ISettings, id: string): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}/stop`, settings, {
    method: 'POST',
    body: '{}'
  });
}

export function startNotebook(settings: ServerConnection.ISettings, id: string, hours?: number): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}/start`, settings, {
    method: 'POST',
    body: JSON.stringify(hours === undefined ? {} : { hours })
  });
}
