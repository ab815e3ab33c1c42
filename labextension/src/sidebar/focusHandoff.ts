/**
 * Where the keyboard focus goes when an action takes away the control that had it: the view
 * that lost it names the control that follows from the action (by its test id), and the focus
 * moves there as soon as that control shows (it may take a render of another view). Shared by
 * the panel's views (views.ts makes one per panel).
 */
export class FocusHandoff {
  constructor(private readonly panel: HTMLElement) {}

  /** Focus the first of `testids` shown in the panel now; false when none is. */
  focus(...testids: string[]): boolean {
    for (const testid of testids) {
      const target = this.panel.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
      if (target && target.checkVisibility()) {
        target.focus();
        if (document.activeElement === target) {
          this._pending = [];
          return true;
        }
      }
    }
    return false;
  }

  /** Focus the first of `testids` now, or once one shows (the next `settle()` calls try again). */
  pass(...testids: string[]): void {
    this._pending = testids;
    this.settle();
  }

  /** Try a pending pass (views call this after they render); the person moving the focus cancels it. */
  settle(): void {
    if (!this._pending.length) {
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && !this.panel.contains(active)) {
      this._pending = []; // the focus is elsewhere now: leave it there
      return;
    }
    this.focus(...this._pending);
  }

  private _pending: string[] = [];
}
