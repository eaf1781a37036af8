// pixi.js drives: its Application ticker calls scheduler.tick with the frame's milliseconds, and
// pixi renders the stage after every ticker callback (the render runs at a lower priority).
import { Application, Graphics, Text } from 'pixi.js';
import { createScheduler } from 'tickflow';
import { cooldown, patrol, type Ability, type Point } from './behaviours.js';

const app = new Application();
await app.init({ width: 480, height: 270, background: '#1d1f27', preference: 'webgl' });
document.body.appendChild(app.canvas);

const scheduler = createScheduler();
const guard: Point = { x: 60, y: 70 };
const route: Point[] = [{ x: 420, y: 70 }, { x: 420, y: 200 }, { x: 60, y: 200 }, { x: 60, y: 70 }];
const ability: Ability = { castProgress: 0, cooldownLeft: 0, casts: 0 };
scheduler.spawn(patrol(guard, route, scheduler.clock, 160), { name: 'patrol' });
scheduler.spawn(cooldown(ability, scheduler.clock, 300, 1200), { name: 'cooldown' });

app.stage.addChild(new Graphics().rect(60, 70, 360, 130).stroke({ width: 1, color: 0x3a3f52 }));
const guardSprite = app.stage.addChild(new Graphics().circle(0, 0, 12).fill(0x7bd88f));
const ring = app.stage.addChild(new Graphics());
const label = app.stage.addChild(new Text({ text: 'casts 0', style: { fill: 0xdddddd, fontSize: 14 } }));
label.position.set(212, 175);

// deltaMS is real milliseconds, already capped by the ticker's minFPS (10 by default: at most 100 ms),
// and the scheduler clamps again to its maxDtMs. While the tab is hidden pixi's ticker does not run.
app.ticker.add((ticker) => {
  scheduler.tick(ticker.deltaMS);
  guardSprite.position.set(guard.x, guard.y);
  const turn = ability.castProgress || 1 - ability.cooldownLeft;
  ring.clear().arc(240, 135, 30, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * turn).stroke({ width: 6, color: 0xfd9353 });
  label.text = `casts ${ability.casts}`;
});

// For the test that opens this page (and for poking at it from the console).
Object.assign(window, { __example: { guard, ability, scheduler, app } });
