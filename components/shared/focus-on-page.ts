import { MAIN_ID } from './main-id';

/** How long after an action a lost focus is put back on the page. */
const WATCH_MS = 10_000;

/** Focuses the page's main heading (else its <main>); false when the page has neither. */
export function focusMainHeading(): boolean {
  const main = document.getElementById(MAIN_ID);
  const target = main?.querySelector<HTMLElement>('h1') ?? main;
  if (!target) return false;
  // Focusable by script only: Tab does not stop on a heading.
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
  return document.activeElement === target;
}

/**
 * Call after an action that takes away the control that had the focus: leaving an organization removes
 * its row, or moves to the home page; handing ownership over disables the button and hides the section;
 * a bulk change empties the page of the users table once its refreshed rows arrive.
 * The focus would fall to <body>, and a keyboard or screen-reader user would start again from the top.
 * For the next few seconds (the page refreshes or navigates meanwhile), whenever the focus is lost it is
 * put on the page's main heading. It stops early once the person presses a key or a pointer: from then
 * on the focus is theirs.
 */
export function keepFocusOnPage(): void {
  const until = Date.now() + WATCH_MS;
  let stopped = false;
  const stop = () => {
    stopped = true;
    window.removeEventListener('keydown', stop, true);
    window.removeEventListener('pointerdown', stop, true);
  };
  window.addEventListener('keydown', stop, true);
  window.addEventListener('pointerdown', stop, true);
  const watch = () => {
    if (stopped) return;
    if (Date.now() > until) return stop();
    const active = document.activeElement as HTMLElement | null;
    // Lost: on the body, or on an element that left the page or was disabled under it (a refreshed
    // table with no row left to select).
    const lost = !active || active === document.body || !active.isConnected || active.matches(':disabled');
    // On <main> only as a stand-in while the page had no heading (a loading state): the heading, once there.
    const standIn = active?.id === MAIN_ID && active.querySelector('h1') !== null;
    // A dialog still open holds the focus on purpose (its closing puts it back): only a lost focus moves.
    if ((lost || standIn) && !document.querySelector('[role="alertdialog"], [role="dialog"]'))
      focusMainHeading();
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}
