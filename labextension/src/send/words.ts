/** Sentences of the send flow (pure: tested with node). */
import { ISendJob, ISendPreview } from './api';

const MB = 1024 * 1024;

export function sizeText(bytes: number): string {
  return bytes >= MB / 10 ? `${(bytes / MB).toFixed(2)} MB` : `${bytes.toLocaleString('en')} bytes`;
}

/** The lines of the confirmation: name, size, bucket, private or public, expiry. */
export function previewLines(p: ISendPreview): [string, string][] {
  const bucket = p.create_bucket_needed
    ? `${p.bucket} (does not exist yet: it will be created, private, in ${p.region})`
    : p.bucket;
  const life =
    p.visibility === 'public'
      ? 'Public: anyone with the link can read it, for good'
      : `Private: CodeLab gets a signed link that works for ${Math.round((p.expires_in_s ?? 0) / 60)} min`;
  return [
    ['Notebook', p.name],
    ['Size', sizeText(p.size) + (p.stripped ? ' (outputs stripped)' : '')],
    ['OBS bucket', bucket],
    ['Access', life],
    ['Upload', p.already_uploaded ? 'Already in OBS: nothing is uploaded again' : 'Uploaded when you confirm']
  ];
}

export function progressText(job: ISendJob): string {
  switch (job.state) {
    case 'uploading':
      return `Uploading ${job.name}: ${job.progress}% (${sizeText(job.sent_bytes)} of ${sizeText(job.total_bytes)})`;
    case 'checking':
      return `Checking OBS for ${job.name}…`;
    case 'signing':
      return `Signing a link to ${job.name}…`;
    case 'opening':
      return `Opening CodeLab with ${job.name}…`;
    case 'done':
      return `Sent ${job.name} (${job.uploaded ? 'uploaded' : 'already in OBS, nothing uploaded'}): CodeLab is starting.`;
    default:
      return job.error?.message ?? `Could not send ${job.name}.`;
  }
}
