/**
 * What the server did that a person would not guess from the state alone:
 * the instance vanished, was deleted, was switched to another image by an
 * open, or got another notebook; and what connecting an account or signing
 * out did to the simulated instance. Pure: no DOM, no JupyterLab.
 */
import { Translate, untranslated } from './gettext';
import { stateSentence, vanishedSentence } from './generated/states';
import { InstancePhase, notebookPhase } from './phase';
import { INotebook, INotebookImage } from './contracts';

export type Notice =
  | { kind: 'vanished' }
  | { kind: 'deleted' }
  | { kind: 'switched'; from: string; to: string }
  | { kind: 'loaded' }
  /** Connected an account; `simulated`: the simulated instance now out of view. */
  | { kind: 'connected'; simulated: string | null }
  /** Signed out, back to the simulator; `simulated`: its instance, in view again. */
  | { kind: 'signed-out'; simulated: string | null };

/** An image as a person reads it: "name:tag", else its id. */
export function imageLabel(image: Pick<INotebookImage, 'id' | 'name' | 'tag'> | null | undefined): string {
  if (!image) {
    return '';
  }
  return image.name ? (image.tag ? `${image.name}:${image.tag}` : image.name) : image.id;
}

/**
 * What an open did to the instance this tab knew. ModelArts (and the
 * simulator) switch an existing instance to another image in place: the same
 * id comes back with another image.id. The same image with a notebook URL
 * loads that notebook into it.
 */
export function openNotice(before: INotebook | null, after: INotebook, sentNotebook: boolean): Notice | null {
  // A replaced failed or deleted instance is not "switched": it was gone already.
  if (!before || before.id !== after.id || ['failed', 'none'].includes(notebookPhase(before))) {
    return null;
  }
  const from = before.image?.id ?? null;
  const to = after.image?.id ?? null;
  if (from && to && from !== to) {
    return { kind: 'switched', from: imageLabel(before.image), to: imageLabel(after.image) };
  }
  return sentNotebook ? { kind: 'loaded' } : null;
}

/** What a switch between the simulator and an account did to the simulated instance, in a notice. */
export function modeSwitchNotice(
  before: { mode: string | undefined; notebook: INotebook | null },
  after: { mode: string | undefined; notebook: INotebook | null }
): Notice | null {
  if (before.mode === after.mode) {
    return null;
  }
  const named = (notebook: INotebook | null) => (notebook && notebookPhase(notebook) !== 'none' ? notebook.name : null);
  return after.mode === 'simulated'
    ? { kind: 'signed-out', simulated: named(after.notebook) }
    : { kind: 'connected', simulated: before.mode === 'simulated' ? named(before.notebook) : null };
}

/** The notice in words; `phase` is the instance's now (a switch restarts a running one). */
export function noticeText(notice: Notice, phase: InstancePhase, __: Translate = untranslated): string {
  switch (notice.kind) {
    case 'vanished':
      return vanishedSentence(__);
    case 'deleted':
      return stateSentence('DELETED', __) ?? '';
    case 'switched':
      if (phase === 'running') {
        return __(
          'Your instance now runs image %1 instead of %2; it restarted, so its kernels started afresh.',
          notice.to,
          notice.from
        );
      }
      if (phase === 'stopped') {
        return __(
          'Your instance now uses image %1 instead of %2; it is stopped: start it to use it.',
          notice.to,
          notice.from
        );
      }
      return __('Your instance now runs image %1 instead of %2; it is restarting.', notice.to, notice.from);
    case 'loaded':
      return __('The notebook was loaded into your running instance.');
    case 'connected':
      return notice.simulated
        ? __(
            'Connected: CodeLab now uses your Huawei Cloud account. Your simulated instance %1 stays in the simulator, out of view; sign out to see it again.',
            notice.simulated
          )
        : __('Connected: CodeLab now uses your Huawei Cloud account.');
    case 'signed-out':
      return notice.simulated
        ? __('Signed out: back to the simulator, where your simulated instance %1 is as you left it.', notice.simulated)
        : __('Signed out: back to the simulator (no instance there yet).');
  }
}
