// The conversation: who says what, how fast they talk, and the choice at the end.

export type Voice = 'moss' | 'bramble';

export interface Speaker {
  name: string;
  voice: Voice;
  /** Milliseconds per letter. */
  letterMs: number;
  colour: number;
}

export const SPEAKERS = {
  moss: { name: 'Moss', voice: 'moss', letterMs: 32, colour: 0x78dce8 },
  bramble: { name: 'Old Bramble', voice: 'bramble', letterMs: 58, colour: 0xa9dc76 },
} satisfies Record<string, Speaker>;

export interface Line {
  speaker: Speaker;
  text: string;
}

export interface Choice {
  /** What the player says. */
  option: string;
  reply: Line[];
  /** The jingle that closes this ending. */
  jingle: 'win' | 'lose';
}

const moss = (text: string): Line => ({ speaker: SPEAKERS.moss, text });
const bramble = (text: string): Line => ({ speaker: SPEAKERS.bramble, text });

export const OPENING: Line[] = [
  moss('Oh! A customer! Welcome to Tick & Flow, the finest timers in the valley.'),
  moss('Every clock on these shelves runs on a generator. They never drift. Not even by a millisecond.'),
  bramble('Hmph. In my day we used setTimeout... and we liked it.'),
  moss('Grandpa, you lost three whole seconds last Tuesday.'),
  bramble('I was pausing for dramatic effect.'),
  moss('Anyway! What brings you here, traveller?'),
];

export const CHOICES: Choice[] = [
  {
    option: 'I need a clock that never drifts.',
    reply: [moss('Wonderful! One waitMs, freshly yielded. Mind the finally block on your way out!')],
    jingle: 'win',
  },
  {
    option: 'Just looking around.',
    reply: [moss('Take your time. We have plenty of it. Literally.'), bramble('Heh. Good one, kid.')],
    jingle: 'win',
  },
  {
    option: "Can I borrow Bramble's setTimeout?",
    reply: [bramble('Finally, someone with taste!'), moss('...Please do not encourage him.')],
    jingle: 'lose',
  },
];
