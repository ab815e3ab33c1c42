/** The server's send routes (issue 12): preview, send (a job to poll), publish. */
import { ServerConnection } from '@jupyterlab/services';

import { INotebook } from '../contracts';
import { requestAPI } from '../request';

export interface ISendPreview {
  path: string;
  name: string;
  size: number;
  original_size: number;
  stripped: boolean;
  size_limit: number;
  too_large: string | null;
  bucket: string;
  bucket_status: 'configured' | 'ready' | 'to_create';
  create_bucket_needed: boolean;
  region: string;
  key: string;
  already_uploaded: boolean;
  visibility: 'private' | 'public';
  expires_in_s: number | null;
}

export interface ISendJob {
  id: string;
  state: 'checking' | 'uploading' | 'signing' | 'opening' | 'done' | 'failed';
  name: string;
  progress: number;
  sent_bytes: number;
  total_bytes: number;
  uploaded: boolean | null;
  expires_in_s: number;
  notebook: INotebook | null;
  error: { message: string; error_code?: string | null } | null;
}

export interface IPublished {
  name: string;
  bucket: string;
  key: string;
  public_url: string;
  run_in_modelarts_url: string;
  badge_markdown: string;
}

function post<T>(settings: ServerConnection.ISettings, endPoint: string, body: unknown): Promise<T> {
  return requestAPI<T>(endPoint, settings, { method: 'POST', body: JSON.stringify(body) });
}

export function previewSend(
  settings: ServerConnection.ISettings,
  path: string,
  stripOutputs: boolean,
  publish = false
): Promise<ISendPreview> {
  return post(settings, 'send/preview', { path, strip_outputs: stripOutputs, publish });
}

export function startSend(
  settings: ServerConnection.ISettings,
  path: string,
  stripOutputs: boolean,
  createBucket: boolean
): Promise<ISendJob> {
  return post(settings, 'send', { path, strip_outputs: stripOutputs, create_bucket: createBucket });
}

export function getJob(settings: ServerConnection.ISettings, id: string): Promise<ISendJob> {
  return requestAPI<ISendJob>(`send/jobs/${encodeURIComponent(id)}`, settings);
}

export function publish(
  settings: ServerConnection.ISettings,
  path: string,
  createBucket: boolean
): Promise<IPublished> {
  return post(settings, 'send/publish', { path, create_bucket: createBucket, confirm: true });
}
