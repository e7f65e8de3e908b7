// Every page of the app, checked with axe-core at a desk (1280x800) and on a phone (390x844), in
// the light and the dark theme: no serious or critical violation anywhere. One server with the
// demo data and one browser serve every page; each page is opened once per size and checked in
// both themes (the theme follows prefers-color-scheme, switched in place). Animations are off
// (prefers-reduced-motion) so that contrast is measured on what stays on screen, not mid-fade.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/seedDemo.js';
import { rollUpDirtyHours } from '../../src/services/reports/chatRollupWorker.js';
import { useServerAndBrowser } from './support/browserSuite.js';
import { describeInBrowser } from './support/chromium.js';
import { bubbles, gone, messageLog, until, visible, type SignedInPage } from './support/ui.js';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), {
  encoding: 'utf8',
});

const SIZES: Record<string, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};
const THEMES = ['light', 'dark'] as const;

const demo = (email: string, name: string) => ({ email, name, password: DEMO_PASSWORD });
const PEOPLE = {
  yaw: demo('yaw@example.com', 'Yaw Asante'),
  abena: demo('abena@example.com', 'Abena Ofori'),
  kojo: demo('kojo@example.com', 'Kojo Annan'),
  ama: demo('ama@example.com', 'Ama Mensah'),
  admin: demo('admin@example.com', 'Ada Admin'),
  // Ama again, in a page of her own, so that her console's page stays on the console.
  lead: demo('ama@example.com', 'Ama Mensah'),
};
type Who = keyof typeof PEOPLE | 'nobody';

interface Violation {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"')))
    await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((results) =>
      results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary.replace(/\\s+/g, ' ')),
        })),
    )
  `);
}

async function useColorScheme(page: Page, colorScheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme });
  await page.waitForFunction(`matchMedia('(prefers-color-scheme: ${colorScheme})').matches`);
  await drawFrames(page);
}

/**
 * Chromium gives inherited light-dark() colours their new value only in a later frame it draws
 * (until then some elements keep the old scheme's): a screenshot makes it draw one, and two
 * animation frames let the rest follow. Under load one round is not always enough, so a finding
 * is checked again after another round: a real one is still there.
 */
async function drawFrames(page: Page) {
  await page.screenshot({ type: 'jpeg', quality: 10 });
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

async function confirmed<T>(page: Page, check: () => Promise<T[]>): Promise<T[]> {
  const first = await check();
  if (first.length === 0) return first;
  await drawFrames(page);
  return check();
}

/** Visible fields whose placeholder has less than 4.5:1 against the field's background. */
function weakPlaceholders(page: Page): Promise<{ field: string; ratio: number }[]> {
  return page.evaluate(`(() => {
    const parse = (color) => {
      const parts = /rgba?\\(([^)]+)\\)/.exec(color)[1].split(/[\\s,/]+/).filter(Boolean).map(Number);
      return { r: parts[0], g: parts[1], b: parts[2], a: parts[3] ?? 1 };
    };
    const luminance = (c) => {
      const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const background = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const color = parse(getComputedStyle(e).backgroundColor);
        if (color.a > 0) return color;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    return [...document.querySelectorAll('[placeholder]')]
      .filter((field) => field.checkVisibility())
      .map((field) => {
        const style = getComputedStyle(field, '::placeholder');
        const text = parse(style.color);
        const alpha = text.a * Number(style.opacity);
        const under = background(field);
        const mix = (k) => text[k] * alpha + under[k] * (1 - alpha);
        const [light, dark] = [luminance({ r: mix('r'), g: mix('g'), b: mix('b') }), luminance(under)]
          .sort((a, b) => b - a);
        return { field: field.placeholder, ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100 };
      })
      .filter((found) => found.ratio < 4.5);
  })()`);
}

interface Screen {
  name: string;
  who: Who;
  /** Brings the page to the state to check, from wherever the person's page is. */
  open: (page: Page) => Promise<void>;
}

const goto = async (page: Page, path: string, ready: (page: Page) => Promise<void>) => {
  await page.goto(path);
  await ready(page);
};
const heading = (page: Page, name: string) =>
  visible(page.getByRole('heading', { name, exact: true }));

/** The console's lists (Ama's own, she leads a team), which a phone shows instead of the open chat. */
async function showLists(page: Page) {
  const allChats = page.getByRole('button', { name: 'All chats' });
  if (await allChats.isVisible()) await allChats.click();
  const myChats = page.getByRole('button', { name: 'My chats' });
  if ((await myChats.getAttribute('aria-pressed')) === 'false') await myChats.click();
  await visible(page.getByRole('tab', { name: /Waiting/ }));
}

const SCREENS: Screen[] = [
  {
    name: 'sign-in',
    who: 'nobody',
    open: (page) => goto(page, '/login', (p) => visible(p.getByLabel('Email'))),
  },
  {
    name: 'sign-in with an SSO error',
    who: 'nobody',
    open: (page) =>
      goto(page, '/login?error=INVALID_SSO_TOKEN', (p) =>
        visible(p.getByText('Single sign-on failed')),
      ),
  },
  {
    name: 'forgot password',
    who: 'nobody',
    open: (page) => goto(page, '/forgot-password', (p) => heading(p, 'Forgot your password?')),
  },
  {
    name: 'customer: start a chat',
    who: 'kojo',
    open: (page) => goto(page, '/chat', (p) => heading(p, 'Start a chat')),
  },
  {
    name: 'customer: waiting in the queue',
    who: 'abena',
    open: (page) => goto(page, '/chat', (p) => visible(p.getByText(/in the queue/))),
  },
  {
    name: 'customer: chat with an agent',
    who: 'yaw',
    open: (page) =>
      goto(page, '/chat', (p) => visible(bubbles(p, 'Hi Yaw, which error message do you see?'))),
  },
  {
    name: 'customer: history',
    who: 'yaw',
    open: (page) => goto(page, '/history', (p) => heading(p, 'Your chats')),
  },
  {
    name: 'customer: transcript',
    who: 'yaw',
    open: async (page) => {
      await goto(page, '/history', (p) => heading(p, 'Your chats'));
      await page.getByRole('link', { name: /Cannot log in to the portal/ }).click();
      await visible(bubbles(page, 'It worked, thank you!'));
    },
  },
  {
    name: 'customer: new request',
    who: 'yaw',
    open: async (page) => {
      await goto(page, '/requests/new', (p) => heading(p, 'New request'));
      await page.getByLabel('Subject').fill('Transcript for a scholarship');
      await page.getByLabel('Your message').fill('Can I get a stamped transcript by Friday?');
    },
  },
  {
    name: 'customer: a request',
    who: 'yaw',
    open: async (page) => {
      await page.getByRole('button', { name: 'Send request' }).click();
      await visible(page.getByRole('button', { name: 'Mark as solved' }));
    },
  },
  {
    name: 'customer: requests',
    who: 'yaw',
    open: (page) =>
      goto(page, '/requests', (p) => visible(p.getByText('Transcript for a scholarship').first())),
  },
  {
    name: 'agent console: Active with a chat open',
    who: 'ama',
    open: async (page) => {
      await goto(page, '/console', (p) => visible(p.getByRole('tab', { name: /Active/ })));
      await page.getByRole('button', { name: /^Yaw Asante/ }).click();
      await visible(bubbles(page, 'I get an error when I add CS201.'));
    },
  },
  {
    name: 'agent console: the quick-response menu',
    who: 'ama',
    open: async (page) => {
      await page.getByRole('button', { name: 'Quick responses' }).filter({ visible: true }).click();
      await visible(page.getByRole('option', { name: /Greeting/ }));
    },
  },
  {
    name: 'agent console: quick responses from "/"',
    who: 'ama',
    open: async (page) => {
      await page.keyboard.press('Escape');
      await page.locator('.composer__input').filter({ visible: true }).fill('/pass');
      await visible(page.getByRole('option', { name: /Password reset/ }));
    },
  },
  {
    name: 'agent console: Waiting',
    who: 'ama',
    open: async (page) => {
      await page.locator('.composer__input').filter({ visible: true }).fill('');
      await showLists(page);
      await page.getByRole('tab', { name: /Waiting/ }).click();
      await visible(page.getByRole('button', { name: /^Assign Lost student ID card/ }));
    },
  },
  {
    name: 'agent console: History',
    who: 'ama',
    open: async (page) => {
      await page.getByRole('tab', { name: /History/ }).click();
      await visible(page.getByRole('tabpanel').getByRole('button', { name: /Cannot log in/ }));
    },
  },
  {
    name: 'agent console: My teams (a team lead)',
    who: 'ama',
    open: async (page) => {
      await page.getByRole('button', { name: 'My teams' }).click();
      await visible(page.getByRole('list', { name: 'Academic Affairs: agents' }));
    },
  },
  {
    name: 'quick responses',
    who: 'admin',
    open: (page) => goto(page, '/quick-responses', (p) => visible(p.getByText('Password reset'))),
  },
  {
    name: 'tickets inbox',
    who: 'admin',
    open: async (page) => {
      await goto(page, '/tickets', (p) => visible(p.getByRole('tab', { name: 'All open' })));
      await page.getByRole('tab', { name: 'All open' }).click();
      await visible(page.getByRole('row', { name: /Transcript for a scholarship/ }).first());
    },
  },
  {
    name: 'a ticket',
    who: 'admin',
    open: async (page) => {
      await page
        .getByRole('row', { name: /Transcript for a scholarship/ })
        .first()
        .getByRole('link')
        .click();
      await visible(page.getByRole('complementary', { name: 'Ticket details' }));
      await page.getByRole('button', { name: 'Note', exact: true }).click();
    },
  },
  {
    name: 'admin: all chats',
    who: 'admin',
    open: (page) =>
      goto(page, '/admin/chats', (p) => visible(p.getByRole('row', { name: /Lost student ID/ }))),
  },
  {
    name: 'admin: one chat',
    who: 'admin',
    open: async (page) => {
      await page
        .getByRole('row', { name: /Course registration error/ })
        .getByRole('link')
        .click();
      await visible(messageLog(page).getByText('I get an error when I add CS201.'));
    },
  },
  {
    name: 'admin: agents',
    who: 'admin',
    open: (page) =>
      goto(page, '/admin/agents', (p) => visible(p.getByRole('row', { name: /Ama Mensah/ }))),
  },
  {
    name: 'admin: reports',
    who: 'admin',
    open: (page) =>
      // Every section drawn: the ratings and daily charts, the heatmap and the survey results.
      goto(page, '/reports?range=30d', async (p) => {
        await until(async () => expect(await p.locator('.report-chart canvas').count()).toBe(3));
        await visible(p.getByRole('table', { name: /by weekday and hour/ }));
        await visible(p.getByRole('heading', { name: 'Newest comments' }));
      }),
  },
  {
    name: 'reports (a team lead)',
    who: 'lead',
    open: (page) =>
      goto(page, '/reports', (p) =>
        visible(p.locator('.report-chart canvas').or(p.getByText('No chats in this period'))),
      ),
  },
  {
    name: 'settings: mail about tickets',
    who: 'admin',
    open: (page) => goto(page, '/settings#mail', (p) => heading(p, 'Mail about tickets')),
  },
  {
    name: 'admin: mail',
    who: 'admin',
    open: (page) => goto(page, '/admin/mail', (p) => heading(p, 'Mail')),
  },
  {
    name: 'admin: widget',
    who: 'admin',
    open: (page) => goto(page, '/admin/widget', (p) => heading(p, 'Widget')),
  },
  {
    name: 'admin: accounts',
    who: 'admin',
    open: (page) =>
      goto(page, '/admin/accounts', (p) => visible(p.getByRole('row', { name: /Yaw Asante/ }))),
  },
  {
    name: 'admin: new account dialog',
    who: 'admin',
    open: async (page) => {
      await page.getByRole('button', { name: 'New account' }).click();
      await visible(page.getByRole('dialog', { name: 'New account' }));
    },
  },
];

describeInBrowser('accessibility (axe-core)', () => {
  const suite = useServerAndBrowser();
  beforeAll(async () => {
    await seedDemo(suite.server.node.ctx);
    // The demo's chats counted for the Reports page now, not at the next housekeeping period.
    while ((await rollUpDirtyHours(suite.server.node.ctx)) > 0);
  });

  for (const [size, options] of Object.entries(SIZES)) {
    describe(`on a ${size}`, () => {
      const pages = new Map<Who, SignedInPage>();
      const pageOf = async (who: Who): Promise<SignedInPage> => {
        let page = pages.get(who);
        if (!page) {
          const contextOptions = { ...options, bypassCSP: true, reducedMotion: 'reduce' as const };
          page =
            who === 'nobody'
              ? await suite.openPage(contextOptions)
              : await suite.signIn(PEOPLE[who], contextOptions);
          pages.set(who, page);
        }
        return page;
      };
      afterAll(async () => {
        for (const page of pages.values()) await page.context().close();
      });

      for (const screen of SCREENS) {
        it(`${screen.name}: no serious or critical violation in either theme`, async () => {
          const page = await pageOf(screen.who);
          await screen.open(page);
          const found: Record<string, unknown> = {};
          for (const colorScheme of THEMES) {
            await useColorScheme(page, colorScheme);
            const violations = await confirmed(page, () => seriousViolations(page));
            if (violations.length > 0) found[`axe, ${colorScheme}`] = violations;
            // axe leaves placeholders out of its contrast check.
            const placeholders = await confirmed(page, () => weakPlaceholders(page));
            if (placeholders.length > 0) found[`placeholders, ${colorScheme}`] = placeholders;
          }
          expect(found).toEqual({});
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
            options.viewport!.width,
          );
          expect(page.errors).toEqual([]);
        });
      }

      tables(pageOf);
      if (size === 'desktop') keyboardAndFocus(pageOf);
    });
  }
});

/** The accessible name (aria-label or text) of the focused element. */
const focusedName = (page: Page) =>
  page.evaluate(
    "document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent",
  );

/** The text of the option the focused combobox points at with aria-activedescendant. */
const activeOption = (page: Page) =>
  page.evaluate(
    "document.getElementById(document.activeElement?.getAttribute('aria-activedescendant') ?? '')?.querySelector('.quick-list__title')?.textContent ?? null",
  );

/**
 * The focus ring of each element matching `selector` (focused as from the keyboard) lies inside
 * every ancestor that clips, or the names of those whose ring is cut.
 */
async function clippedRings(page: Page, selector: string): Promise<string[]> {
  const count = await page.locator(selector).count();
  const clipped: string[] = [];
  for (let index = 0; index < count; index++) {
    const element = page.locator(selector).nth(index);
    if (!(await element.isVisible())) continue;
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('Shift');
    await element.focus();
    // The ring's style once the focus has been drawn.
    await page.screenshot({ type: 'jpeg', quality: 10 });
    const cut = await page.evaluate(`(() => {
      const node = document.querySelectorAll(${JSON.stringify(selector)})[${index}];
      const style = getComputedStyle(node);
      if (!node.matches(':focus-visible') || style.outlineStyle === 'none') return 'no ring';
      const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
      const box = node.getBoundingClientRect();
      for (let parent = node.parentElement; parent; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflow === 'visible') continue;
        // What clips is the padding box.
        const outer = parent.getBoundingClientRect();
        const left = outer.left + parent.clientLeft;
        const top = outer.top + parent.clientTop;
        const cuts = [
          left - (box.left - reach),
          top - (box.top - reach),
          box.right + reach - (left + parent.clientWidth),
          box.bottom + reach - (top + parent.clientHeight),
        ].map((px) => Math.round(px * 10) / 10);
        if (cuts.some((px) => px > 0.5))
          return 'cut by ' + parent.className + ' (left, top, right, bottom: ' + cuts.join(', ') + ')';
      }
      return null;
    })()`);
    if (cut) clipped.push(`${selector} #${index}: ${cut}`);
  }
  return clipped;
}

function keyboardAndFocus(pageOf: (who: Who) => Promise<SignedInPage>) {
  it('puts focus in the quick-response search, moves with the arrows, and Escape gives it back to the bolt', async () => {
    const page = await pageOf('ama');
    await showLists(page);
    await page.getByRole('tab', { name: /Active/ }).click();
    await page.getByRole('button', { name: /^Yaw Asante/ }).click();
    const bolt = page.getByRole('button', { name: 'Quick responses' });
    await bolt.focus();
    await page.keyboard.press('Enter');
    await until(async () => expect(await focusedName(page)).toBe('Search quick responses'));
    expect(await bolt.getAttribute('aria-expanded')).toBe('true');
    const first = await activeOption(page);
    expect(first).not.toBeNull();
    await page.keyboard.press('ArrowDown');
    const second = await activeOption(page);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    await page.keyboard.press('ArrowUp');
    expect(await activeOption(page)).toBe(first);
    await page.keyboard.press('Escape');
    await gone(page.getByRole('combobox', { name: 'Search quick responses' }));
    expect(await focusedName(page)).toBe('Quick responses');
    expect(await bolt.getAttribute('aria-expanded')).toBe('false');
  });

  it('makes the composer a combobox for "/" (expanded, with its active option)', async () => {
    const page = await pageOf('ama');
    const composer = page.getByRole('combobox', { name: 'Message to Yaw Asante' });
    expect(await composer.getAttribute('aria-expanded')).toBe('false');
    await composer.fill('/');
    await visible(page.getByRole('listbox', { name: 'Quick responses' }));
    expect(await composer.getAttribute('aria-expanded')).toBe('true');
    const listId = await composer.getAttribute('aria-controls');
    expect(await page.locator(`[id="${listId}"]`).getAttribute('role')).toBe('listbox');
    const first = await activeOption(page);
    await composer.press('ArrowDown');
    expect(await activeOption(page)).not.toBe(first);
    await composer.press('Escape');
    await until(async () => expect(await composer.getAttribute('aria-expanded')).toBe('false'));
    expect(await composer.getAttribute('aria-activedescendant')).toBeNull();
    await composer.fill('');
  });

  it("draws whole focus rings in the console's lists and tabs", async () => {
    const page = await pageOf('ama');
    // A page without axe in it: once injected, axe changes how Chromium reports outlines.
    await page.reload();
    await showLists(page);
    const clipped: string[] = [];
    for (const tab of ['Active', 'Waiting', 'History']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      clipped.push(...(await clippedRings(page, '[role="tab"]')));
      clipped.push(...(await clippedRings(page, '.console__list button')));
    }
    expect(clipped).toEqual([]);
  });

  it('names the list tabs by what they show', async () => {
    const page = await pageOf('ama');
    // Each tab's name is its text on screen, count included ("Waiting 2").
    const tabs: [string, string | null][] = await page.evaluate(`
      [...document.querySelectorAll('.tabs__tab')].map((tab) => [tab.textContent, tab.getAttribute('aria-label')])
    `);
    expect(tabs).toEqual([
      [expect.stringMatching(/^Active \d+$/), null],
      [expect.stringMatching(/^Waiting \d+$/), null],
      [expect.stringMatching(/^History \d+$/), null],
    ]);
    expect(await page.locator('.tabs').ariaSnapshot()).toMatch(
      /tab "Active \d+"[^]*tab "Waiting \d+"[^]*tab "History \d+"/,
    );
  });
}

function tables(pageOf: (who: Who) => Promise<SignedInPage>) {
  it('gives the scrolling tables a name and a tab stop, and the role select room for its value', async () => {
    const page = await pageOf('admin');
    await page.goto('/admin/accounts');
    const frame = page.getByRole('region', { name: 'Accounts' });
    await visible(frame);
    expect(await frame.getAttribute('tabindex')).toBe('0');
    const select = page.getByRole('combobox', { name: 'Role of Yaw Asante' });
    await visible(select);
    // The selected option's text fits between the select's paddings.
    const fits = await page.evaluate(`(() => {
      const select = document.querySelector('[aria-label="Role of Yaw Asante"]');
      const style = getComputedStyle(select);
      const context = document.createElement('canvas').getContext('2d');
      context.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
      const text = context.measureText(select.selectedOptions[0].text).width;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return room >= text;
    })()`);
    expect(fits).toBe(true);
  });
}
