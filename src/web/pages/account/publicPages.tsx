// The pages anyone may open, signed in or not: those a mailed link or the sign-in page leads to.
import type { ComponentChildren } from 'preact';
import { ForgotPasswordPage } from './ForgotPasswordPage.js';
import { ResetPasswordPage } from './ResetPasswordPage.js';
import { SignUpPage } from './SignUpPage.js';
import { TicketSurveyPage } from './TicketSurveyPage.js';
import { VerifyEmailPage } from './VerifyEmailPage.js';

export interface PublicPage {
  title: string;
  render: (query: URLSearchParams) => ComponentChildren;
}

export const PUBLIC_PAGES: Readonly<Record<string, PublicPage>> = {
  '/forgot-password': { title: 'Forgot password', render: () => <ForgotPasswordPage /> },
  '/sign-up': { title: 'Create an account', render: () => <SignUpPage /> },
  '/reset-password': {
    title: 'New password',
    render: (query) => <ResetPasswordPage token={query.get('token')} />,
  },
  '/verify-email': {
    title: 'Confirm your address',
    render: (query) => <VerifyEmailPage token={query.get('token')} />,
  },
  '/ticket-survey': {
    title: 'Rate our help',
    render: (query) => <TicketSurveyPage token={query.get('token')} />,
  },
};
