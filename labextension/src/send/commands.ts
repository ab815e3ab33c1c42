/**
 * "Open in CodeLab" on .ipynb files (file browser context menu), the notebook toolbar
 * button and command codelab:send-current (saves first), and "Publish with a Run in
 * ModelArts badge". Nothing is uploaded before the user confirms the preview.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification, showErrorMessage } from '@jupyterlab/apputils';
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { codelabIcon } from '../icons';
import { CommandIDs, ICodeLabModel } from '../tokens';
import { getJob, ISendJob, previewSend, publish, startSend } from './api';
import { confirmPublish, confirmSend, showBadge } from './dialogs';
import { progressText } from './words';

export namespace SendCommandIDs {
  export const sendFile = 'codelab:send-file';
  export const sendCurrent = 'codelab:send-current';
  export const publishFile = 'codelab:publish-file';
}

const NOTEBOOK_ITEM = '.jp-DirListing-item[data-file-type="notebook"]';
const POLL_MS = 300;
/** The commands take no arguments. */
const NO_ARGS = { args: { type: 'object', properties: {} } };

/** What the file browser has selected (duck-typed: no dependency on @jupyterlab/filebrowser). */
function selectedNotebook(app: JupyterFrontEnd): string | null {
  for (const widget of app.shell.widgets('left')) {
    const browser = widget as Widget & { selectedItems?: () => Iterable<{ path: string; type: string }> };
    if (widget.id === 'filebrowser' && typeof browser.selectedItems === 'function') {
      for (const item of browser.selectedItems()) {
        if (item.type === 'notebook' || item.path.endsWith('.ipynb')) {
          return item.path;
        }
      }
    }
  }
  return null;
}

type DocumentLike = Widget & { context?: { path: string; save: () => Promise<void> } };

function currentNotebook(app: JupyterFrontEnd): DocumentLike | null {
  const widget = app.shell.currentWidget as DocumentLike | null;
  return widget?.context?.path.endsWith('.ipynb') ? widget : null;
}

async function follow(
  settings: ServerConnection.ISettings,
  job: ISendJob,
  trans: TranslationBundle
): Promise<ISendJob> {
  const __ = trans.__.bind(trans);
  const id = Notification.emit(progressText(job, __), 'in-progress', { autoClose: false });
  try {
    while (job.state !== 'done' && job.state !== 'failed') {
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
      job = await getJob(settings, job.id);
      Notification.update({ id, message: progressText(job, __) });
    }
  } catch (error) {
    // The job could not be read any more (server restart, network): no spinner left behind.
    Notification.update({ id, message: (error as Error).message, type: 'error', autoClose: 5000 });
    throw error;
  }
  Notification.update({
    id,
    message: progressText(job, __),
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
    if (choice.strip !== preview.stripped) {
      preview = await previewSend(settings, path, choice.strip);
    }
    if (preview.too_large) {
      await showErrorMessage(trans.__('Too large to send'), preview.too_large);
      return;
    }
    const job = await follow(
      settings,
      await startSend(settings, path, choice.strip, preview.create_bucket_needed),
      trans
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

export async function publishPath(
  settings: ServerConnection.ISettings,
  path: string,
  trans: TranslationBundle
): Promise<void> {
  try {
    const preview = await previewSend(settings, path, false, true);
    if (!(await confirmPublish(preview, trans))) {
      return;
    }
    await showBadge(await publish(settings, path, preview.create_bucket_needed), trans);
  } catch (error) {
    await showErrorMessage(trans.__('Could not publish the notebook'), (error as Error).message);
  }
}

export function addSendCommands(app: JupyterFrontEnd, model: ICodeLabModel, trans: TranslationBundle): void {
  const { commands } = app;
  commands.addCommand(SendCommandIDs.sendFile, {
    label: trans.__('Open in CodeLab'),
    caption: trans.__('Upload this notebook to your OBS bucket (private) and open it in a ModelArts CodeLab instance'),
    describedBy: NO_ARGS,
    icon: codelabIcon,
    isVisible: () => selectedNotebook(app) !== null,
    execute: async () => {
      const path = selectedNotebook(app);
      if (path) {
        await sendPath(app, model, path, trans);
      }
    }
  });
  commands.addCommand(SendCommandIDs.sendCurrent, {
    label: trans.__('Open This Notebook in CodeLab'),
    caption: trans.__('Save, upload to your OBS bucket (private) and open in a ModelArts CodeLab instance'),
    describedBy: NO_ARGS,
    icon: codelabIcon,
    isEnabled: () => currentNotebook(app) !== null,
    execute: async () => {
      const widget = currentNotebook(app);
      if (widget?.context) {
        await widget.context.save();
        await sendPath(app, model, widget.context.path, trans);
      }
    }
  });
  commands.addCommand(SendCommandIDs.publishFile, {
    label: trans.__('Publish with a "Run in ModelArts" Badge…'),
    caption: trans.__('Make this notebook public in your OBS bucket and get a badge for a README'),
    describedBy: NO_ARGS,
    isVisible: () => selectedNotebook(app) !== null,
    execute: async () => {
      const path = selectedNotebook(app);
      if (path) {
        await publishPath(app.serviceManager.serverSettings, path, trans);
      }
    }
  });
  app.contextMenu.addItem({ command: SendCommandIDs.sendFile, selector: NOTEBOOK_ITEM, rank: 3 });
  app.contextMenu.addItem({ command: SendCommandIDs.publishFile, selector: NOTEBOOK_ITEM, rank: 3.1 });
  app.shell.currentChanged?.connect(() => commands.notifyCommandChanged(SendCommandIDs.sendCurrent));
}
