// The centred card of the pages shown before anyone is signed in (sign-in, server unreachable):
// the logo, a title and a subtitle above the page's own content.
import type { ComponentChildren } from 'preact';
import { Logo } from './Icon.js';

export function SignInCard(props: {
  title: string;
  subtitle: string;
  children: ComponentChildren;
}) {
  return (
    <div class="login">
      <main class="login__card" id="main">
        <div class="login__brand">
          <Logo size={40} />
          <div>
            <h1 class="login__title">{props.title}</h1>
            <p class="login__subtitle">{props.subtitle}</p>
          </div>
        </div>
        {props.children}
      </main>
    </div>
  );
}
