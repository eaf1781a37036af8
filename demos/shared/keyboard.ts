// Keyboard state for the demos' input phase: which keys are held, and which were pressed since the
// last frame (so a quick tap between two frames is never lost). Game keys reach the game whatever
// control last had focus: only fields that take typing keep their keys.

/** Held keys and fresh presses, by KeyboardEvent.code ("KeyW", "ArrowLeft", "Digit1", "Space"). */
export interface Keyboard {
  isDown(code: string): boolean;
  /** The keys pressed since the last call, in order; auto-repeat excluded. */
  takePresses(): string[];
  dispose(): void;
}

// Keys the demos use that would otherwise scroll the page (or nudge a focused slider).
const CAPTURED = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Space']);
// <input> types that are not typed into: sliders, checkboxes, buttons. Keys pressed on them are game keys.
const NOT_TYPED = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file', 'image']);

/**
 * True if a key event went to a field the player types into (a text box, a textarea, a select, an
 * editable element): the demos leave those keys alone. A slider or a button is not such a field.
 *
 * @example
 * window.addEventListener('keydown', (event) => { if (!isTypingInto(event.target)) handleGameKey(event); });
 */
export function isTypingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target instanceof HTMLInputElement && !NOT_TYPED.has(target.type);
}

/**
 * Starts listening on the window. Keys typed into text fields are ignored; keys pressed while a
 * slider or a button has focus are the game's (and arrows/Space do not move that slider or press
 * that button).
 *
 * @example
 * const keyboard = createKeyboard();
 * // input phase, each frame:
 * input.moveX = Number(keyboard.isDown('KeyD')) - Number(keyboard.isDown('KeyA'));
 */
export function createKeyboard(): Keyboard {
  const held = new Set<string>();
  let presses: string[] = [];
  const down = (event: KeyboardEvent): void => {
    if (isTypingInto(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (CAPTURED.has(event.code)) event.preventDefault();
    held.add(event.code);
    if (!event.repeat) presses.push(event.code);
  };
  const up = (event: KeyboardEvent): void => {
    held.delete(event.code);
    // A focused button fires its click on Space's keyup: the key was the game's, not the button's.
    if (event.code === 'Space' && !isTypingInto(event.target)) event.preventDefault();
  };
  // A key released while the window was in the background would otherwise stay held.
  const blur = (): void => held.clear();
  window.addEventListener('keydown', down);
  window.addEventListener('keyup', up);
  window.addEventListener('blur', blur);
  return {
    isDown: (code) => held.has(code),
    takePresses() {
      const taken = presses;
      presses = [];
      return taken;
    },
    dispose() {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    },
  };
}

/**
 * After the mouse has used a control (dragged a slider, clicked a button), gives the keyboard focus
 * back to `stage`, so the next key press is a game key again and the inspector key works too.
 * Controls reached with Tab keep their focus: keyboard users still move a slider with the arrows.
 *
 * @example
 * returnFocusAfterPointer(page.app.canvas); // drag the speed slider, release: 1-4 cast again
 */
export function returnFocusAfterPointer(stage: HTMLElement): () => void {
  let onControl = false;
  const pointerDown = (event: PointerEvent): void => {
    const target = event.target;
    onControl = target instanceof HTMLElement && target !== stage && target.closest('input, button, summary, label') !== null && !isTypingInto(target);
  };
  const pointerUp = (): void => {
    if (!onControl) return;
    onControl = false;
    // After the control handled the release (a slider's change, a button's click): next task.
    setTimeout(() => stage.focus({ preventScroll: true }), 0);
  };
  window.addEventListener('pointerdown', pointerDown, true);
  window.addEventListener('pointerup', pointerUp, true);
  window.addEventListener('pointercancel', pointerUp, true);
  return () => {
    window.removeEventListener('pointerdown', pointerDown, true);
    window.removeEventListener('pointerup', pointerUp, true);
    window.removeEventListener('pointercancel', pointerUp, true);
  };
}
