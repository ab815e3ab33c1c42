/**
 * The send and publish flows behind the commands (commands.ts): preview,
 * confirm, upload with progress, show the result. Loaded with `import()` on
 * the first send or publish, not at JupyterLab's start.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification, showErrorMessage } from '@jupyterlab/apputils';
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';

import { CommandIDs, ICodeLabModel } from '../tokens';
import { ISendJob, previewSend, publish, startSend } from './api';
import { confirmPublish, confirmSend, showBadge } from './dialogs';
import { followJob } from './job';

/** The job's progress in a notification, in the server's words (its `message`). */
async function follow(settings: ServerConnection.ISettings, job: ISendJob): Promise<ISendJob> {
  const id = Notification.emit(job.message, 'in-progress', { autoClose: false });
  try {
    job = await followJob(settings, job, next => Notification.update({ id, message: next.message }));
  } catch (error) {
    // The job could not be read any more (server restart, network): no spinner left behind.
    Notification.update({ id, message: (error as Error).message, type: 'error', autoClose: 5000 });
    throw error;
  }
  Notification.update({
    id,
    message: job.message,
    type: job.state === 'done' ? 'success' : 'error',
    autoClose: job.state === 'done' ? 5000 : false
  });
  return job;
}

/** Preview, confirm, send with progress, then show the instance in the sidebar. */
export async function sendPath(
  app: JupyterFrontEnd,
  model: ICodeLabModel,
  path: string,
  trans: TranslationBundle
): Promise<void> {
  const settings = app.serviceManager.serverSettings;
  try {
    let preview = await previewSend(settings, path, false);
    const choice = await confirmSend(preview, trans);
    if (!choice) {
      return;
    }
    model.clearError(); // acting again: the banner of an earlier action goes
    if (choice.strip !== preview.stripped) {
      preview = await previewSend(settings, path, choice.strip, false, choice.files);
    }
    if (preview.too_large) {
      await showErrorMessage(trans.__('Too large to send'), preview.too_large);
      return;
    }
    const job = await follow(
      settings,
      await startSend(settings, path, choice.strip, preview.create_bucket_needed, choice.files)
    );
    if (job.state !== 'done') {
      return;
    }
  } catch (error) {
    await showErrorMessage(trans.__('Could not open the notebook in CodeLab'), (error as Error).message);
    return;
  }
  // Sent and opened: showing it is a bonus, and a failure here is not a failed send.
  await app.commands.execute(CommandIDs.showPanel);
  await model.refreshCurrent().catch(() => undefined);
}

export async function publishPath(model: ICodeLabModel, path: string, trans: TranslationBundle): Promise<void> {
  const settings = model.serverSettings;
  const simulated = model.config?.mode === 'simulated';
  try {
    const preview = await previewSend(settings, path, false, true);
    const files = await confirmPublish(preview, trans, simulated);
    if (files === null) {
      return;
    }
    await showBadge(await publish(settings, path, preview.create_bucket_needed, files), trans, simulated);
  } catch (error) {
    await showErrorMessage(trans.__('Could not publish the notebook'), (error as Error).message);
  }
}
