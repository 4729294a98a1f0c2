/**
 * The integration dashboard's script (GET /dashboards/integration). The server renders the whole page (form, map,
 * legend, table); this only adds what needs a browser: sorting the table by its column headings, highlighting a
 * region on the map and in the table together, resetting the population group when the indicator changes, and
 * the downloads (the table as CSV, the map as SVG and PNG), all built from what the page shows.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';

type SortKey = 'region' | 'value' | 'rank';
type Direction = 'ascending' | 'descending';

const main = document.querySelector<HTMLElement>('main[data-indicator]');
const table = document.querySelector<HTMLTableElement>('#ranking-table');
const map = document.querySelector<SVGSVGElement>('svg#map');

/** Numbers of a row's data attributes; null for "no data". */
function numberOf(row: HTMLTableRowElement, key: 'value' | 'rank'): number | null {
  const text = row.dataset[key] ?? '';
  return text === '' ? null : Number(text);
}

function rowsOf(body: HTMLTableSectionElement): HTMLTableRowElement[] {
  return Array.from(body.rows);
}

/** Sorts the table's rows; regions without a value stay last in either direction. */
function sortTable(key: SortKey, direction: Direction): void {
  const body = table?.tBodies[0];
  if (!table || !body) return;
  const lang = main?.dataset.lang ?? document.documentElement.lang;
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const sign = direction === 'ascending' ? 1 : -1;
  const sorted = rowsOf(body).sort((a, b) => {
    if (key === 'region') return sign * collator.compare(a.dataset.name ?? '', b.dataset.name ?? '');
    const x = numberOf(a, key);
    const y = numberOf(b, key);
    if (x === null || y === null) {
      if (x === null && y === null) return (a.dataset.code ?? '').localeCompare(b.dataset.code ?? '');
      return x === null ? 1 : -1;
    }
    return sign * (x - y) || (a.dataset.code ?? '').localeCompare(b.dataset.code ?? '');
  });
  body.append(...sorted);
  for (const heading of Array.from(table.tHead?.rows[0]?.cells ?? [])) {
    if (heading.dataset.sort === key) heading.setAttribute('aria-sort', direction);
    else heading.removeAttribute('aria-sort');
  }
}

/** Turns each sortable column heading into a button (a heading that does nothing without the script stays text). */
function enableSorting(): void {
  if (!table) return;
  for (const heading of Array.from(table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort]'))) {
    const button = document.createElement('button');
    button.type = 'button';
    button.append(...Array.from(heading.childNodes));
    heading.append(button);
    button.addEventListener('click', () => {
      const key = heading.dataset.sort as SortKey;
      const current = heading.getAttribute('aria-sort');
      // a first click sorts the usual way: names A-Z, ranks 1 first, values highest first
      const next: Direction = current
        ? current === 'ascending'
          ? 'descending'
          : 'ascending'
        : key === 'value'
          ? 'descending'
          : 'ascending';
      sortTable(key, next);
    });
  }
  document.querySelector('#sort-hint')?.removeAttribute('hidden');
}

/** Marks one region on the map (an outline drawn on top of all) and its row in the table; null clears. */
function highlight(code: string | null): void {
  const overlay = map?.querySelector<SVGPathElement>('path.highlight');
  for (const active of Array.from(document.querySelectorAll('.is-active')))
    active.classList.remove('is-active');
  overlay?.setAttribute('d', '');
  if (!code) return;
  const shape = map?.querySelector<SVGPathElement>(`path.region[data-code="${CSS.escape(code)}"]`);
  const row = table?.querySelector<HTMLTableRowElement>(`tr[data-code="${CSS.escape(code)}"]`);
  shape?.classList.add('is-active');
  row?.classList.add('is-active');
  if (shape && overlay) overlay.setAttribute('d', shape.getAttribute('d') ?? '');
}

function enableHighlight(): void {
  const codeOf = (target: EventTarget | null) =>
    target instanceof Element ? (target.closest('[data-code]')?.getAttribute('data-code') ?? null) : null;
  for (const area of [map, table?.tBodies[0]]) {
    if (!area) continue;
    area.addEventListener('mouseover', (event) => highlight(codeOf(event.target)));
    area.addEventListener('focusin', (event) => highlight(codeOf(event.target)));
    area.addEventListener('mouseleave', () => highlight(null));
    area.addEventListener('focusout', () => highlight(null));
  }
}

/** The population groups listed belong to the indicator shown: another indicator starts from its main group. */
function enablePickers(): void {
  const indicator = document.querySelector<HTMLSelectElement>('#indicator');
  const breakdown = document.querySelector<HTMLSelectElement>('#breakdown');
  if (!indicator || !breakdown) return;
  const shown = indicator.value;
  indicator.addEventListener('change', () => {
    const same = indicator.value === shown;
    if (!same) breakdown.value = '';
    for (const option of Array.from(breakdown.options)) if (option.value) option.hidden = !same;
  });
}

function fileStem(): string {
  const { indicator = 'indicator', breakdown = '', period = '' } = main?.dataset ?? {};
  return [indicator, breakdown, period].filter(Boolean).join('_').toLowerCase();
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The table as shown (in its current order) as CSV: one row per region, raw values (a point as decimal mark). */
function tableCsv(): string {
  const { indicator = '', breakdown = '', period = '' } = main?.dataset ?? {};
  const records = rowsOf(table!.tBodies[0]!).map((row) => [
    row.dataset.code ?? '',
    row.dataset.name ?? '',
    row.dataset.value ?? '',
    row.dataset.rank ?? '',
    indicator,
    breakdown,
    period,
  ]);
  return stringify(records, {
    header: true,
    columns: ['region_code', 'region_name', 'value', 'rank', 'indicator', 'breakdown', 'period'],
  });
}

/** The map as a standalone SVG document (no highlight; the drawing carries its own legend and fills). */
function mapSvg(): string {
  const copy = map!.cloneNode(true) as SVGSVGElement;
  copy.querySelector('path.highlight')?.setAttribute('d', '');
  for (const active of Array.from(copy.querySelectorAll('.is-active'))) active.classList.remove('is-active');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(copy);
}

/** The map drawn on a canvas at twice its size, as PNG. */
async function mapPng(): Promise<Blob> {
  const width = Number(map!.getAttribute('width'));
  const height = Number(map!.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([mapSvg()], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

function enableDownloads(): void {
  const actions: Record<string, () => Promise<void> | void> = {
    csv: () => save(new Blob([tableCsv()], { type: 'text/csv;charset=utf-8' }), `${fileStem()}.csv`),
    svg: () => save(new Blob([mapSvg()], { type: 'image/svg+xml' }), `${fileStem()}.svg`),
    png: async () => save(await mapPng(), `${fileStem()}.png`),
  };
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-download]'))) {
    const action = actions[button.dataset.download ?? ''];
    if (!action || !map || !table) continue;
    button.hidden = false;
    button.addEventListener('click', () => {
      void Promise.resolve(action()).catch((error: unknown) => console.error('download failed', error));
    });
  }
}

if (main && table) {
  enableSorting();
  enableHighlight();
  enablePickers();
  enableDownloads();
  document.documentElement.dataset.dashboard = 'ready';
}
