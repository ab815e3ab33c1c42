/**
 * ModelArts error codes in words (the same advice as the server's
 * jupyter_codelab/modelarts/errors.py), for codes found in a failed
 * instance's fail_reason or an API error. Pure: no DOM, no JupyterLab.
 */
import { Translate, untranslated } from './gettext';

const CODE_PATTERN = /\b(?:ModelArts|APIGW?)\.\d{4}\b/;

/** The first ModelArts/APIG error code in a text, if any. */
export function findErrorCode(text: string | null | undefined): string | null {
  const match = (text ?? '').match(CODE_PATTERN);
  return match ? match[0] : null;
}

/** What an error code means and what to do, or null for a code we do not know. */
export function errorCodeInWords(code: string | null, __: Translate = untranslated): string | null {
  switch (code) {
    case 'APIGW.0301':
      return __('The credentials were rejected: check HUAWEICLOUD_SDK_AK/SK (the request signature did not verify).');
    case 'APIGW.0303':
      return __("The request date is more than 15 minutes off: fix the server machine's clock.");
    case 'APIG.0308':
      return __('ModelArts is throttling requests: wait a few seconds and try again.');
    case 'ModelArts.0201':
      return __('No credentials were sent: configure an AK/SK or an IAM token on the server.');
    case 'ModelArts.0202':
    case 'ModelArts.0203':
      return __('The IAM token has expired or is invalid: sign in again.');
    case 'ModelArts.0210':
      return __('The project id does not belong to these credentials: check the project id for this region.');
    case 'ModelArts.0108':
      return __('This account is not authorized for ModelArts notebooks: ask the account admin for ModelArts permissions.');
    case 'ModelArts.0113':
      return __('The quota is exhausted: stop or delete an instance, or raise the quota.');
    case 'ModelArts.4991':
      return __('The free CodeLab quota is used up for now: try again later.');
    case 'ModelArts.6302':
      return __('The instance limit is reached: delete an instance you no longer need.');
    case 'ModelArts.6305':
      return __('The instance is already running.');
    case 'ModelArts.6306':
      return __('The instance is already starting: wait for it.');
    case 'ModelArts.6307':
      return __('The instance is already stopped.');
    case 'ModelArts.6308':
      return __('The instance is stopping: wait for it to stop, then start it again.');
    case 'ModelArts.6309':
      return __('That instance does not exist any more: open a new one.');
    case 'ModelArts.6326':
      return __('The account is frozen (arrears): top up the account in the Huawei Cloud console.');
    case 'ModelArts.6329':
    case 'ModelArts.6716':
      return __('That flavor is sold out: choose another image or try later.');
    case 'ModelArts.6346':
    case 'ModelArts.6348':
    case 'ModelArts.6349':
      return __('The auto-stop duration must be between 1 and 72 hours.');
    case 'ModelArts.6357':
      return __('Another operation is in progress on this instance: wait for it to finish.');
    case 'ModelArts.6360':
      return __('No free resources right now: try again in a few minutes.');
    case 'ModelArts.6797':
      return __('That image was not found: pick one from the image list.');
    default:
      return null;
  }
}
