// The header's navigation, read from the route table: each page with a `nav` entry is a link, and
// the desk's settings (`group: 'admin'`: reports, agents, accounts, teams, mail) sit under one
// "Admin" button that opens them as a list, so a super admin's header fits a laptop's width (a
// `leadsOnly` page shows to an agent only while they lead a team). The button is marked current
// while one of its pages is open; the list closes on Escape (focus back on the button), on a
// click elsewhere, and when a page opens.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Icon } from '../components/Icon.js';
import { useReadable } from '../hooks/useReadable.js';
import { ledTeams } from '../state/ledTeams.js';
import { matchPath } from './paths.js';
import { Link, useLocation } from './router.js';
import type { PageRoute } from './routes.js';
import { useServices } from './services.js';

export function MainNav({ routes }: { routes: readonly PageRoute[] }) {
  const { path } = useLocation();
  const current = (pattern: string) =>
    matchPath(pattern, path) !== null || path.startsWith(`${pattern}/`);
  const { me } = useServices();
  const led = useReadable(ledTeams);
  const leads = me.role === 'super_admin' || led.length > 0;
  const listed = routes.filter((route) => route.nav && (leads || !route.nav.leadsOnly));
  const top = listed.filter((route) => !route.nav!.group);
  const admin = listed.filter((route) => route.nav!.group === 'admin');

  const link = (route: PageRoute) => (
    <Link
      key={route.pattern}
      href={route.pattern}
      class="nav__link"
      aria-current={current(route.pattern) ? 'page' : undefined}
    >
      <Icon name={route.nav!.icon} />
      {route.nav!.label}
    </Link>
  );

  return (
    <nav class="nav" aria-label="Main">
      {top.map(link)}
      {admin.length > 0 && (
        <NavGroup label="Admin" current={admin.some((route) => current(route.pattern))}>
          {admin.map((route) => (
            <li key={route.pattern}>{link(route)}</li>
          ))}
        </NavGroup>
      )}
    </nav>
  );
}

function NavGroup({
  label,
  current,
  children,
}: {
  label: string;
  current: boolean;
  children: ComponentChildren;
}) {
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        setOpen(false);
        ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
      } else if (!ref.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [open]);

  return (
    <div class="nav__group" ref={ref} data-open={open || undefined}>
      <button
        type="button"
        class="nav__link nav__group-button"
        aria-expanded={open}
        aria-controls={listId}
        data-current={current || undefined}
        onClick={() => setOpen(!open)}
      >
        <Icon name="users" />
        {label}
        <Icon name="chevronDown" class="nav__group-chevron" />
      </button>
      <ul class="nav__group-list" id={listId} hidden={!open}>
        {children}
      </ul>
    </div>
  );
}
