/** Sentences of the send flow (pure: tested with node). */
import { userLocale } from '../countdown';
import { Translate, untranslated } from '../gettext';
import { ISendJob, ISendPreview } from './api';

const MB = 1024 * 1024;

export function sizeText(bytes: number, __: Translate = untranslated): string {
  return bytes >= MB / 10 ? __('%1 MB', (bytes / MB).toFixed(2)) : __('%1 bytes', bytes.toLocaleString(userLocale()));
}

/** The lines of the confirmation: name, size, bucket, private or public, expiry. */
export function previewLines(p: ISendPreview, __: Translate = untranslated): [string, string][] {
  const bucket = p.create_bucket_needed
    ? __('%1 (does not exist yet: it will be created, private, in %2)', p.bucket, p.region)
    : p.bucket;
  const life =
    p.visibility === 'public'
      ? __('Public: anyone with the link can read it, for good')
      : __('Private: CodeLab gets a signed link that works for %1 min', Math.round((p.expires_in_s ?? 0) / 60));
  const size = p.stripped ? __('%1 (outputs stripped)', sizeText(p.size, __)) : sizeText(p.size, __);
  return [
    [__('Notebook'), p.name],
    [__('Size'), size],
    [__('OBS bucket'), bucket],
    [__('Access'), life],
    [
      __('Upload'),
      p.already_uploaded ? __('Already in OBS: nothing is uploaded again') : __('Uploaded when you confirm')
    ]
  ];
}

export function progressText(job: ISendJob, __: Translate = untranslated): string {
  switch (job.state) {
    case 'uploading':
      return __(
        'Uploading %1: %2% (%3 of %4)',
        job.name,
        job.progress,
        sizeText(job.sent_bytes, __),
        sizeText(job.total_bytes, __)
      );
    case 'checking':
      return __('Checking OBS for %1…', job.name);
    case 'signing':
      return __('Signing a link to %1…', job.name);
    case 'opening':
      return __('Opening CodeLab with %1…', job.name);
    case 'done':
      return job.uploaded
        ? __('Sent %1 (uploaded): CodeLab is starting.', job.name)
        : __('Sent %1 (already in OBS, nothing uploaded): CodeLab is starting.', job.name);
    default:
      return job.error?.message ?? __('Could not send %1.', job.name);
  }
}
