/** The server's send routes (issue 12): preview, send (a job to poll), publish. */
import { ServerConnection } from '@jupyterlab/services';

import { INotebook } from '../contracts';
import { requestAPI } from '../request';

/** A file or folder the notebook's code cells name, found under the Jupyter root (root-relative). */
export interface IDetectedFile {
  path: string;
  size: number;
  kind: 'file' | 'folder';
  reason: string;
  files: number;
}

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
  detected_files: IDetectedFile[];
  skipped_files: { path: string; reason: string }[];
  files: { path: string; size: number }[];
  files_size: number;
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
  files: { path: string; size: number }[];
}

function post<T>(settings: ServerConnection.ISettings, endPoint: string, body: unknown): Promise<T> {
  return requestAPI<T>(endPoint, settings, { method: 'POST', body: JSON.stringify(body) });
}

export function previewSend(
  settings: ServerConnection.ISettings,
  path: string,
  stripOutputs: boolean,
  publish = false,
  files: string[] = []
): Promise<ISendPreview> {
  return post(settings, 'send/preview', { path, strip_outputs: stripOutputs, publish, files });
}

export function startSend(
  settings: ServerConnection.ISettings,
  path: string,
  stripOutputs: boolean,
  createBucket: boolean,
  files: string[] = []
): Promise<ISendJob> {
  return post(settings, 'send', { path, strip_outputs: stripOutputs, create_bucket: createBucket, files });
}

export function getJob(settings: ServerConnection.ISettings, id: string): Promise<ISendJob> {
  return requestAPI<ISendJob>(`send/jobs/${encodeURIComponent(id)}`, settings);
}

export function publish(
  settings: ServerConnection.ISettings,
  path: string,
  createBucket: boolean,
  files: string[] = []
): Promise<IPublished> {
  return post(settings, 'send/publish', { path, create_bucket: createBucket, confirm: true, files });
}
