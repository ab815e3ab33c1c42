/**
 * The rules of the sidebar's "Connect your account" form and of the account
 * line above it (docs/contracts.md, section 2.4). Pure: no DOM, no
 * JupyterLab, no network, so node tests check them. The secret key passes
 * through `connectBody` on its way to the request and is kept nowhere.
 */
import type { IConnectRequest } from './contracts';
import { Translate, untranslated } from './gettext';
import { REGIONS } from './generated/regions';

/** ModelArts regions, generated from the Python package (modelarts/regions.py). */
export { REGIONS };

/** Where the console makes access keys: My Credentials > Access Keys. */
export const ACCESS_KEYS_URL = 'https://console.huaweicloud.com/iam/#/mine/accessKey';

/** The form's fields, named as the API (and its errors' `field`) names them. */
export type FormField = 'access_key' | 'secret_key' | 'security_token' | 'region' | 'project_id' | 'remember';

export const FORM_FIELDS: readonly FormField[] = [
  'access_key',
  'secret_key',
  'security_token',
  'region',
  'project_id',
  'remember'
];

/** What the form holds at submit time (the secrets are read from their inputs then). */
export interface ICredentialDraft {
  accessKey: string;
  secretKey: string;
  securityToken: string;
  region: string;
  projectId: string;
  remember: boolean;
}

/** The POST credentials body with access keys: blank optional strings are left out. */
export type IConnectBody = Required<Pick<IConnectRequest, 'access_key' | 'secret_key'>> &
  Pick<IConnectRequest, 'security_token' | 'region' | 'project_id' | 'remember'>;

export function connectBody(draft: ICredentialDraft): IConnectBody {
  const body: IConnectBody = { access_key: draft.accessKey.trim(), secret_key: draft.secretKey.trim() };
  const optional: Array<[keyof IConnectBody, string]> = [
    ['security_token', draft.securityToken],
    ['region', draft.region],
    ['project_id', draft.projectId]
  ];
  for (const [name, value] of optional) {
    if (value.trim()) {
      (body as unknown as Record<string, string>)[name] = value.trim();
    }
  }
  if (draft.remember) {
    body.remember = true;
  }
  return body;
}

/** A mistake to show on a field (or on the form when `field` is null). */
export interface IFieldProblem {
  field: FormField | null;
  message: string;
}

/** The two checks that need no server: both keys are required. */
export function checkDraft(draft: ICredentialDraft, __: Translate = untranslated): IFieldProblem | null {
  if (!draft.accessKey.trim()) {
    return { field: 'access_key', message: __('Access key (AK): paste the access key ID from My Credentials.') };
  }
  if (!draft.secretKey.trim()) {
    return { field: 'secret_key', message: __('Secret key (SK): paste the secret access key that goes with the AK.') };
  }
  return null;
}

/** The form field an API error names, or null to show it on the whole form. */
export function formFieldOf(field: string | null | undefined): FormField | null {
  return (FORM_FIELDS as readonly string[]).includes(field ?? '') ? (field as FormField) : null;
}

/** The regions to offer: the list, with the current one first when it is not in it. */
export function regionChoices(current: string | null | undefined): string[] {
  const region = (current ?? '').trim();
  return region && !REGIONS.includes(region) ? [region, ...REGIONS] : [...REGIONS];
}

/** The part of GET config the account line reads. */
export interface IAccountConfig {
  mode: 'simulated' | 'modelarts';
  region: string;
  project_id: string;
  source?: 'config' | 'env' | 'file' | 'session' | null;
  can_change_credentials?: boolean;
  remembered?: boolean;
  config_error?: string | null;
}

/** Where the credentials in use came from, in words. */
export function sourceInWords(source: IAccountConfig['source'], __: Translate = untranslated): string {
  switch (source) {
    case 'session':
      return __('Connected here; the keys stay in the server’s memory until you sign out.');
    case 'file':
      return __('Keys remembered in ~/.huaweicloud/credentials on the server.');
    case 'env':
      return __('Keys from the server’s environment variables.');
    case 'config':
      return __('Keys from the Jupyter server’s configuration.');
    default:
      return '';
  }
}

/** Which account controls the header shows. */
export interface IAccountControls {
  connect: boolean;
  signOut: boolean;
  forget: boolean;
  /** No controls: the administrator manages the account. */
  locked: boolean;
}

export function accountControls(config: IAccountConfig | null): IAccountControls {
  const none = { connect: false, signOut: false, forget: false, locked: false };
  if (!config) {
    return none;
  }
  if (config.can_change_credentials === false) {
    return { ...none, locked: true };
  }
  if (config.mode === 'simulated') {
    return { ...none, connect: true, forget: !!config.remembered };
  }
  // Signing out goes back to what a restart would use: only keys given here
  // can be signed out of; remembered keys go with "forget".
  return { ...none, signOut: config.source === 'session', forget: !!config.remembered };
}
