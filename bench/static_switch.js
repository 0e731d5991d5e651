// Run by bench/static_switch.py on each explorer root (Playwright's handle.evaluate): for every control and
// every other value, the time from setting it to the new state (script work, next frame, frame after).
async (root) => {
  const raf = () => new Promise(r => requestAnimationFrame(() => r()));
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const out = [];
  const controls = [...root.querySelectorAll('.cb-controls .cb-control')];
  for (const c of controls) {
    const range = c.type === 'range';
    const n = range ? (+c.max - +c.min + 1) : c.options.length;
    const initial = range ? c.value : c.selectedIndex;
    const set = k => { if (range) c.value = String(+c.min + k); else c.selectedIndex = k; };
    for (let k = 0; k < n; k++) {
      if (range ? String(+c.min + k) === c.value : k === c.selectedIndex) continue;
      await raf(); await sleep(Math.random() * 16);   // a user's change lands anywhere in a frame
      const before = root.getAttribute('data-state');
      let changed = false;
      const onChange = () => { changed = true; };
      root.addEventListener('cb-explorer:change', onChange, {once: true});
      const t0 = performance.now();
      set(k);
      c.dispatchEvent(new Event(range ? 'input' : 'change', {bubbles: true}));
      void root.getBoundingClientRect();                 // style + layout of the new state
      const sync = performance.now() - t0;
      let one;
      await new Promise(r => requestAnimationFrame(() => { void root.getBoundingClientRect(); one = performance.now() - t0; r(); }));
      await raf();
      const two = performance.now() - t0;
      root.removeEventListener('cb-explorer:change', onChange);
      out.push({control: c.name, sync, one, two, changed: changed || root.getAttribute('data-state') !== before});
    }
    set(range ? +initial - +c.min : initial);
    c.dispatchEvent(new Event(range ? 'input' : 'change', {bubbles: true}));
  }
  return out;
}
