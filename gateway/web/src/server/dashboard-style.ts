/**
 * The dashboard's stylesheet, sent in the page's one `<style nonce>` element so the page needs no other request
 * to look right (also without its script). System fonts only: nothing is fetched from elsewhere.
 */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --accent: #1d4e89; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
.skip-link { position: absolute; left: -999px; top: 0; background: #fff; padding: .5em 1em; z-index: 2; }
.skip-link:focus { left: 0; }
header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.5rem; margin: .1em 0; }
h2 { font-size: 1.1rem; margin: .8em 0 .4em; }
.intro { margin: 0 0 .5em; color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: flex-start; padding: .7rem 0; border-bottom: 1px solid var(--line); }
.filters h2 { flex-basis: 100%; margin: 0; font-size: 1rem; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .15rem; }
.filters select, .filters input, .filters button { font: inherit; font-size: .95rem; color: var(--ink); padding: .25rem .4rem; }
.filters input { width: 7em; }
.filters select { max-width: 20rem; }
.filters button { align-self: center; background: var(--accent); color: #fff; border: 0; border-radius: 3px; padding: .35rem 1rem; cursor: pointer; }
.hint { font-size: .8rem; color: var(--muted); }
.filters .hint { max-width: 15em; line-height: 1.2; }
.period { font-weight: 600; margin: .2rem 0 .5rem; }
#selection { margin: .6rem 0 0; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr); gap: 1.5rem; align-items: start; }
figure { margin: 0; }
.map svg { display: block; width: 100%; height: auto; background: #f4f8fb; border: 1px solid var(--line); }
.map figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; }
.map .region { stroke: #fff; stroke-width: .5; }
.map .region.is-active { stroke: #000; stroke-width: 1.5; }
.map .highlight { fill: none; stroke: #000; stroke-width: 2; pointer-events: none; }
.legend ol { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; }
.legend li { display: flex; align-items: center; gap: .4rem; font-size: .9rem; }
.legend .swatch { width: 1.3rem; height: 1rem; border: 1px solid #888; flex: none; }
.count { color: var(--muted); }
.table-wrap { max-height: 44rem; overflow: auto; border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .4rem .5rem; }
th, td { padding: .2rem .5rem; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: #f0f0f0; border-bottom: 1px solid var(--line); white-space: nowrap; }
thead th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
thead th[aria-sort="ascending"] button::after { content: " ▲"; }
thead th[aria-sort="descending"] button::after { content: " ▼"; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.code, .note { color: var(--muted); font-size: .85em; }
tr.is-active { background: #fff3bf; }
tr.no-data td.num:first-of-type { color: var(--muted); font-style: italic; }
.downloads ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
.downloads button { font: inherit; padding: .25rem .7rem; cursor: pointer; }
footer { margin-top: 1.5rem; padding-bottom: 2rem; border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
.error { border-left: 4px solid #b00020; padding: .3rem 1rem; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
@media print {
  .filters, .downloads, .skip-link { display: none; }
  .layout { grid-template-columns: 1fr; }
  .table-wrap { max-height: none; overflow: visible; border: 0; }
  thead th { position: static; }
  a { color: inherit; text-decoration: none; }
  figure, tr { break-inside: avoid; }
}
`;
