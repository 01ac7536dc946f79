import { Provider } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { graphqlClient } from './graphql/client.js';
import { routeOf, type Route } from './routing.js';
import type { DemoPersona } from './session/demo-personas.js';
import type { ExplorerSettings, Session } from './session/session.js';
import { SessionControl } from './session/session-control.js';
import { isBoard, stewardPartners } from './session/token-claims.js';
import { SearchPage } from './search/search-page.js';
import { DatasetPage } from './dataset/dataset-page.js';
import { MyRequestsPage } from './governance/my-requests-page.js';
import { InboxPage } from './governance/inbox-page.js';
import { BoardPage } from './governance/board-page.js';
import { AuditPage } from './governance/audit-page.js';

interface AppProps {
  settings: ExplorerSettings;
  personas: DemoPersona[];
  initialSession: Session;
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}

export function App({ settings, personas, initialSession }: AppProps) {
  const [session, setSession] = useState(initialSession);
  const route = useRoute();
  const client = useMemo(() => graphqlClient(settings.graphqlPath, session.token), [settings.graphqlPath, session.token]);
  const steward = stewardPartners(session.view);
  const board = isBoard(session.view);
  const links: [string, string, boolean][] = [
    ['#/', 'Search', route.page === 'search' || route.page === 'dataset'],
    ...(session.token ? [['#/requests', 'My requests', route.page === 'requests'] as [string, string, boolean]] : []),
    ...(steward.length ? [['#/inbox', 'Steward inbox', route.page === 'inbox'] as [string, string, boolean], ['#/audit', 'Audit', route.page === 'audit'] as [string, string, boolean]] : []),
    ...(board ? [['#/board', 'Board', route.page === 'board'] as [string, string, boolean]] : []),
  ];
  return (
    <Provider value={client}>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header">
        <a class="brand" href="#/">Concord</a>
        <nav aria-label="Main">
          <ul>
            {links.map(([href, label, current]) => (
              <li key={href}><a href={href} aria-current={current ? 'page' : undefined}>{label}</a></li>
            ))}
            <li><a href="/graphiql">GraphiQL</a></li>
          </ul>
        </nav>
        <SessionControl settings={settings} personas={personas} session={session} onChange={setSession} />
      </header>
      {/* A new session is a new person: every page starts again with what they may see. */}
      <main id="main" tabIndex={-1} key={session.name}>
        <Page route={route} session={session} />
      </main>
    </Provider>
  );
}

function Page({ route, session }: { route: Route; session: Session }) {
  switch (route.page) {
    case 'search':
      return <SearchPage params={route.params} />;
    case 'dataset':
      return <DatasetPage id={route.id} session={session} />;
    case 'requests':
      return <MyRequestsPage session={session} />;
    case 'inbox':
      return <InboxPage session={session} />;
    case 'board':
      return <BoardPage session={session} />;
    case 'audit':
      return <AuditPage session={session} datasetId={route.datasetId} />;
  }
}
