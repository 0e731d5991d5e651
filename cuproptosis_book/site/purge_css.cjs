// PurgeCSS over the built site, driven by page_speed.py: reads a job on stdin
// ({content: [globs], css: [{raw, name}], safelist: {standard: [regex], greedy: [regex]}})
// and prints the purged stylesheets, in the order given, as a JSON list of strings.
// Font faces, keyframes and custom properties are kept (the theme's variables drive dark mode).
const { PurgeCSS } = require("purgecss");

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const job = JSON.parse(input);
  const regexes = (list) => (list || []).map((s) => new RegExp(s));
  const results = await new PurgeCSS().purge({
    content: job.content,
    css: job.css.map((c) => ({ raw: c.raw, name: c.name })),
    safelist: { standard: regexes(job.safelist.standard), greedy: regexes(job.safelist.greedy) },
    fontFace: false,
    keyframes: false,
    variables: false,
  });
  process.stdout.write(JSON.stringify(results.map((r) => r.css)));
});
