import '@graphiql/react/font/roboto.css';
import '@graphiql/react/font/fira-code.css';
import '@graphiql/react/style.css';
import 'graphiql/graphiql.css';
import '@graphiql/plugin-explorer/style.css';
import './playground.css';
import './workers';
import { createRoot } from 'react-dom/client';
import { readPlaygroundConfig } from './config';
import { Playground } from './playground';
import { stampStyleNonce } from './style-nonce';
import { prepareTabs } from './tabs';

const config = readPlaygroundConfig(document);
stampStyleNonce(config.styleNonce);

function storageOf(name: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return window[name];
  } catch {
    return undefined; // disabled by the browser's settings
  }
}

const container = document.getElementById('graphiql');
if (!container) throw new Error('The page has no #graphiql element.');
createRoot(container).render(
  <Playground
    endpoint={new URL(config.endpoint, window.location.href)}
    tabs={config.tabs}
    initialEditors={prepareTabs(storageOf('localStorage'), config.examplesVersion, config.tabs)}
    sessionStorage={storageOf('sessionStorage')}
  />,
);
