/**
 * The running instance's SSH endpoint, its key pairs and "Copy SSH config".
 * Loaded with `import()` by the instance view (instanceView.ts) the first
 * time an instance runs with endpoints, not with the sidebar.
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { CopyButton } from '../copyButton';
import { h } from '../dom';
import { sshConfig, sshEndpoint, sshKeyNames } from '../ssh';
import { INotebook } from '../contracts';

export class SshCard {
  constructor(private readonly trans: TranslationBundle) {
    this._copy = new CopyButton(trans.__('Copy SSH config'), 'codelab-copy-ssh', trans, () => this._config);
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
    const keys = sshKeyNames(ssh);
    return [
      h(
        'div',
        { class: 'jp-CodeLab-ssh', 'data-testid': 'codelab-ssh' },
        h('span', { class: 'jp-CodeLab-label' }, trans.__('SSH')),
        h(
          'code',
          { class: 'jp-CodeLab-sshUri', title: keys.length ? trans.__('Key pairs: %1', keys.join(', ')) : null },
          ssh.uri ?? ''
        ),
        this._copy.node
      )
    ];
  }

  private _copy: CopyButton;
  private _config = '';
}
