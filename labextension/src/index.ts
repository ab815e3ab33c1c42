/**
 * The JupyterLab plugins of jupyter-codelab. This file only wires them: the
 * work lives in model.ts (state and actions), sidebar/ (the panel),
 * statusbar.ts, commands.ts and leaseWarning.ts.
 *
 * They run in JupyterLab 4 and in Notebook 7, whose shell has left/right side
 * panels and a top area but no ILabShell, ILayoutRestorer or IStatusBar: every
 * token only one of them provides is optional here.
 *
 * What this file imports is fetched at JupyterLab's start, so it is what the
 * first view needs: the model, the commands, the status item and the panel's
 * tab. The rest loads with `import()` when first used: the panel's views once
 * the page is idle (sidebar/panel.ts), the send and publish flows (send/), the
 * connect form and the SSH card (sidebar/).
 */
/* eslint-disable jupyter/prefer-lazy-imports -- the model, commands, panel and status item are all
   made at activation (the model is the provided token), so nothing here could load later. */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { addCommands } from './commands';
import { LeaseWarning } from './leaseWarning';
import { OutcomeNotifications } from './notifications';
import { CodeLabModel } from './model';
import { addSendCommands } from './send/commands';
import { CodeLabPanel } from './sidebar/panel';
import { CountdownStatus } from './statusbar';
import {
  CommandIDs,
  DEFAULT_SETTINGS,
  ICodeLab,
  ICodeLabModel,
  ICodeLabSettings,
  PANEL_ID,
  PLUGIN_ID,
  TRANSLATION_DOMAIN
} from './tokens';

/** The shared model, its settings, the commands and the lease warning. */
const corePlugin: JupyterFrontEndPlugin<ICodeLabModel> = {
  id: PLUGIN_ID,
  description: 'Open a ModelArts CodeLab instance: shared state, settings, commands.',
  autoStart: true,
  provides: ICodeLab,
  optional: [ISettingRegistry, ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): ICodeLabModel => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const model = new CodeLabModel(app.serviceManager.serverSettings, trans.__.bind(trans));
    addCommands(app, model, trans, palette);
    addSendCommands(app, model, trans); // send a notebook of the file browser through OBS
    new LeaseWarning(model, trans);
    new OutcomeNotifications(
      model,
      trans,
      () => app.shell.activateById(PANEL_ID),
      () => (document.getElementById(PANEL_ID)?.offsetParent ?? null) !== null
    );
    if (settingRegistry) {
      void settingRegistry.load(PLUGIN_ID).then(settings => {
        const apply = () =>
          model.updateSettings({ ...DEFAULT_SETTINGS, ...(settings.composite as Partial<ICodeLabSettings>) });
        apply();
        settings.changed.connect(apply);
      });
    }
    void app.restored.then(() => model.load());
    return model;
  }
};

/** The left-sidebar panel. */
const sidebarPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-codelab:sidebar',
  description: 'The CodeLab panel in the left sidebar.',
  autoStart: true,
  requires: [ICodeLab],
  optional: [ILayoutRestorer, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    model: ICodeLabModel,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const panel = new CodeLabPanel(model, trans);
    app.shell.add(panel, 'left', { rank: 600 });
    restorer?.add(panel, 'jupyter-codelab:panel');
    // Fetch the views before the panel is first opened, without delaying the start.
    void app.restored.then(() => whenIdle(() => void panel.loadViews()));
  }
};

/** Run `work` once the page has nothing better to do (or after 3 s anyway). */
function whenIdle(work: () => void): void {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(work, { timeout: 3000 });
  } else {
    window.setTimeout(work, 1000);
  }
}

/** The countdown in the status bar. */
const statusPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyter-codelab:status',
  description: 'The CodeLab lease countdown in the status bar (in the top bar where there is none: Notebook 7).',
  autoStart: true,
  requires: [ICodeLab],
  optional: [IStatusBar, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    model: ICodeLabModel,
    statusBar: IStatusBar | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    const item = new CountdownStatus(model, trans, () => void app.commands.execute(CommandIDs.showPanel));
    if (!statusBar) {
      item.id = 'jp-CodeLab-topCountdown';
      app.shell.add(item, 'top', { rank: 1000 });
      return;
    }
    statusBar.registerStatusItem('jupyter-codelab:countdown', {
      item,
      align: 'left',
      rank: 500,
      isActive: () => item.isActive,
      activeStateChanged: item.activeStateChanged
    });
  }
};

export default [corePlugin, sidebarPlugin, statusPlugin];
