/**
 * An OpenSSH config block for the instance's SSH endpoint, e.g.
 * `ssh://dev-modelarts.cn-north-4.huaweicloud.com:31205`. Pure.
 */
import { IEndpoint } from './contracts';

/** The SSH endpoint: `service` (Terraform, golangsdk) or `dev_service` (the SDK) is 'SSH'. */
export function sshEndpoint(endpoints: IEndpoint[] | null | undefined): IEndpoint | null {
  const isSsh = (e: IEndpoint) => [e.service, e.dev_service].some(name => name?.toUpperCase() === 'SSH');
  return (endpoints ?? []).find(e => isSsh(e) && e.uri) ?? null;
}

/** The key pairs that open the endpoint (the server reads an older answer's `ssh_keys` into `key_pair_names`). */
export function sshKeyNames(endpoint: IEndpoint): string[] {
  return endpoint.key_pair_names ?? [];
}

export function sshConfig(endpoint: IEndpoint, alias: string): string {
  const rest = (endpoint.uri ?? '')
    .trim()
    .replace(/^ssh:\/\//i, '')
    .replace(/\/.*$/, '');
  const at = rest.lastIndexOf('@');
  const user = at >= 0 ? rest.slice(0, at) : 'ma-user';
  const hostPort = at >= 0 ? rest.slice(at + 1) : rest;
  const match = hostPort.match(/^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/);
  const host = match ? match[1].replace(/^\[|\]$/g, '') : hostPort;
  const lines = [`Host ${alias.replace(/[^A-Za-z0-9_.-]/g, '-')}`, `  HostName ${host}`];
  if (match?.[2]) {
    lines.push(`  Port ${match[2]}`);
  }
  lines.push(`  User ${user}`);
  for (const key of sshKeyNames(endpoint)) {
    lines.push(`  IdentityFile ~/.ssh/${key}.pem`);
  }
  return lines.join('\n');
}
