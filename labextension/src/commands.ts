/** The palette commands: open, extend, stop, show the panel. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { codelabIcon } from './icons';
import { clockTime } from './countdown';
import { isOpenEnabled, openCommandLabel, openSentence } from './openIntent';
import { CommandIDs, ICodeLabModel, NO_ARGS, PANEL_ID } from './tokens';
import { openConfirmed, stopConfirmed } from './userActions';

export function addCommands(
  app: JupyterFrontEnd,
  model: ICodeLabModel,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  const { commands, shell } = app;
  const idle = () => model.busy === null;

  commands.addCommand(CommandIDs.showPanel, {
    describedBy: NO_ARGS,
    label: trans.__('Show the CodeLab Panel'),
    icon: codelabIcon,
    execute: () => shell.activateById(PANEL_ID)
  });
  // The same rule as the sidebar's button: the label says what it will do; a switch is confirmed.
  commands.addCommand(CommandIDs.open, {
    describedBy: NO_ARGS,
    label: () => openCommandLabel(model.openIntent, trans.__.bind(trans)),
    caption: () =>
      openSentence(model.openIntent, model.notebook?.name ?? '', trans.__.bind(trans)) ??
      trans.__('Open a ModelArts CodeLab instance with the image and notebook URL chosen in the panel'),
    isEnabled: () => idle() && isOpenEnabled(model.openIntent),
    execute: async () => {
      shell.activateById(PANEL_ID);
      await openConfirmed(model, trans);
    }
  });
  commands.addCommand(CommandIDs.extend, {
    describedBy: NO_ARGS,
    label: () =>
      model.phase === 'running'
        ? trans.__('Keep the CodeLab Instance until %1', clockTime(model.extendedDeadline))
        : trans.__('Extend the CodeLab Instance'),
    caption: trans.__('Move the automatic stop later by the extend duration setting (from the current stop time)'),
    isEnabled: () => idle() && model.phase === 'running',
    execute: () => model.extend()
  });
  commands.addCommand(CommandIDs.stop, {
    describedBy: NO_ARGS,
    label: trans.__('Stop the CodeLab Instance'),
    caption: trans.__('Asks first, naming the instance'),
    isEnabled: () => idle() && model.phase === 'running',
    execute: () => stopConfirmed(model, trans)
  });
  model.changed.connect(() => commands.notifyCommandChanged());

  if (palette) {
    const category = trans.__('CodeLab');
    for (const command of [CommandIDs.showPanel, CommandIDs.open, CommandIDs.extend, CommandIDs.stop]) {
      palette.addItem({ command, category });
    }
  }
}
