/**
 *   <hub-indicator region="AT13" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN" lang="de"></hub-indicator>
 *
 * The latest value of an indicator in a region, with its period and source, refreshed when a partner records
 * a value; the indicator's name in the widget's language.
 */
import { el, graphql, HubElement, live, type Child } from './hub';

const INDICATOR_QUERY = `query HubWidgetIndicator($region: ID!, $indicator: ID!, $breakdown: Breakdown, $lang: Language) {
    region(code: $region) { name latest(indicator: $indicator, breakdown: $breakdown) { value period status source } }
    indicator(code: $indicator) { name(lang: $lang) unitLabel(lang: $lang) breakdownLabels(lang: $lang) { breakdown label }
      source { publisher } }
  }`;
const INDICATOR_LIVE = `subscription HubWidgetIndicatorLive($indicators: [ID!], $regions: [ID!]) {
    observationRecorded(indicators: $indicators, regions: $regions) { id }
  }`;

interface IndicatorData {
  region: {
    name: string;
    latest: { value: number | null; period: string; status: string; source: string } | null;
  } | null;
  indicator: {
    name: string;
    unitLabel: string;
    breakdownLabels: Array<{ breakdown: string; label: string }>;
    source: { publisher: string };
  } | null;
}

const STYLE = `
  section { border: 1px solid currentColor; border-radius: .4em; padding: .75em 1em; }
  h2 { font-size: 1.1em; margin: 0 0 .5em; }
  p { margin: .2em 0 0; }
  .value { font-size: 1.6em; font-weight: bold; }
  .group { font-style: italic; }
`;

export class HubIndicator extends HubElement<IndicatorData> {
  static get observedAttributes(): string[] {
    return ['region', 'indicator', 'breakdown', 'lang'];
  }

  protected styles(): string {
    return STYLE;
  }

  protected load(): Promise<IndicatorData> {
    return graphql<IndicatorData>(INDICATOR_QUERY, {
      region: this.getAttribute('region'),
      indicator: this.getAttribute('indicator'),
      breakdown: this.getAttribute('breakdown') || undefined,
      lang: this.language.graph,
    });
  }

  protected override subscribe(onChange: () => void): () => void {
    return live(
      INDICATOR_LIVE,
      { indicators: [this.getAttribute('indicator')], regions: [this.getAttribute('region')] },
      onChange,
    );
  }

  protected failedText(): string {
    return this.text.indicatorFailed;
  }

  protected override updatedText(): string {
    return this.text.indicatorUpdated;
  }

  protected render(data: IndicatorData): Child {
    const indicator = data.indicator;
    // an unknown indicator code: the graph answers null, which is a failure of this widget's attributes
    if (!indicator) throw new Error(`No indicator ${this.getAttribute('indicator')}`);
    const observation = data.region?.latest;
    // the unit as the graph words it in this language, e.g. "%" or "points de pourcentage"
    const number =
      observation && observation.value !== null
        ? `${new Intl.NumberFormat(this.language.locale, { maximumFractionDigits: 1 }).format(observation.value)} ${indicator.unitLabel}`
        : this.text.noValue;
    const breakdown = this.getAttribute('breakdown');
    const group = breakdown
      ? indicator.breakdownLabels.find((label) => label.breakdown === breakdown)?.label
      : undefined;
    return el(
      'section',
      { 'aria-labelledby': 'hub-indicator-title' },
      el('h2', { id: 'hub-indicator-title' }, `${indicator.name} · ${data.region?.name ?? ''}`),
      group ? el('p', { class: 'group' }, group) : null,
      el('p', { class: 'value' }, number, observation ? el('span', {}, ` (${observation.period})`) : null),
      el('p', {}, `${this.text.source}: ${indicator.source.publisher}`),
    );
  }
}
