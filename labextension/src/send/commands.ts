/**
 * "Open in CodeLab" on .ipynb files (file browser context menu, in JupyterLab's left
 * file browser and in Notebook 7's file list), the notebook toolbar button and command
 * codelab:send-current (saves first), and "Publish with a Run in ModelArts badge".
 * Nothing is uploaded before the user confirms the preview. The commands are
 * registered at start; their flows (flow.ts) load on first use.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { codelabIcon } from '../icons';
import { CommandIDs, ICodeLabModel, NO_ARGS } from '../tokens';

const NOTEBOOK_ITEM = '.jp-DirListing-item[data-file-type="notebook"]';
/** The flows and their dialogs: a chunk of their own, fetched on the first send or publish. */
const flow = () => import('./flow');

type FileBrowserLike = Widget & { selectedItems: () => Iterable<{ path: string; type: string }> };

/**
 * The file browsers in the shell (duck-typed: no dependency on @jupyterlab/filebrowser):
 * JupyterLab's is a left-area widget, Notebook 7's file list sits in the main area's tree
 * widget, two levels down (a tab panel's stack).
 */
function* fileBrowsers(widgets: Iterable<Widget>, depth = 0): Generator<FileBrowserLike> {
  for (const widget of widgets) {
    if (typeof (widget as Widget & { selectedItems?: unknown }).selectedItems === 'function') {
      yield widget as FileBrowserLike;
    } else if (depth < 3) {
      yield* fileBrowsers(widget.children(), depth + 1);
    }
  }
}

/** The notebook selected in the file browser the context menu was opened on (else in any). */
function selectedNotebook(app: JupyterFrontEnd): string | null {
  const hit = app.contextMenuHitTest(node => node.classList.contains('jp-DirListing-item'));
  const browsers = [...fileBrowsers(app.shell.widgets('left')), ...fileBrowsers(app.shell.widgets('main'))];
  const first = hit ? browsers.filter(browser => browser.node.contains(hit)) : [];
  for (const browser of [...first, ...browsers]) {
    for (const item of browser.selectedItems()) {
      if (item.type === 'notebook' || item.path.endsWith('.ipynb')) {
        return item.path;
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

export function addSendCommands(app: JupyterFrontEnd, model: ICodeLabModel, trans: TranslationBundle): void {
  const { commands } = app;
  commands.addCommand(CommandIDs.sendFile, {
    label: trans.__('Open in CodeLab'),
    caption: trans.__('Upload this notebook to your OBS bucket (private) and open it in a ModelArts CodeLab instance'),
    describedBy: NO_ARGS,
    icon: codelabIcon,
    isVisible: () => selectedNotebook(app) !== null,
    execute: async () => {
      const path = selectedNotebook(app);
      if (path) {
        await (await flow()).sendPath(app, model, path, trans);
      }
    }
  });
  commands.addCommand(CommandIDs.sendCurrent, {
    label: trans.__('Open This Notebook in CodeLab'),
    caption: trans.__('Save, upload to your OBS bucket (private) and open in a ModelArts CodeLab instance'),
    describedBy: NO_ARGS,
    icon: codelabIcon,
    isEnabled: () => currentNotebook(app) !== null,
    execute: async () => {
      const widget = currentNotebook(app);
      if (widget?.context) {
        await widget.context.save();
        await (await flow()).sendPath(app, model, widget.context.path, trans);
      }
    }
  });
  commands.addCommand(CommandIDs.publishFile, {
    label: trans.__('Publish with a "Run in ModelArts" Badge…'),
    caption: trans.__('Make this notebook public in your OBS bucket and get a badge for a README'),
    describedBy: NO_ARGS,
    isVisible: () => selectedNotebook(app) !== null,
    execute: async () => {
      const path = selectedNotebook(app);
      if (path) {
        await (await flow()).publishPath(model, path, trans);
      }
    }
  });
  app.contextMenu.addItem({ command: CommandIDs.sendFile, selector: NOTEBOOK_ITEM, rank: 3 });
  app.contextMenu.addItem({ command: CommandIDs.publishFile, selector: NOTEBOOK_ITEM, rank: 3.1 });
  app.shell.currentChanged?.connect(() => commands.notifyCommandChanged(CommandIDs.sendCurrent));
}
