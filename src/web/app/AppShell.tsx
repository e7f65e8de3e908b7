// The frame around every signed-in page: a header with the product, the navigation, the link's
// health, preferences and the signed-in person (name, role, sign out), then the page, and for
// agents the transfer offers waiting for their answer. On a phone the navigation and tools fold
// into a menu.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isAgentRole } from '../format/roles.js';
import { Avatar } from '../components/Avatar.js';
import { RoleBadge } from '../components/Badge.js';
import { Button, IconButton } from '../components/Button.js';
import { Logo } from '../components/Icon.js';
import { Toaster } from '../components/Toaster.js';
import { TransferOfferTray } from '../pages/console/TransferOfferTray.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { DesktopNotificationsToggle, SoundToggle, ThemeToggle } from './PreferenceToggles.js';
import { MainNav } from './MainNav.js';
import { Link, useLocation } from './router.js';
import type { PageRoute } from './routes.js';
import { useServices } from './services.js';
import { signOut } from './signIn.js';

export function AppShell({
  routes,
  children,
}: {
  routes: readonly PageRoute[];
  children: ComponentChildren;
}) {
  const { me } = useServices();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const agent = isAgentRole(me.role);

  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        setMenuOpen(false);
        menuRef.current?.querySelector<HTMLButtonElement>('.header__menu-button')?.focus();
      } else if (!menuRef.current?.contains(event.target as Node)) {
        setMenuOpen(false);
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [menuOpen]);

  const person = (
    <>
      <Avatar id={me.id} name={me.name} size="sm" />
      <span class="header__who">
        <span class="header__person-name">{me.name}</span>
        <RoleBadge role={me.role} />
      </span>
    </>
  );

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="header">
        <Link href="/" class="header__brand">
          <Logo />
          <span class="header__name">Switchboard</span>
        </Link>
        <div class="header__menu" ref={menuRef} data-open={menuOpen || undefined}>
          <IconButton
            icon={menuOpen ? 'x' : 'menu'}
            label="Menu"
            class="header__menu-button"
            aria-expanded={menuOpen}
            aria-controls="header-panel"
            onClick={() => setMenuOpen(!menuOpen)}
          />
          <div class="header__panel" id="header-panel">
            <MainNav routes={routes} />
            <div class="header__tools">
              {agent && <SoundToggle />}
              {agent && <DesktopNotificationsToggle />}
              <ThemeToggle />
              {agent ? (
                // An agent's name opens their settings (which mail they get).
                <Link
                  href="/settings"
                  class="header__person header__person--link"
                  title="Your settings"
                >
                  {person}
                </Link>
              ) : (
                <div class="header__person">{person}</div>
              )}
              <Button
                variant="ghost"
                size="sm"
                icon="logout"
                busy={signingOut}
                onClick={() => {
                  setSigningOut(true);
                  void signOut();
                }}
              >
                Sign out
              </Button>
            </div>
          </div>
        </div>
        <ConnectionStatus />
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {children}
      </main>
      {agent && <TransferOfferTray />}
      <Toaster />
    </div>
  );
}
