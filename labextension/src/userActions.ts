/**
 * The actions a person starts from the sidebar, the palette or a
 * notification, with the confirmations they need: switching the image
 * restarts the instance and Stop ends its kernels, so both ask first, naming
 * the instance (and both images). One place, so every face asks the same way.
 */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { stopQuestion, stopTitle } from './generated/states';
import { imageLabel } from './notice';
import { ICodeLabModel } from './tokens';
import { isOpenEnabled } from './openIntent';

/** Open with the form's values; a switch of image is confirmed first. */
export async function openConfirmed(model: ICodeLabModel, trans: TranslationBundle): Promise<void> {
  const intent = model.openIntent;
  if (!isOpenEnabled(intent) || model.busy) {
    return;
  }
  if (intent.kind === 'switch') {
    const name = model.notebook?.name ?? '';
    const body = intent.running
      ? trans.__(
          'Switch your instance %1 from image %2 to image %3? It restarts: its running kernels stop and start afresh.',
          name,
          intent.from,
          intent.to
        )
      : trans.__(
          'Switch your stopped instance %1 from image %2 to image %3? It stays stopped until you start it.',
          name,
          intent.from,
          intent.to
        );
    const ok = await confirm(trans.__('Switch image?'), body, trans.__('Switch image'), trans);
    if (!ok) {
      return;
    }
  }
  await model.open();
}

/** Stop the instance once the person confirms (its name and image in the question). */
export async function stopConfirmed(model: ICodeLabModel, trans: TranslationBundle): Promise<void> {
  const notebook = model.notebook;
  if (!notebook || model.busy) {
    return;
  }
  const __ = trans.__.bind(trans);
  if (
    await confirm(
      stopTitle(__),
      stopQuestion(notebook.name ?? notebook.id, imageLabel(notebook.image), __),
      __('Stop'),
      trans
    )
  ) {
    await model.stop();
  }
}

/** Ask; true when the person accepts (Cancel is the default button). */
export async function confirm(title: string, body: string, accept: string, trans: TranslationBundle): Promise<boolean> {
  const result = await showDialog({
    title,
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: accept })],
    defaultButton: 0
  });
  return result.button.accept;
}
