// The landing page: one card per demo. Demos register themselves in demo-list.ts.
import { demos } from './demo-list.js';

const list = document.getElementById('cards') as HTMLUListElement;
for (const demo of demos) {
  const item = document.createElement('li');
  item.innerHTML = `<a class="card" href="./${demo.slug}/"><img alt="" src="./screenshots/${demo.slug}.png" onerror="this.style.visibility='hidden'"><div class="body"><h2></h2><p></p></div></a>`;
  (item.querySelector('h2') as HTMLElement).textContent = demo.title;
  (item.querySelector('p') as HTMLElement).textContent = demo.summary;
  list.append(item);
}
if (demos.length === 0) list.insertAdjacentHTML('beforeend', '<li>No demos yet.</li>');
