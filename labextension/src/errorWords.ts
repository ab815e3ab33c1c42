/**
 * ModelArts error codes in words, for codes found in a failed instance's
 * fail_reason or an API error. The sentences are the server's own table
 * (jupyter_codelab/modelarts/advice.json), generated into ./generated/advice.ts
 * by scripts/generate_ts_tables. Pure: no DOM, no JupyterLab.
 */
import { adviceForCode } from './generated/advice';
import { Translate, untranslated } from './gettext';

// The API Gateway's codes appear as APIG.xxxx and, in older pages, APIGW.xxxx.
const CODE_PATTERN = /\b(?:ModelArts|APIGW?)\.\d{4}\b/;

/** The first ModelArts/APIG error code in a text, if any. */
export function findErrorCode(text: string | null | undefined): string | null {
  const match = (text ?? '').match(CODE_PATTERN);
  return match ? match[0] : null;
}

/** What an error code means and what to do, or null for a code we do not know. */
export function errorCodeInWords(code: string | null, __: Translate = untranslated): string | null {
  return adviceForCode(code, __);
}
