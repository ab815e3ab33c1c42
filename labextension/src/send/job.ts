/** Following a send job on the server until it ends (pure of the DOM: tested with node). */
import { ServerConnection } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { Poll } from '@lumino/polling';

import { getJob, ISendJob } from './api';

const POLL_MS = 300;

function isFinished(job: ISendJob): boolean {
  return job.state === 'done' || job.state === 'failed';
}

/**
 * Read the job until it is done or failed, reporting each answer (a Poll: it
 * stands by while the page is hidden). A job that cannot be read any more
 * (server restart, network) rejects: no retry.
 */
export async function followJob(
  settings: ServerConnection.ISettings,
  job: ISendJob,
  onProgress: (job: ISendJob) => void
): Promise<ISendJob> {
  if (isFinished(job)) {
    return job;
  }
  const ended = new PromiseDelegate<ISendJob>();
  const poll = new Poll({
    factory: async () => {
      try {
        job = await getJob(settings, job.id);
      } catch (error) {
        ended.reject(error);
        return;
      }
      onProgress(job);
      if (isFinished(job)) {
        ended.resolve(job);
      }
    },
    frequency: { interval: POLL_MS, backoff: false },
    name: 'jupyter-codelab:send-job',
    standby: 'when-hidden'
  });
  const outcome = await ended.promise.then(
    last => ({ last, error: null }),
    (error: unknown) => ({ last: null, error })
  );
  poll.dispose();
  if (outcome.last === null) {
    throw outcome.error;
  }
  return outcome.last;
}
