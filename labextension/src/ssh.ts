/**
 * An OpenSSH config block for the instance's SSH endpoint, e.g.
 * `ssh://dev-modelarts.cn-north-4.huaweicloud.com:31205`. Pure.
 */
import { IEndpoint } from './tokens';

export function sshEndpoint(endpoints: IEndpoint[] | null | undefined): IEndpoint | null {
  return (endpoints ?? []).find(e => e.dev_service?.toUpperCase() === 'SSH' && e.uri) ?? null;
}

export function sshConfig(endpoint: IEndpoint, alias: string): string {
  const rest = endpoint.uri.trim().replace(/^ssh:\/\//i, '').replace(/\/.*$/, '');
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
  for (const key of endpoint.ssh_keys ?? []) {
    lines.push(`  IdentityFile ~/.ssh/${key}.pem`);
  }
  return lines.join('\n');
}
