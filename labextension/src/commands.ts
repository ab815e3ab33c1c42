/** The palette commands: open, extend, stop, show the panel. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { codelabIcon } from './icons';
import { CodeLabModel } from './model';
import { CommandIDs, PANEL_ID } from './tokens';

export function addCommands(
  app: JupyterFrontEnd,
  model: CodeLabModel,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  const { commands, shell } = app;
  const idle = () => model.busy === null;

  commands.addCommand(CommandIDs.showPanel, {
    label: trans.__('Show the CodeLab Panel'),
    icon: codelabIcon,
    execute: () => shell.activateById(PANEL_ID)
  });
  commands.addCommand(CommandIDs.open, {
    label: trans.__('Open a CodeLab Instance'),
    caption: trans.__('Open a ModelArts CodeLab instance with the image and notebook URL chosen in the panel'),
    isEnabled: () => idle() && ['none', 'stopped', 'failed', 'running'].includes(model.phase),
    execute: async () => {
      shell.activateById(PANEL_ID);
      await model.open();
    }
  });
  commands.addCommand(CommandIDs.extend, {
    label: trans.__('Extend the CodeLab Instance'),
    caption: trans.__('Keep the running instance alive longer (see the extend duration setting)'),
    isEnabled: () => idle() && model.phase === 'running',
    execute: () => model.extend()
  });
  commands.addCommand(CommandIDs.stop, {
    label: trans.__('Stop the CodeLab Instance'),
    isEnabled: () => idle() && model.phase === 'running',
    execute: () => model.stop()
  });
  model.changed.connect(() => commands.notifyCommandChanged());

  if (palette) {
    const category = trans.__('CodeLab');
    for (const command of [CommandIDs.showPanel, CommandIDs.open, CommandIDs.extend, CommandIDs.stop]) {
      palette.addItem({ command, category });
    }
  }
}
