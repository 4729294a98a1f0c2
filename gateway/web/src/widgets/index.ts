/*
 * Integration Partnership Hub: embeddable live widgets. One tag on any page, no framework:
 *
 *   <script src="https://<hub>/widget.js" defer></script>
 *   <hub-events region="FRH0" limit="5"></hub-events>
 *   <hub-indicator region="AT13" indicator="employment_rate_20_64" breakdown="FOREIGN_BORN"></hub-indicator>
 *   <hub-map country="AT"></hub-map>
 *   <hub-profile region="FRH0"></hub-profile>
 *
 * Bundled by Vite (vite.widgets.config.mts) into one classic script with no runtime dependency, served by the
 * gateway at /widget.js. Data comes from the gateway that served the script (GraphQL over HTTP, live updates
 * over Server-Sent Events); the page's origin must be among the gateway's allowed origins (CORS_ORIGINS). Each
 * element renders into its own shadow root, so page styles and the widget's never mix, and builds what it
 * shows with DOM methods and text nodes, never HTML from the data.
 */
import { HubEvents } from './events';
import { HubIndicator } from './indicator';
import { HubMap } from './map';
import { HubProfile } from './profile';

/** The custom elements this script defines, by tag name. */
export const WIDGETS: Readonly<Record<string, CustomElementConstructor>> = {
  'hub-events': HubEvents,
  'hub-indicator': HubIndicator,
  'hub-map': HubMap,
  'hub-profile': HubProfile,
};

// A page may load the script twice (or two versions of it): the first definition stays.
if (typeof window !== 'undefined' && window.customElements) {
  for (const [name, element] of Object.entries(WIDGETS)) {
    if (!window.customElements.get(name)) window.customElements.define(name, element);
  }
}
