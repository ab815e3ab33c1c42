/**
 * What the server did that a person would not guess from the state alone:
 * the instance vanished, was deleted, was switched to another image by an
 * open, or got another notebook. Pure: no DOM, no JupyterLab.
 */
import { Translate, untranslated } from './gettext';
import { stateSentence, vanishedSentence } from './generated/states';
import { InstancePhase, notebookPhase } from './phase';
import { INotebook, INotebookImage } from './contracts';

export type Notice =
  { kind: 'vanished' } | { kind: 'deleted' } | { kind: 'switched'; from: string; to: string } | { kind: 'loaded' };

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
  }
}
