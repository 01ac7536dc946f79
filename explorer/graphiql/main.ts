import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './page.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { createElement, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

// GraphiQL for analytics users, self-hosted from the graphiql package: the editor and its workers are
// this gateway's files. The token field's value is sent as a bearer token with every operation.

// Monaco, GraphiQL's editor, writes its theme into <style> elements at run time; the gateway allows
// those carrying this response's nonce (gateway/explorer/content-security-policy.ts).
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
const createElementInDocument = document.createElement.bind(document);
document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
  const element = createElementInDocument(tagName, options);
  if (tagName.toLowerCase() === 'style' && nonce) element.setAttribute('nonce', nonce);
  return element;
}) as typeof document.createElement;

const TOKEN_KEY = 'concord-graphiql-token';

function TokenField({ token, onChange }: { token: string; onChange(value: string): void }) {
  return createElement('form', { className: 'token-bar', onSubmit: (e: Event) => e.preventDefault() },
    createElement('label', { htmlFor: 'token' }, 'Bearer token'),
    createElement('input', {
      id: 'token', type: 'password', autoComplete: 'off', value: token, placeholder: 'empty: anonymous',
      onChange: (e: { currentTarget: HTMLInputElement }) => onChange(e.currentTarget.value.trim()),
    }),
    createElement('a', { href: '/' }, 'Back to the explorer'));
}

/** POST to the gateway's /graphql, with the token when one is given; GraphiQL shows the answer as it comes, errors included. */
function bearerFetcher(token: string): GraphiQLProps['fetcher'] {
  const bare = token.replace(/^Bearer\s+/i, '');
  return async (params) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bare ? { authorization: `Bearer ${bare}` } : {}) },
      body: JSON.stringify(params),
    });
    return response.json();
  };
}

function Page() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const fetcher = useMemo(() => bearerFetcher(token), [token]);
  return createElement('div', { className: 'graphiql-page' },
    createElement(TokenField, { token, onChange: (value: string) => { sessionStorage.setItem(TOKEN_KEY, value); setToken(value); } }),
    createElement('div', { className: 'graphiql-editor' }, createElement(GraphiQL, { fetcher, defaultQuery: '{ datasets(first: 5) { totalCount edges { node { id title publisher { name } } } } }\n' })));
}

createRoot(document.getElementById('graphiql')!).render(createElement(Page));
