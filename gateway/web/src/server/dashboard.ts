import {
  buildDashboardModel,
  DASHBOARD_PATH,
  DASHBOARD_QUERY,
  dashboardHref,
  DashboardInputError,
  dashboardJson,
  dashboardVariables,
  parseDashboardParams,
  type DashboardGraphData,
  type DashboardModel,
  type DashboardParams,
} from './dashboard-data';
import { NO_DATA_FILL, type MapLayout } from './dashboard-map';
import { DASHBOARD_CSS } from './dashboard-style';
import { DASHBOARD_TEXT, type DashboardText } from './dashboard-text';
import { formatNumber, safeHttpUrl } from './format';
import {
  contentSecurityPolicy,
  createNonce,
  html,
  page,
  PAGE_LANGUAGES,
  pickLanguage,
  trustedHtml,
  type PageLanguage,
  type SafeHtml,
} from './html';

export * from './dashboard-data';
export { classify, layoutMap, OUTERMOST_PREFIXES, PALETTE } from './dashboard-map';

/** Runs the dashboard's operation through the gateway (as an anonymous caller: the gateway's router decides). */
export type RunDashboardOperation = (request: {
  query: string;
  variables: Record<string, unknown>;
}) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}>;

/** A complete HTTP answer, so any router can send it. */
export interface DashboardResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Where the open data export (all observations of an indicator as CSV) is served. */
export const OBSERVATIONS_CSV_PATH = '/exports/observations.csv';

/** The built script and stylesheets of the `dashboard` entry (the gateway reads them from Vite's manifest). */
export interface DashboardAssets {
  script?: string;
  styles: readonly string[];
}

const LANGUAGE_NAMES: Readonly<Record<PageLanguage, string>> = {
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

/** Numbers in the page's language with exactly the decimals the graph gave (never rounded differently). */
function numberFormat(lang: PageLanguage): { format(value: number): string } {
  return { format: (value) => formatNumber(value, lang) };
}

function pageHeaders(nonce: string, status: number): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy({ nonce }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': status === 200 ? 'public, max-age=60' : 'no-store',
    vary: 'Accept-Language',
  };
}

/** What the form offers: the graph's indicators and the shown indicator's population groups (when known). */
interface FormChoices {
  indicators: DashboardModel['indicators'];
  breakdownLabels: DashboardModel['indicator']['breakdownLabels'];
  period: number | null;
}

function renderForm(choices: FormChoices | null, params: DashboardParams, text: DashboardText): SafeHtml {
  const indicators = choices?.indicators ?? [{ code: params.indicator, name: params.indicator }];
  const breakdowns = choices?.breakdownLabels ?? [];
  return html`<form class="filters" method="get" action="${DASHBOARD_PATH}" aria-labelledby="filters-title">
    <h2 id="filters-title">${text.filters}</h2>
    <label
      >${text.indicator}
      <select name="indicator" id="indicator">
        ${indicators.map(
          ({ code, name }) =>
            html`<option value="${code}" ${code === params.indicator ? trustedHtml(' selected') : null}>
              ${name}
            </option> `,
        )}
      </select></label
    >
    <label
      >${text.breakdown}
      <select name="breakdown" id="breakdown">
        <option value="" ${params.breakdown === null ? trustedHtml(' selected') : null}>
          ${text.breakdownDefault}
        </option>
        ${breakdowns.map(
          ({ breakdown, label }) =>
            html`<option
              value="${breakdown}"
              ${breakdown === params.breakdown ? trustedHtml(' selected') : null}
            >
              ${label}
            </option> `,
        )}
      </select></label
    >
    <label
      >${text.period}
      <input
        type="number"
        name="period"
        id="period"
        min="1900"
        max="2100"
        step="1"
        inputmode="numeric"
        value="${params.period ?? ''}"
        placeholder="${choices?.period ?? ''}"
        aria-describedby="period-hint"
      />
      <span class="hint" id="period-hint">${text.periodHint}</span>
    </label>
    <label
      >${text.language}
      <select name="lang" id="lang">
        ${PAGE_LANGUAGES.map(
          (lang) =>
            html`<option
              value="${lang}"
              lang="${lang}"
              ${lang === params.lang ? trustedHtml(' selected') : null}
            >
              ${LANGUAGE_NAMES[lang]}
            </option> `,
        )}
      </select></label
    >
    <button type="submit">${text.show}</button>
  </form>`;
}

/** The accessible name of a region on the map and in the exports: "Wien (AT13): 66.7". */
function regionLabel(row: DashboardModel['rows'][number], value: string): string {
  return `${row.name} (${row.code}): ${value}`;
}

function renderMap(
  model: DashboardModel,
  text: DashboardText,
  format: { format(value: number): string },
): SafeHtml {
  const layout: MapLayout = model.map;
  const rows = new Map(model.rows.map((row) => [row.code, row]));
  const periodText = model.period === null ? '' : String(model.period);
  const title = text.mapTitle(model.indicator.name, model.breakdown.label, periodText);
  const withValue = model.rows.filter((row) => row.value !== null).length;
  const valueText = (value: number | null) =>
    value === null ? text.noData : `${format.format(value)} ${model.indicator.unitLabel}`;
  const shapes = layout.shapes.map((shape) => {
    const row = rows.get(shape.code);
    const fill = row && row.classIndex >= 0 ? model.classes[row.classIndex]!.colour : NO_DATA_FILL;
    const label = row ? regionLabel(row, valueText(row.value)) : shape.code;
    // the path data holds only numbers and M/L/Z (built in dashboard-map.ts), never text from the graph
    const path = html`<path
      class="region"
      data-code="${shape.code}"
      d="${trustedHtml(shape.d)}"
      fill="${fill}"
      role="img"
      aria-label="${label}"
      ><title>${label}</title></path
    >`;
    if (!shape.inset) return path;
    const { x, y, size } = shape.inset;
    return html`<g class="inset"
      ><rect
        x="${x}"
        y="${y}"
        width="${size}"
        height="${size}"
        fill="#f4f8fb"
        stroke="#9a9a9a"
        stroke-width="0.8"
      />${path}<text x="${x + 3}" y="${y + size - 3}" font-size="11" fill="#444" aria-hidden="true"
        >${shape.code}</text
      ></g
    >`;
  });
  // a compact legend inside the drawing, for the SVG and PNG downloads (the page's own legend is the list below)
  const legendX = layout.width - 200;
  const legendItems = [
    ...model.classes.map((entry) => ({
      fill: entry.colour,
      label: `${format.format(entry.min)} – ${format.format(entry.max)}`,
    })),
    { fill: NO_DATA_FILL, label: text.noData },
  ];
  const insetCount = layout.shapes.filter((shape) => shape.inset).length;
  return html`<svg
    xmlns="http://www.w3.org/2000/svg"
    id="map"
    viewBox="0 0 ${layout.width} ${layout.height}"
    width="${layout.width}"
    height="${layout.height}"
    role="group"
    aria-labelledby="map-title"
    aria-describedby="map-desc"
    font-family="system-ui, sans-serif"
  >
    <title id="map-title">${title}</title>
    <desc id="map-desc">${text.mapDescription(withValue, model.rows.length)}</desc>
    <defs>
      <pattern id="no-data" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#e3e3e3" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#a3a3a3" stroke-width="2" />
      </pattern>
    </defs>
    <rect width="${layout.width}" height="${layout.height}" fill="#f4f8fb" />
    <g class="regions" stroke="#ffffff" stroke-width="0.5" stroke-linejoin="round">
      ${shapes.map((shape) => html`${shape} `)}
    </g>
    <path class="highlight" d="" fill="none" stroke="#000" stroke-width="2" aria-hidden="true" />
    ${
      insetCount > 0
        ? html`<text x="8" y="${layout.insetsTop - 6}" font-size="13" fill="#444" aria-hidden="true"
            >${text.insets}</text
          >`
        : null
    }
    <g class="map-legend" aria-hidden="true" font-size="17" fill="#222">
      <text x="${legendX}" y="24" font-weight="bold">
        ${model.indicator.unitLabel}${periodText ? `, ${periodText}` : ''}
      </text>
      ${legendItems.map(
        (item, index) =>
          html`<rect
              x="${legendX}"
              y="${36 + index * 25}"
              width="26"
              height="18"
              fill="${item.fill}"
              stroke="#777"
              stroke-width="0.5"
            /><text x="${legendX + 34}" y="${51 + index * 25}">${item.label}</text> `,
      )}
    </g>
  </svg>`;
}

function renderLegend(
  model: DashboardModel,
  text: DashboardText,
  format: { format(value: number): string },
): SafeHtml {
  const noData = model.rows.filter((row) => row.value === null).length;
  return html`<section class="legend" aria-labelledby="legend-title">
    <h2 id="legend-title">${text.legend}</h2>
    <ol>
      ${model.classes.map(
        (entry, index) =>
          html`<li
            data-class="${index}"
            data-min="${entry.min}"
            data-max="${entry.max}"
            data-count="${entry.count}"
          >
            <svg class="swatch" aria-hidden="true" viewBox="0 0 20 14">
              <rect width="20" height="14" fill="${entry.colour}" /></svg
            ><span
              >${format.format(entry.min)} – ${format.format(entry.max)} ${model.indicator.unitLabel}</span
            >
            <span class="count">(${text.regionsCount(entry.count)})</span>
          </li> `,
      )}
      <li class="no-data" data-count="${noData}">
        <svg class="swatch" aria-hidden="true" viewBox="0 0 20 14">
          <rect width="20" height="14" fill="${NO_DATA_FILL}" /></svg
        ><span>${text.noData}</span> <span class="count">(${text.regionsCount(noData)})</span>
      </li>
    </ol>
  </section>`;
}

function renderTable(
  model: DashboardModel,
  text: DashboardText,
  format: { format(value: number): string },
): SafeHtml {
  const drawn = new Set(model.map.shapes.map((shape) => shape.code));
  const periodText = model.period === null ? '' : String(model.period);
  return html`<section class="ranking" aria-labelledby="table-caption">
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="table-caption">
      <table id="ranking-table" aria-describedby="sort-hint">
        <caption id="table-caption">
          ${text.tableCaption(model.indicator.name, model.breakdown.label, periodText)}
        </caption>
        <thead>
          <tr>
            <th scope="col" data-sort="region">${text.region}</th>
            <th scope="col" data-sort="value" class="num">${text.value} (${model.indicator.unitLabel})</th>
            <th scope="col" data-sort="rank" class="num" aria-sort="ascending">${text.rank}</th>
          </tr>
        </thead>
        <tbody>
          ${model.rows.map(
            (row) =>
              html`<tr
                data-code="${row.code}"
                data-name="${row.name}"
                data-value="${row.value ?? ''}"
                data-rank="${row.rank ?? ''}"
                ${row.value === null ? trustedHtml(' class="no-data"') : null}
              >
                <th scope="row">
                  <a href="/regions/${row.code}?lang=${model.params.lang}">${row.name}</a>
                  <span class="code">${row.code}</span
                  >${drawn.has(row.code) ? null : html` <span class="note">(${text.noOutline})</span>`}
                </th>
                <td class="num">${row.value === null ? text.noData : format.format(row.value)}</td>
                <td class="num">${row.rank ?? ''}</td>
              </tr> `,
          )}
        </tbody>
      </table>
    </div>
    <p class="hint" id="sort-hint" hidden>${text.sortHint}</p>
  </section>`;
}

function renderDownloads(model: DashboardModel, text: DashboardText): SafeHtml {
  const exportHref = `${OBSERVATIONS_CSV_PATH}?${new URLSearchParams({
    indicator: model.indicator.code,
    breakdown: model.breakdown.code,
    ...(model.period === null ? {} : { periods: String(model.period) }),
  }).toString()}`;
  return html`<section class="downloads" aria-labelledby="downloads-title">
    <h2 id="downloads-title">${text.downloads}</h2>
    <ul>
      <li><button type="button" data-download="csv" hidden>${text.downloadCsv}</button></li>
      <li><button type="button" data-download="svg" hidden>${text.downloadSvg}</button></li>
      <li><button type="button" data-download="png" hidden>${text.downloadPng}</button></li>
      <li><a href="${exportHref}" download>${text.downloadAll}</a></li>
    </ul>
  </section>`;
}

/** The page's body for `model` (also used by the tests through the route). */
function renderDashboardBody(model: DashboardModel, text: DashboardText): SafeHtml {
  const format = numberFormat(model.params.lang);
  const periodLine =
    model.period === null
      ? text.periodNone
      : model.periodChosen
        ? text.periodChosen(model.period)
        : text.periodDefault(model.period);
  const source = model.indicator.source;
  return html`<header>
      <h1>${text.title}</h1>
      <p class="intro">${text.intro}</p>
      ${renderForm(
        {
          indicators: model.indicators,
          breakdownLabels: model.indicator.breakdownLabels,
          period: model.period,
        },
        model.params,
        text,
      )}
    </header>
    <main
      id="main"
      data-indicator="${model.indicator.code}"
      data-breakdown="${model.breakdown.code}"
      data-period="${model.period ?? ''}"
      data-lang="${model.params.lang}"
    >
      <h2 id="selection">${model.indicator.name} · ${model.breakdown.label}</h2>
      <p class="period" id="period-used" data-period="${model.period ?? ''}">${periodLine}</p>
      <div class="layout">
        <div>
          <figure class="map">${renderMap(model, text, format)}</figure>
          ${renderLegend(model, text, format)} ${renderDownloads(model, text)}
        </div>
        ${renderTable(model, text, format)}
      </div>
    </main>
    <footer>
      <p>
        ${text.source}: ${source.publisher},
        <a href="${safeHttpUrl(source.url) ?? '#'}">${source.datasetLabel} (${source.datasetCode})</a>.
        ${source.licence}
      </p>
      <p>${text.geometrySource}</p>
    </footer>`;
}

function alternates(params: DashboardParams) {
  return PAGE_LANGUAGES.map((lang) => ({
    lang,
    href: dashboardHref({ ...params, lang }),
  }));
}

export function renderDashboardPage(model: DashboardModel, nonce: string, assets: DashboardAssets): string {
  const text = DASHBOARD_TEXT[model.params.lang];
  return page({
    lang: model.params.lang,
    title: `${model.indicator.name} · ${text.title}`,
    description: text.intro,
    // the templates' source indentation is a quarter of the page's bytes (the map and the table repeat it
    // 300 times); HTML renders the same without it, and the page holds no <pre> or <textarea>
    body: trustedHtml(renderDashboardBody(model, text).value.replace(/\n[ \t]+/g, '\n')),
    inlineStyle: DASHBOARD_CSS,
    nonce,
    styles: assets.styles,
    scripts: assets.script ? [assets.script] : [],
    skipLinkText: text.skip,
    alternates: alternates(model.params),
  });
}

/** The page for a refused or failed request: the message, the form (so the visitor can choose again), a way back. */
export function renderDashboardError(
  lang: PageLanguage,
  message: string,
  nonce: string,
  params?: DashboardParams,
  choices?: FormChoices,
): string {
  const text = DASHBOARD_TEXT[lang];
  return page({
    lang,
    title: `${text.errorTitle} · ${text.title}`,
    body: html`<header>
        <h1>${text.title}</h1>
        ${params ? renderForm(choices ?? null, params, text) : null}
      </header>
      <main id="main">
        <div class="error" role="alert">
          <h2>${text.errorTitle}</h2>
          <p>${message}</p>
        </div>
        <p><a href="${dashboardHref({ lang })}">${text.errorBack}</a></p>
      </main>`,
    inlineStyle: DASHBOARD_CSS,
    nonce,
    skipLinkText: text.skip,
  });
}

/** Error codes of the graph that mean "the request asked for something that is not there or not valid". */
const REFUSAL_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * Answers `GET /dashboards/integration` (`format: 'html'`) or `/dashboards/integration/data` (`'json'`): checks
 * the address, runs the one operation, and renders. 400 for a bad address or a choice the graph refuses (an
 * unknown indicator, a population group the indicator has not), 502 when the graph fails otherwise.
 */
export async function respondDashboard(
  run: RunDashboardOperation,
  request: { query: Record<string, unknown>; acceptLanguage?: string; format: 'html' | 'json' },
  assets: DashboardAssets = { styles: [] },
): Promise<DashboardResponse> {
  const nonce = createNonce();
  const lang = pickLanguage(
    typeof request.query.lang === 'string' ? request.query.lang : undefined,
    request.acceptLanguage,
  );
  const text = DASHBOARD_TEXT[lang];
  const fail = (
    status: number,
    message: string,
    params?: DashboardParams,
    choices?: FormChoices,
  ): DashboardResponse =>
    request.format === 'json'
      ? {
          status,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
          body: `${message}\n`,
        }
      : {
          status,
          headers: pageHeaders(nonce, status),
          body: renderDashboardError(lang, message, nonce, params, choices),
        };

  let params: DashboardParams;
  try {
    params = parseDashboardParams(request.query, request.acceptLanguage);
  } catch (error) {
    if (error instanceof DashboardInputError) return fail(400, error.message);
    throw error;
  }
  const result = await run({ query: DASHBOARD_QUERY, variables: dashboardVariables(params) });
  const errors = result.errors ?? [];
  if (errors.length > 0) {
    const refused = errors.every((error) => REFUSAL_CODES.has(String(error.extensions?.code)));
    return refused
      ? fail(400, errors.map((error) => error.message).join(' '), params)
      : fail(502, text.unavailable);
  }
  const data = result.data as unknown as DashboardGraphData;
  let model: DashboardModel;
  try {
    model = buildDashboardModel(params, data);
  } catch (error) {
    if (!(error instanceof DashboardInputError)) throw error;
    // a population group the indicator has not: offer the ones it has, so the form works again without a script
    const choices = {
      indicators: data.indicators,
      breakdownLabels: data.indicator?.breakdownLabels ?? [],
      period: null,
    };
    return fail(400, error.message, { ...params, breakdown: null }, choices);
  }
  if (request.format === 'json') {
    return {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'public, max-age=60',
        'x-content-type-options': 'nosniff',
      },
      body: JSON.stringify(dashboardJson(model)),
    };
  }
  return { status: 200, headers: pageHeaders(nonce, 200), body: renderDashboardPage(model, nonce, assets) };
}
