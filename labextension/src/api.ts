/**
 * Typed calls of the server extension's REST API (shapes: generated from the server's openapi.json),
 * each with the app's server settings first.
 */
import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from './request';
import { IConfig, IImagesReply, ILease, ILeaseRequest, INotebook, IOpenRequest } from './contracts';

export function getConfig(settings: ServerConnection.ISettings): Promise<IConfig> {
  return requestAPI<IConfig>('config', settings);
}

export function getImages(settings: ServerConnection.ISettings): Promise<IImagesReply> {
  return requestAPI<IImagesReply>('images', settings);
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
    body: JSON.stringify({ duration_ms: durationMs } satisfies ILeaseRequest)
  });
}

export function stopNotebook(settings: ServerConnection.ISettings, id: string): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}/stop`, settings, {
    method: 'POST',
    body: '{}'
  });
}

/** Start a stopped instance with ModelArts' default lease. */
export function startNotebook(settings: ServerConnection.ISettings, id: string): Promise<INotebook> {
  return requestAPI<INotebook>(`notebooks/${encodeURIComponent(id)}/start`, settings, { method: 'POST', body: '{}' });
}
