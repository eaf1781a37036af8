/**
 * Behaviours in authoritative Colyseus 0.16 rooms: fixed steps, entity-owned behaviours, validated client messages.
 *
 * @module tickflow/colyseus
 */
// The public API of 'tickflow/colyseus': behaviours in authoritative Colyseus 0.16 rooms. Server-side
// only: nothing here touches the DOM, pixi.js or howler.
export { attachRoomBehaviours } from './room-behaviours.js';
export type { RoomBehaviours, RoomBehavioursOptions, RoomSpawnOnOptions, RoomBehavioursStats } from './room-behaviours.js';
export type { MessageChannel, MessageChannelOptions, ReceivedMessage } from './message-channel.js';
