import type { Container } from 'pixi.js';
import { TickflowError, describeValue } from '../core/errors.js';

/** Options for {@link createSpriteSync}. Component stores are SoA arrays indexed by entity id (bitECS style). */
export interface SpriteSyncOptions<S extends Container> {
  /** Where new sprites are added. */
  parent: Container;
  /** Position store: `x[eid]`, `y[eid]` in pixels. */
  position: {
    /** x of each entity in pixels, indexed by entity id. */
    readonly x: ArrayLike<number>;
    /** y of each entity in pixels, indexed by entity id. */
    readonly y: ArrayLike<number>;
  };
  /** Optional rotation store, radians. */
  rotation?: ArrayLike<number> | undefined;
  /** Optional uniform scale store. */
  scale?: ArrayLike<number> | undefined;
  /** Optional alpha store, 0..1. */
  alpha?: ArrayLike<number> | undefined;
  /** Makes the display object for an entity the first time it is seen. */
  create(eid: number): S;
  /** Called after the standard fields are copied, for anything else (tint, frame). */
  update?(sprite: S, eid: number): void;
  /** Disposes of an entity's display object once it is gone. Default: `sprite.destroy()`. */
  destroy?(sprite: S, eid: number): void;
}

/**
 * Keeps one display object per entity in step with its components. Call `update(entities)` once per
 * frame in the render phase with the entities to show (e.g. `query(world, [Position, Sprite])`).
 */
export interface SpriteSync<S extends Container> {
  /**
   * Creates display objects for new entities, copies position (and rotation, scale, alpha) for all,
   * and destroys those of entities missing from `entities`.
   */
  update(entities: ArrayLike<number>): void;
  /** The display object of an entity, if it has one. */
  get(eid: number): S | undefined;
  /**
   * Destroys an entity's display object now. Call it when an entity is removed if its id may be reused
   * before the next `update` (bitECS recycles ids at once), or the new entity would inherit the sprite.
   */
  remove(eid: number): void;
  /** How many display objects it holds. */
  readonly size: number;
  /** Destroys every display object it made. */
  destroy(): void;
}

/**
 * Makes a {@link SpriteSync}: the bridge from ECS component arrays (simulation) to pixi (view).
 *
 * @example
 * const Position = { x: [] as number[], y: [] as number[] };
 * const sprites = createSpriteSync({
 *   parent: app.stage,
 *   position: Position,
 *   create: () => new Graphics().circle(0, 0, 8).fill(0x7bd88f),
 * });
 * // each frame, render phase:
 * sprites.update(query(world, [Position])); // frame 1: a circle per entity, at Position.x/y
 */
export function createSpriteSync<S extends Container>(options: SpriteSyncOptions<S>): SpriteSync<S> {
  return new SpriteSyncState(options);
}

class SpriteSyncState<S extends Container> implements SpriteSync<S> {
  readonly #options: SpriteSyncOptions<S>;
  // Indexed by entity id: entity ids are small dense integers, so arrays beat a Map here.
  readonly #sprites: Array<S | undefined> = [];
  readonly #seenStamp: number[] = [];
  // Entities that have a sprite, to find the ones that vanished without scanning every id.
  #live: number[] = [];
  #spare: number[] = [];
  #stamp = 0;

  constructor(options: SpriteSyncOptions<S>) {
    if (options === null || typeof options !== 'object' || typeof options.create !== 'function') {
      throw new TickflowError(`createSpriteSync expects { parent, position, create(eid) }, got ${describeValue(options)}.`);
    }
    if (options.position === null || typeof options.position !== 'object' || options.position.x === undefined || options.position.y === undefined) {
      throw new TickflowError('createSpriteSync: position must be a store with x and y arrays indexed by entity id, e.g. { x: [], y: [] }.');
    }
    this.#options = options;
  }

  get size(): number {
    return this.#live.length;
  }

  get(eid: number): S | undefined {
    return this.#sprites[eid];
  }

  update(entities: ArrayLike<number>): void {
    const { parent, position, rotation, scale, alpha, update } = this.#options;
    const stamp = ++this.#stamp;
    const sprites = this.#sprites;
    const seen = this.#seenStamp;
    const px = position.x;
    const py = position.y;
    for (let i = 0; i < entities.length; i++) {
      const eid = entities[i];
      let sprite = sprites[eid];
      if (sprite === undefined) {
        sprite = this.#options.create(eid);
        sprites[eid] = sprite;
        this.#live.push(eid);
        parent.addChild(sprite);
      }
      seen[eid] = stamp;
      sprite.position.set(px[eid], py[eid]);
      if (rotation !== undefined) sprite.rotation = rotation[eid];
      if (scale !== undefined) sprite.scale.set(scale[eid]);
      if (alpha !== undefined) sprite.alpha = alpha[eid];
      if (update !== undefined) update(sprite, eid);
    }
    // Compact the live list into the spare one, dropping entities not seen this frame.
    const live = this.#live;
    const kept = this.#spare;
    kept.length = 0;
    for (let i = 0; i < live.length; i++) {
      const eid = live[i];
      if (seen[eid] === stamp) kept.push(eid);
      else this.#dispose(eid);
    }
    this.#spare = live;
    this.#live = kept;
  }

  remove(eid: number): void {
    if (this.#sprites[eid] === undefined) return;
    this.#dispose(eid);
    const index = this.#live.indexOf(eid);
    if (index >= 0) this.#live.splice(index, 1);
  }

  destroy(): void {
    for (const eid of this.#live) this.#dispose(eid);
    this.#live.length = 0;
  }

  #dispose(eid: number): void {
    const sprite = this.#sprites[eid];
    if (sprite === undefined) return;
    this.#sprites[eid] = undefined;
    this.#seenStamp[eid] = 0;
    sprite.removeFromParent();
    if (this.#options.destroy !== undefined) this.#options.destroy(sprite, eid);
    else sprite.destroy();
  }
}
