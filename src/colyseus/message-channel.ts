import type { Client } from '@colyseus/core';
import { TickflowError, describeValue } from '../core/errors.js';
import { isFinitePositive } from '../core/numbers.js';
import { createSignal, waitSignal, type Signal } from '../core/signal.js';
import type { Behaviour } from '../core/wait.js';
import { estimateMessageBytes } from './message-size.js';
import { RingBuffer } from './ring-buffer.js';

/** Options for {@link RoomBehaviours.onMessage}. */
export interface MessageChannelOptions<T> {
  /**
   * Turns the decoded payload into a typed message, or throws to reject it (the error's message is
   * sent back to the client as the reason). Runs before anything is buffered: a rejected message
   * changes nothing.
   */
  validate: (raw: unknown) => T;
  /**
   * `'client'` (default): one buffer per client, read with `receive(sessionId)`.
   * `'room'`: one buffer for the room in arrival order, read with `receiveAny()`.
   */
  by?: 'client' | 'room' | undefined;
  /** Messages a buffer holds before it overflows. Default 16. */
  capacity?: number | undefined;
  /**
   * What a full buffer does with a new message: `'reject'` it (default: nothing is lost silently) or
   * `'drop-oldest'` (for "latest input wins" messages such as a movement direction).
   */
  overflow?: 'reject' | 'drop-oldest' | undefined;
  /** Messages of this type one client may send per second of room time; more are rejected. Default 30. */
  maxPerSecond?: number | undefined;
  /** The largest decoded payload accepted, in estimated bytes. Default 1024. */
  maxBytes?: number | undefined;
}

/** A message as `receiveAny()` returns it: who sent it, the validated payload, and the step it arrived in. */
export interface ReceivedMessage<T> {
  /** The sending client's `sessionId`. */
  readonly sessionId: string;
  /** The payload, as `validate` returned it. */
  readonly message: T;
  /** The room step (`behaviours.frame`) during which it arrived; behaviours see it at the start of the next. */
  readonly frame: number;
}

/**
 * Validated client messages of one type, buffered until a behaviour takes them. Messages arrive
 * between steps; they are handed to waiting behaviours at the start of the next step, in arrival
 * order, so a step's outcome depends only on what had arrived before it.
 *
 * @example
 * const shouts = behaviours.onMessage('shout', { validate: parseShout, by: 'room' });
 * function* listen(): Behaviour {
 *   for (;;) {
 *     const { sessionId, message } = yield* shouts.receiveAny(); // step after the message arrived
 *     log.push(`${sessionId} shouted ${message.word}`);
 *   }
 * }
 */
export interface MessageChannel<T> {
  /** The message type clients send (`room.send(type, payload)`). */
  readonly type: string;
  /**
   * Waits for the next message from this client (channels made with `by: 'client'`) and returns it.
   * A buffered message returns at once. Throws a TickflowError when the client has left the room.
   */
  receive(sessionId: string): Behaviour<T>;
  /** Waits for the next message from any client (channels made with `by: 'room'`). */
  receiveAny(): Behaviour<ReceivedMessage<T>>;
  /** Messages buffered now: for one client, or (without an argument) in every buffer. */
  pending(sessionId?: string): number;
}

/** What a channel needs from its room. Internal to tickflow/colyseus. */
export interface ChannelHost {
  readonly frame: number;
  readonly stepMs: number;
  readonly roomId: string;
  isConnected(sessionId: string): boolean;
  reject(client: Client, type: string, reason: string): void;
  /** The channel has messages to hand out at the start of the next step. */
  markDirty(channel: MessageChannelState<unknown>): void;
}

// One buffer: a client's (by 'client') or the room's (by 'room', key '').
class Inbox<T> {
  readonly buffer: RingBuffer<ReceivedMessage<T>>;
  readonly signal: Signal<void>;
  dirty = false;
  closed = false;

  constructor(capacity: number, name: string) {
    this.buffer = new RingBuffer(capacity);
    this.signal = createSignal(name);
  }
}

// Tokens of one client on one channel, refilled in room time (steps), so limits are deterministic.
interface Allowance {
  tokens: number;
  frame: number;
}

const ROOM_KEY = '';

/** Implementation of {@link MessageChannel}. Internal to tickflow/colyseus. */
export class MessageChannelState<T> implements MessageChannel<T> {
  readonly type: string;
  readonly #host: ChannelHost;
  readonly #validate: (raw: unknown) => T;
  readonly #byRoom: boolean;
  readonly #capacity: number;
  readonly #dropOldest: boolean;
  readonly #maxPerSecond: number;
  readonly #maxBytes: number;
  readonly #inboxes = new Map<string, Inbox<T>>();
  readonly #allowances = new Map<string, Allowance>();

  constructor(host: ChannelHost, type: string, options: MessageChannelOptions<T>) {
    const what = `onMessage("${type}")`;
    if (typeof options !== 'object' || options === null || typeof options.validate !== 'function') {
      throw new TickflowError(
        `${what} needs { validate(raw) } that returns the typed message or throws, got ${describeValue(options?.validate)}. ` +
          'Client input is never trusted: onMessage("move", { validate: (raw) => parseMove(raw) }).',
      );
    }
    const by = options.by ?? 'client';
    if (by !== 'client' && by !== 'room') throw new TickflowError(`${what}: by must be 'client' or 'room', got ${describeValue(by)}.`);
    const overflow = options.overflow ?? 'reject';
    if (overflow !== 'reject' && overflow !== 'drop-oldest') {
      throw new TickflowError(`${what}: overflow must be 'reject' or 'drop-oldest', got ${describeValue(overflow)}.`);
    }
    this.type = type;
    this.#host = host;
    this.#validate = options.validate;
    this.#byRoom = by === 'room';
    this.#capacity = positiveInteger(options.capacity ?? 16, `${what}: capacity`);
    this.#dropOldest = overflow === 'drop-oldest';
    this.#maxPerSecond = positiveNumber(options.maxPerSecond ?? 30, `${what}: maxPerSecond`);
    this.#maxBytes = positiveNumber(options.maxBytes ?? 1024, `${what}: maxBytes`);
  }

  /** A message arrived from the network: checked, validated and buffered (true), or rejected with no change. */
  accept(client: Client, raw: unknown): boolean {
    const sessionId = client.sessionId;
    if (!this.#allow(sessionId)) {
      this.#host.reject(client, this.type, `more than ${this.#maxPerSecond} "${this.type}" messages per second`);
      return false;
    }
    const bytes = estimateMessageBytes(raw, this.#maxBytes);
    if (bytes > this.#maxBytes) {
      this.#host.reject(client, this.type, `payload larger than ${this.#maxBytes} bytes`);
      return false;
    }
    let message: T;
    try {
      message = this.#validate(raw);
    } catch (error) {
      this.#host.reject(client, this.type, error instanceof Error ? error.message : String(error));
      return false;
    }
    const inbox = this.#inbox(this.#byRoom ? ROOM_KEY : sessionId);
    const received: ReceivedMessage<T> = { sessionId, message, frame: this.#host.frame };
    if (this.#dropOldest) inbox.buffer.pushDroppingOldest(received);
    else if (!inbox.buffer.push(received)) {
      this.#host.reject(client, this.type, `${this.#capacity} "${this.type}" messages are already waiting`);
      return false;
    }
    if (!inbox.dirty) {
      inbox.dirty = true;
      this.#host.markDirty(this as MessageChannelState<unknown>);
    }
    return true;
  }

  /** Start of a step: wakes the behaviours waiting on buffers that received messages. */
  deliver(): void {
    for (const inbox of this.#inboxes.values()) {
      if (!inbox.dirty) continue;
      inbox.dirty = false;
      inbox.signal.emit();
    }
  }

  /** The client left: its buffer closes (waiters get an error) and its allowance is forgotten. */
  forget(sessionId: string): void {
    this.#allowances.delete(sessionId);
    if (this.#byRoom) return;
    const inbox = this.#inboxes.get(sessionId);
    if (inbox === undefined) return;
    this.#inboxes.delete(sessionId);
    inbox.closed = true;
    inbox.buffer.clear();
    inbox.signal.emit();
  }

  /** Room disposed: buffers dropped (their waiters were cancelled with the scheduler). */
  clear(): void {
    for (const inbox of this.#inboxes.values()) inbox.buffer.clear();
    this.#inboxes.clear();
    this.#allowances.clear();
  }

  receive(sessionId: string): Behaviour<T> {
    const what = `receive(${describeValue(sessionId)}) on messages "${this.type}"`;
    if (this.#byRoom) throw new TickflowError(`${what}: this channel buffers by room; take its messages with receiveAny().`);
    if (typeof sessionId !== 'string' || !this.#host.isConnected(sessionId)) {
      throw new TickflowError(`${what}: no client with that sessionId is in room ${this.#host.roomId} (it left, or never joined). Pass client.sessionId from onJoin.`);
    }
    return receiveFrom(this.#inbox(sessionId), this.type, sessionId);
  }

  receiveAny(): Behaviour<ReceivedMessage<T>> {
    if (!this.#byRoom) {
      throw new TickflowError(`receiveAny() on messages "${this.type}": this channel buffers per client; use receive(sessionId), or make it with by: 'room'.`);
    }
    return receiveAnyFrom(this.#inbox(ROOM_KEY));
  }

  pending(sessionId?: string): number {
    if (sessionId !== undefined) return this.#inboxes.get(this.#byRoom ? ROOM_KEY : sessionId)?.buffer.size ?? 0;
    let count = 0;
    for (const inbox of this.#inboxes.values()) count += inbox.buffer.size;
    return count;
  }

  #inbox(key: string): Inbox<T> {
    let inbox = this.#inboxes.get(key);
    if (inbox === undefined) {
      inbox = new Inbox<T>(this.#capacity, key === ROOM_KEY ? this.type : `${this.type} from ${key}`);
      this.#inboxes.set(key, inbox);
    }
    return inbox;
  }

  #allow(sessionId: string): boolean {
    const frame = this.#host.frame;
    const burst = Math.max(1, this.#maxPerSecond);
    let allowance = this.#allowances.get(sessionId);
    if (allowance === undefined) {
      allowance = { tokens: burst, frame };
      this.#allowances.set(sessionId, allowance);
    } else if (allowance.frame !== frame) {
      const refill = ((frame - allowance.frame) * this.#host.stepMs * this.#maxPerSecond) / 1000;
      allowance.tokens = Math.min(burst, allowance.tokens + refill);
      allowance.frame = frame;
    }
    if (allowance.tokens < 1) return false;
    allowance.tokens -= 1;
    return true;
  }
}

function* receiveFrom<T>(inbox: Inbox<T>, type: string, sessionId: string): Behaviour<T> {
  while (inbox.buffer.size === 0) {
    if (inbox.closed) throw new TickflowError(`receive("${sessionId}") on messages "${type}": the client left the room while a behaviour waited for its message.`);
    yield* waitSignal(inbox.signal);
  }
  return (inbox.buffer.shift() as ReceivedMessage<T>).message;
}

function* receiveAnyFrom<T>(inbox: Inbox<T>): Behaviour<ReceivedMessage<T>> {
  while (inbox.buffer.size === 0) yield* waitSignal(inbox.signal);
  return inbox.buffer.shift() as ReceivedMessage<T>;
}

function positiveInteger(value: number, what: string): number {
  if (!(Number.isInteger(value) && value > 0)) throw new TickflowError(`${what} must be an integer > 0, got ${describeValue(value)}.`);
  return value;
}

function positiveNumber(value: number, what: string): number {
  if (!isFinitePositive(value)) throw new TickflowError(`${what} must be a finite number > 0, got ${describeValue(value)}.`);
  return value;
}
