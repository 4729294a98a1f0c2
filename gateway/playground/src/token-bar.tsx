import { useState, type FormEvent } from 'react';
import { normaliseToken, summariseToken } from './token';

export interface TokenBarProps {
  token: string;
  onChange(token: string): void;
}

function describe(token: string): string {
  if (!token) return 'Anonymous: public data only. Paste a token to write as a partner.';
  const summary = summariseToken(token);
  if (!summary) return 'Using the pasted token.';
  const expiry =
    summary.expiresAt === undefined
      ? ''
      : summary.expiresAt <= Date.now()
        ? ' (expired: paste a new one)'
        : ` until ${new Date(summary.expiresAt).toLocaleTimeString()}`;
  return `Signed in as ${summary.label}${expiry}.`;
}

/** The token field: pasted once per browser session, used for every request and subscription. */
export function TokenBar({ token, onChange }: TokenBarProps) {
  const [draft, setDraft] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = normaliseToken(draft);
    setDraft('');
    if (next) onChange(next);
  };
  return (
    <form className="hub-token" onSubmit={submit} aria-label="Sign in with a token">
      <strong className="hub-token__title">Integration Partnership Hub</strong>
      <label className="hub-token__label" htmlFor="hub-token-input">
        Token
      </label>
      <input
        id="hub-token-input"
        className="hub-token__input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={token ? 'Paste another token to replace it' : 'Paste a token (npm run -s token -- …)'}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      <button className="hub-token__button" type="submit" disabled={!draft.trim()}>
        Use token
      </button>
      {token ? (
        <button className="hub-token__button" type="button" onClick={() => onChange('')}>
          Forget token
        </button>
      ) : null}
      <output className="hub-token__status" htmlFor="hub-token-input" aria-live="polite">
        {describe(token)}
      </output>
    </form>
  );
}
