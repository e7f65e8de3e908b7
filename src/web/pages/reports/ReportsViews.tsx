// The two views of Reports, as links: the period's numbers and the live dashboard.
import { Link, useLocation } from '../../app/router.js';

const VIEWS = [
  { href: '/reports', label: 'Period' },
  { href: '/reports/live', label: 'Live' },
] as const;

export function ReportsViews() {
  const { path } = useLocation();
  return (
    <nav class="tabs report-views" aria-label="Reports views">
      {VIEWS.map((view) => (
        <Link
          key={view.href}
          href={view.href}
          class="tabs__tab"
          aria-current={path === view.href ? 'page' : undefined}
        >
          {view.label}
        </Link>
      ))}
    </nav>
  );
}
