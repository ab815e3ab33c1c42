/**
 * The running instance's SSH endpoint, its key pairs and "Copy SSH config".
 * Loaded with `import()` by the instance view (instanceView.ts) the first
 * time an instance runs with endpoints, not with the sidebar. The address
 * shows whole at any sidebar width: it wraps after `//`, `@` and the dots of
 * the host name, and before the port, never inside a label or the port.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { CopyButton } from '../copyButton';
import { h, setChildren } from '../dom';
import { sshConfig, sshEndpoint, sshKeyNames } from '../ssh';
import { INotebook } from '../contracts';

export class SshCard {
  constructor(private readonly trans: TranslationBundle) {
    this._copy = new CopyButton(trans.__('Copy SSH config'), 'codelab-copy-ssh', trans, () => this._config);
    this._uri = h('code', { class: 'jp-CodeLab-sshUri', 'data-testid': 'codelab-ssh-uri' });
    this._node = h(
      'div',
      { class: 'jp-CodeLab-ssh', 'data-testid': 'codelab-ssh' },
      h('span', { class: 'jp-CodeLab-label' }, trans.__('SSH')),
      this._uri,
      this._copy.node
    );
  }

  /** The card for the instance's SSH endpoint; none when it has none. */
  render(notebook: INotebook): HTMLElement[] {
    const { trans } = this;
    const ssh = sshEndpoint(notebook.endpoints);
    if (!ssh) {
      return [];
    }
    const config = sshConfig(ssh, `codelab-${notebook.name}`);
    if (config !== this._config) {
      this._config = config;
      this._copy.revert();
    }
    const uri = ssh.uri ?? '';
    if (this._uri.textContent !== uri) {
      setChildren(this._uri, ...breakable(uri));
    }
    const keys = sshKeyNames(ssh);
    this._uri.title = keys.length ? trans.__('Key pairs: %1', keys.join(', ')) : '';
    return [this._node];
  }

  private _copy: CopyButton;
  private _config = '';
  private _uri: HTMLElement;
  private _node: HTMLDivElement;
}

/** The address with line-break opportunities after `//`, `@` and dots, and before `:port`. */
function breakable(uri: string): Array<Node | string> {
  const parts = uri.split(/(?<=\/\/|@|\.)|(?=:\d+$)/);
  return parts.flatMap((part, i) => (i ? [document.createElement('wbr'), part] : [part]));
}
