// The frame every demo page shares: a header with the link back to the landing page, a help line with
// the controls, the pixi stage, a column for controls, and a panel with the behaviour code that drives
// the demo (imported with Vite's `?raw`, so it is always the code that runs).
import { Application } from 'pixi.js';
import { highlight } from './highlight.js';
import { returnFocusAfterPointer } from './keyboard.js';

/** One source file shown in the code panel. */
export interface CodeFile {
  /** Shown on its tab, e.g. "sim/patrol.ts". */
  name: string;
  /** The file's text: `import source from './sim/patrol.ts?raw'`. */
  source: string;
}

/** Options for {@link createDemoPage}. */
export interface DemoPageOptions {
  title: string;
  /** The controls, as HTML: `<kbd>WASD</kbd> move · <kbd>1</kbd>-<kbd>4</kbd> cast`. Our own text only. */
  helpHtml: string;
  /** Files for the code panel, the most interesting first. */
  code: CodeFile[];
  widthPx: number;
  heightPx: number;
  background?: number;
}

/** What {@link createDemoPage} gives a demo. */
export interface DemoPage {
  /** The pixi application. Its ticker does not run: the demo's loop renders in its render phase. */
  readonly app: Application;
  /** The column beside the stage; add control groups with {@link DemoPage.addGroup}. */
  readonly controls: HTMLElement;
  /** Adds a titled box to the controls column and returns it. */
  addGroup(title: string): HTMLElement;
  /**
   * Mirrors a piece of demo state into a `data-*` attribute of the stage element, for browser tests
   * (the canvas has no DOM to read). Writes only when the value changed.
   */
  publish(name: string, value: string | number | boolean): void;
}

/**
 * Builds the page around a pixi Application and returns it once pixi is ready.
 *
 * @example
 * const page = await createDemoPage({ title: 'Patrol', helpHtml: '<kbd>WASD</kbd> move', code: [...], widthPx: 960, heightPx: 600 });
 * page.app.stage.addChild(world);   // drawn by app.render() in the loop's render phase
 */
export async function createDemoPage(options: DemoPageOptions): Promise<DemoPage> {
  document.title = `${options.title} · tickflow demos`;
  const root = document.createElement('main');
  root.className = 'demo';
  root.innerHTML = `
    <header class="demo-header">
      <a class="back" href="../">&larr; All demos</a>
      <h1></h1>
    </header>
    <p class="help"></p>
    <div class="stage-row">
      <div class="stage"></div>
      <aside class="controls"></aside>
    </div>
    <details class="code" open>
      <summary>The behaviours driving this demo</summary>
      <div class="tabs"></div>
      <pre><code></code></pre>
    </details>`;
  (root.querySelector('h1') as HTMLElement).textContent = options.title;
  (root.querySelector('.help') as HTMLElement).innerHTML = `${options.helpHtml} · <kbd>\`</kbd> inspector`;
  document.body.append(root);

  const app = new Application();
  await app.init({
    width: options.widthPx,
    height: options.heightPx,
    background: options.background ?? 0x1a1d26,
    antialias: true,
    autoStart: false,
    // Crisp on high-density screens; the CSS size stays widthPx x heightPx.
    resolution: Math.min(window.devicePixelRatio || 1, 2),
    autoDensity: true,
    preference: 'webgl',
  });
  // autoStart: false leaves the ticker stopped; stop it again in case a plugin started it.
  app.ticker.stop();
  const canvas = app.canvas;
  canvas.tabIndex = 0;
  (root.querySelector('.stage') as HTMLElement).append(canvas);
  // A dragged slider or a clicked button must not keep the game keys (1-4, P, Esc, the inspector's `).
  returnFocusAfterPointer(canvas);

  showCode(root, options.code);
  const controls = root.querySelector('.controls') as HTMLElement;
  const stage = root.querySelector('.stage') as HTMLElement;
  return {
    publish(name: string, value: string | number | boolean): void {
      const text = String(value);
      if (stage.dataset[name] !== text) stage.dataset[name] = text;
    },
    app,
    controls,
    addGroup(title: string): HTMLElement {
      const group = document.createElement('section');
      group.className = 'group';
      const heading = document.createElement('h3');
      heading.textContent = title;
      group.append(heading);
      controls.append(group);
      return group;
    },
  };
}

function showCode(root: HTMLElement, files: CodeFile[]): void {
  const tabs = root.querySelector('.tabs') as HTMLElement;
  const code = root.querySelector('pre code') as HTMLElement;
  const buttons: HTMLButtonElement[] = [];
  const select = (index: number): void => {
    code.innerHTML = highlight(files[index].source);
    buttons.forEach((button, i) => button.classList.toggle('on', i === index));
  };
  files.forEach((file, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = file.name;
    button.addEventListener('click', () => select(index));
    buttons.push(button);
    tabs.append(button);
  });
  if (files.length > 0) select(0);
}
