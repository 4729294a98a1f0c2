import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { useEffect, useMemo, useState } from 'react';
import type { ExampleTab } from './config';
import { createHubFetcher } from './fetcher';
import type { InitialEditors } from './tabs';
import { TokenBar } from './token-bar';
import { readStoredToken, storeToken } from './token';

/** Point-and-click query building (for dashboard builders); opened beside the editors by default. */
const EXPLORER_PLUGIN = explorerPlugin({ showAttribution: false });
const PLUGINS = [EXPLORER_PLUGIN, HISTORY_PLUGIN];

export interface PlaygroundProps {
  endpoint: URL;
  tabs: ExampleTab[];
  initialEditors: InitialEditors;
  sessionStorage: Storage | undefined;
}

export function Playground({ endpoint, tabs, initialEditors, sessionStorage }: PlaygroundProps) {
  const [token, setToken] = useState(() => readStoredToken(sessionStorage));
  const hubFetcher = useMemo(() => createHubFetcher(endpoint, token), [endpoint, token]);
  // a new token: the old socket closes, the next subscription connects with the new one
  useEffect(() => () => hubFetcher.dispose(), [hubFetcher]);

  return (
    <div className="hub-playground">
      <TokenBar
        token={token}
        onChange={(next) => {
          storeToken(sessionStorage, next);
          setToken(next);
        }}
      />
      <div className="hub-playground__graphiql">
        <GraphiQL
          fetcher={hubFetcher.fetcher}
          {...(tabs.length > 0 ? { defaultTabs: tabs } : {})}
          {...initialEditors}
          plugins={PLUGINS}
          visiblePlugin={EXPLORER_PLUGIN}
          isHeadersEditorEnabled
          // headers typed into the editor stay in memory; the token has its own field above
          shouldPersistHeaders={false}
          defaultEditorToolsVisibility
        />
      </div>
    </div>
  );
}
