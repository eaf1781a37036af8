// Keyboard state for the demos' input phase: which keys are held, and which were pressed since the
// last frame (so a quick tap between two frames is never lost).

/** Held keys and fresh presses, by KeyboardEvent.code ("KeyW", "ArrowLeft", "Digit1", "Space"). */
export interface Keyboard {
  isDown(code: string): boolean;
  /** The keys pressed since the last call, in order; auto-repeat excluded. */
  takePresses(): string[];
  dispose(): void;
}

// Keys the demos use that would otherwise scroll the page.
const CAPTURED = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Space']);

/**
 * Starts listening on the window. Keys typed into form fields (the sliders) are ignored.
 *
 * @example
 * const keyboard = createKeyboard();
 * // input phase, each frame:
 * input.moveX = Number(keyboard.isDown('KeyD')) - Number(keyboard.isDown('KeyA'));
 */
export function createKeyboard(): Keyboard {
  const held = new Set<string>();
  let presses: string[] = [];
  const fromField = (event: KeyboardEvent): boolean => {
    const target = event.target as HTMLElement | null;
    return target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
  };
  const down = (event: KeyboardEvent): void => {
    if (fromField(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (CAPTURED.has(event.code)) event.preventDefault();
    held.add(event.code);
    if (!event.repeat) presses.push(event.code);
  };
  const up = (event: KeyboardEvent): void => {
    held.delete(event.code);
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
