// A plain canvas: tickflow's own requestAnimationFrame driver (tickflow/browser) ticks the scheduler,
// and the same step draws. The driver clamps each frame to maxDtMs and steps nothing while the tab is hidden.
import { createScheduler } from 'tickflow';
import { startBrowserLoop } from 'tickflow/browser';
import { cooldown, patrol, type Ability, type Point } from './behaviours.js';

const canvas = document.getElementById('game') as HTMLCanvasElement;
const context = canvas.getContext('2d') as CanvasRenderingContext2D;

const scheduler = createScheduler();
const guard: Point = { x: 60, y: 70 };
const route: Point[] = [{ x: 420, y: 70 }, { x: 420, y: 200 }, { x: 60, y: 200 }, { x: 60, y: 70 }];
const ability: Ability = { castProgress: 0, cooldownLeft: 0, casts: 0 };
scheduler.spawn(patrol(guard, route, scheduler.clock, 160), { name: 'patrol' });
scheduler.spawn(cooldown(ability, scheduler.clock, 300, 1200), { name: 'cooldown' });

function draw(): void {
  context.fillStyle = '#1d1f27';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.strokeStyle = '#3a3f52';
  context.strokeRect(60, 70, 360, 130);
  context.fillStyle = '#7bd88f';
  context.beginPath();
  context.arc(guard.x, guard.y, 12, 0, Math.PI * 2);
  context.fill();
  // The ability: a ring that grows while casting, a sweep that empties while cooling down.
  context.strokeStyle = '#fd9353';
  context.lineWidth = 6;
  context.beginPath();
  context.arc(240, 135, 30, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * (ability.castProgress || 1 - ability.cooldownLeft));
  context.stroke();
  context.fillStyle = '#ddd';
  context.fillText(`casts ${ability.casts}`, 218, 185);
}

const driver = startBrowserLoop({
  step(dtMs) {
    scheduler.tick(dtMs);
    draw();
  },
});

// For the test that opens this page (and for poking at it from the console).
Object.assign(window, { __example: { guard, ability, scheduler, driver } });
