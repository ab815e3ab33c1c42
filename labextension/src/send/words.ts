/** Byte counts as the send dialogs show them (a file's size, the total of those ticked). */
import { userLocale } from '../countdown';
import { Translate, untranslated } from '../gettext';

const MB = 1024 * 1024;

export function sizeText(bytes: number, __: Translate = untranslated): string {
  return bytes >= MB / 10 ? __('%1 MB', (bytes / MB).toFixed(2)) : __('%1 bytes', bytes.toLocaleString(userLocale()));
}
