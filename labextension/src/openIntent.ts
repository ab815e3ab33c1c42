/**
 * What Open will do, from the instance this tab knows and the form's values,
 * so that the button (and the palette's codelab:open) says it before the click:
 * - no instance, or a failed/deleted one: open one ("Open");
 * - a running or stopped instance, another image picked: ModelArts switches
 *   that instance in place (same id; a running one restarts) - "Switch image",
 *   after a confirmation naming both images;
 * - the same image and another notebook URL: "Load another notebook";
 * - the same image and no other notebook: nothing to do (disabled, with why);
 * - an instance on its way somewhere (starting, stopping...): wait;
 * - a frozen instance: nothing until the arrears are settled (the instance view says how);
 * - an invalid notebook URL: disabled (the hint says why, once);
 * - the server not (yet) answering: disabled (the message says why).
 * Pure: no DOM, no JupyterLab.
 */
import { Translate, untranslated } from './gettext';
import { imageLabel } from './notice';
import { publicNotebookUrl } from './loadedNotebook';
import { Phase } from './phase';
import { checkShareUrl } from './shareUrl';
import { IImage, INotebook } from './contracts';

export type OpenIntent =
  | { kind: 'open' }
  | { kind: 'switch'; from: string; to: string; running: boolean }
  | { kind: 'load' }
  | { kind: 'nothing' }
  | { kind: 'wait' }
  | { kind: 'frozen' }
  | { kind: 'unavailable' }
  | { kind: 'invalid' };

export interface IOpenForm {
  notebook: INotebook | null;
  /** `loading`/`unavailable`: the server has not answered (yet): nothing can be opened. */
  phase: Phase;
  image: IImage | null;
  shareText: string;
}

/** The instance's notebook, when ModelArts keeps it as the description and it is a public link. */
export function instanceNotebookUrl(notebook: INotebook | null): string {
  return publicNotebookUrl(notebook);
}

export function openIntent(form: IOpenForm): OpenIntent {
  const text = form.shareText.trim();
  const check = text ? checkShareUrl(text) : null;
  if (check && !check.ok) {
    return { kind: 'invalid' };
  }
  const { notebook, phase } = form;
  if (phase === 'loading' || phase === 'unavailable') {
    return { kind: 'unavailable' };
  }
  if (!notebook || phase === 'none' || phase === 'failed') {
    return { kind: 'open' };
  }
  if (phase === 'frozen') {
    return { kind: 'frozen' };
  }
  if (phase !== 'running' && phase !== 'stopped') {
    return { kind: 'wait' };
  }
  if (form.image && notebook.image?.id && form.image.id !== notebook.image.id) {
    return {
      kind: 'switch',
      from: imageLabel(notebook.image),
      to: imageLabel({ id: form.image.id, name: form.image.name, tag: form.image.tag }),
      running: phase === 'running'
    };
  }
  if (check?.ok && check.url !== instanceNotebookUrl(notebook)) {
    return { kind: 'load' };
  }
  return { kind: 'nothing' };
}

/** The button's label. */
export function openLabel(intent: OpenIntent, __: Translate = untranslated): string {
  switch (intent.kind) {
    case 'switch':
      return __('Switch image');
    case 'load':
    case 'nothing':
      return __('Load another notebook');
    default:
      return __('Open');
  }
}

/** The palette's label for codelab:open. */
export function openCommandLabel(intent: OpenIntent, __: Translate = untranslated): string {
  switch (intent.kind) {
    case 'switch':
      return __('Switch the CodeLab Instance to Image %1', intent.to);
    case 'load':
    case 'nothing':
      return __('Load Another Notebook into the CodeLab Instance');
    default:
      return __('Open a CodeLab Instance');
  }
}

/** What the click will do, in a sentence (null when the button says it all). */
export function openSentence(intent: OpenIntent, name: string, __: Translate = untranslated): string | null {
  switch (intent.kind) {
    case 'switch':
      return intent.running
        ? __(
            'Your instance %1 restarts with image %2 instead of %3: its kernels start afresh.',
            name,
            intent.to,
            intent.from
          )
        : __('Your instance %1 switches to image %2 instead of %3; it stays stopped.', name, intent.to, intent.from);
    case 'load':
      return __('Loads the notebook into your instance %1; its image stays the same.', name);
    case 'nothing':
      return __(
        'Your instance %1 already uses this image: paste another notebook URL to load it, or pick another image to switch.',
        name
      );
    case 'wait':
      return __('Wait until the instance is running or stopped to change its image or notebook.');
    case 'frozen':
      return __(
        'Your account is in arrears, so the instance is frozen: settle them in the Billing Center (link above), then choose Check again.'
      );
    default:
      return null;
  }
}

export function isOpenEnabled(intent: OpenIntent): boolean {
  return intent.kind === 'open' || intent.kind === 'switch' || intent.kind === 'load';
}
