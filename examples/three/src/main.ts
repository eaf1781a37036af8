// three.js drives: renderer.setAnimationLoop calls back once per animation frame with a timestamp; we
// turn it into the frame's milliseconds, tick the scheduler, then render. The scheduler clamps each tick
// to its maxDtMs (100 ms), so the first frame after a hidden tab advances the game by 100 ms, not by the
// whole time away.
import * as THREE from 'three';
import { createScheduler } from 'tickflow';
import { cooldown, patrol, type Ability, type Point } from './behaviours.js';

const renderer = new THREE.WebGLRenderer({ antialias: true });
renderer.setSize(480, 270);
document.body.appendChild(renderer.domElement);
const scene = new THREE.Scene();
scene.background = new THREE.Color(0x1d1f27);
// Pixels as units, y down, so the shared behaviours' coordinates are the same as in the 2D examples.
const camera = new THREE.OrthographicCamera(0, 480, 0, 270, -10, 10);

const scheduler = createScheduler();
const guard: Point = { x: 60, y: 70 };
const route: Point[] = [{ x: 420, y: 70 }, { x: 420, y: 200 }, { x: 60, y: 200 }, { x: 60, y: 70 }];
const ability: Ability = { castProgress: 0, cooldownLeft: 0, casts: 0 };
scheduler.spawn(patrol(guard, route, scheduler.clock, 160), { name: 'patrol' });
scheduler.spawn(cooldown(ability, scheduler.clock, 300, 1200), { name: 'cooldown' });

const guardMesh = new THREE.Mesh(new THREE.CircleGeometry(12, 32), new THREE.MeshBasicMaterial({ color: 0x7bd88f }));
scene.add(guardMesh);
const ringMaterial = new THREE.MeshBasicMaterial({ color: 0xfd9353, side: THREE.DoubleSide });
const ring = new THREE.Mesh(new THREE.RingGeometry(27, 33, 48), ringMaterial);
ring.position.set(240, 135, 0);
scene.add(ring);

let lastMs: number | undefined;
renderer.setAnimationLoop((timestampMs: number) => {
  scheduler.tick(lastMs === undefined ? 0 : timestampMs - lastMs);
  lastMs = timestampMs;
  guardMesh.position.set(guard.x, guard.y, 0);
  const turn = ability.castProgress || 1 - ability.cooldownLeft;
  ring.geometry.dispose();
  ring.geometry = new THREE.RingGeometry(27, 33, 48, 1, -Math.PI / 2, Math.PI * 2 * Math.max(turn, 0.001));
  renderer.render(scene, camera);
});

// For the test that opens this page (and for poking at it from the console).
Object.assign(window, { __example: { guard, ability, scheduler, renderer } });
