// The app's root: checks the sign-in, then shows the sign-in page or the signed-in person's pages
// inside the shell, keeping the address bar and the tab title in step.
import { useEffect } from 'preact/hooks';
import { withTopic } from '../../shared/sameOriginPath.js';
import { Loading } from '../components/Spinner.js';
import { useReadable } from '../hooks/useReadable.js';
import { isAgentRole } from '../format/roles.js';
import { AgentDeskProvider } from '../pages/console/AgentDesk.js';
import { PUBLIC_PAGES } from '../pages/account/publicPages.js';
import { LoginPage } from '../pages/LoginPage.js';
import { UnreachablePage } from '../pages/UnreachablePage.js';
import { applyTheme, themeChoice } from '../state/preferences.js';
import { AppShell } from './AppShell.js';
import { useDocumentTitle } from './documentTitle.js';
import { matchPath, safeReturnPath } from './paths.js';
import { navigate, useLocation } from './router.js';
import { homeFor, routesFor } from './routes.js';
import { ServicesContext, type Services } from './services.js';
import { checkSignIn, signInState } from './signIn.js';

export function App() {
  const state = useReadable(signInState);
  const theme = useReadable(themeChoice);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => void checkSignIn(), []);

  if (state.status === 'checking') return <Loading label="Opening Switchboard…" />;
  if (state.status === 'unreachable') return <UnreachablePage problem={state.problem} />;
  if (state.status === 'signedOut') return <SignedOut notice={state.notice} />;
  return (
    <ServicesContext value={state.services}>
      <SignedIn services={state.services} />
    </ServicesContext>
  );
}

function SignedOut({ notice }: { notice: string | null }) {
  const { path, query } = useLocation();
  const open = PUBLIC_PAGES[path];
  useDocumentTitle(open?.title ?? 'Sign in');
  useEffect(() => {
    if (open) return;
    // The query goes with the path: `/?topic=fees` must still name the topic after signing in.
    const search = query.toString();
    const back = search ? `${path}?${search}` : path;
    if (path !== '/login') navigate(`/login?next=${encodeURIComponent(back)}`, { replace: true });
  }, [path]);
  if (open) return <>{open.render(query)}</>;
  return <LoginPage notice={notice} errorCode={query.get('error')} />;
}

function SignedIn({ services }: { services: Services }) {
  const { path, query } = useLocation();
  // A mailed link opened in a signed-in tab: the page stands alone, as it does signed out.
  const open = PUBLIC_PAGES[path];
  // Pages only for someone without an account: once signed in, they lead home.
  if (open && path !== '/forgot-password' && path !== '/sign-up') return <>{open.render(query)}</>;
  return <SignedInPages services={services} path={path} query={query} />;
}

function SignedInPages({
  services,
  path,
  query,
}: {
  services: Services;
  path: string;
  query: URLSearchParams;
}) {
  const routes = routesFor(services.me.role);
  const match = routes
    .map((route) => ({ route, params: matchPath(route.pattern, path) }))
    .find((candidate) => candidate.params !== null);
  useDocumentTitle(match?.route.title ?? null);
  const matched = match !== undefined;
  useEffect(() => {
    if (matched) return;
    const next =
      path === '/login'
        ? safeReturnPath(query.get('next'), window.location.origin)
        : withTopic(homeFor(services.me.role), query.get('topic'));
    const target = new URL(next, window.location.origin);
    const allowed = routes.some((route) => matchPath(route.pattern, target.pathname));
    // A host portal's `?topic=` reaches the start form wherever the link pointed.
    const home = withTopic(homeFor(services.me.role), target.searchParams.get('topic'));
    navigate(allowed ? next : home, { replace: true });
  }, [matched, path]);
  const shell = (
    <AppShell routes={routes}>{match ? match.route.render(match.params!) : null}</AppShell>
  );
  // Agents are told about new work on every page, not only the console.
  return isAgentRole(services.me.role) ? <AgentDeskProvider>{shell}</AgentDeskProvider> : shell;
}
