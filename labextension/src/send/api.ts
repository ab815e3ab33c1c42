/** The server's send routes: preview, send (a job to poll), publish. */
import { ServerConnection } from '@jupyterlab/services';

import { IPublished, IPublishRequest, ISendJob, ISendPreview, ISendPreviewRequest, ISendRequest } from '../contracts';
import { requestAPI } from '../request';

export type { IDetectedFile, IPublished, ISendJob, ISendPreview } from '../contracts';

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
  return post(settings, 'send/preview', {
    path,
    strip_outputs: stripOutputs,
    publish,
    files
  } satisfies ISendPreviewRequest);
}

export function startSend(
  settings: ServerConnection.ISettings,
  path: string,
  stripOutputs: boolean,
  createBucket: boolean,
  files: string[] = []
): Promise<ISendJob> {
  return post(settings, 'send', {
    path,
    strip_outputs: stripOutputs,
    create_bucket: createBucket,
    files
  } satisfies ISendRequest);
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
  return post(settings, 'send/publish', {
    path,
    create_bucket: createBucket,
    confirm: true,
    files
  } satisfies IPublishRequest);
}
