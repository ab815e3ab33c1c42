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

/**
 * Move the automatic stop `hours` later than it is now. The server plans it with the
 * one rule of every face (what is left plus N hours, within what ModelArts allows) and
 * says in `note` why the stop is not where asked; the stop times in its sentences are
 * on this browser's clock.
 */
export function extendLease(settings: ServerConnection.ISettings, id: string, hours: number): Promise<ILease> {
  const body: ILeaseRequest = { extend_hours: hours, utc_offset_minutes: -new Date().getTimezoneOffset() };
  return requestAPI<ILease>(`notebooks/${encodeURIComponent(id)}/lease`, settings, {
    method: 'PATCH',
    body: JSON.stringify(body)
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
