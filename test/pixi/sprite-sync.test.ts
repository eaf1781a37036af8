import { Container } from 'pixi.js';
import { describe, expect, it } from 'vitest';
import { createSpriteSync } from '../../src/pixi/index.js';

function setup() {
  const stage = new Container();
  const Position = { x: [] as number[], y: [] as number[] };
  const Angle = [] as number[];
  const created: number[] = [];
  const destroyed: number[] = [];
  const sync = createSpriteSync({
    parent: stage,
    position: Position,
    rotation: Angle,
    create: (eid) => {
      created.push(eid);
      const sprite = new Container();
      sprite.label = `e${eid}`;
      return sprite;
    },
    destroy: (sprite, eid) => {
      destroyed.push(eid);
      sprite.destroy();
    },
  });
  return { stage, Position, Angle, created, destroyed, sync };
}

describe('createSpriteSync', () => {
  it('creates one display object per entity and copies position and rotation', () => {
    const { stage, Position, Angle, created, sync } = setup();
    Position.x[1] = 10; Position.y[1] = 20; Angle[1] = 0.5;
    Position.x[4] = 30; Position.y[4] = 40; Angle[4] = 1;
    sync.update([1, 4]);
    expect(created).toEqual([1, 4]);
    expect(stage.children.map((child) => child.label)).toEqual(['e1', 'e4']);
    const sprite = sync.get(4)!;
    expect([sprite.x, sprite.y, sprite.rotation]).toEqual([30, 40, 1]);
    Position.x[4] = 35;
    sync.update([1, 4]);
    expect(sprite.x).toBe(35);
    expect(created).toEqual([1, 4]);
    expect(sync.size).toBe(2);
  });

  it('destroys the display objects of entities that are no longer listed', () => {
    const { stage, Position, destroyed, sync } = setup();
    Position.x[1] = 0; Position.y[1] = 0; Position.x[2] = 0; Position.y[2] = 0;
    sync.update([1, 2]);
    sync.update([2]);
    expect(destroyed).toEqual([1]);
    expect(sync.get(1)).toBeUndefined();
    expect(stage.children.map((child) => child.label)).toEqual(['e2']);
    expect(sync.size).toBe(1);
  });

  it('gives a recycled id a fresh display object after remove()', () => {
    const { Position, created, destroyed, sync } = setup();
    Position.x[3] = 0; Position.y[3] = 0;
    sync.update([3]);
    const first = sync.get(3);
    sync.remove(3);
    sync.update([3]);
    expect(destroyed).toEqual([3]);
    expect(created).toEqual([3, 3]);
    expect(sync.get(3)).not.toBe(first);
  });

  it('runs the update hook after copying the standard fields', () => {
    const stage = new Container();
    const Position = { x: [5], y: [6] };
    const tints: string[] = [];
    const sync = createSpriteSync({
      parent: stage,
      position: Position,
      create: () => new Container(),
      update: (sprite, eid) => tints.push(`${eid}@${sprite.x},${sprite.y}`),
    });
    sync.update([0]);
    expect(tints).toEqual(['0@5,6']);
  });

  it('destroy() removes every display object it made', () => {
    const { stage, Position, sync } = setup();
    Position.x[0] = 0; Position.y[0] = 0; Position.x[1] = 0; Position.y[1] = 0;
    sync.update([0, 1]);
    sync.destroy();
    expect(stage.children).toHaveLength(0);
    expect(sync.size).toBe(0);
  });

  it('rejects options without a position store', () => {
    expect(() => createSpriteSync({ parent: new Container(), create: () => new Container() } as never)).toThrow(/position must be a store/);
  });
});
