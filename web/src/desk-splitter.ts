import { el } from './dom';

const MIN = 15;
const MAX = 75;
const STEP = 5;

/**
 * The bar between the map and the desk: drag it, or focus it and use the arrow keys, to share the
 * window's height between them. The desk's share is kept in `--desk-height` on the page, so the map
 * never shrinks to a strip however long the document in the reader is.
 */
export function deskSplitter(root: HTMLElement, initialShare = 45): HTMLElement {
  const bar = el('div', {
    className: 'desk-splitter',
    attrs: {
      role: 'separator',
      tabindex: '0',
      id: 'desk-splitter',
      'aria-orientation': 'horizontal',
      'aria-label': 'Resize the desk (arrow keys)',
      'aria-valuemin': String(MIN),
      'aria-valuemax': String(MAX),
    },
  });
  const set = (share: number) => {
    const clamped = Math.round(Math.min(MAX, Math.max(MIN, share)));
    root.style.setProperty('--desk-height', `${clamped}vh`);
    bar.setAttribute('aria-valuenow', String(clamped));
  };
  set(initialShare);
  bar.addEventListener('keydown', (event) => {
    const now = Number(bar.getAttribute('aria-valuenow'));
    const by: Record<string, number> = { ArrowUp: STEP, ArrowDown: -STEP, PageUp: 20, PageDown: -20 };
    if (by[event.key] === undefined) return;
    event.preventDefault();
    set(now + by[event.key]!);
  });
  bar.addEventListener('pointerdown', (event) => {
    bar.setPointerCapture(event.pointerId);
    const move = (moved: PointerEvent) =>
      set((100 * (window.innerHeight - moved.clientY)) / window.innerHeight);
    const up = () => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
  });
  return bar;
}
