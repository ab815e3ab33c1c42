/**
 * The four steps as a live list with a progress bar while the instance
 * starts, each with the time it took as this tab saw it, and the time
 * elapsed in all; "reconnecting" when the stream drops; "taking longer than
 * usual" after the configured time, with the time so far and the way out
 * (Stop, in the instance view). A failed start keeps its steps in view (the
 * failure's reason is in the instance view, with the state's sentence).
 */
import { TranslationBundle } from '@jupyterlab/translation';

import { h, setChildren } from '../dom';
import { stepName, stepStatusWords } from '../generated/states';
import { ICodeLabModel } from '../tokens';
import { isRestart } from '../phase';
import { IStep } from '../contracts';
import { formatElapsed, StepClock } from '../stepTimes';
import { ModelView } from './view';

export class ProgressView extends ModelView {
  constructor(model: ICodeLabModel, trans: TranslationBundle) {
    super(model, trans, ['notebook', 'connection', 'config', 'settings']);
    this.addClass('jp-CodeLab-progress');
    this.node.dataset.testid = 'codelab-progress';
    this._bar = h('div', { class: 'jp-CodeLab-barFill' });
    this._barTrack = h(
      'div',
      {
        class: 'jp-CodeLab-bar',
        role: 'progressbar',
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-label': trans.__('CodeLab instance start progress'),
        'data-testid': 'codelab-progressbar'
      },
      this._bar
    );
    this._steps = h('ol', { class: 'jp-CodeLab-steps', 'data-testid': 'codelab-steps' });
    this._notes = h('div', { class: 'jp-CodeLab-notes', 'aria-live': 'polite' });
    this._summary = h('p', { class: 'jp-CodeLab-srOnly', 'aria-live': 'polite' });
    this._restart = h(
      'p',
      { class: 'jp-CodeLab-restart', 'data-testid': 'codelab-restart' },
      trans.__('Starting the instance again: its storage and files are kept.')
    );
    this._fold = h(
      'summary',
      { class: 'jp-CodeLab-stepsSummary', 'data-testid': 'codelab-steps-toggle' },
      trans.__('Start steps: all completed')
    );
    this._stepsDetails = h('details', { class: 'jp-CodeLab-stepsDetails', open: true }, this._fold, this._steps);
    this._elapsed = h('p', { class: 'jp-CodeLab-elapsed', 'data-testid': 'codelab-elapsed' });
    this.node.append(this._summary, this._barTrack, this._elapsed, this._restart, this._stepsDetails, this._notes);
    model.tick.connect(this.renderTimes, this);
    this.render();
  }

  dispose(): void {
    this.model.tick.disconnect(this.renderTimes, this);
    super.dispose();
  }

  render(): void {
    const { model } = this;
    const phase = model.phase;
    const notebook = model.notebook;
    // Running (watched or reloaded), the completed steps fold into one line.
    const shown = phase === 'starting' || phase === 'running' || (phase === 'failed' && model.sawStart);
    this.setHidden(!notebook || !shown);
    if (!notebook) {
      return;
    }
    const key = `${notebook.id}:${phase}`;
    if (key !== this._foldKey) {
      this._foldKey = key;
      this._stepsDetails.open = phase !== 'running';
    }
    this._fold.hidden = phase !== 'running';
    this._barTrack.hidden = phase === 'running';
    // A stopped instance starting again: the creation's steps (all completed) say nothing about
    // this start, so they give way to a sentence and an indeterminate bar.
    const restart = isRestart(notebook);
    this._restart.hidden = !restart;
    this._stepsDetails.hidden = restart;
    this._barTrack.classList.toggle('jp-mod-indeterminate', restart);
    if (restart) {
      this._barTrack.removeAttribute('aria-valuenow');
      this._barTrack.setAttribute('aria-valuetext', this.trans.__('starting'));
      this._bar.style.width = '';
      this._summary.textContent = this.trans.__('Starting the instance again.');
      this.renderTimes();
      return;
    }
    const progress = Math.max(0, Math.min(100, Math.round(notebook.progress ?? 0)));
    this._barTrack.setAttribute('aria-valuenow', String(progress));
    this._barTrack.setAttribute('aria-valuetext', this.trans.__('%1 percent', progress));
    this._bar.style.width = `${progress}%`;
    this._barTrack.classList.toggle('jp-mod-failed', phase === 'failed');
    const steps = [...(notebook.action_progress ?? [])].sort((a, b) => a.step - b.step);
    this._clock.observe(notebook.id, steps, model.startingSince, Date.now());
    this._times.clear();
    setChildren(this._steps, ...steps.map(step => this.stepItem(step)));
    const current = steps.find(step => step.status !== 'COMPLETED');
    this._summary.textContent = current
      ? this.trans.__('%1: %2 (%3 percent)', this.stepName(current), this.statusWord(current.status), progress)
      : this.trans.__('All steps completed.');
    this.renderTimes();
  }

  private stepItem(step: IStep): HTMLLIElement {
    const status = (step.status ?? 'WAITING').toUpperCase();
    return h(
      'li',
      {
        class: `jp-CodeLab-step jp-mod-${status.toLowerCase()}`,
        'data-step': step.step,
        'data-status': status,
        title: step.description ?? ''
      },
      h('span', { class: 'jp-CodeLab-stepIcon', 'aria-hidden': 'true' }),
      h('span', { class: 'jp-CodeLab-stepName' }, this.stepName(step)),
      h('span', { class: 'jp-CodeLab-stepStatus' }, this.statusWord(status)),
      this.stepTime(step.step)
    );
  }

  private stepTime(step: number): HTMLElement {
    const time = h('span', { class: 'jp-CodeLab-stepTime', 'data-testid': 'codelab-step-time' });
    this._times.set(step, time);
    return time;
  }

  /** The clocks (each second while it starts): each step's time, the time in all, the notes. */
  private renderTimes(): void {
    const now = Date.now();
    for (const [step, node] of this._times) {
      const ms = this._clock.elapsed(step, now);
      const text = ms === null ? '' : formatElapsed(ms);
      if (node.textContent !== text) {
        node.textContent = text;
      }
    }
    const since = this.model.startingSince;
    const starting = this.model.phase === 'starting' && since !== null;
    this._elapsed.hidden = !starting;
    const total = starting ? this.trans.__('Elapsed: %1', formatElapsed(now - since)) : '';
    if (this._elapsed.textContent !== total) {
      this._elapsed.textContent = total;
    }
    this.renderNotes();
  }

  private stepName(step: IStep): string {
    const __ = this.trans.__.bind(this.trans);
    return stepName(step.step, __) ?? step.description ?? __('Step %1', step.step);
  }

  private statusWord(status: string): string {
    return stepStatusWords(status, this.trans.__.bind(this.trans)) ?? String(status);
  }

  private renderNotes(): void {
    const { model, trans } = this;
    const notes: HTMLElement[] = [];
    if (model.phase === 'starting') {
      if (model.connection === 'reconnecting') {
        notes.push(
          h(
            'p',
            { class: 'jp-CodeLab-note', 'data-testid': 'codelab-reconnecting' },
            trans.__('Connection lost: reconnecting…')
          )
        );
      }
      if (model.upstreamMessage) {
        notes.push(
          h(
            'p',
            { class: 'jp-CodeLab-note' },
            trans.__('ModelArts is slow to answer: still trying (%1).', model.upstreamMessage)
          )
        );
      }
      const since = model.startingSince;
      if (since !== null && Date.now() - since > model.settings.slowAfterSeconds * 1000) {
        notes.push(
          h(
            'p',
            { class: 'jp-CodeLab-note jp-mod-slow', 'data-testid': 'codelab-slow' },
            trans.__(
              'This is taking longer than usual (over %1). It is still going: keep this panel open or come back later; Stop below ends it.',
              formatElapsed(model.settings.slowAfterSeconds * 1000)
            )
          )
        );
      }
    }
    const key = notes.map(n => n.textContent).join('|');
    if (key !== this._notesKey) {
      this._notesKey = key;
      setChildren(this._notes, ...notes);
    }
  }

  private _bar: HTMLDivElement;
  private _barTrack: HTMLDivElement;
  private _steps: HTMLOListElement;
  private _notes: HTMLDivElement;
  private _summary: HTMLParagraphElement;
  private _notesKey = '';
  private _restart: HTMLParagraphElement;
  private _fold: HTMLElement;
  private _stepsDetails: HTMLDetailsElement;
  private _foldKey = '';
  private _elapsed: HTMLParagraphElement;
  private _clock = new StepClock();
  private _times = new Map<number, HTMLElement>();
}
