/** One entry per demo page (demos/<slug>/index.html); the landing page shows them in this order. */
export interface DemoEntry {
  slug: string;
  title: string;
  summary: string;
}

export const demos: DemoEntry[] = [];
