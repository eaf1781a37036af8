// Phaser drives: the scene's update(time, delta) calls scheduler.tick(delta), and Phaser renders the
// scene after update. One scheduler per scene, so a scene that sleeps or stops also stops its behaviours.
import * as Phaser from 'phaser';
import { createScheduler, type Scheduler } from 'tickflow';
import { cooldown, patrol, type Ability, type Point } from './behaviours.js';

class PatrolScene extends Phaser.Scene {
  readonly scheduler: Scheduler = createScheduler();
  readonly guard: Point = { x: 60, y: 70 };
  readonly ability: Ability = { castProgress: 0, cooldownLeft: 0, casts: 0 };
  #guardShape!: Phaser.GameObjects.Arc;
  #ring!: Phaser.GameObjects.Graphics;
  #label!: Phaser.GameObjects.Text;

  constructor() {
    super('patrol');
  }

  create(): void {
    const route: Point[] = [{ x: 420, y: 70 }, { x: 420, y: 200 }, { x: 60, y: 200 }, { x: 60, y: 70 }];
    this.scheduler.spawn(patrol(this.guard, route, this.scheduler.clock, 160), { name: 'patrol' });
    this.scheduler.spawn(cooldown(this.ability, this.scheduler.clock, 300, 1200), { name: 'cooldown' });
    this.add.rectangle(240, 135, 360, 130).setStrokeStyle(1, 0x3a3f52);
    this.#guardShape = this.add.circle(this.guard.x, this.guard.y, 12, 0x7bd88f);
    this.#ring = this.add.graphics();
    this.#label = this.add.text(212, 175, 'casts 0', { color: '#dddddd', fontSize: '14px' });
  }

  // delta is Phaser's smoothed frame time in ms: averaged over the last frames, and a frame longer than
  // 1000 / fps.min (200 ms) is replaced by the last normal one. Phaser pauses its loop while the tab is hidden.
  override update(_timeMs: number, deltaMs: number): void {
    this.scheduler.tick(deltaMs);
    this.#guardShape.setPosition(this.guard.x, this.guard.y);
    const turn = this.ability.castProgress || 1 - this.ability.cooldownLeft;
    this.#ring.clear().lineStyle(6, 0xfd9353).beginPath();
    this.#ring.arc(240, 135, 30, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * turn).strokePath();
    this.#label.setText(`casts ${this.ability.casts}`);
  }
}

const scene = new PatrolScene();
const game = new Phaser.Game({ type: Phaser.AUTO, width: 480, height: 270, backgroundColor: '#1d1f27', scene });

// For the test that opens this page (and for poking at it from the console).
Object.assign(window, { __example: { guard: scene.guard, ability: scene.ability, scheduler: scene.scheduler, game } });
