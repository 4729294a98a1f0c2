import { enumWords, formatDate, formatNumber, isoDateIn, safeHttpUrl } from './format';
import { html, page, PAGE_LANGUAGES, type PageLanguage, type SafeHtml, trustedHtml } from './html';
import { outlineOf } from './outline';
import { PROFILE_MESSAGES, type ProfileMessages } from './profile-messages';
import type { ProfileEvent, ProfileObservation, ProfileRegion, ProfileContextScope } from './profile-query';

export * from './profile-query';
export { PROFILE_MESSAGES, type ProfileMessages } from './profile-messages';

/** An enum value in the page's language (as words of the value where no translation is given). */
function label(t: ProfileMessages, value: string): string {
  return t.enums[value] ?? enumWords(value);
}

/** Where a region's profile page lives: `/regions/FRH0`. */
export const REGION_PROFILE_PATH = '/regions/:code';

/**
 * A NUTS 2024 / statistical-regions code as written: two letters (country), then up to three letters or
 * digits. Anything else is refused before the graph is asked.
 */
export const REGION_CODE_PATTERN = /^[A-Z]{2}[A-Z0-9]{0,3}$/;

export interface ProfileRenderOptions {
  lang: PageLanguage;
  /**
   * Prefix of the hub's own links: '' on the hub's page; the hub's origin in the embeddable fragment, which is
   * shown on partner sites.
   */
  baseUrl?: string;
  /** Whether links carry `?lang=` (when the language was asked for in the URL). */
  langInLinks?: boolean;
}

/** The link to a region's profile page. */
export function profileHref(code: string, options: ProfileRenderOptions): string {
  const query = options.langInLinks ? `?lang=${options.lang}` : '';
  return `${options.baseUrl ?? ''}/regions/${encodeURIComponent(code)}${query}`;
}

/** The latest observation per indicator and breakdown, in the graph's order (by indicator, then breakdown). */
function latestObservations(observations: readonly ProfileObservation[]): ProfileObservation[][] {
  const byIndicator = new Map<string, Map<string, ProfileObservation>>();
  for (const observation of observations) {
    let byBreakdown = byIndicator.get(observation.indicator.code);
    if (!byBreakdown) byIndicator.set(observation.indicator.code, (byBreakdown = new Map()));
    const seen = byBreakdown.get(observation.breakdown);
    if (!seen || seen.period < observation.period) byBreakdown.set(observation.breakdown, observation);
  }
  return [...byIndicator.values()].map((byBreakdown) => {
    const rows = [...byBreakdown.values()];
    // the indicator's own order of breakdowns (as its labels list them), else as the graph gave them
    const order = rows[0]?.indicator.breakdownLabels?.map((entry) => entry.breakdown) ?? [];
    return rows.sort((a, b) => order.indexOf(a.breakdown) - order.indexOf(b.breakdown));
  });
}

function valueCell(observation: ProfileObservation, t: ProfileMessages, lang: PageLanguage): SafeHtml {
  const flag = observation.status !== 'NONE' ? t.status[observation.status] : undefined;
  if (observation.value === null || observation.value === undefined) {
    return html`<td class="value">${flag ?? t.notAvailable}</td>`;
  }
  return html`<td class="value">
    <data value="${String(observation.value)}">${formatNumber(observation.value, lang)}</data
    >${flag ? html` <span class="flag">(${flag})</span>` : null}
  </td>`;
}

function contextCell(scope: ProfileContextScope | null | undefined, t: ProfileMessages, lang: PageLanguage) {
  if (!scope || scope.median === null || scope.median === undefined) return html`<td>${t.notAvailable}</td>`;
  const n = (value: number | null | undefined) =>
    value === null || value === undefined ? '–' : formatNumber(value, lang);
  return html`<td>${t.contextCell(n(scope.median), n(scope.min), n(scope.max), scope.regionCount)}</td>`;
}

function indicatorSection(rows: ProfileObservation[], t: ProfileMessages, lang: PageLanguage): SafeHtml {
  const indicator = rows[0]!.indicator;
  const breakdownLabel = (breakdown: string) =>
    indicator.breakdownLabels?.find((entry) => entry.breakdown === breakdown)?.label ?? label(t, breakdown);
  const countryLabel = rows.find((row) => row.context?.country?.label)?.context?.country?.label;
  const euLabel = rows.find((row) => row.context?.eu?.label)?.context?.eu?.label;
  const unit = indicator.unitLabel ? html` <span class="unit">(${indicator.unitLabel})</span>` : null;
  return html`<section class="indicator" aria-labelledby="indicator-${indicator.code}">
    <h3 id="indicator-${indicator.code}">${indicator.name}</h3>
    ${indicator.description ? html`<p class="description">${indicator.description}</p>` : null}
    <table>
      <caption>
        ${indicator.name}${unit}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.breakdown}</th>
          <th scope="col">${t.period}</th>
          <th scope="col">${t.value}</th>
          <th scope="col">${t.rank}</th>
          <th scope="col">${countryLabel ?? t.countryContext}</th>
          <th scope="col">${euLabel ?? t.euContext}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr data-indicator="${indicator.code}" data-breakdown="${row.breakdown}">
              <th scope="row">${breakdownLabel(row.breakdown)}</th>
              <td>${row.period}</td>
              ${valueCell(row, t, lang)}
              <td>
                ${
                  row.context?.countryRank && row.context.countryRegionCount
                    ? t.rankOf(row.context.countryRank, row.context.countryRegionCount)
                    : t.notAvailable
                }
              </td>
              ${contextCell(row.context?.country, t, lang)}${contextCell(row.context?.eu, t, lang)}
            </tr> `,
        )}
      </tbody>
    </table>
    <p class="source">${t.source}: ${sourceLine(indicator.source)}</p>
  </section> `;
}

/** Publisher and dataset (linked) of an indicator's values; the licences are stated once, in the article's footer. */
function sourceLine(source: ProfileObservation['indicator']['source']): SafeHtml {
  const url = safeHttpUrl(source.url);
  const dataset = html`${source.datasetLabel} (${source.datasetCode})`;
  return html`${source.publisher}, ${url ? html`<a href="${url}">${dataset}</a>` : dataset}.`;
}

function eventRows(events: readonly ProfileEvent[], t: ProfileMessages, lang: PageLanguage): SafeHtml[] {
  return events.map((event) => {
    const link = safeHttpUrl(event.sourceUrl) ?? safeHttpUrl(event.registrationUrl);
    const start = formatDate(event.startsAt, lang, event.timeZone);
    // all-day events end at 24:00 of their last day: the instant before names that day
    const endInstant = event.allDay
      ? new Date(new Date(event.endsAt).getTime() - 1).toISOString()
      : event.endsAt;
    const end = formatDate(endInstant, lang, event.timeZone);
    const when = html`<time datetime="${isoDateIn(event.startsAt, event.timeZone)}">${start}</time>${
        end !== start
          ? html` – <time datetime="${isoDateIn(endInstant, event.timeZone)}">${end}</time>`
          : null
      }`;
    const title = link ? html`<a href="${link}">${event.title}</a>` : html`${event.title}`;
    return html`<tr>
      <td>${when}</td>
      <td>
        ${title}${event.status === 'CANCELLED' ? html` <strong class="flag">(${t.cancelled})</strong>` : null}
      </td>
      <td>${label(t, event.kind)}</td>
    </tr> `;
  });
}

function eventsTable(
  caption: string,
  connection: ProfileRegion['upcomingEvents'],
  empty: string,
  t: ProfileMessages,
  lang: PageLanguage,
): SafeHtml {
  const events = connection?.edges.map((edge) => edge.node) ?? [];
  if (events.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.date}</th>
          <th scope="col">${t.title}</th>
          <th scope="col">${t.kind}</th>
        </tr>
      </thead>
      <tbody>
        ${eventRows(events, t, lang)}
      </tbody>
    </table>
    ${moreLine(events.length, connection?.totalCount ?? 0, t)}`;
}

function moreLine(shown: number, total: number, t: ProfileMessages): SafeHtml | null {
  return total > shown ? html`<p class="more">${t.total(shown, total)}</p>` : null;
}

/** The line in place of a section whose subgraph did not answer. */
function unavailableLine(t: ProfileMessages): SafeHtml {
  return html`<p class="unavailable" role="status">${t.sectionUnavailable}</p>`;
}

/**
 * A section with an h2 and, when the list is empty, its "none" line instead of the table; `items` undefined:
 * the subgraph behind it did not answer.
 */
function listSection<T>(
  id: string,
  heading: string,
  caption: string,
  empty: string,
  items: readonly T[] | undefined,
  total: number,
  columns: readonly string[],
  row: (item: T) => SafeHtml,
  t: ProfileMessages,
): SafeHtml {
  return html`<section class="${id}" aria-labelledby="${id}-heading">
    <h2 id="${id}-heading">${heading}</h2>
    ${
      items === undefined
        ? unavailableLine(t)
        : items.length === 0
          ? html`<p class="empty">${empty}</p>`
          : html`<table>
                <caption>
                  ${caption}
                </caption>
                <thead>
                  <tr>
                    ${columns.map((column) => html`<th scope="col">${column}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${items.map(row)}
                </tbody>
              </table>
              ${moreLine(items.length, total, t)}`
    }
  </section> `;
}

function mapFigure(region: ProfileRegion, t: ProfileMessages): SafeHtml {
  const outline = outlineOf(region.geometry);
  if (!outline) return html`<p class="empty">${t.noGeometry}</p>`;
  const titleId = `outline-${region.code}`;
  // the path holds only numbers the code computed (outline.ts), so it goes in unescaped
  return html`<figure class="outline">
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 ${outline.width} ${outline.height}"
      width="${outline.width}"
      height="${outline.height}"
      role="img"
      aria-labelledby="${titleId}"
    >
      <title id="${titleId}">${t.mapAlt(region.name)}</title>
      <path d="${trustedHtml(outline.path)}" fill-rule="evenodd" />
    </svg>
    <figcaption>${t.boundariesAttribution}</figcaption>
  </figure>`;
}

/**
 * The profile itself, as one `<article>`: what the page's `<main>` holds and what `?fragment=1` answers (the
 * `<hub-profile>` widget shows it on partner sites, so its links take `options.baseUrl`).
 */
export function renderProfileArticle(region: ProfileRegion, options: ProfileRenderOptions): SafeHtml {
  const { lang } = options;
  const t = PROFILE_MESSAGES[lang];
  const country = region.ancestors.find((ancestor) => ancestor.level === 0);
  // a section left out of the operation (its subgraph did not answer) is undefined; null or [] is "none"
  const nodes = <T>(connection: { edges: Array<{ node: T }> } | null | undefined): T[] | undefined =>
    connection === undefined ? undefined : (connection?.edges.map((edge) => edge.node) ?? []);
  const observations = region.indicatorValues;
  const indicators = latestObservations(observations ?? []);
  const threads = nodes(region.threads);
  const consultations = nodes(region.consultations);
  const resources = nodes(region.resources);
  const pairings = nodes(region.pairings);
  const needs = region.needs === undefined ? undefined : (region.needs ?? []);
  // each licence once, as the graph states it for the datasets shown
  const licences = [...new Set((observations ?? []).map(({ indicator }) => indicator.source.licence))];
  const regionLink = (ref: { code: string; name: string }) =>
    html`<a href="${profileHref(ref.code, options)}">${ref.name}</a> (${ref.code})`;

  return html`<article class="hub-profile" lang="${lang}" data-region="${region.code}">
    <header class="profile-header">
      <h1>${region.name} <span class="code">(${region.code})</span></h1>
      <dl class="names">
        <dt>${t.latinName}</dt>
        <dd>${region.name}</dd>
        <dt>${t.nationalName}</dt>
        <dd class="national-name">${region.nationalName}</dd>
        <dt>${t.code}</dt>
        <dd>${region.code} · ${t.level(region.level)}</dd>
        ${
          country && country.code !== region.code
            ? html`<dt>${t.country}</dt>
                <dd>${regionLink(country)}</dd>`
            : null
        }
      </dl>
    </header>
    <div class="overview">
      <section class="map" aria-labelledby="map-heading">
        <h2 id="map-heading">${t.map}</h2>
        ${mapFigure(region, t)}
      </section>
      <section class="hierarchy" aria-labelledby="hierarchy-heading">
        <h2 id="hierarchy-heading">${t.hierarchy}</h2>
        <h3>${t.partOf}</h3>
        ${
          region.ancestors.length === 0
            ? html`<p class="empty">–</p>`
            : html`<ol class="ancestors">
                ${region.ancestors.map(
                  (ancestor) => html`<li>${regionLink(ancestor)} · ${t.level(ancestor.level ?? 0)}</li>`,
                )}
              </ol>`
        }
        <h3>${t.subdivisions}</h3>
        ${
          region.children.length === 0
            ? html`<p class="empty">${t.noSubdivisions}</p>`
            : html`<ul class="children">
                ${region.children.map(
                  (child) =>
                    html`<li>
                      ${regionLink(child)}${
                        child.nationalName && child.nationalName !== child.name
                          ? html` · ${child.nationalName}`
                          : null
                      }
                    </li>`,
                )}
              </ul>`
        }
      </section>
    </div>
    <section class="indicators" aria-labelledby="indicators-heading">
      <h2 id="indicators-heading">${t.indicators}</h2>
      ${
        observations === undefined
          ? unavailableLine(t)
          : indicators.length === 0
            ? html`<p class="empty">${t.noIndicators}</p>`
            : html`<p class="note">${t.contextNote}</p>`
      }
      ${indicators.map((rows) => indicatorSection(rows, t, lang))}
    </section>
    <section class="events" aria-labelledby="events-heading">
      <h2 id="events-heading">${t.events}</h2>
      ${
        region.upcomingEvents === undefined
          ? unavailableLine(t)
          : html`<h3>${t.upcomingEvents}</h3>
              ${eventsTable(t.upcomingEvents, region.upcomingEvents, t.noUpcomingEvents, t, lang)}
              <h3>${t.recentEvents}</h3>
              ${eventsTable(t.recentEvents, region.recentEvents, t.noRecentEvents, t, lang)}`
      }
    </section>
    ${listSection(
      'discussions',
      t.discussions,
      t.discussionsCaption,
      t.noDiscussions,
      threads,
      region.threads?.totalCount ?? 0,
      [t.title, t.posts, t.lastActivity],
      (thread) =>
        html`<tr>
          <td>${thread.title}</td>
          <td>${formatNumber(thread.postCount, lang)}</td>
          <td>
            <time datetime="${isoDateIn(thread.lastActivityAt)}"
              >${formatDate(thread.lastActivityAt, lang)}</time
            >
          </td>
        </tr> `,
      t,
    )}
    ${listSection(
      'consultations',
      t.consultations,
      t.consultationsCaption,
      t.noConsultations,
      consultations,
      region.consultations?.totalCount ?? 0,
      [t.title, t.kind, t.closes],
      (consultation) =>
        html`<tr>
          <td>${consultation.title}</td>
          <td>${label(t, consultation.status)}</td>
          <td>
            <time datetime="${isoDateIn(consultation.closesAt)}"
              >${formatDate(consultation.closesAt, lang)}</time
            >
          </td>
        </tr> `,
      t,
    )}
    ${listSection(
      'needs',
      t.needs,
      t.needsCaption,
      t.noNeeds,
      needs,
      needs?.length ?? 0,
      [t.policyArea, t.severity, t.responses],
      (need) =>
        html`<tr>
          <td>${label(t, need.policyArea)}</td>
          <td>
            ${
              need.suppressed || need.severity === null || need.severity === undefined
                ? t.suppressed
                : html`<data value="${String(need.severity)}">${formatNumber(need.severity, lang)}</data>`
            }
          </td>
          <td>${need.responseCount ?? '–'}</td>
        </tr> `,
      t,
    )}
    ${listSection(
      'resources',
      t.resources,
      t.resourcesCaption,
      t.noResources,
      resources,
      region.resources?.totalCount ?? 0,
      [t.title, t.kind, t.published],
      (resource) => {
        const link = safeHttpUrl(resource.link);
        return html`<tr>
          <td>${link ? html`<a href="${link}">${resource.title}</a>` : resource.title}</td>
          <td>${label(t, resource.kind)}</td>
          <td><time datetime="${resource.publishedOn}">${formatDate(resource.publishedOn, lang)}</time></td>
        </tr> `;
      },
      t,
    )}
    ${listSection(
      'pairings',
      t.pairings,
      t.pairingsCaption,
      t.noPairings,
      pairings,
      region.pairings?.totalCount ?? 0,
      [t.programme, t.mentor, t.mentee],
      (pairing) =>
        html`<tr>
          <td>${pairing.programme.title} <span class="flag">(${label(t, pairing.status)})</span></td>
          <td>${pairing.mentor.organisation.name} · ${regionLink(pairing.mentor.territory)}</td>
          <td>${pairing.mentee.organisation.name} · ${regionLink(pairing.mentee.territory)}</td>
        </tr> `,
      t,
    )}
    <footer class="attribution">
      ${licences.length > 0 ? html`<h2 id="licences-heading">${t.licences}</h2>` : null}
      ${licences.map((licence) => html`<p class="licence">${licence}</p>`)}
      <p>${t.boundariesAttribution}.</p>
    </footer>
  </article>`;
}

export interface ProfilePageOptions extends ProfileRenderOptions {
  /** Stylesheet URLs of the page (the built `profile` entry). */
  styles: readonly string[];
}

/** Header (hub, language switch), breadcrumb navigation, the article, footer: one whole HTML document. */
export function renderProfilePage(region: ProfileRegion, options: ProfilePageOptions): string {
  const t = PROFILE_MESSAGES[options.lang];
  const breadcrumb = html`<nav class="breadcrumb" aria-label="${t.breadcrumb}">
    <ol>
      ${region.ancestors.map(
        (ancestor) => html`<li><a href="${profileHref(ancestor.code, options)}">${ancestor.name}</a></li>`,
      )}
      <li aria-current="page">${region.name}</li>
    </ol>
  </nav>`;
  return page({
    lang: options.lang,
    title: `${region.name} (${region.code}) · ${t.hubName}`,
    description: `${region.name} · ${region.nationalName} · ${t.level(region.level)}`,
    styles: options.styles,
    skipLinkText: t.skipLink,
    alternates: PAGE_LANGUAGES.map((lang) => ({
      lang,
      href: profileHref(region.code, { ...options, lang, langInLinks: true }),
    })),
    body: html`${siteHeader(region.code, options)} ${breadcrumb}
      <main id="main" tabindex="-1">${renderProfileArticle(region, options)}</main>
      ${siteFooter(t)}`,
  });
}

function siteHeader(
  code: string | null,
  options: ProfileRenderOptions & { styles?: readonly string[] },
): SafeHtml {
  const t = PROFILE_MESSAGES[options.lang];
  const names: Record<PageLanguage, string> = { en: 'English', fr: 'Français', de: 'Deutsch' };
  return html`<header class="site-header">
    <p class="hub-name">${t.hubName}</p>
    ${
      code
        ? html`<nav class="languages" aria-label="${t.languages}">
            <ul>
              ${PAGE_LANGUAGES.map((lang) =>
                lang === options.lang
                  ? html`<li><span aria-current="true" lang="${lang}">${names[lang]}</span></li>`
                  : html`<li>
                      <a
                        href="${profileHref(code, { ...options, lang, langInLinks: true })}"
                        hreflang="${lang}"
                        lang="${lang}"
                        >${names[lang]}</a
                      >
                    </li>`,
              )}
            </ul>
          </nav>`
        : null
    }
  </header>`;
}

function siteFooter(t: ProfileMessages): SafeHtml {
  return html`<footer class="site-footer"><p>${t.hubName}</p></footer>`;
}

/** A page that says what went wrong (unknown code, malformed code, graph unavailable), with the same shell. */
export function renderProfileProblemPage(
  kind: 'notFound' | 'badCode' | 'unavailable',
  code: string,
  options: ProfilePageOptions,
): string {
  const t = PROFILE_MESSAGES[options.lang];
  const [title, text] =
    kind === 'notFound'
      ? [t.notFoundTitle, t.notFound(code)]
      : kind === 'badCode'
        ? [t.badCodeTitle, t.badCode]
        : [t.unavailableTitle, t.unavailable];
  return page({
    lang: options.lang,
    title: `${title} · ${t.hubName}`,
    styles: options.styles,
    skipLinkText: t.skipLink,
    body: html`${siteHeader(null, options)}
      <main id="main" tabindex="-1">
        <article class="hub-profile problem">
          <h1>${title}</h1>
          <p>${text}</p>
        </article>
      </main>
      ${siteFooter(t)}`,
  });
}
