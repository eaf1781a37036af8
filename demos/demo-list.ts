/** One entry per demo page (demos/<slug>/index.html); the landing page shows them in this order. */
export interface DemoEntry {
  slug: string;
  title: string;
  summary: string;
}

export const demos: DemoEntry[] = [
  { slug: 'patrol', title: 'Patrol', summary: 'Guards walk their routes, chase you on sight, and give up when they lose you: a race of timers.' },
  { slug: 'cooldowns', title: 'Cooldowns', summary: 'Cast times, cooldowns and a global cooldown as plain waits; slow or pause the gameplay clock while the UI keeps moving.' },
  { slug: 'dialogue', title: 'Typewriter dialogue', summary: 'Lines type themselves with a blip per letter; a press finishes the line, the next one moves on; a choice picks the ending.' },
  { slug: 'particles', title: 'Particles', summary: 'A fountain, a fire and fireworks where you click: every particle\'s life is one behaviour.' },
  { slug: 'stress', title: 'Stress', summary: 'Up to 200,000 behaviours, half resumed every frame, half asleep: fps, scheduler ms and resumes per frame.' },
  { slug: 'multiplayer', title: 'Multiplayer guards', summary: 'Guards run as server behaviours in a Colyseus room; every tab sees the same guards patrol, chase and answer shouts.' },
  { slug: 'heist', title: 'Moonlight Heist', summary: 'The mini-game: sneak past four guards, take three gems, get out. Dash, smoke and pebbles on cooldowns.' },
];
